package oss.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import oss.analysis.AnalyzeOptions;
import oss.analysis.grading.CheckOutcome;
import oss.analysis.grading.Judgement;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.Check;
import oss.compiler.assign.GradingBudget;
import oss.compiler.assign.TestSpec;
import oss.compiler.assign.Visibility;
import oss.ir.Deadline;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Span;
import org.junit.jupiter.api.Test;

/**
 * The grader's own work, with a stand-in judge whose verdicts the submission's text spells out
 * ({@code "HH HFH F"}: test 1 both checks held, test 2 the second failed, ...): scoring, messages,
 * isolation of a judge that throws or never returns, parallel determinism, the summary. Every
 * expected number is worked out by hand in the comment beside it.
 */
class GraderTest {
    /** Test 1: 4 points, 2 checks, all or nothing. Test 2: 2 points, 3 checks, partial. Test 3: 1 point, hidden. */
    static Assignment assignment(double seconds) {
        Check a = new Check.Expect("no deadlock", "expect no deadlock", Span.NONE);
        Check b = new Check.Finishes("require finishes", Span.NONE);
        Check c = new Check.Forbid(List.of("choose"), "forbid choose", Span.NONE);
        Check d = new Check.Predict("P", Optional.of("response"), "predict P.response", Span.NONE);
        return new Assignment("Philosophers", "philosophers.oss", Optional.empty(), Span.NONE,
                new GradingBudget(seconds, 1000, 1000, 1 << 20, 1 << 16), List.of(
                new TestSpec(1, "no deadlock", 4, Visibility.VISIBLE, false, List.of(a, b),
                        Optional.of("Break the cycle."), Span.NONE),
                new TestSpec(2, "structure", 2, Visibility.VISIBLE, true, List.of(c, d, b), Optional.empty(),
                        Span.NONE),
                new TestSpec(3, "hidden one", 1, Visibility.HIDDEN, false, List.of(d),
                        Optional.of("secret hint"), Span.NONE)), Span.NONE);
    }

    static final Assignment A = assignment(5);

    /** Reads "HH HFH F" as the verdicts; a few words make it misbehave instead. */
    static final Judge FAKE = (a, starter, fileName, text, options) -> {
        switch (text) {
            case "throw" -> throw new IllegalStateException("boom");
            case "deep" -> throw new StackOverflowError();
            case "heap" -> throw new OutOfMemoryError("Java heap space");
            case "spin" -> {
                while (true) {
                    Deadline.check(); // like the simulator's loops: the Deadline stops it
                }
            }
            case "compile" -> {
                List<Diagnostic> errors = new ArrayList<>();
                for (int i = 1; i <= 12; i++) {
                    errors.add(Diagnostic.of(Code.SYNTAX, new Span(i, 2 * i, i, 2 * i + 1), "error " + i));
                }
                return new Judgement(Optional.empty(), errors, List.of(), Optional.empty());
            }
            default -> {
            }
        }
        String[] words = text.split(" ");
        List<List<CheckOutcome>> tests = new ArrayList<>();
        for (TestSpec t : a.tests()) {
            List<CheckOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < t.checks().size(); i++) {
                char v = words[t.number() - 1].charAt(i);
                Check c = t.checks().get(i);
                CheckOutcome.Status s = v == 'H' ? CheckOutcome.Status.HELD : v == 'F' ? CheckOutcome.Status.FAILED
                        : CheckOutcome.Status.UNDECIDED;
                outcomes.add(new CheckOutcome(c, s, fileName + ":3:5: " + c.text() + (v == 'H' ? " holds" : " fails"),
                        v == 'F' ? Optional.of("oss run " + fileName + " --schedule \"1 2\"") : Optional.empty()));
            }
            tests.add(outcomes);
        }
        Optional<String> stop = text.contains("U") ? Optional.of("the run stopped at its budget of 1000 steps")
                : Optional.empty();
        return new Judgement(Optional.empty(), List.of(), tests, stop);
    };

    static LoadedAssignment loaded(Assignment a) {
        return new LoadedAssignment(Path.of("a.oss"), "", a, Optional.empty());
    }

    static Submission sub(String student, String text) {
        return new Submission(student, "class/" + student + "/philosophers.oss", "philosophers.oss",
                Submission.Source.text(text));
    }

    static ClassResult grade(int jobs, List<Submission> subs) {
        return new Grader(loaded(A), FAKE, AnalyzeOptions.defaults(), jobs).grade(subs, Grader.Progress.NONE);
    }

    static StudentResult one(String text) {
        return grade(1, List.of(sub("s", text))).students().get(0);
    }

    @Test
    void allOrNothingAndPartialScores() {
        StudentResult r = one("HH HFH F");
        // test 1: both held, 4; test 2: 2 of 3 held, 2 × 2/3; test 3: failed, 0
        assertEquals(4, r.tests().get(0).score());
        assertEquals(4.0 / 3, r.tests().get(1).score(), 1e-12);
        assertEquals(0, r.tests().get(2).score());
        assertEquals(4 + 4.0 / 3, r.score(), 1e-12);
        assertEquals(7, r.maxScore());
        assertEquals(StudentResult.Outcome.GRADED, r.outcome());
        assertEquals(List.of(true, false, false), r.tests().stream().map(TestResult::passed).toList());
        assertEquals(2, r.tests().get(1).checksPassed());
        assertEquals(3, r.tests().get(1).checks());
        // one failed check of four points loses all four
        assertEquals(1 + 0, one("HF HHH H").score() - 2);
        assertEquals(0, one("FF FFF F").score());
        assertEquals(7, one("HH HHH H").score());
    }

    @Test
    void aFailedTestSaysWhyWithTheReplayLineAndTheFeedback() {
        StudentResult r = one("HF HFH F");
        assertEquals("philosophers.oss:3:5: require finishes fails\n"
                + "  replay it: oss run philosophers.oss --schedule \"1 2\"\n"
                + "Break the cycle.", r.tests().get(0).output());
        assertEquals("2 of 3 checks held\n"
                + "philosophers.oss:3:5: predict P.response fails\n"
                + "  replay it: oss run philosophers.oss --schedule \"1 2\"", r.tests().get(1).output());
        assertEquals("philosophers.oss:3:5: predict P.response fails\n"
                + "  replay it: oss run philosophers.oss --schedule \"1 2\"\n"
                + "secret hint", r.tests().get(2).output());
        assertEquals("failed (a hidden test: its details are not shown)", r.tests().get(2).forStudent().output());
        assertEquals(List.of("predict"), r.tests().get(2).tags());
        assertEquals(List.of("forbid", "predict", "finishes"), r.tests().get(1).tags());
        StudentResult ok = one("HH HHH H");
        assertEquals("philosophers.oss:3:5: expect no deadlock holds\nphilosophers.oss:3:5: require finishes holds",
                ok.tests().get(0).output());
        assertEquals("", ok.message());
    }

    @Test
    void anUndecidedCheckEarnsNothingAndTheBudgetIsTheMessage() {
        StudentResult r = one("HU HHH H");
        assertEquals(3, r.score()); // test 1 lost, tests 2 and 3 full
        assertEquals("philosophers.oss: warning[OSS4003]: the run stopped at its budget of 1000 steps", r.message());
        assertEquals(StudentResult.Outcome.GRADED, r.outcome());
    }

    @Test
    void aSubmissionThatDoesNotCompileScoresNothingAndListsTenErrors() {
        StudentResult r = one("compile");
        assertEquals(StudentResult.Outcome.DOES_NOT_COMPILE, r.outcome());
        assertEquals(0, r.score());
        StringBuilder expected = new StringBuilder("philosophers.oss: error[OSS4002]: does not compile (12 errors)");
        for (int i = 1; i <= 10; i++) {
            expected.append("\n  philosophers.oss:").append(i).append(':').append(2 * i).append(": error ").append(i);
        }
        expected.append("\n  and 2 more");
        assertEquals(expected.toString(), r.message());
        for (TestResult t : r.tests()) {
            assertEquals(0, t.score());
            assertFalse(t.passed());
            assertEquals("not judged: philosophers.oss does not compile (OSS4002)", t.output());
        }
    }

    @Test
    void aRejectedSubmissionScoresNothingWithItsReason() {
        Submission s = new Submission("eve", "class/eve", "", Submission.Source.rejected("not a text file"));
        StudentResult r = grade(1, List.of(s)).students().get(0);
        assertEquals(StudentResult.Outcome.REJECTED, r.outcome());
        assertEquals("class/eve: error[OSS4001]: not a text file", r.message());
        assertEquals(3, r.tests().size());
        assertEquals(0, r.score());
    }

    @Test
    void whateverOneSubmissionDoesCostsOnlyItsOwnPoints() {
        Assignment fast = assignment(0.5);
        List<Submission> subs = List.of(sub("good1", "HH HHH H"), sub("thrower", "throw"), sub("deep", "deep"),
                sub("heap", "heap"), sub("spinner", "spin"), sub("good2", "HH HFH H"));
        ClassResult c = new Grader(loaded(fast), FAKE, AnalyzeOptions.defaults(), 2).grade(subs,
                Grader.Progress.NONE);
        assertEquals(List.of("deep", "good1", "good2", "heap", "spinner", "thrower"),
                c.students().stream().map(StudentResult::student).toList());
        assertEquals(7, c.students().get(1).score());
        assertEquals(5 + 4.0 / 3, c.students().get(2).score(), 1e-12);
        assertTrue(c.students().get(0).message().startsWith("philosophers.oss: warning[OSS4003]: nested or recursive"),
                c.students().get(0).message());
        assertTrue(c.students().get(3).message().contains("the Java heap ran out"), c.students().get(3).message());
        assertEquals("philosophers.oss: warning[OSS4003]: the analysis ran out of its time budget of 0.5 s while"
                + " compiling; raise it with the assignment's `budget { time S }`",
                c.students().get(4).message());
        assertTrue(c.students().get(5).message().startsWith("philosophers.oss: error[OSS9001]: internal error in oss"
                + " while grading it (IllegalStateException: boom)"), c.students().get(5).message());
        for (int i : new int[] {0, 3, 4, 5}) {
            assertEquals(0, c.students().get(i).score());
            assertEquals(StudentResult.Outcome.GRADED, c.students().get(i).outcome());
        }
    }

    @Test
    void aJudgeThatIgnoresItsDeadlineIsGivenUpOnAndTheOthersFinish() {
        Assignment fast = assignment(0.2); // the backstop: 2 × 0.2 + 5 = 5.4 s
        Judge stuck = (a, st, f, text, o) -> {
            if (text.equals("hang")) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return FAKE.judge(a, st, f, text, o);
        };
        long t0 = System.nanoTime();
        ClassResult c = new Grader(loaded(fast), stuck, AnalyzeOptions.defaults(), 1).grade(
                List.of(sub("a", "hang"), sub("b", "HH HHH H")), Grader.Progress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 20, "took " + seconds + " s");
        assertEquals(0, c.students().get(0).score());
        assertTrue(c.students().get(0).message().contains("oss gave up on it after 5 s"), c.students().get(0).message());
        assertEquals(7, c.students().get(1).score());
    }

    @Test
    void aSubmissionThatRanShortOfTheSharedHeapIsGradedAgainAlone() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean hogging = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch victimSaw = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger victimCalls = new AtomicInteger();
        Judge shared = (a, st, f, text, o) -> {
            if (text.equals("hog")) {
                hogging.set(true);
                try {
                    victimSaw.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                hogging.set(false);
                return FAKE.judge(a, st, f, "FF FFF F", o);
            }
            victimCalls.incrementAndGet();
            long until = System.nanoTime() + 2_000_000_000L;
            while (!hogging.get() && victimCalls.get() == 1 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            boolean squeezed = hogging.get();
            victimSaw.countDown();
            Judgement j = FAKE.judge(a, st, f, "HH HHH H", o);
            if (!squeezed) {
                return j;
            }
            // what SubmissionJudge says when a check's own work hits an OutOfMemoryError
            List<List<CheckOutcome>> oops = j.tests().stream().map(t -> t.stream().map(c -> new CheckOutcome(
                    c.check(), CheckOutcome.Status.UNDECIDED, "oss failed while judging this check (OutOfMemoryError:"
                    + " Java heap space); this is a bug in oss, not in your submission", Optional.<String>empty()))
                    .toList()).toList();
            return new Judgement(Optional.empty(), List.of(), oops, Optional.empty());
        };
        ClassResult c = new Grader(loaded(A), shared, AnalyzeOptions.defaults(), 2).grade(
                List.of(sub("hog", "hog"), sub("victim", "x")), Grader.Progress.NONE);
        assertEquals(2, victimCalls.get(), "graded beside the hog, then again alone");
        assertEquals(7, c.students().get(1).score());
        assertEquals(0, c.students().get(0).score());
    }

    @Test
    void oneThreadAndTwoGiveTheSameResults() {
        List<Submission> subs = new ArrayList<>();
        String[] texts = {"HH HHH H", "HF HFH F", "compile", "FF FFF F", "HU HHU H", "throw", "HH FFH H"};
        for (int i = 0; i < 40; i++) {
            subs.add(sub("s" + (char) ('a' + (i * 7) % 26) + i, texts[i % texts.length]));
        }
        ClassResult one = withoutTime(grade(1, subs));
        ClassResult two = withoutTime(grade(2, subs));
        assertEquals(one, two);
        List<String> names = one.students().stream().map(StudentResult::student).toList();
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void progressIsToldOfEveryStudentOnce() {
        AtomicInteger calls = new AtomicInteger();
        List<Submission> subs = List.of(sub("a", "HH HHH H"), sub("b", "FF FFF F"), sub("c", "compile"));
        new Grader(loaded(A), FAKE, AnalyzeOptions.defaults(), 2).grade(subs, (r, done, total) -> {
            assertEquals(3, total);
            assertEquals(calls.incrementAndGet(), done);
        });
        assertEquals(3, calls.get());
    }

    @Test
    void theClassSummaryByHand() {
        // scores: 7, 4 + 4/3 = 5.333, 0 (compile), 0 (all failed), 3 (test 1 undecided)
        List<Submission> subs = List.of(sub("a", "HH HHH H"), sub("b", "HH HFH F"), sub("c", "compile"),
                sub("d", "FF FFF F"), sub("e", "HU HHH H"));
        ClassSummary s = grade(2, subs).summary();
        assertEquals(5, s.students());
        assertEquals((7 + 16.0 / 3 + 3) / 5, s.mean(), 1e-12);
        assertEquals(3, s.median());
        assertEquals(0, s.min());
        assertEquals(7, s.max());
        // 0, 0 → [0,10 %); 3/7 = 42.9 % → 4; 5.33/7 = 76.2 % → 7; 7/7 → 9
        assertEquals(List.of(2, 0, 0, 0, 1, 0, 0, 1, 0, 1), s.histogram());
        // test 1 passed by a, b; test 2 by a, e; test 3 by a, e
        assertEquals(List.of(2, 2, 2), s.tests().stream().map(ClassSummary.TestRate::passed).toList());
        assertEquals(List.of(5, 5, 5), s.tests().stream().map(ClassSummary.TestRate::students).toList());
        assertEquals(List.of(4.0, 2.0, 1.0), s.tests().stream().map(ClassSummary.TestRate::maxScore).toList());
    }

    @Test
    void theMedianOfAnEvenClassAndTheEdgesOfTheHistogram() {
        ClassSummary s = grade(1, List.of(sub("a", "HH HHH H"), sub("b", "FF FFF F"))).summary();
        assertEquals(3.5, s.median());
        assertEquals(0, Summaries.bucket(0, 7));
        assertEquals(9, Summaries.bucket(7, 7));
        assertEquals(3, Summaries.bucket(1.0 / 3 + 1.0 / 3 + 1.0 / 3 - 0.7, 1)); // 0.3 despite rounding
        assertEquals(9, Summaries.bucket(0, 0));
        ClassSummary empty = grade(1, List.of()).summary();
        assertEquals(0, empty.students());
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), empty.histogram());
    }

    static ClassResult withoutTime(ClassResult c) {
        return new ClassResult(c.assignment(), c.source(), c.maxScore(), c.students().stream()
                .map(s -> new StudentResult(s.student(), s.file(), s.outcome(), s.score(), s.maxScore(), s.message(),
                        s.tests(), 0)).toList(), c.summary());
    }
}
