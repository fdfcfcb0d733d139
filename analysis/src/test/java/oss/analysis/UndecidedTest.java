package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Severity;
import oss.runtime.explore.ExploreOptions;
import oss.runtime.observe.RunOptions;

/** A budget that runs out decides nothing: the expectation is undecided, a warning, and says how to go on. */
class UndecidedTest {
    private static Analysis analyze(String text, long maxStates) {
        return Analyzer.analyze("t.oss", text, new AnalyzeOptions(RunOptions.defaults(),
                ExploreOptions.defaults().withMaxStates(maxStates).withMaxSeconds(30)));
    }

    @Test
    void noDeadlockWithTheBudgetSpentIsUndecidedNotFailed() throws Exception {
        // the ordered philosophers never deadlock, but 10 states are far from all their interleavings
        String text = Files.readString(Path.of("..", "examples", "philosophers-ordered.oss"));
        Analysis a = analyze(text, 10);
        List<Diagnostic> about = a.diagnostics().stream()
                .filter(d -> d.code() == Code.EXPECTATION_FAILED || d.code() == Code.EXPECTATION_UNDECIDED).toList();
        assertEquals(1, about.size(), about.toString());
        Diagnostic d = about.get(0);
        assertEquals(Code.EXPECTATION_UNDECIDED, d.code());
        assertEquals(Severity.WARNING, d.severity());
        assertTrue(d.message().contains("undecided: no deadlock in the "), d.message());
        assertTrue(d.message().contains("--max-states 10"), d.message());
        assertTrue(d.message().contains("oss explore FILE --max-states N"), d.message());
        assertEquals(ExpectationResult.Status.UNDECIDED, a.expectations().get(0).status());
        assertTrue(!a.hasErrors(), "an undecided expectation is not an error");
        // with the budget it needs, the same expectation holds
        Analysis full = analyze(text, 1_000_000);
        assertTrue(full.expectations().get(0).passed(), full.expectations().toString());
    }
}
