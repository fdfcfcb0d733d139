package oss.runtime.kernel.sched;

/**
 * Shortest job first, non-preemptive: optimal average waiting time when all
 * jobs are known up front, which is why it needs the burst oracle
 * ({@link SchedEntity#remainingBurst()}). Once dispatched a task runs its
 * burst out, so a late short arrival still waits — the gap STCF closes.
 */
public final class SjfScheduler implements Scheduler {
    private final SeqQueue queue = new SeqQueue();

    @Override
    public String name() {
        return "sjf";
    }

    @Override
    public void enqueue(SchedEntity se, Wake why, long now) {
        queue.add(se);
    }

    @Override
    public SchedEntity pickNext(int cpu, long now) {
        return queue.pollMin(SchedEntity::remainingBurst);
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
