package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;

/** The default run of a scenario through the analysis facade, for the tests of this module. */
final class Runs {
    private Runs() {}

    static RunResult run(String text) {
        Analysis a = Analyzer.analyze("test.oss", text, new AnalyzeOptions(RunOptions.defaults()));
        List<Diagnostic> errors = a.compilation().diagnostics().stream().filter(Diagnostic::isError).toList();
        assertTrue(errors.isEmpty(), () -> "does not compile:\n" + describe(errors));
        return a.run().orElseThrow(() -> new AssertionError("no run"));
    }

    static String describe(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.span() + " " + d.code().id() + " " + d.message()).collect(Collectors.joining("\n"));
    }

    /** The declared (not forked) process of that name. */
    static TaskReport task(RunResult r, String process) {
        return r.tasks().stream().filter(t -> !t.forked() && t.process().equals(process)).findFirst()
                .orElseThrow(() -> new AssertionError("no process " + process));
    }
}
