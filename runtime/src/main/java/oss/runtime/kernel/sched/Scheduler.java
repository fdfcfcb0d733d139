package oss.runtime.kernel.sched;

/**
 * One scheduling policy, one class each (FIFO, SJF, STCF, RR, MLFQ, lottery,
 * CFS, and the real-time class). The engine owns time and CPUs; a policy
 * only orders runnable entities. All run queues are global (one queue shared
 * by every CPU), which is what the textbook exercises assume.
 *
 * <p>Call order, per entity: {@link #attach} once when it is created; then
 * any number of cycles of {@link #enqueue} → {@link #pickNext} (which removes
 * it from the queue) → while running, {@link #account} for the CPU time it
 * used, each time before {@link #shouldPreempt}, {@link #shouldYield} or a
 * deschedule → back to {@link #enqueue} (PREEMPTED or, after blocking,
 * WAKEUP, after {@link #block}); {@link #detach} once when it exits. {@link #periodic} is called
 * at the times {@link #nextPeriodic} asks for.
 *
 * <p>Policies must be deterministic: ties go to the lower {@link SchedEntity#queueSeq}.
 */
public interface Scheduler {

    String name();

    default void attach(SchedEntity se, long now) {}

    default void detach(SchedEntity se, long now) {}

    /**
     * The running {@code se} went to sleep (blocked) and left its CPU without
     * being enqueued; it comes back later through {@link #enqueue} with WAKEUP.
     */
    default void block(SchedEntity se, long now) {}

    /** Makes {@code se} runnable. */
    void enqueue(SchedEntity se, Wake why, long now);

    /** Removes and returns the entity that should run next on {@code cpu}; null when the queue is empty. */
    SchedEntity pickNext(int cpu, long now);

    /**
     * Removes the queued {@code se} and hands it out as if {@link #pickNext}
     * had chosen it (a replayed schedule decides who runs); false when it is
     * not queued here.
     */
    boolean take(SchedEntity se, int cpu, long now);

    /**
     * How long {@code se}, just picked, may run before the engine must ask
     * {@link #shouldYield}: Long.MAX_VALUE for "until it blocks".
     */
    long timeSlice(SchedEntity se, long now);

    /** Charges {@code ranNs} of CPU time to the running {@code se}. */
    void account(SchedEntity se, long ranNs, long now);

    /** A newly runnable {@code woken} arrived: should it take the CPU from running {@code curr}? */
    boolean shouldPreempt(SchedEntity woken, SchedEntity curr, long now);

    /** {@code curr}'s slice is over: should it go back to the queue (true) or keep running with a new slice? */
    boolean shouldYield(SchedEntity curr, long now);

    /** Next time this policy needs {@link #periodic} (MLFQ boost), or Long.MAX_VALUE. */
    default long nextPeriodic(long now) {
        return Long.MAX_VALUE;
    }

    default void periodic(long now) {}

    /** Number of queued (runnable, not running) entities. */
    int queued();
}
