package oss.runtime.kernel.locking;

import oss.ir.program.Span;

/**
 * A ticket spinlock. Waiters do not sleep: they keep their CPU, busy-waiting,
 * and get the lock in the order they asked for it (their tickets). Unlock
 * hands it to the next ticket holder even when that task is not running at
 * that moment (it owns the lock while preempted: lock-holder preemption).
 */
public final class SpinLock {
    public final String name;
    /** pid of the holder, 0 when free. */
    public int owner;
    public Span lockedAt = Span.NONE;
    public long lockedSince;
    /** Spinners, oldest ticket first. */
    public final WaitQueue tickets = new WaitQueue();

    public SpinLock(String name) {
        this.name = name;
    }
}
