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

    /**
     * What `oss run`, the language server and the tests explore: a state budget, so that the same
     * file gives the same verdict on every machine, and 5 s at most.
     */
    public static final ExploreOptions CHECK_EXPLORE = ExploreOptions.defaults().withMaxStates(500_000).withMaxSeconds(5);

    /**
     * What `oss check` explores: as many states as {@code seconds} of wall time (and the heap) allow,
     * so that a scenario a user would wait a few seconds for is decided rather than cut at a state
     * count. The command's budget around the whole analysis ({@code oss.ir.Deadline}) runs out first
     * and says so (OSS2013).
     */
    public static ExploreOptions timedExplore(double seconds) {
        return ExploreOptions.defaults().withMaxStates(Long.MAX_VALUE).withMaxSeconds(seconds);
    }

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
