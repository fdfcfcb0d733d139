package oss.runtime.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import oss.ir.program.SchedulerSpec;
import oss.ir.program.SchedulerSpec.Kind;

class SchedulersTest {

    @Test
    void everyKindMapsToItsPolicy() {
        var rng = new SplittableRandom(1);
        assertInstanceOf(FifoScheduler.class, Schedulers.create(SchedulerSpec.of(Kind.FIFO), rng));
        assertInstanceOf(SjfScheduler.class, Schedulers.create(SchedulerSpec.of(Kind.SJF), rng));
        assertInstanceOf(StcfScheduler.class, Schedulers.create(SchedulerSpec.of(Kind.STCF), rng));
        assertInstanceOf(RoundRobinScheduler.class, Schedulers.create(SchedulerSpec.of(Kind.RR), rng));
        assertInstanceOf(LotteryScheduler.class, Schedulers.create(SchedulerSpec.of(Kind.LOTTERY), rng));
        assertInstanceOf(CfsScheduler.class, Schedulers.create(SchedulerSpec.cfs(), rng));
        var mlfq = assertInstanceOf(MlfqScheduler.class, Schedulers.create(SchedulerSpec.of(Kind.MLFQ), rng));
        assertEquals(3, mlfq.levelCount());
        assertEquals(100 * SchedulerSpec.MS, mlfq.nextPeriodic(0));
        assertInstanceOf(RealTimeScheduler.class, Schedulers.realTime());
    }

    @Test
    void specParametersReachThePolicy() {
        // RR with a 3 ms quantum hands out 3 ms slices; CFS's default 20 ms latency gives a lone task 20 ms.
        var rr = Schedulers.create(new SchedulerSpec(Kind.RR, 3 * SchedulerSpec.MS, java.util.List.of(), 0, 0, 0, 0),
                new SplittableRandom(1));
        var se = new SchedEntity(2, "a", 0, oss.ir.program.SchedPolicy.NORMAL, 0, 100, () -> 0);
        assertEquals(3 * SchedulerSpec.MS, rr.timeSlice(se, 0));
        var cfs = Schedulers.create(SchedulerSpec.cfs(), new SplittableRandom(1));
        cfs.enqueue(se, Wake.NEW, 0);
        assertEquals(20 * SchedulerSpec.MS, cfs.timeSlice(cfs.pickNext(0, 0), 0));
    }
}
