package oss.runtime.explore;

/**
 * Bounds of one exploration. Running into one is reported (OSS2404) and the
 * verdict becomes "no deadlock found in N states (budget exhausted)".
 *
 * @param maxStates   stop after storing this many states
 * @param maxSeconds  stop after this much wall-clock time
 * @param por         partial-order reduction (stubborn sets) on or off
 * @param maxTasks    the most tasks a state may hold (forks beyond it stop the exploration)
 * @param maxFindings at most this many findings of each kind are reported
 */
public record ExploreOptions(long maxStates, double maxSeconds, boolean por, int maxTasks, int maxFindings) {

    public static ExploreOptions defaults() {
        return new ExploreOptions(5_000_000, 60, true, 64, 3);
    }

    public ExploreOptions withMaxStates(long n) {
        return new ExploreOptions(n, maxSeconds, por, maxTasks, maxFindings);
    }

    public ExploreOptions withMaxSeconds(double s) {
        return new ExploreOptions(maxStates, s, por, maxTasks, maxFindings);
    }

    public ExploreOptions withPor(boolean on) {
        return new ExploreOptions(maxStates, maxSeconds, on, maxTasks, maxFindings);
    }
}
