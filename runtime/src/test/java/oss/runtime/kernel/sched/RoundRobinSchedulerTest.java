package oss.runtime.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static oss.runtime.kernel.sched.SchedHarness.job;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.runtime.kernel.sched.SchedHarness.Segment;

/** Silberschatz §5.3.3's round-robin example. */
class RoundRobinSchedulerTest {

    @Test
    void textbookExampleQuantum4() {
        // q=4, P1 24, P2 3, P3 3 at 0: P1 0-4, P2 4-7 (done before its quantum), P3 7-10,
        // then P1 alone keeps getting fresh quanta 10-30.
        // Waits P1 30-24 = 6, P2 4, P3 7 -> 17 / 3.
        var h = new SchedHarness(new RoundRobinScheduler(4), job("P1", 0, 24), job("P2", 0, 3), job("P3", 0, 3))
                .run();
        assertEquals(List.of(new Segment("P1", 0, 4), new Segment("P2", 4, 7), new Segment("P3", 7, 10),
                new Segment("P1", 10, 30)), h.gantt());
        assertEquals(6, h.waiting("P1"));
        assertEquals(4, h.waiting("P2"));
        assertEquals(7, h.waiting("P3"));
        // P1 was dispatched twice only: alone, it is not re-picked at 14, 18, ...
        assertEquals(List.of("P1", "P2", "P3", "P1"), h.picks());
    }

    @Test
    void arrivalQueuesBeforeTheExpiredTaskAndNeverPreempts() {
        // q=4, A 8@0, B 2@4. At 4 B arrives (queued first), then A's quantum ends and goes behind B:
        // A 0-4, B 4-6, A 6-10. B arriving at 2 instead would not preempt either: same chart.
        List<Segment> expected = List.of(new Segment("A", 0, 4), new Segment("B", 4, 6), new Segment("A", 6, 10));
        assertEquals(expected, new SchedHarness(new RoundRobinScheduler(4), job("A", 0, 8), job("B", 4, 2)).run()
                .gantt());
        assertEquals(expected, new SchedHarness(new RoundRobinScheduler(4), job("A", 0, 8), job("B", 2, 2)).run()
                .gantt());
    }

    @Test
    void rejectsNonPositiveQuantum() {
        assertThrows(IllegalArgumentException.class, () -> new RoundRobinScheduler(0));
    }
}
