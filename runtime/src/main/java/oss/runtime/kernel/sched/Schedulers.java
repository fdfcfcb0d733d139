package oss.runtime.kernel.sched;

import java.util.random.RandomGenerator;
import oss.ir.program.SchedulerSpec;

/** The one place that turns a {@code scheduler} setting into a policy, so the engine never names a policy class. */
public final class Schedulers {
    private Schedulers() {}

    /** The policy for SCHED_NORMAL tasks; {@code rng} is the run's seeded source, used only by lottery. */
    public static Scheduler create(SchedulerSpec spec, RandomGenerator rng) {
        return switch (spec.kind()) {
            case FIFO -> new FifoScheduler();
            case SJF -> new SjfScheduler();
            case STCF -> new StcfScheduler();
            case RR -> new RoundRobinScheduler(spec.quantumNs());
            case MLFQ -> new MlfqScheduler(spec.mlfqQuantaNs(), spec.mlfqAllotments(), spec.boostNs(), spec.mlfqIoReset(),
                    spec.mlfqIoFront());
            case LOTTERY -> new LotteryScheduler(spec.quantumNs(), rng);
            case CFS -> new CfsScheduler(spec.latencyNs(), spec.minGranularityNs(), spec.wakeupGranularityNs());
        };
    }

    /** The SCHED_FIFO / SCHED_RR class, which always runs before the normal one. */
    public static Scheduler realTime() {
        return new RealTimeScheduler();
    }
}
