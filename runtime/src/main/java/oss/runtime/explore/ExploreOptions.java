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
 * @param maxBytes    stop once the state store holds more than this many bytes: a grading budget
 *                    counted by the explorer itself, so the same submission stops at the same state on
 *                    every machine whatever the JVM's heap (Long.MAX_VALUE: no limit)
 * @param symmetry    symmetry reduction ({@link Symmetry}): one state per orbit when the scenario has symmetry
 */
public record ExploreOptions(long maxStates, double maxSeconds, boolean por, int maxTasks, int maxFindings,
                             long maxBytes, boolean symmetry) {

    /** With symmetry reduction on. */
    public ExploreOptions(long maxStates, double maxSeconds, boolean por, int maxTasks, int maxFindings,
            long maxBytes) {
        this(maxStates, maxSeconds, por, maxTasks, maxFindings, maxBytes, true);
    }

    /** Without a byte limit. */
    public ExploreOptions(long maxStates, double maxSeconds, boolean por, int maxTasks, int maxFindings) {
        this(maxStates, maxSeconds, por, maxTasks, maxFindings, Long.MAX_VALUE);
    }

    public static ExploreOptions defaults() {
        return new ExploreOptions(5_000_000, 60, true, 64, 3);
    }

    public ExploreOptions withMaxStates(long n) {
        return new ExploreOptions(n, maxSeconds, por, maxTasks, maxFindings, maxBytes, symmetry);
    }

    public ExploreOptions withMaxSeconds(double s) {
        return new ExploreOptions(maxStates, s, por, maxTasks, maxFindings, maxBytes, symmetry);
    }

    public ExploreOptions withPor(boolean on) {
        return new ExploreOptions(maxStates, maxSeconds, on, maxTasks, maxFindings, maxBytes, symmetry);
    }

    public ExploreOptions withMaxBytes(long n) {
        return new ExploreOptions(maxStates, maxSeconds, por, maxTasks, maxFindings, n, symmetry);
    }

    public ExploreOptions withSymmetry(boolean on) {
        return new ExploreOptions(maxStates, maxSeconds, por, maxTasks, maxFindings, maxBytes, on);
    }

    /** How {@link ExploreResult#stoppedBy()} names the byte limit: "memory budget 256 MiB". */
    public static String memoryBudget(long bytes) {
        return "memory budget " + (bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB"
                : bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes");
    }
}
