package oss.runtime.kernel.sched;

/**
 * Round robin: FIFO with a quantum, trading turnaround for response time.
 * A wake-up never preempts; the newcomer just joins the tail and gets its
 * turn within one round.
 */
public final class RoundRobinScheduler implements Scheduler {
    private final long quantumNs;
    private final SeqQueue queue = new SeqQueue();

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
    public void enqueue(SchedEntity se, Wake why, long now) {
        queue.add(se);
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
    public void account(SchedEntity se, long ranNs, long now) {}

    @Override
    public boolean shouldPreempt(SchedEntity woken, SchedEntity curr, long now) {
        return false;
    }

    @Override
    public boolean shouldYield(SchedEntity curr, long now) {
        return true;
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
