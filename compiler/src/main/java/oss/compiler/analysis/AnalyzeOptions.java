package oss.compiler.analysis;

import oss.runtime.observe.RunOptions;

/** Knobs of one analysis; the budgets bound every engine loop. */
public record AnalyzeOptions(RunOptions run) {
    public static AnalyzeOptions defaults() {
        return new AnalyzeOptions(RunOptions.defaults());
    }
}
