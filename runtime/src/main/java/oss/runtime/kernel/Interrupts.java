package oss.runtime.kernel;

import oss.ir.program.Op;

/**
 * How a signal ends a sleep, for every subsystem alike (docs/architecture.md, "Interrupted
 * sleeps"). Linux's sleepers take themselves off their wait queue when signal_wake_up() makes them
 * runnable (finish_wait); here the subsystem that owns the queue registers, per kind of
 * {@link Task.Blocker}, how to take a task off it and what the call returns when it fails with
 * EINTR. A kind with no registration needs neither (its sleepers are found by their blocker, as
 * a waiting parent is).
 */
public final class Interrupts {
    /** One kind of wait queue, as its subsystem knows it. */
    public interface WaitQueue {
        /** Takes {@code t}, asleep on object {@code index}, off the queue: it will not be woken from there. */
        void dequeue(Task t, int index);

        /**
         * The interrupted call {@code op} (still {@code t}'s current statement) fails with -1 EINTR:
         * store the result if the statement keeps one and step past it (a partly done write returns
         * the bytes it wrote instead). The default steps past.
         */
        default void eintr(Task t, Op op) {
            t.next();
        }
    }

    private final WaitQueue[] queues = new WaitQueue[Task.Blocker.values().length];

    /** {@code kind}'s sleepers are taken off their queue by {@code queue}. */
    public void register(Task.Blocker kind, WaitQueue queue) {
        queues[kind.ordinal()] = queue;
    }

    /** The queue registered for {@code kind}, or null. */
    public WaitQueue of(Task.Blocker kind) {
        return queues[kind.ordinal()];
    }
}
