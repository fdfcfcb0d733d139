package oss.analysis.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.analysis.Analysis;
import oss.analysis.AnalyzeOptions;
import oss.analysis.Analyzer;
import oss.analysis.ExpectationResult;
import oss.analysis.grading.CheckOutcome.Status;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.Check;
import oss.compiler.assign.GradingBudget;
import oss.compiler.assign.TestSpec;
import oss.ir.Deadline;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Span;

/**
 * Judges one submission against every check of an assignment (docs/grading.md, "Checks"): the
 * submission is compiled alone (its own errors, at its own lines), then with the tests'
 * {@code expect} lines added after its text ({@link Injection}), analysed once, and every check is
 * judged on that one analysis or on its syntax tree. Never throws: a failure inside oss becomes an
 * outcome that says so, and a budget that ran out leaves the checks it stopped undecided.
 */
public final class SubmissionJudge {
    private SubmissionJudge() {}

    /** AnalyzeOptions for one submission from the assignment's budget (states, steps, memory). */
    public static AnalyzeOptions options(GradingBudget b) {
        return Budgets.options(b);
    }

    /** Never throws; the caller opens the Deadline (budget.seconds) on its thread. */
    public static Judgement judge(Assignment a, Optional<String> starterText, String fileName, String text,
                                  AnalyzeOptions options) {
        String file = fileName == null || fileName.isBlank() ? "submission.oss" : fileName;
        Outcomes out = new Outcomes(a.tests());
        List<Diagnostic> errors = List.of();
        Optional<Analysis> analysis = Optional.empty();
        Optional<String> stop = Optional.empty();
        try {
            Deadline.stage("compiling the submission");
            Compilation own = Compiler.compile(file, text == null ? "" : text);
            errors = ownErrors(own);
            Structure structure = new Structure(own, starterText);
            out.fill(c -> !semantic(c), c -> structure.judge(c, file));
            if (!errors.isEmpty()) {
                Diagnostic first = errors.get(0);
                String why = "your file does not compile, so this was not judged (" + errors.size()
                        + (errors.size() == 1 ? " error" : " errors") + "; the first: " + file + ":"
                        + first.span().line() + ":" + first.span().column() + ": " + first.message() + ")";
                out.fill(SubmissionJudge::semantic, c -> new CheckOutcome(c, Status.FAILED, why, Optional.empty()));
                return out.judgement(Optional.empty(), errors, Optional.empty());
            }
            Judged judged = analyse(a, own, file, text, options, out);
            analysis = Optional.of(judged.analysis());
            stop = Budgets.stops(judged.analysis(), judged.options());
            Analysis an = judged.analysis();
            ExpectVerdicts verdicts = new ExpectVerdicts(an, file, judged.options().explore() != null);
            List<ExpectationResult> studentOwn = judged.studentOwn();
            out.fill(c -> c instanceof Check.Expect, (t, i, c) -> judged.result(t, i)
                    .map(r -> verdicts.judge(c, r))
                    .orElseGet(() -> oopsOutcome(c, "its expectation was not found in the analysis")));
            out.fill(c -> c instanceof Check.Predict, c -> Predictions.judge((Check.Predict) c, studentOwn, file));
            out.fill(c -> c instanceof Check.Finishes, c -> Finishing.judge(c, an, file, options.run()));
        } catch (Deadline.OutOfBudget e) {
            String why = e.getMessage();
            stop = Optional.of(why);
            out.fill(c -> true, c -> new CheckOutcome(c, Status.UNDECIDED, "oss could not judge this within the"
                    + " grading budget: " + why, Optional.empty()));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            out.fill(c -> true, c -> oops(c, e));
        }
        return out.judgement(analysis, errors, stop);
    }

    /** Diagnostics for the assignment file's tests checked against the starter (OSS1603), for the LSP and `oss grade`. */
    public static List<Diagnostic> checkAgainstStarter(Assignment a, String starterName, String starterText) {
        try {
            return StarterCheck.check(a, starterName, starterText);
        } catch (Deadline.OutOfBudget e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(Diagnostic.of(Code.INTERNAL, a.span(), "oss failed while checking the tests against the"
                    + " starter (" + e.getClass().getSimpleName() + "); this is a bug in oss, not in the assignment"));
        }
    }

    /** Checks judged on the analysis (the rest on the syntax tree, even when the file does not compile). */
    static boolean semantic(Check c) {
        return c instanceof Check.Expect || c instanceof Check.Predict || c instanceof Check.Finishes;
    }

    /** The submission's own errors; a file with no scenario in it (an assignment, say) is one. */
    private static List<Diagnostic> ownErrors(Compilation own) {
        List<Diagnostic> errors = new ArrayList<>(own.diagnostics().stream().filter(Diagnostic::isError).toList());
        if (errors.isEmpty() && own.ast().isEmpty()) {
            errors.add(Diagnostic.of(Code.SYNTAX, new Span(1, 1, 1, 1), "expected `scenario \"title\" { ... }`"));
        }
        return List.copyOf(errors);
    }

    /** The analysis with the tests' lines judged in it, and how each line fared. */
    record Judged(Analysis analysis, Injection injection, List<ExpectationResult> studentOwn, AnalyzeOptions options) {
        Optional<ExpectationResult> result(int test, int check) {
            if (injection == null) {
                return Optional.empty();
            }
            return injection.lines().stream().filter(l -> l.test() == test && l.check() == check).findFirst()
                    .flatMap(l -> analysis.expectations().stream()
                            .filter(r -> r.expectation().span().line() == l.line()).findFirst());
        }
    }

    /**
     * Compiles the submission with the tests' lines; a line the compiler rejects (a name the
     * submission lacks) fails its check in the student's words and is dropped, and the rest is
     * compiled again, so one bad line never keeps the submission from being judged.
     */
    private static Judged analyse(Assignment a, Compilation own, String file, String text, AnalyzeOptions options,
                                  Outcomes out) {
        List<Injection.Wanted> wanted = new ArrayList<>();
        for (int t = 0; t < a.tests().size(); t++) {
            List<Check> checks = a.tests().get(t).checks();
            for (int i = 0; i < checks.size(); i++) {
                if (checks.get(i) instanceof Check.Expect e) {
                    wanted.add(new Injection.Wanted(t, i, e.expect()));
                }
            }
        }
        Compilation compiled = own;
        Injection injection = null;
        for (int attempt = 0; attempt < 2 && !wanted.isEmpty(); attempt++) {
            Deadline.stage("compiling the submission with the tests' expect lines");
            Optional<Injection> inj = Injection.of(text, own.ast().get(), wanted);
            if (inj.isEmpty()) {
                break;
            }
            Compilation c = Compiler.compile(file, inj.get().text());
            List<Diagnostic> bad = c.diagnostics().stream().filter(Diagnostic::isError).toList();
            if (bad.isEmpty()) {
                compiled = c;
                injection = inj.get();
                break;
            }
            List<Injection.Wanted> kept = new ArrayList<>(wanted);
            boolean foreign = false;
            for (Diagnostic d : bad) {
                Optional<Injection.Line> line = inj.get().at(d.span().line());
                if (line.isEmpty()) {
                    foreign = true; // an error outside the tests' lines: not the student's, since their file compiled
                    continue;
                }
                Injection.Line l = line.get();
                if (kept.removeIf(w -> w.test() == l.test() && w.check() == l.check())) {
                    Check check = a.tests().get(l.test()).checks().get(l.check());
                    out.set(l.test(), l.check(), new CheckOutcome(check, Status.FAILED, "`" + l.expect()
                            + "` cannot be judged on your scenario: " + StudentWords.of(d.message()), Optional.empty()));
                }
            }
            if (foreign) {
                break; // judge the student's text alone; the remaining lines say oss failed
            }
            wanted = kept;
        }
        Injection used = injection;
        AnalyzeOptions asked = options.explore() != null && !explores(a, compiled, used) ? options.withExplore(null)
                : options;
        Analysis an = Analyzer.analyze(compiled, injection == null ? text : injection.text(), asked);
        List<ExpectationResult> studentOwn = an.expectations().stream()
                .filter(r -> used == null || used.at(r.expectation().span().line()).isEmpty()).toList();
        return new Judged(an, injection, studentOwn, asked);
    }

    /**
     * Whether some check needs the exploration of every interleaving: a test's line about every
     * interleaving, or the student's own such line that a {@code predict} asks about. Nothing else
     * does (the other checks read the default run or the syntax tree), so a predict exercise never
     * spends a submission's budget exploring a fork bomb it does not need to explore.
     */
    private static boolean explores(Assignment a, Compilation compiled, Injection injection) {
        List<Check.Predict> predicts = a.tests().stream().flatMap(t -> t.checks().stream())
                .filter(c -> c instanceof Check.Predict).map(c -> (Check.Predict) c).toList();
        for (var e : compiled.expectations()) {
            if (!ExpectVerdicts.everyInterleaving(e)) {
                continue;
            }
            boolean tests = injection != null && injection.at(e.span().line()).isPresent();
            if (tests || predicts.stream().anyMatch(p -> Predictions.isAbout(p, e))) {
                return true;
            }
        }
        return false;
    }

    static CheckOutcome oops(Check c, Throwable e) {
        return oopsOutcome(c, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    static CheckOutcome oopsOutcome(Check c, String what) {
        return new CheckOutcome(c, Status.UNDECIDED, "oss failed while judging this check (" + what
                + "); this is a bug in oss, not in your submission", Optional.empty());
    }

    /** The outcome of every check, filled in as each is judged; a check left empty says oss failed. */
    static final class Outcomes {
        interface Judge {
            CheckOutcome judge(int test, int index, Check c);
        }

        private final List<TestSpec> tests;
        private final CheckOutcome[][] slots;

        Outcomes(List<TestSpec> tests) {
            this.tests = tests;
            this.slots = new CheckOutcome[tests.size()][];
            for (int t = 0; t < tests.size(); t++) {
                slots[t] = new CheckOutcome[tests.get(t).checks().size()];
            }
        }

        void set(int test, int index, CheckOutcome o) {
            slots[test][index] = o;
        }

        void fill(java.util.function.Predicate<Check> which, java.util.function.Function<Check, CheckOutcome> judge) {
            fill(which, (t, i, c) -> judge.apply(c));
        }

        /** Judges every check still open that {@code which} selects, each on its own: one failing never stops another. */
        void fill(java.util.function.Predicate<Check> which, Judge judge) {
            for (int t = 0; t < slots.length; t++) {
                for (int i = 0; i < slots[t].length; i++) {
                    Check c = tests.get(t).checks().get(i);
                    if (slots[t][i] != null || !which.test(c)) {
                        continue;
                    }
                    try {
                        slots[t][i] = judge.judge(t, i, c);
                    } catch (Deadline.OutOfBudget e) {
                        throw e;
                    } catch (RuntimeException | StackOverflowError e) {
                        slots[t][i] = oops(c, e);
                    }
                }
            }
        }

        Judgement judgement(Optional<Analysis> analysis, List<Diagnostic> errors, Optional<String> stop) {
            fill(c -> true, c -> oopsOutcome(c, "it was left unjudged"));
            List<List<CheckOutcome>> tests = new ArrayList<>();
            for (CheckOutcome[] row : slots) {
                tests.add(List.of(row));
            }
            return new Judgement(analysis, errors, tests, stop);
        }
    }
}
