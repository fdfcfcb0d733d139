package oss.runtime.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.sched.SchedHarness.job;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import oss.ir.program.SchedPolicy;

class LotterySchedulerTest {

    private static SchedEntity entity(int pid, int tickets) {
        return new SchedEntity(pid, "t" + pid, 0, SchedPolicy.NORMAL, 0, tickets, () -> 0);
    }

    private static SchedHarness gamblers(long seed) {
        return new SchedHarness(new LotteryScheduler(5, new SplittableRandom(seed)),
                job("A", 0, 50).tickets(100), job("B", 0, 50).tickets(200), job("C", 0, 50).tickets(300)).run();
    }

    @Test
    void sameSeedSameSchedule() {
        var first = gamblers(42);
        var second = gamblers(42);
        assertEquals(first.gantt(), second.gantt());
        assertEquals(first.picks(), second.picks());
        // 150 units of work, never idle, quantum 5: the last one ends at 150.
        assertEquals(150, Math.max(first.finish("A"), Math.max(first.finish("B"), first.finish("C"))));
    }

    @Test
    void drawWalksTicketsInQueueOrder() {
        // Queue A (100), B (300), C (50): A wins 0..99, B 100..399, C 400..449.
        long[][] drawAndWinner = {{0, 2}, {99, 2}, {100, 3}, {399, 3}, {400, 4}, {449, 4}};
        for (long[] dw : drawAndWinner) {
            LotteryScheduler s = new LotteryScheduler(10, fixed(dw[0], 450));
            SchedEntity[] es = {entity(2, 100), entity(3, 300), entity(4, 50)};
            for (int i = 0; i < es.length; i++) {
                es[i].queueSeq = i + 1;
                s.enqueue(es[i], Wake.NEW, 0);
            }
            assertEquals(dw[1], s.pickNext(0, 0).pid, "draw " + dw[0]);
            assertEquals(2, s.queued());
        }
    }

    @Test
    void sharesAreProportionalToTickets() {
        // 300 vs 100 tickets: each pick goes to the rich task with p = 3/4. Over n = 40 000 picks its count
        // is binomial with mean 30 000 and sd sqrt(n p (1-p)) = sqrt(7500) = 86.6; 5 sd = 433 leaves a
        // wrong walk (e.g. uniform: 20 000, or inverted: 10 000) far outside, and a correct one inside
        // with overwhelming probability whatever the seed. 29 567..30 433 is a ratio 2.83..3.18.
        LotteryScheduler s = new LotteryScheduler(10, new SplittableRandom(7));
        SchedEntity rich = entity(2, 300);
        SchedEntity poor = entity(3, 100);
        long seq = 0;
        rich.queueSeq = ++seq;
        s.enqueue(rich, Wake.NEW, 0);
        poor.queueSeq = ++seq;
        s.enqueue(poor, Wake.NEW, 0);
        int n = 40_000;
        int richPicks = 0;
        for (int i = 0; i < n; i++) {
            SchedEntity won = s.pickNext(0, i);
            if (won == rich) {
                richPicks++;
            }
            won.queueSeq = ++seq;
            s.enqueue(won, Wake.PREEMPTED, i);
        }
        assertTrue(Math.abs(richPicks - 30_000) <= 433, "rich task won " + richPicks + " of " + n);
    }

    /** A generator whose bounded draw is always {@code value}, checking the bound is the ticket total. */
    private static RandomGenerator fixed(long value, long expectedBound) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("use the bounded draw");
            }

            @Override
            public long nextLong(long bound) {
                assertEquals(expectedBound, bound);
                return value;
            }
        };
    }
}
