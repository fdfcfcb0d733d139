package oss.runtime.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.sched.SchedHarness.job;

import org.junit.jupiter.api.Test;
import oss.ir.program.SchedPolicy;

class CfsSchedulerTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    private static CfsScheduler cfs() {
        return new CfsScheduler(20 * MS, 1 * MS, 1 * MS);
    }

    private static SchedEntity entity(int pid, int nice) {
        return new SchedEntity(pid, "t" + pid, nice, SchedPolicy.NORMAL, 0, 100, () -> 0);
    }

    @Test
    void sharesFollowTheNiceWeights() {
        // Nice 0 weighs 1024, nice 5 weighs 335: while both run, nice 0 gets 1024/1359 of the CPU
        // (slices 20 ms x 1024/1359 = 15.07 ms and 20 ms x 335/1359 = 4.93 ms, equal vruntime per period).
        // Its 1 s of work then takes 1 s x 1359/1024 = 1.3271 s; rounding to slice boundaries can move
        // that by at most a slice or so, hence 1.320..1.335 s. The CPU is never idle: the other ends at 2 s.
        var h = new SchedHarness(cfs(), job("nice0", 0, S), job("nice5", 0, S).nice(5)).run();
        long f0 = h.finish("nice0");
        assertTrue(f0 >= 1_320 * MS && f0 <= 1_335 * MS, "nice 0 finished at " + f0);
        assertEquals(2 * S, h.finish("nice5"));
    }

    @Test
    void equalWeightsAlternateBySlices() {
        // Two nice-0 tasks, 30 ms each: period 20 ms, slice 20 x 1024/2048 = 10 ms each.
        // A 0-10 (vr 10), B 10-20 (vr 10, tie: A queued earlier), A 20-30, B 30-40, A 40-50, B 50-60.
        var h = new SchedHarness(cfs(), job("A", 0, 30 * MS), job("B", 0, 30 * MS)).run();
        assertEquals(java.util.List.of("A", "B", "A", "B", "A", "B"), h.picks());
        assertEquals(50 * MS, h.finish("A"));
        assertEquals(60 * MS, h.finish("B"));
    }

    @Test
    void newTaskStartsAtMinVruntime() {
        // A alone from 0: slice 20 ms; at 20 it is accounted (vr 20 ms), nothing queued, a fresh slice.
        // B arrives at 30: it is placed first, when min_vruntime = A's 20 ms (A's 20-30 not yet accounted).
        // Then A is accounted to 30 ms; 30 - 20 = 10 ms > 1 ms wakeup granularity: B preempts.
        var h = new SchedHarness(cfs(), job("A", 0, 100 * MS), job("B", 30 * MS, 10 * MS)).runUntil(30 * MS);
        assertEquals(20 * MS, h.entity("B").vruntime);
        assertEquals(30 * MS, h.entity("A").vruntime);
        assertEquals("B", h.running());
    }

    @Test
    void sleeperIsPlacedHalfALatencyBehind() {
        // A 1 s, B computes 1 ms, sleeps 95 ms, computes 1 ms; both at 0, nice 0.
        // A 0-10 (slice 20 x 1/2), B 10-11 then sleeps with vr 1 ms; A alone from 11 with 20 ms slices,
        // accounted at 31, 51, 71, 91 -> vr 10 + 80 = 90 ms = min_vruntime.
        // B wakes at 106: max(1 ms, 90 - 20/2) = 80 ms. A, accounted to 105 ms, is 25 ms ahead: B preempts.
        var h = new SchedHarness(cfs(), job("A", 0, S), job("B", 0, 1 * MS, 95 * MS, 1 * MS)).runUntil(106 * MS);
        assertEquals(80 * MS, h.entity("B").vruntime);
        assertEquals("B", h.running());
    }

    @Test
    void wakeupGranularityIsScaledByTheWakersWeight() {
        CfsScheduler s = cfs();
        SchedEntity curr = entity(2, 0);
        SchedEntity woken = entity(3, 0);
        // nice 0 woken: threshold 1 ms x 1024/1024 = 1 ms, strictly more needed.
        curr.vruntime = 1 * MS;
        assertFalse(s.shouldPreempt(woken, curr, 0));
        curr.vruntime = 1 * MS + 1;
        assertTrue(s.shouldPreempt(woken, curr, 0));
        // nice 5 woken (335): threshold 1 ms x 1024/335 = 3_056_716 ns.
        SchedEntity light = entity(4, 5);
        curr.vruntime = 3_056_716;
        assertFalse(s.shouldPreempt(light, curr, 0));
        curr.vruntime = 3_056_717;
        assertTrue(s.shouldPreempt(light, curr, 0));
    }

    @Test
    void noTimeIsLostToRounding() {
        // 335 charges of 1 ns to a nice-5 task: 335 x 1024 / 335 = exactly 1024 ns of vruntime,
        // although each single charge (1024/335 = 3.06) would round to 3.
        CfsScheduler s = cfs();
        SchedEntity se = entity(2, 5);
        s.enqueue(se, Wake.NEW, 0);
        assertEquals(se, s.pickNext(0, 0));
        for (int i = 0; i < 335; i++) {
            s.account(se, 1, i + 1);
        }
        assertEquals(1024, se.vruntime);
    }

    @Test
    void periodStretchesPastLatencyOverMinGranularity() {
        // 25 nice-0 tasks > 20 ms / 1 ms: period 25 x 1 ms, slice 25 ms x 1024 / 25600 = 1 ms.
        // With 10 tasks: period 20 ms, slice 2 ms.
        CfsScheduler s = cfs();
        for (int i = 0; i < 25; i++) {
            SchedEntity se = entity(2 + i, 0);
            se.queueSeq = i;
            s.enqueue(se, Wake.NEW, 0);
        }
        SchedEntity first = s.pickNext(0, 0);
        assertEquals(1 * MS, s.timeSlice(first, 0));

        CfsScheduler t = cfs();
        for (int i = 0; i < 10; i++) {
            SchedEntity se = entity(2 + i, 0);
            se.queueSeq = i;
            t.enqueue(se, Wake.NEW, 0);
        }
        assertEquals(2 * MS, t.timeSlice(t.pickNext(0, 0), 0));
    }
}
