package oss.runtime.kernel.sched;

/**
 * Shortest time to completion first (SRTF): SJF that also reconsiders on every
 * arrival, so a short job never waits behind a long one already running.
 * Only a strictly shorter newcomer preempts; on a tie the running task keeps
 * the CPU, which avoids a pointless context switch.
 */
public final class StcfScheduler extends QueueScheduler {
    @Override
    public String name() {
        return "stcf";
    }

    @Override
    public SchedEntity pickNext(int cpu, long now) {
        return queue.pollMin(SchedEntity::remainingBurst);
    }

    @Override
    public boolean shouldPreempt(SchedEntity woken, SchedEntity curr, long now) {
        return woken.remainingBurst() < curr.remainingBurst();
    }
}
