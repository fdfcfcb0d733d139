package oss.runtime.kernel.sched;

/**
 * First come, first served: the baseline every textbook starts from, whose
 * convoy effect (short jobs stuck behind a long one) motivates all the others.
 * A task keeps the CPU until it blocks or exits.
 */
public final class FifoScheduler extends QueueScheduler {
    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public SchedEntity pickNext(int cpu, long now) {
        return queue.pollFirst();
    }
}
