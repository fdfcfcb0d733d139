package oss.analysis.grading;

import java.util.List;
import java.util.Optional;
import oss.analysis.Analysis;
import oss.ir.diag.Diagnostic;

/**
 * One submission judged against every test of an assignment ({@link SubmissionJudge#judge}).
 *
 * @param analysis      the submission's analysis (with the tests' {@code expect} lines judged in it);
 *                      empty when it did not compile
 * @param compileErrors the submission's own error-level diagnostics, in its own lines and columns
 *                      (never a test's injected line); non-empty means it does not compile
 * @param tests         per test, in the assignment's order, one outcome per check, in the
 *                      test's order ({@code feedback} lines are not checks)
 * @param budgetStop    the sentence saying which budget stopped the analysis, if one did
 */
public record Judgement(Optional<Analysis> analysis, List<Diagnostic> compileErrors, List<List<CheckOutcome>> tests,
                        Optional<String> budgetStop) {
    public Judgement {
        compileErrors = List.copyOf(compileErrors);
        tests = tests.stream().map(List::copyOf).toList();
    }

    public boolean compiles() {
        return compileErrors.isEmpty();
    }
}
