package oss.runtime.kernel.sched;

/**
 * Round robin: FIFO with a quantum, trading turnaround for response time.
 * A wake-up never preempts; the newcomer just joins the tail and gets its
 * turn within one round.
 */
public final class RoundRobinScheduler extends QueueScheduler {
    private final long quantumNs;

    public RoundRobinScheduler(long quantumNs) {
        if (quantumNs <= 0) {
            throw new IllegalArgumentException("quantum must be positive: " + quantumNs);
        }
        this.quantumNs = quantumNs;
    }

    @Override
    public String name() {
        return "rr";
    }

    @Override
    public SchedEntity pickNext(int cpu, long now) {
        return queue.pollFirst();
    }

    @Override
    public long timeSlice(SchedEntity se, long now) {
        return quantumNs;
    }

    @Override
    public boolean shouldYield(SchedEntity curr, long now) {
        return true;
    }
}
