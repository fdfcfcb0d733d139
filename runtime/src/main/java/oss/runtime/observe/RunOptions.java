package oss.runtime.observe;

import java.util.Optional;
import oss.runtime.explore.Schedule;

/**
 * Bounds and knobs of one run. Every engine loop stops at {@code maxEvents};
 * running into a bound is a finding (OSS2001), never a hang.
 *
 * @param seed      the one seed of the run's random source (lottery)
 * @param untilNs   stop the simulation at this simulated time (Long.MAX_VALUE: run to the end)
 * @param maxEvents the event budget
 * @param schedule  steps to follow first (a counterexample to replay); the scheduler decides afterwards
 * @param traceSyscalls keep a line per system call ({@code oss run --trace-syscalls}): the end of
 *                  the run's snapshot then has a {@code trace} view
 */
public record RunOptions(long seed, long untilNs, long maxEvents, Optional<Schedule> schedule, boolean traceSyscalls) {

    public RunOptions(long seed, long untilNs, long maxEvents, Optional<Schedule> schedule) {
        this(seed, untilNs, maxEvents, schedule, false);
    }

    public RunOptions(long seed, long untilNs, long maxEvents) {
        this(seed, untilNs, maxEvents, Optional.empty());
    }

    public static final long DEFAULT_MAX_EVENTS = 20_000_000L;

    public static RunOptions defaults() {
        return new RunOptions(1, Long.MAX_VALUE, DEFAULT_MAX_EVENTS);
    }

    public RunOptions withSeed(long s) {
        return new RunOptions(s, untilNs, maxEvents, schedule, traceSyscalls);
    }

    public RunOptions withUntil(long t) {
        return new RunOptions(seed, t, maxEvents, schedule, traceSyscalls);
    }

    public RunOptions withMaxEvents(long n) {
        return new RunOptions(seed, untilNs, n, schedule, traceSyscalls);
    }

    public RunOptions withSchedule(Schedule s) {
        return new RunOptions(seed, untilNs, maxEvents, Optional.of(s), traceSyscalls);
    }

    public RunOptions withTraceSyscalls(boolean on) {
        return new RunOptions(seed, untilNs, maxEvents, schedule, on);
    }
}
