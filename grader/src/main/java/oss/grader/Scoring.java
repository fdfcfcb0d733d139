package oss.grader;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import oss.analysis.grading.CheckOutcome;
import oss.analysis.grading.Judgement;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.Check;
import oss.compiler.assign.TestSpec;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;

/**
 * A {@link Judgement} into points and words: all or nothing per test, or with {@code partial}
 * {@code points × held / checks}. Everything here is a function of the judgement, so the same
 * submission scores the same on every run.
 */
final class Scoring {
    /** Compile errors listed in a submission's message; the rest are counted. */
    static final int ERRORS_SHOWN = 10;

    private Scoring() {}

    static StudentResult graded(Assignment a, Submission s, Judgement j, long millis) {
        if (!j.compiles()) {
            return notGraded(a, s, StudentResult.Outcome.DOES_NOT_COMPILE, compileMessage(s, j.compileErrors()),
                    "not judged: " + s.fileName() + " does not compile (" + Code.SUBMISSION_DOES_NOT_COMPILE.id()
                            + ")", millis);
        }
        List<TestResult> tests = new ArrayList<>();
        for (TestSpec t : a.tests()) {
            List<CheckOutcome> outcomes = t.number() - 1 < j.tests().size() ? j.tests().get(t.number() - 1) : List.of();
            tests.add(test(t, outcomes));
        }
        String message = j.budgetStop().map(b -> line(s, Code.SUBMISSION_OVER_BUDGET, "warning", b)).orElse("");
        return new StudentResult(s.student(), s.file(), StudentResult.Outcome.GRADED, total(tests), a.maxScore(),
                message, tests, millis);
    }

    static StudentResult rejected(Assignment a, Submission s, String why, long millis) {
        return notGraded(a, s, StudentResult.Outcome.REJECTED, line(s, Code.SUBMISSION_REJECTED, "error", why),
                "not judged: the submission was not graded (" + Code.SUBMISSION_REJECTED.id() + ")", millis);
    }

    /**
     * Grading stopped without a judgement (the time backstop, or oss itself failed): graded, with
     * nothing earned and the reason as its message.
     */
    static StudentResult stopped(Assignment a, Submission s, Code code, String why, long millis) {
        String severity = code.severity().name().toLowerCase(java.util.Locale.ROOT);
        return notGraded(a, s, StudentResult.Outcome.GRADED, line(s, code, severity, why), "not judged: " + why,
                millis);
    }

    private static StudentResult notGraded(Assignment a, Submission s, StudentResult.Outcome outcome, String message,
                                           String testOutput, long millis) {
        List<TestResult> tests = a.tests().stream().map(t -> new TestResult(t.number(), t.name(), 0, t.points(),
                t.visibility(), false, testOutput, 0, t.checks().size(), tags(t))).toList();
        return new StudentResult(s.student(), s.file(), outcome, 0, a.maxScore(), message, tests, millis);
    }

    static TestResult test(TestSpec t, List<CheckOutcome> outcomes) {
        int held = (int) outcomes.stream().filter(CheckOutcome::held).count();
        int checks = outcomes.size();
        boolean passed = held == checks;
        double score = passed ? t.points() : t.partial() ? t.points() * held / checks : 0;
        StringBuilder out = new StringBuilder();
        if (passed) {
            for (CheckOutcome o : outcomes) {
                append(out, o.message());
            }
        } else {
            if (t.partial()) {
                append(out, held + " of " + checks + " checks held");
            }
            for (CheckOutcome o : outcomes) {
                if (!o.held()) {
                    append(out, o.message());
                    o.schedule().ifPresent(line -> append(out, "  replay it: " + line));
                }
            }
            t.feedback().ifPresent(f -> append(out, f));
        }
        return new TestResult(t.number(), t.name(), score, t.points(), t.visibility(), passed, out.toString(), held,
                checks, tags(t));
    }

    private static void append(StringBuilder b, String line) {
        if (line == null || line.isBlank()) {
            return;
        }
        if (!b.isEmpty()) {
            b.append('\n');
        }
        b.append(line.stripTrailing());
    }

    /** The kinds of check a test makes, as tags a results page can filter by. */
    static List<String> tags(TestSpec t) {
        Set<String> tags = new LinkedHashSet<>();
        for (Check c : t.checks()) {
            tags.add(c instanceof Check.Expect ? "expect" : c instanceof Check.Count ? "count"
                    : c instanceof Check.Finishes ? "finishes" : c instanceof Check.Forbid ? "forbid"
                    : c instanceof Check.Unchanged ? "unchanged" : "predict");
        }
        return List.copyOf(tags);
    }

    /** Summed in the tests' order: the same doubles in the same order give the same total. */
    private static double total(List<TestResult> tests) {
        double sum = 0;
        for (TestResult t : tests) {
            sum += t.score();
        }
        return sum;
    }

    private static String compileMessage(Submission s, List<Diagnostic> errors) {
        StringBuilder b = new StringBuilder(line(s, Code.SUBMISSION_DOES_NOT_COMPILE, "error",
                "does not compile (" + errors.size() + (errors.size() == 1 ? " error" : " errors") + ")"));
        for (Diagnostic d : errors.subList(0, Math.min(ERRORS_SHOWN, errors.size()))) {
            b.append("\n  ").append(s.fileName()).append(':');
            if (d.span().isKnown()) {
                b.append(d.span().line()).append(':').append(d.span().column()).append(':');
            }
            b.append(' ').append(d.message());
        }
        if (errors.size() > ERRORS_SHOWN) {
            b.append("\n  and ").append(errors.size() - ERRORS_SHOWN).append(" more");
        }
        return b.toString();
    }

    /** {@code philosophers.oss: error[OSS4001]: why}, as the compiler prints a finding. */
    private static String line(Submission s, Code code, String severity, String why) {
        String name = s.fileName().isEmpty() ? s.file() : s.fileName();
        return (name.isEmpty() ? "" : name + ": ") + severity + "[" + code.id() + "]: " + why;
    }
}
