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
 * @param endViews  render the /proc-like views of the end of the run's snapshot (ps, top, strace,
 *                  lsof, ...); off for a text report that shows none of them, since rendering them
 *                  is a tenth of a short run's time and changes nothing else
 */
public record RunOptions(long seed, long untilNs, long maxEvents, Optional<Schedule> schedule, boolean traceSyscalls,
        boolean endViews) {

    public RunOptions(long seed, long untilNs, long maxEvents, Optional<Schedule> schedule, boolean traceSyscalls) {
        this(seed, untilNs, maxEvents, schedule, traceSyscalls, true);
    }

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
        return new RunOptions(s, untilNs, maxEvents, schedule, traceSyscalls, endViews);
    }

    public RunOptions withUntil(long t) {
        return new RunOptions(seed, t, maxEvents, schedule, traceSyscalls, endViews);
    }

    public RunOptions withMaxEvents(long n) {
        return new RunOptions(seed, untilNs, n, schedule, traceSyscalls, endViews);
    }

    public RunOptions withSchedule(Schedule s) {
        return new RunOptions(seed, untilNs, maxEvents, Optional.of(s), traceSyscalls, endViews);
    }

    public RunOptions withTraceSyscalls(boolean on) {
        return new RunOptions(seed, untilNs, maxEvents, schedule, on, endViews);
    }

    public RunOptions withEndViews(boolean on) {
        return new RunOptions(seed, untilNs, maxEvents, schedule, traceSyscalls, on);
    }
}
