package oss.runtime.observe;

/**
 * Bounds and knobs of one run. Every engine loop stops at {@code maxEvents};
 * running into a bound is a finding (OSS2001), never a hang.
 *
 * @param seed      the one seed of the run's random source (lottery)
 * @param untilNs   stop the simulation at this simulated time (Long.MAX_VALUE: run to the end)
 * @param maxEvents the event budget
 */
public record RunOptions(long seed, long untilNs, long maxEvents) {
    public static final long DEFAULT_MAX_EVENTS = 20_000_000L;

    public static RunOptions defaults() {
        return new RunOptions(1, Long.MAX_VALUE, DEFAULT_MAX_EVENTS);
    }

    public RunOptions withSeed(long s) {
        return new RunOptions(s, untilNs, maxEvents);
    }

    public RunOptions withUntil(long t) {
        return new RunOptions(seed, t, maxEvents);
    }

    public RunOptions withMaxEvents(long n) {
        return new RunOptions(seed, untilNs, n);
    }
}
