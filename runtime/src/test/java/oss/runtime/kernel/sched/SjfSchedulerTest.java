package oss.runtime.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static oss.runtime.kernel.sched.SchedHarness.job;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.runtime.kernel.sched.SchedHarness.Segment;

/** Silberschatz §5.3.2's SJF example. */
class SjfSchedulerTest {

    @Test
    void textbookExample() {
        // P1 6, P2 8, P3 7, P4 3 all at 0. Shortest first: P4 0-3, P1 3-9, P3 9-16, P2 16-24.
        // Waits P1 3, P2 16, P3 9, P4 0 -> 28 / 4 = 7.
        var h = new SchedHarness(new SjfScheduler(),
                job("P1", 0, 6), job("P2", 0, 8), job("P3", 0, 7), job("P4", 0, 3)).run();
        assertEquals(List.of(new Segment("P4", 0, 3), new Segment("P1", 3, 9), new Segment("P3", 9, 16),
                new Segment("P2", 16, 24)), h.gantt());
        assertEquals(3, h.waiting("P1"));
        assertEquals(16, h.waiting("P2"));
        assertEquals(9, h.waiting("P3"));
        assertEquals(0, h.waiting("P4"));
    }

    @Test
    void nonPreemptiveAndTiesToFirstQueued() {
        // L 10 at 0 runs 0-10 although S (1) and T (1) arrive at 2: SJF never preempts.
        // At 10, S and T tie on 1: S queued first, so S 10-11, T 11-12.
        var h = new SchedHarness(new SjfScheduler(), job("L", 0, 10), job("S", 2, 1), job("T", 2, 1)).run();
        assertEquals(List.of(new Segment("L", 0, 10), new Segment("S", 10, 11), new Segment("T", 11, 12)),
                h.gantt());
    }
}
