package oss.runtime.kernel.sched;

import java.util.random.RandomGenerator;

/**
 * Lottery scheduling (Waldspurger): each pick is a draw weighted by tickets,
 * so shares are proportional in expectation without any per-task history.
 * The walk goes over the queue in queueSeq order and draws from the run's
 * seeded generator, so the same seed replays the same schedule.
 */
public final class LotteryScheduler extends QueueScheduler {
    private final long quantumNs;
    private final RandomGenerator rng;

    public LotteryScheduler(long quantumNs, RandomGenerator rng) {
        if (quantumNs <= 0) {
            throw new IllegalArgumentException("quantum must be positive: " + quantumNs);
        }
        this.quantumNs = quantumNs;
        this.rng = rng;
    }

    @Override
    public String name() {
        return "lottery";
    }

    @Override
    public SchedEntity pickNext(int cpu, long now) {
        long total = 0;
        for (SchedEntity se : queue) {
            total += tickets(se);
        }
        if (total == 0) {
            // Nobody holds a ticket (or the queue is empty): fall back to FIFO rather than starve everyone.
            return queue.pollFirst();
        }
        long winner = rng.nextLong(total);
        long counter = 0;
        for (SchedEntity se : queue) {
            counter += tickets(se);
            if (winner < counter) {
                return queue.remove(se);
            }
        }
        throw new IllegalStateException("draw " + winner + " beyond " + total + " tickets");
    }

    private static long tickets(SchedEntity se) {
        return Math.max(0, se.tickets);
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
