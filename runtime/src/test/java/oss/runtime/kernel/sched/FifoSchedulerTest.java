package oss.runtime.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static oss.runtime.kernel.sched.SchedHarness.job;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.runtime.kernel.sched.SchedHarness.Segment;

/** Silberschatz §5.3.1's FCFS example and its convoy effect. */
class FifoSchedulerTest {

    @Test
    void convoyBehindTheLongJob() {
        // P1 24, P2 3, P3 3, all at 0, in that order: P1 0-24, P2 24-27, P3 27-30.
        // Waits 0, 24, 27 -> average 51 / 3 = 17.
        var h = new SchedHarness(new FifoScheduler(), job("P1", 0, 24), job("P2", 0, 3), job("P3", 0, 3)).run();
        assertEquals(List.of(new Segment("P1", 0, 24), new Segment("P2", 24, 27), new Segment("P3", 27, 30)),
                h.gantt());
        assertEquals(0, h.waiting("P1"));
        assertEquals(24, h.waiting("P2"));
        assertEquals(27, h.waiting("P3"));
        assertEquals(51, h.waiting("P1") + h.waiting("P2") + h.waiting("P3"));
    }

    @Test
    void shortJobsFirstInQueueOrder() {
        // Same jobs queued P2, P3, P1: P2 0-3, P3 3-6, P1 6-30; waits 6, 0, 3 -> average 3.
        var h = new SchedHarness(new FifoScheduler(), job("P2", 0, 3), job("P3", 0, 3), job("P1", 0, 24)).run();
        assertEquals(List.of(new Segment("P2", 0, 3), new Segment("P3", 3, 6), new Segment("P1", 6, 30)), h.gantt());
        assertEquals(6, h.waiting("P1"));
        assertEquals(0, h.waiting("P2"));
        assertEquals(3, h.waiting("P3"));
    }

    @Test
    void lateShortArrivalDoesNotPreempt() {
        // L 10 at 0, S 1 at 2: FCFS lets L finish (0-10), S runs 10-11 and waited 8.
        var h = new SchedHarness(new FifoScheduler(), job("L", 0, 10), job("S", 2, 1)).run();
        assertEquals(List.of(new Segment("L", 0, 10), new Segment("S", 10, 11)), h.gantt());
        assertEquals(8, h.waiting("S"));
    }
}
