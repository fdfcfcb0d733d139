package oss.analysis.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.analysis.Analysis;
import oss.analysis.AnalyzeOptions;
import oss.compiler.assign.GradingBudget;
import oss.ir.diag.Code;
import oss.runtime.explore.ExploreOptions;
import oss.runtime.explore.ExploreResult;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/** A grading budget as engine options, and the engines' stops said in the assignment's words. */
final class Budgets {
    private Budgets() {}

    static AnalyzeOptions options(GradingBudget b) {
        GradingBudget budget = b == null ? GradingBudget.DEFAULT : b;
        RunOptions run = RunOptions.defaults().withMaxEvents(Math.max(1, budget.steps()));
        ExploreOptions explore = ExploreOptions.defaults()
                .withMaxStates(Math.max(1, budget.states()))
                .withMaxBytes(budget.memoryBytes() > 0 ? budget.memoryBytes() : Long.MAX_VALUE)
                // the caller's Deadline is the time budget; this keeps the explorer under it on its own too
                .withMaxSeconds(budget.seconds() > 0 ? budget.seconds() : ExploreOptions.defaults().maxSeconds());
        return new AnalyzeOptions(run, explore);
    }

    /** Why the exploration stopped, naming the assignment's budget: "the budget of 200000 states". */
    static String exploreStop(ExploreResult x) {
        String by = x.stoppedBy() == null ? "" : x.stoppedBy();
        String which;
        if (by.startsWith("--max-states ")) {
            which = "its budget of " + by.substring("--max-states ".length()) + " states (`states` in the budget) ran out";
        } else if (by.startsWith("memory budget")) {
            which = "its " + by + " (`memory` in the budget) ran out: the states it stored took "
                    + mib(x.storeBytes());
        } else if (by.startsWith("--max-time") || by.contains("time budget")) {
            which = "its time budget (`time` in the budget) ran out";
        } else if (by.contains("ran out of memory")) {
            which = "the grader's Java heap ran out";
        } else {
            which = "it stopped: " + by;
        }
        return "the exploration of every interleaving did not finish: " + which + " after " + states(x.states())
                + ", " + oss.runtime.explore.Schedule.count(x.maxDepth()) + " deep";
    }

    /**
     * Which budget stopped the run: "the budget of 2000000 steps (`steps` in the budget)", or the
     * Deadline's (the run's OSS2013 finding): the time budget, or the grader's Java heap.
     */
    static String runBudget(RunResult run, RunOptions options) {
        return run.findings().stream().filter(d -> d.code() == Code.ANALYSIS_BUDGET).findFirst()
                .map(d -> d.message().contains("Java heap") ? "the grader's Java heap"
                        : "the time budget (`time` in the budget)")
                .orElse("the budget of " + options.maxEvents() + " steps (`steps` in the budget)");
    }

    /** The run stopped by a budget. */
    static String runStop(RunResult run, RunOptions options) {
        return "the default run did not finish: " + runBudget(run, options) + " ran out";
    }

    static String states(long n) {
        return n + (n == 1 ? " state" : " states");
    }

    /** Every budget that stopped an engine of this analysis, in one sentence; empty when none did. */
    static Optional<String> stops(Analysis an, AnalyzeOptions options) {
        List<String> out = new ArrayList<>();
        an.run().filter(RunResult::budgetExhausted).ifPresent(r -> out.add(runStop(r, options.run())));
        an.explore().filter(x -> !x.complete() && x.stoppedBy() != null).ifPresent(x -> out.add(exploreStop(x)));
        return out.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", out));
    }

    private static String mib(long bytes) {
        return bytes >= 1L << 20 ? String.format(java.util.Locale.US, "%.1f MiB", bytes / (double) (1L << 20))
                : (bytes >> 10) + " KiB";
    }
}
