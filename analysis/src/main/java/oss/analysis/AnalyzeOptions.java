package oss.analysis;

import oss.runtime.explore.ExploreOptions;
import oss.runtime.observe.RunOptions;

/**
 * Knobs of one analysis; the budgets bound every engine loop.
 *
 * @param run     the default run's options
 * @param explore the exploration of every interleaving, or null to skip it
 */
public record AnalyzeOptions(RunOptions run, ExploreOptions explore) {

    /** What `oss check` explores by default: enough for classroom scenarios, bounded to a few seconds. */
    public static final ExploreOptions CHECK_EXPLORE = ExploreOptions.defaults().withMaxStates(500_000).withMaxSeconds(5);

    public AnalyzeOptions(RunOptions run) {
        this(run, CHECK_EXPLORE);
    }

    public static AnalyzeOptions defaults() {
        return new AnalyzeOptions(RunOptions.defaults(), CHECK_EXPLORE);
    }

    public AnalyzeOptions withExplore(ExploreOptions e) {
        return new AnalyzeOptions(run, e);
    }
}
