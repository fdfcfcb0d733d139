package oss.analysis;

import java.util.List;
import java.util.Optional;
import oss.compiler.Compilation;
import oss.ir.diag.Diagnostic;
import oss.runtime.explore.ExploreResult;
import oss.runtime.kernel.deadlock.BankerReport;
import oss.runtime.observe.RunResult;

/**
 * Everything oss knows about one document: the compilation, the default
 * run, the banker's report, the exploration of every interleaving, how each
 * expectation fared, and every finding
 * from all of them in one list sorted by position: {@code diagnostics} with
 * the findings of one fact folded into one (see FindingGroups),
 * {@code ungrouped} each as its engine found it (`-v`), and {@code counterexamples}: every schedule
 * the explorer gave (for a finding or an {@code expect always}/{@code possible}) replayed with the
 * values each step read and wrote. The CLI and the
 * language server both read this; neither computes anything of its own.
 */
public record Analysis(
        Compilation compilation,
        Optional<RunResult> run,
        Optional<BankerReport> banker,
        Optional<ExploreResult> explore,
        List<ExpectationResult> expectations,
        List<Diagnostic> diagnostics,
        List<Diagnostic> ungrouped,
        List<Counterexample> counterexamples) {

    public Analysis(Compilation compilation, Optional<RunResult> run, Optional<BankerReport> banker,
            Optional<ExploreResult> explore, List<ExpectationResult> expectations, List<Diagnostic> diagnostics,
            List<Diagnostic> ungrouped) {
        this(compilation, run, banker, explore, expectations, diagnostics, ungrouped, List.of());
    }

    /** When nothing was grouped: every finding as found. */
    public Analysis(Compilation compilation, Optional<RunResult> run, Optional<BankerReport> banker,
            Optional<ExploreResult> explore, List<ExpectationResult> expectations, List<Diagnostic> diagnostics) {
        this(compilation, run, banker, explore, expectations, diagnostics, diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
