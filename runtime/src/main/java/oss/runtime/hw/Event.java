package oss.runtime.hw;

/**
 * One scheduled happening, as handed out by {@link EventQueue#poll(Event)}.
 * Events at the same instant run in the order of their {@link Priority},
 * then in the order they were scheduled, so a run never depends on heap
 * order or on the host.
 */
public final class Event {

    /**
     * What goes first within one instant. A burst that completes exactly when
     * its slice ends is a completion, not a preemption; arrivals and wake-ups
     * are queued before a task whose slice ends goes back to the queue (the
     * engine's scheduling pass runs after every event of the instant anyway).
     */
    public enum Priority { COMPLETION, SWITCH_DONE, WAKE, PERIODIC, SLICE_END }

    public enum Kind {
        /** A declared process arrives ({@code task}). */
        ARRIVAL(Priority.WAKE),
        /** The compute burst running on {@code cpu} is done. */
        BURST_END(Priority.COMPLETION),
        /** The context switch on {@code cpu} is over; its task starts. */
        SWITCH_DONE(Priority.SWITCH_DONE),
        /** A sleep or an I/O of {@code task} is over. */
        TIMER(Priority.WAKE),
        /** The alarm of task {@code task} rings (SIGALRM), unless its generation is stale. */
        ALARM(Priority.WAKE),
        /** Delivery {@code generation} of device {@code target} is readable (kernel.io). */
        DEVICE(Priority.WAKE),
        /** The timeout of task {@code target}'s select, poll or epoll_wait ends, unless {@code generation} is stale. */
        IO_TIMEOUT(Priority.WAKE),
        /** The scheduler's periodic work (MLFQ boost). */
        PERIODIC(Priority.PERIODIC),
        /** The time slice of the task on {@code cpu} is over. */
        SLICE_END(Priority.SLICE_END);

        public final Priority priority;

        Kind(Priority priority) {
            this.priority = priority;
        }
    }

    public long time;
    public Kind kind;
    public long seq;
    /** The CPU or the pid, by kind. */
    public int target;
    /**
     * The CPU's dispatch generation when scheduled: an event for a task that
     * has since left the CPU is stale and ignored, which is cheaper than
     * removing it from the heap.
     */
    public long generation;

    /** A holder that {@link EventQueue#poll(Event)} fills; the queue itself stores no objects. */
    public Event() {}

    @Override
    public String toString() {
        return time + " " + kind + " " + target;
    }
}
