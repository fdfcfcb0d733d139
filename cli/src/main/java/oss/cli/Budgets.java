package oss.cli;

import java.io.PrintWriter;
import oss.ir.Deadline;

/**
 * The one wall-time budget of a command (--max-time), around everything it does for one file:
 * reading aside, parsing, the checks, lowering, the run, the exploration and the rendering.
 * The memory budget (the Java heap) is always on; see {@link Deadline}.
 */
final class Budgets {
    /** The default for run and check: far above any classroom scenario, far below "is it hung?". */
    static final double DEFAULT_SECONDS = 120;
    /**
     * `oss check`'s budget per file, which its exploration runs up to instead of a state count: a few
     * seconds is what a user waits for at a prompt or in CI, and decides the textbook scenarios (a
     * six-philosopher room is about 3 million states).
     */
    static final double CHECK_EXPLORE_SECONDS = 10;

    private Budgets() {}

    /** A budget that ran out outside the analysis's own diagnostics (compiling for explore, rendering). */
    static int ranOut(PrintWriter out, SourceFile source, Deadline.OutOfBudget e) {
        out.println(source.name() + ":1:1: error[OSS2013]: " + e.getMessage());
        out.flush();
        return Main.FINDINGS;
    }
}
