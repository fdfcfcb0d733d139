package oss.runtime.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.sched.SchedHarness.job;
import static oss.ir.program.SchedPolicy.FIFO;
import static oss.ir.program.SchedPolicy.RR;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.runtime.kernel.sched.SchedHarness.Segment;
import oss.ir.program.SchedPolicy;

class RealTimeSchedulerTest {
    private static final long MS = 1_000_000L;

    private static Segment seg(String name, long startMs, long endMs) {
        return new Segment(name, startMs * MS, endMs * MS);
    }

    @Test
    void higherPriorityFirst() {
        // Three SCHED_FIFO tasks of 5 ms at 0 with priorities 10, 50, 30: 50 0-5, 30 5-10, 10 10-15.
        var h = new SchedHarness(new RealTimeScheduler(),
                job("p10", 0, 5 * MS).rt(FIFO, 10), job("p50", 0, 5 * MS).rt(FIFO, 50),
                job("p30", 0, 5 * MS).rt(FIFO, 30)).run();
        assertEquals(List.of(seg("p50", 0, 5), seg("p30", 5, 10), seg("p10", 10, 15)), h.gantt());
    }

    @Test
    void roundRobinRotatesWithinAPriority() {
        // A and B SCHED_RR priority 10, 250 ms each; C SCHED_RR priority 5, 10 ms; all at 0.
        // 100 ms slices: A 0-100, B 100-200, A 200-300, B 300-400, A 400-450, B 450-500; C only then.
        var h = new SchedHarness(new RealTimeScheduler(), job("A", 0, 250 * MS).rt(RR, 10),
                job("B", 0, 250 * MS).rt(RR, 10), job("C", 0, 10 * MS).rt(RR, 5)).run();
        assertEquals(List.of(seg("A", 0, 100), seg("B", 100, 200), seg("A", 200, 300), seg("B", 300, 400),
                seg("A", 400, 450), seg("B", 450, 500), seg("C", 500, 510)), h.gantt());
    }

    @Test
    void preemptedFifoTaskResumesFirst() {
        // L1 and L2 SCHED_FIFO 10, 50 ms at 0; H SCHED_FIFO 20, 10 ms at 20.
        // L1 0-20, H 20-30, then L1 goes back to the front of priority 10: L1 30-60, L2 60-110.
        // (At the back, L2 would run at 30.)
        var h = new SchedHarness(new RealTimeScheduler(), job("L1", 0, 50 * MS).rt(FIFO, 10),
                job("L2", 0, 50 * MS).rt(FIFO, 10), job("H", 20 * MS, 10 * MS).rt(FIFO, 20)).run();
        assertEquals(List.of(seg("L1", 0, 20), seg("H", 20, 30), seg("L1", 30, 60), seg("L2", 60, 110)),
                h.gantt());
    }

    @Test
    void preemptedRoundRobinTaskKeepsItsPlaceAndTheRestOfItsSlice() {
        // A and B SCHED_RR 10, 150 ms at 0; H SCHED_FIFO 20, 10 ms at 30.
        // A 0-30, H 30-40; A back at the front with 70 ms of its slice left: 40-110; B 110-210 (full slice);
        // A 210-260 (its last 50), B 260-310.
        var h = new SchedHarness(new RealTimeScheduler(), job("A", 0, 150 * MS).rt(RR, 10),
                job("B", 0, 150 * MS).rt(RR, 10), job("H", 30 * MS, 10 * MS).rt(FIFO, 20)).run();
        assertEquals(List.of(seg("A", 0, 30), seg("H", 30, 40), seg("A", 40, 110), seg("B", 110, 210),
                seg("A", 210, 260), seg("B", 260, 310)), h.gantt());
    }

    @Test
    void equalPriorityNeverPreempts() {
        RealTimeScheduler s = new RealTimeScheduler();
        SchedEntity a = new SchedEntity(2, "a", 0, FIFO, 10, 100, () -> 0);
        SchedEntity b = new SchedEntity(3, "b", 0, RR, 10, 100, () -> 0);
        SchedEntity c = new SchedEntity(4, "c", 0, FIFO, 11, 100, () -> 0);
        assertFalse(s.shouldPreempt(b, a, 0));
        assertTrue(s.shouldPreempt(c, a, 0));
        assertFalse(s.shouldYield(a, 0));
        assertEquals(Long.MAX_VALUE, s.timeSlice(a, 0));
        assertEquals(RealTimeScheduler.RR_SLICE_NS, s.timeSlice(b, 0));
    }

    @Test
    void rejectsNormalTasks() {
        SchedEntity n = new SchedEntity(2, "n", 0, SchedPolicy.NORMAL, 0, 100, () -> 0);
        assertThrows(IllegalArgumentException.class, () -> new RealTimeScheduler().enqueue(n, Wake.NEW, 0));
    }
}
