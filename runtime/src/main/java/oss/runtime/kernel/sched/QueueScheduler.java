package oss.runtime.kernel.sched;

/**
 * The part every single-queue policy shares: entities wait in a
 * {@link SeqQueue} in the order they became runnable, and by default a task
 * keeps the CPU until it blocks (no slice, no preemption). FIFO, SJF, STCF,
 * RR and lottery differ only in which entity they pick and in the few
 * decisions they override.
 */
abstract class QueueScheduler implements Scheduler {
    protected final SeqQueue queue = new SeqQueue();

    @Override
    public void enqueue(SchedEntity se, Wake why, long now) {
        queue.add(se);
    }

    @Override
    public long timeSlice(SchedEntity se, long now) {
        return Long.MAX_VALUE;
    }

    @Override
    public void account(SchedEntity se, long ranNs, long now) {}

    @Override
    public boolean shouldPreempt(SchedEntity woken, SchedEntity curr, long now) {
        return false;
    }

    @Override
    public boolean shouldYield(SchedEntity curr, long now) {
        return false;
    }

    @Override
    public boolean take(SchedEntity se, int cpu, long now) {
        return queue.remove(se) != null;
    }

    @Override
    public void detach(SchedEntity se, long now) {
        queue.remove(se);
    }

    @Override
    public int queued() {
        return queue.size();
    }
}
