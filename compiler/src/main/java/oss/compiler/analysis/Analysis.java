package oss.compiler.analysis;

import java.util.List;
import java.util.Optional;
import oss.compiler.Compilation;
import oss.runtime.diag.Diagnostic;
import oss.runtime.explore.ExploreResult;
import oss.runtime.kernel.deadlock.BankerReport;
import oss.runtime.observe.RunResult;

/**
 * Everything oss knows about one document: the compilation, the default
 * run, the banker's report, the exploration of every interleaving, how each
 * expectation fared, and every finding
 * from all of them in one list sorted by position. The CLI and the
 * language server both read this; neither computes anything of its own.
 */
public record Analysis(
        Compilation compilation,
        Optional<RunResult> run,
        Optional<BankerReport> banker,
        Optional<ExploreResult> explore,
        List<ExpectationResult> expectations,
        List<Diagnostic> diagnostics) {

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
