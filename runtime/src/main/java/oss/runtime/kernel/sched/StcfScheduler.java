package oss.runtime.kernel.sched;

/**
 * Shortest time to completion first (SRTF): SJF that also reconsiders on every
 * arrival, so a short job never waits behind a long one already running.
 * Only a strictly shorter newcomer preempts; on a tie the running task keeps
 * the CPU, which avoids a pointless context switch.
 */
public final class StcfScheduler implements Scheduler {
    private final SeqQueue queue = new SeqQueue();

    @Override
    public String name() {
        return "stcf";
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
        return woken.remainingBurst() < curr.remainingBurst();
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
