package oss.runtime.kernel.sched;

/**
 * Shortest job first, non-preemptive: optimal average waiting time when all
 * jobs are known up front, which is why it needs the burst oracle
 * ({@link SchedEntity#remainingBurst()}). Once dispatched a task runs its
 * burst out, so a late short arrival still waits — the gap STCF closes.
 */
public final class SjfScheduler extends QueueScheduler {
    @Override
    public String name() {
        return "sjf";
    }

    @Override
    public SchedEntity pickNext(int cpu, long now) {
        return queue.pollMin(SchedEntity::remainingBurst);
    }
}
