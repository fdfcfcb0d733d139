package oss.runtime.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static oss.runtime.kernel.sched.SchedHarness.job;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.runtime.kernel.sched.SchedHarness.Segment;

/** Silberschatz §5.3.2's preemptive SJF (shortest remaining time first) example. */
class StcfSchedulerTest {

    @Test
    void textbookExample() {
        // P1 8@0, P2 4@1, P3 9@2, P4 5@3.
        // t=1: P1 has 7 left, P2 4 < 7 -> preempt. t=2: P3 9 vs P2 3, no. t=3: P4 5 vs P2 2, no.
        // t=5: P2 done; left P1 7, P3 9, P4 5 -> P4 5-10, P1 10-17, P3 17-26.
        // Waits P1 17-0-8 = 9, P2 0, P3 26-2-9 = 15, P4 10-3-5 = 2 -> 26 / 4 = 6.5.
        var h = new SchedHarness(new StcfScheduler(),
                job("P1", 0, 8), job("P2", 1, 4), job("P3", 2, 9), job("P4", 3, 5)).run();
        assertEquals(List.of(new Segment("P1", 0, 1), new Segment("P2", 1, 5), new Segment("P4", 5, 10),
                new Segment("P1", 10, 17), new Segment("P3", 17, 26)), h.gantt());
        assertEquals(9, h.waiting("P1"));
        assertEquals(0, h.waiting("P2"));
        assertEquals(15, h.waiting("P3"));
        assertEquals(2, h.waiting("P4"));
    }

    @Test
    void equalRemainingDoesNotPreempt() {
        // A 6@0; at 2 A has 4 left and B (4) arrives: not strictly shorter, A keeps the CPU 0-6, B 6-10.
        var h = new SchedHarness(new StcfScheduler(), job("A", 0, 6), job("B", 2, 4)).run();
        assertEquals(List.of(new Segment("A", 0, 6), new Segment("B", 6, 10)), h.gantt());
    }
}
