package oss.analysis.grading;

import static oss.analysis.grading.Assignments.expect;
import static oss.analysis.grading.Assignments.predict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import oss.analysis.AnalyzeOptions;
import oss.analysis.grading.CheckOutcome.Status;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.GradingBudget;

/** Expect and predict checks, and the budget, on submissions whose outcomes are worked out by hand. */
class SubmissionJudgeTest {
    static final AnalyzeOptions OPTIONS = SubmissionJudge.options(GradingBudget.DEFAULT);

    static Judgement judge(Assignment a, String text) {
        return SubmissionJudge.judge(a, Optional.of(Scenarios.LEFT_FIRST), "p.oss", text, OPTIONS);
    }

    static CheckOutcome only(Judgement j, int test) {
        assertEquals(1, j.tests().get(test).size());
        return j.tests().get(test).get(0);
    }

    @Test
    void theBudgetBecomesTheEnginesOptions() {
        AnalyzeOptions o = SubmissionJudge.options(new GradingBudget(7, 1234, 5678, 3L << 20, 1024));
        assertEquals(5678, o.run().maxEvents());
        assertEquals(1234, o.explore().maxStates());
        assertEquals(3L << 20, o.explore().maxBytes());
        assertEquals(7, o.explore().maxSeconds());
        assertEquals(200_000, OPTIONS.explore().maxStates());
        assertEquals(2_000_000, OPTIONS.run().maxEvents());
        assertEquals(256L << 20, OPTIONS.explore().maxBytes());
    }

    @Test
    void theDeadlockOfLeftFirstPhilosophersIsToldWithItsCycleAndSchedule() {
        Assignment a = Assignments.of(expect("expect no deadlock"), expect("expect deadlock"));
        Judgement j = judge(a, Scenarios.LEFT_FIRST);
        assertTrue(j.compiles());
        CheckOutcome none = only(j, 0);
        assertEquals(Status.FAILED, none.status());
        // every philosopher holds its left fork and waits at line 7 for the right one
        assertTrue(none.message().startsWith("p.oss:7:5: `expect no deadlock` does not hold: deadlock"), none.message());
        assertTrue(none.message().contains("p.oss:7:5: philosopher[0] (pid 2) waits for mutex fork[1], held by"
                + " philosopher[1] (pid 3)"), none.message());
        assertTrue(none.message().contains("philosopher[4] (pid 6) waits for mutex fork[0], held by philosopher[0]"
                + " (pid 2)"), none.message());
        assertTrue(none.message().contains("(5 tasks blocked for good)"), none.message());
        assertTrue(none.message().contains("shortest schedule (5 steps"), none.message());
        // the shortest way there: each takes its left fork (line 5) once
        assertEquals(Optional.of("oss run p.oss --schedule \"pid 2 at 5:5, pid 3 at 5:5, pid 4 at 5:5, pid 5 at 5:5,"
                + " pid 6 at 5:5\""), none.schedule());
        assertEquals(Status.HELD, only(j, 1).status());
        assertTrue(j.budgetStop().isEmpty());
    }

    @Test
    void orderedPhilosophersNeverDeadlock() {
        Assignment a = Assignments.of(expect("expect no deadlock"), expect("expect deadlock"));
        Judgement j = judge(a, Scenarios.ORDERED);
        assertEquals(Status.HELD, only(j, 0).status(), only(j, 0).message());
        assertTrue(only(j, 0).message().contains("no deadlock in any interleaving"), only(j, 0).message());
        CheckOutcome some = only(j, 1);
        assertEquals(Status.FAILED, some.status());
        assertTrue(some.message().startsWith("`expect deadlock` does not hold: no deadlock in any interleaving"),
                some.message());
        assertTrue(some.schedule().isEmpty());
    }

    @Test
    void aTestLineNamingWhatTheSubmissionLacksFailsAloneAndTheRestIsStillJudged() {
        String renamed = Scenarios.LEFT_FIRST.replace("philosopher", "thinker");
        Assignment a = Assignments.of(expect("expect philosopher[0].turnaround < 1 s"), expect("expect no deadlock"),
                expect("expect thinker[0].turnaround >= 0 ms"));
        Judgement j = judge(a, renamed);
        assertTrue(j.compiles(), "the test's line is not the student's error: " + j.compileErrors());
        CheckOutcome missing = only(j, 0);
        assertEquals(Status.FAILED, missing.status());
        assertTrue(missing.message().startsWith("`expect philosopher[0].turnaround < 1 s` cannot be judged on your"
                + " scenario: your scenario has no process `philosopher`"), missing.message());
        assertFalse(missing.message().contains("machine counters"), missing.message());
        // the submission was still analysed, with the tests' other lines
        assertEquals(Status.FAILED, only(j, 1).status());
        assertTrue(only(j, 1).message().contains("thinker[0] (pid 2) waits for mutex fork[1]"), only(j, 1).message());
        // a deadlocked philosopher never finishes, so its turnaround is never known
        assertEquals(Status.FAILED, only(j, 2).status());
        assertTrue(only(j, 2).message().contains("thinker[0] never finished"), only(j, 2).message());
    }

    @Test
    void theStudentsLinesAndColumnsStayTheirs() {
        Assignment a = Assignments.of(expect("expect no deadlock"));
        Judgement j = judge(a, Scenarios.LEFT_FIRST);
        // the analysis holds the student's text and the test's line after it, at line 13 before the brace
        var analysed = j.analysis().orElseThrow();
        assertEquals(1, analysed.expectations().size());
        assertEquals(13, analysed.expectations().get(0).expectation().span().line());
    }

    @Test
    void aPredictionRightWrongOrMissing() {
        String submission = Scenarios.FIFO.replace("""
                  process P3 {
                    compute 3 ms
                  }
                }
                """, """
                  process P3 {
                    compute 3 ms
                  }

                  expect P2.turnaround == 27 ms
                  expect P3.response == 24 ms
                }
                """);
        Assignment a = Assignments.of(predict("P2", "turnaround"), predict("P3", "response"), predict("P1", "waiting"));
        Judgement j = SubmissionJudge.judge(a, Optional.of(Scenarios.FIFO), "fifo.oss", submission, OPTIONS);
        assertTrue(j.compiles(), j.compileErrors().toString());
        assertEquals(Status.HELD, only(j, 0).status(), only(j, 0).message());
        assertEquals("fifo.oss:24:3: you predicted 27 ms, and so it is", only(j, 0).message());
        // P3 first runs when P1 (24 ms) and P2 (3 ms) are done
        assertEquals(Status.FAILED, only(j, 1).status());
        assertEquals("fifo.oss:25:3: you predicted 24 ms; the simulator computed 27 ms", only(j, 1).message());
        assertEquals(Status.FAILED, only(j, 2).status());
        assertEquals("you did not predict P1.waiting: add `expect P1.waiting == ...`", only(j, 2).message());
        // nothing here is about every interleaving: no exploration is spent on it
        assertTrue(j.analysis().orElseThrow().explore().isEmpty());
    }

    @Test
    void theExplorationRunsWhenALineAboutEveryInterleavingIsJudged() {
        String own = Scenarios.LEFT_FIRST.replace("  }\n}\n", "  }\n  expect no deadlock\n}\n");
        // the student's own line alone, asked about by no check: not explored
        assertTrue(judge(Assignments.of(Assignments.finishes()), own).analysis().orElseThrow().explore().isEmpty());
        // asked about by a predict, or a test's own line: explored
        assertTrue(judge(Assignments.of(predict("deadlock", null)), own).analysis().orElseThrow().explore()
                .isPresent());
        assertTrue(judge(Assignments.of(expect("expect no deadlock")), Scenarios.LEFT_FIRST).analysis().orElseThrow()
                .explore().isPresent());
    }

    @Test
    void aBoundIsNotAPrediction() {
        String hedged = Scenarios.FIFO.replace("  process P1 {", "  expect P3.response < 100 ms\n\n  process P1 {");
        Assignment a = Assignments.of(predict("P3", "response"));
        Judgement j = SubmissionJudge.judge(a, Optional.of(Scenarios.FIFO), "fifo.oss", hedged, OPTIONS);
        assertEquals(Status.FAILED, only(j, 0).status());
        assertEquals("you did not predict P3.response: add `expect P3.response == ...` (fifo.oss:12:3: `expect"
                + " P3.response < 100 ms` is a bound, not a prediction)", only(j, 0).message());
    }

    @Test
    void aValueLineIsAPredictionOfTheVariableItSetsEqual() {
        String counter = """
                scenario "counter" {
                  machine {
                    cpus 1
                  }

                  int count = 0

                  process a {
                    count++
                  }

                  process b {
                    count++
                  }

                  expect count == 2
                }
                """;
        // one CPU: a runs to its end before b starts, so no update is lost
        Assignment a = Assignments.of(predict("count", null));
        Judgement j = SubmissionJudge.judge(a, Optional.empty(), "c.oss", counter, OPTIONS);
        assertEquals(Status.HELD, only(j, 0).status(), only(j, 0).message());
        Judgement wrong = SubmissionJudge.judge(a, Optional.empty(), "c.oss", counter.replace("count == 2",
                "count == 1"), OPTIONS);
        assertEquals(Status.FAILED, only(wrong, 0).status());
        assertTrue(only(wrong, 0).message().startsWith("c.oss:16:3: you predicted `count == 1`; the simulator found:"
                + " at the end of the run count = 2"), only(wrong, 0).message());
        Judgement bound = SubmissionJudge.judge(a, Optional.empty(), "c.oss", counter.replace("count == 2",
                "count >= 1"), OPTIONS);
        assertEquals(Status.FAILED, only(bound, 0).status());
    }

    @Test
    void aPredictionOfAFlagIsAnsweredByEitherWord() {
        String submission = Scenarios.LEFT_FIRST.replace("  }\n}\n", "  }\n  expect no deadlock\n}\n");
        Assignment a = Assignments.of(predict("deadlock", null), predict("granted", null));
        Judgement j = judge(a, submission);
        assertEquals(Status.FAILED, only(j, 0).status());
        assertTrue(only(j, 0).message().startsWith("p.oss:12:3: you predicted `no deadlock`; the simulator found: an"
                + " interleaving deadlocks"), only(j, 0).message());
        assertEquals("you did not predict whether the request is granted: add `expect granted` or `expect denied`",
                only(j, 1).message());
    }

    @Test
    void aStatesBudgetThatRunsOutLeavesTheCheckUndecidedAndSaysWhich() {
        GradingBudget tight = new GradingBudget(10, 50, 2_000_000, 256L << 20, 256L << 10);
        Assignment a = Assignments.with(tight, expect("expect no deadlock"));
        Judgement j = SubmissionJudge.judge(a, Optional.empty(), "p.oss", Scenarios.ORDERED,
                SubmissionJudge.options(tight));
        CheckOutcome o = only(j, 0);
        assertEquals(Status.UNDECIDED, o.status(), o.message());
        assertTrue(o.message().contains("its budget of 50 states (`states` in the budget) ran out after 50 states"),
                o.message());
        assertTrue(j.budgetStop().orElseThrow().contains("50 states"), j.budgetStop().toString());
    }

    @Test
    void aMemoryBudgetThatRunsOutSaysSo() {
        // the store's hash table alone is 8 KiB: it is over 1 KiB before the first state is expanded
        GradingBudget tiny = new GradingBudget(10, 200_000, 2_000_000, 1024, 256L << 10);
        Assignment a = Assignments.with(tiny, expect("expect no deadlock"));
        Judgement j = SubmissionJudge.judge(a, Optional.empty(), "p.oss", Scenarios.ORDERED,
                SubmissionJudge.options(tiny));
        CheckOutcome o = only(j, 0);
        assertEquals(Status.UNDECIDED, o.status(), o.message());
        assertTrue(o.message().contains("its memory budget 1 KiB (`memory` in the budget) ran out"), o.message());
        assertTrue(o.message().contains("after 1 state,"), o.message());
    }

    @Test
    void aTimeBudgetSpentBeforeJudgingLeavesEveryCheckUndecided() {
        Assignment a = Assignments.of(expect("expect no deadlock"), Assignments.finishes(),
                Assignments.count("process", null, oss.compiler.expect.CompareOp.EQ, false, 5));
        Judgement j;
        try (oss.ir.Deadline d = oss.ir.Deadline.start(0, "`time` in the budget")) {
            j = judge(a, Scenarios.ORDERED);
        }
        for (int t = 0; t < 3; t++) {
            assertEquals(Status.UNDECIDED, only(j, t).status(), only(j, t).message());
            assertTrue(only(j, t).message().startsWith("oss could not judge this within the grading budget: the"
                    + " analysis ran out of its time budget of 0 s"), only(j, t).message());
        }
        assertTrue(j.budgetStop().orElseThrow().contains("time budget"));
    }

    @Test
    void aSubmissionThatDoesNotCompileKeepsItsOwnErrorsOnly() {
        String broken = Scenarios.ORDERED.replace("sleep 1 ms", "sleep 1 kg");
        Assignment a = Assignments.of(expect("expect no deadlock"), predict("P1", "turnaround"));
        Judgement j = judge(a, broken);
        assertFalse(j.compiles());
        assertTrue(j.analysis().isEmpty());
        assertTrue(j.compileErrors().stream().allMatch(d -> d.span().line() == 6), j.compileErrors().toString());
        for (int t = 0; t < 2; t++) {
            assertEquals(Status.FAILED, only(j, t).status());
            assertTrue(only(j, t).message().startsWith("your file does not compile, so this was not judged (1 error;"
                    + " the first: p.oss:6:"), only(j, t).message());
        }
    }

    @Test
    void neverThrowsOnGarbageAndIsTheSameTwice() {
        Assignment a = Assignments.of(expect("expect no deadlock"), predict("P1", "turnaround"),
                Assignments.finishes());
        for (String text : List.of("", "\u0000\u0001garbage }}}", "scenario \"x\" {", "scenario \"x\" { }",
                Scenarios.LEFT_FIRST)) {
            Judgement one = judge(a, text);
            Judgement two = judge(a, text);
            assertEquals(one.tests(), two.tests());
            assertEquals(one.compileErrors(), two.compileErrors());
            assertEquals(3, one.tests().size());
        }
    }
}
