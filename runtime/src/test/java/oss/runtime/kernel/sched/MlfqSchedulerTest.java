package oss.runtime.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.sched.SchedHarness.job;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.runtime.kernel.sched.SchedHarness.Segment;
import oss.ir.program.SchedPolicy;

/** OSTEP chapter 8's rules, with quanta 10, 20, 40 (levels 0, 1, 2). */
class MlfqSchedulerTest {
    private static final List<Long> QUANTA = List.of(10L, 20L, 40L);

    @Test
    void longJobSinksShortJobPreemptsBoostLifts() {
        // A 200 at 0, alone: level 0 for 10 (0-10), level 1 for 20 (10-30), then level 2 (the last) for good.
        // At 70 A used a whole level-2 quantum (30-70): stays at level 2, allotment restarts.
        // B 5 arrives at 80 at level 0 < 2: preempts A (A charged 70-80: 10 of 40 used). B 80-85.
        // A resumes at 85 with 30 left at level 2. Boost at 100: A to level 0 with a fresh allotment,
        // its 85-100 is not held against it; at 110 it has used level 0's 10 and goes to level 1.
        // A needs 200: 80 before B, 120 after from 85 -> done at 205.
        var h = new SchedHarness(new MlfqScheduler(QUANTA, 100), job("A", 0, 200), job("B", 80, 5));
        h.runUntil(10);
        assertEquals(1, h.entity("A").level);
        h.runUntil(30);
        assertEquals(2, h.entity("A").level);
        h.runUntil(70);
        assertEquals(2, h.entity("A").level);
        assertEquals(0, h.entity("A").usedAtLevel);
        h.runUntil(80);
        assertEquals("B", h.running());
        assertEquals(0, h.entity("B").level);
        assertEquals(2, h.entity("A").level);
        assertEquals(10, h.entity("A").usedAtLevel);
        assertTrue(h.entity("A").queued);
        h.runUntil(85);
        assertEquals("A", h.running());
        h.runUntil(100);
        assertEquals(0, h.entity("A").level);
        assertEquals(0, h.entity("A").usedAtLevel);
        h.runUntil(105);
        assertEquals(0, h.entity("A").level);
        h.runUntil(110);
        assertEquals(1, h.entity("A").level);
        h.run();
        assertEquals(List.of(new Segment("A", 0, 80), new Segment("B", 80, 85), new Segment("A", 85, 205)),
                h.gantt());
    }

    @Test
    void allotmentCountsAcrossSleeps() {
        // C: compute 6, sleep 10, compute 6, sleep 10, compute 30; alone, no boost.
        // 0-6 at level 0 (used 6), sleeps; wakes at 16 still level 0 with 4 left: slice 16-20,
        // at 20 it has used 10 -> level 1 (had the allotment restarted on wake-up it would stay at 0).
        // Burst ends at 22: level 1, used 2. Wakes at 32 with 18 left: at 50 -> level 2. Done at 62.
        var h = new SchedHarness(new MlfqScheduler(QUANTA, 0), job("C", 0, 6, 10, 6, 10, 30));
        h.runUntil(6);
        assertEquals(0, h.entity("C").level);
        assertEquals(6, h.entity("C").usedAtLevel);
        h.runUntil(21);
        assertEquals(1, h.entity("C").level);
        h.runUntil(22);
        assertEquals(1, h.entity("C").level);
        assertEquals(2, h.entity("C").usedAtLevel);
        h.runUntil(49);
        assertEquals(1, h.entity("C").level);
        h.runUntil(50);
        assertEquals(2, h.entity("C").level);
        h.run();
        assertEquals(62, h.finish("C"));
    }

    @Test
    void roundRobinWithinALevel() {
        // X 15 and Y 15 at 0: X 0-10 -> level 1, Y 10-20 -> level 1, then RR at level 1: X 20-25 done, Y 25-30.
        var h = new SchedHarness(new MlfqScheduler(QUANTA, 0), job("X", 0, 15), job("Y", 0, 15)).run();
        assertEquals(List.of(new Segment("X", 0, 10), new Segment("Y", 10, 20), new Segment("X", 20, 25),
                new Segment("Y", 25, 30)), h.gantt());
    }

    @Test
    void boostKeepsQueueOrder() {
        MlfqScheduler s = new MlfqScheduler(QUANTA, 100);
        SchedEntity x = entity(2);
        SchedEntity y = entity(3);
        SchedEntity z = entity(4);
        s.attach(x, 0);
        s.attach(y, 0);
        s.attach(z, 0);
        enqueue(s, x, 1, Wake.NEW);
        enqueue(s, y, 2, Wake.NEW);
        assertEquals(x, s.pickNext(0, 0));
        s.account(x, 10, 10); // used its level-0 allotment -> level 1
        enqueue(s, x, 3, Wake.PREEMPTED);
        assertEquals(y, s.pickNext(0, 10));
        s.account(y, 10, 20);
        enqueue(s, y, 4, Wake.PREEMPTED);
        enqueue(s, z, 5, Wake.NEW);
        assertEquals(1, x.level);
        assertEquals(1, y.level);
        // Without the boost z (level 0) would come first; after it all are at level 0, in queueSeq order.
        s.periodic(100);
        assertEquals(3, s.queued());
        assertEquals(x, s.pickNext(0, 100));
        assertEquals(y, s.pickNext(0, 100));
        assertEquals(z, s.pickNext(0, 100));
        assertEquals(0, x.level);
        assertEquals(0, y.level);
    }

    @Test
    void boostPeriodIsTheNextMultiple() {
        MlfqScheduler s = new MlfqScheduler(QUANTA, 100);
        assertEquals(100, s.nextPeriodic(0));
        assertEquals(200, s.nextPeriodic(100));
        assertEquals(200, s.nextPeriodic(150));
        assertEquals(Long.MAX_VALUE, new MlfqScheduler(QUANTA, 0).nextPeriodic(0));
    }

    private static SchedEntity entity(int pid) {
        return new SchedEntity(pid, "t" + pid, 0, SchedPolicy.NORMAL, 0, 100, () -> 100);
    }

    private static void enqueue(Scheduler s, SchedEntity se, long seq, Wake why) {
        se.queueSeq = seq;
        s.enqueue(se, why, 0);
    }
}
