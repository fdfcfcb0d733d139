package oss.runtime.kernel.sched;

/**
 * First come, first served: the baseline every textbook starts from, whose
 * convoy effect (short jobs stuck behind a long one) motivates all the others.
 * A task keeps the CPU until it blocks or exits.
 */
public final class FifoScheduler implements Scheduler {
    private final SeqQueue queue = new SeqQueue();

    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public void enqueue(SchedEntity se, Wake why, long now) {
        queue.add(se);
    }

    @Override
    public SchedEntity pickNext(int cpu, long now) {
        return queue.pollFirst();
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
    public void detach(SchedEntity se, long now) {
        queue.remove(se);
    }

    @Override
    public int queued() {
        return queue.size();
    }
}
