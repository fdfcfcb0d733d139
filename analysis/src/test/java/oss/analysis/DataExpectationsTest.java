package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.analysis.ExpectationResult.Status;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Severity;
import oss.runtime.explore.Schedule;
import oss.runtime.observe.RunOptions;

/**
 * The `expect` lines about data, judged on the default run (exploration off here: what the explorer
 * decides is in the tests that explore), and the values a replayed schedule shows at each step.
 * Every expected value is worked out by hand from the scenario.
 */
class DataExpectationsTest {
    /** Two processes each add 1 to a shared counter with a plain load and store: the classic lost update. */
    static final String LOST_UPDATE = """
            scenario "lost update" {
              machine { cpus 1 }
              int count = 0
              process a {
                int r = 7
                count = count + 1
                r = count * 10
              }
              process b {
                count = count + 1
              }
              expect count == 2
              expect count == 3
              expect a.r == 10
              expect race
            }
            """;

    private static Analysis runOnly(String text) {
        Analysis a = Analyzer.analyze("t.oss", text, new AnalyzeOptions(RunOptions.defaults(), null));
        List<Diagnostic> errors = a.compilation().diagnostics().stream().filter(Diagnostic::isError).toList();
        assertTrue(errors.isEmpty(), () -> "does not compile:\n" + Runs.describe(errors));
        return a;
    }

    private static ExpectationResult result(Analysis a, String text) {
        return a.expectations().stream().filter(e -> e.expectation().text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no expectation " + text + " in " + a.expectations()));
    }

    @Test
    void aValueWhenTheRunEndsIsJudgedWithTheValuesItRead() {
        // one CPU, a then b, each to its end: nothing interleaves in the default run, so count ends at 2
        Analysis a = runOnly(LOST_UPDATE);
        ExpectationResult two = result(a, "expect count == 2");
        assertEquals(Status.PASSED, two.status(), two.message());
        assertEquals("count = 2", two.actual());
        ExpectationResult three = result(a, "expect count == 3");
        assertEquals(Status.FAILED, three.status());
        assertTrue(three.message().contains("count = 2"), three.message());
        Diagnostic failed = a.diagnostics().stream().filter(d -> d.code() == Code.EXPECTATION_FAILED).findFirst()
                .orElseThrow();
        assertTrue(failed.message().contains("`expect count == 3` does not hold") && failed.message().contains(
                "count = 2"), failed.message());
    }

    @Test
    void aProcessVariableIsReadFromThatProcess() {
        // a ran alone to its end: count was 1 after its store, so r = 1 * 10
        ExpectationResult r = result(runOnly(LOST_UPDATE), "expect a.r == 10");
        assertEquals(Status.PASSED, r.status(), r.message());
        assertEquals("a.r = 10", r.actual());
    }

    @Test
    void aRaceTheRunSawHoldsExpectRaceAndIsShownAsTheLesson() {
        Analysis a = runOnly(LOST_UPDATE);
        ExpectationResult race = result(a, "expect race");
        assertEquals(Status.PASSED, race.status(), race.message());
        List<Diagnostic> races = a.diagnostics().stream().filter(d -> d.code() == Code.DATA_RACE
                || d.code() == Code.NO_COMMON_LOCK).toList();
        assertTrue(!races.isEmpty(), a.diagnostics().toString());
        races.forEach(d -> assertEquals(Severity.INFO, d.severity(), "expected, so information: " + d));
        Analysis no = runOnly(LOST_UPDATE.replace("expect race", "expect no race"));
        assertEquals(Status.FAILED, result(no, "expect no race").status());
        assertTrue(no.diagnostics().stream().anyMatch(d -> d.code() == Code.DECIDED_ON_DEFAULT_RUN),
                "exploration was off: the report says the run alone decided it");
    }

    @Test
    void theRunsRaceAndTheLocksetCheckOnOneVariableAreOneFinding() {
        // without a's second read (line 7) the race is between two statements only: lines 6 and 10
        Analysis a = runOnly(LOST_UPDATE.replace("expect race", "expect count >= 0").replace("    r = count * 10\n", ""));
        List<Diagnostic> races = a.diagnostics().stream().filter(d -> d.code() == Code.DATA_RACE
                || d.code() == Code.NO_COMMON_LOCK).toList();
        assertEquals(1, races.size(), races.toString());
        assertEquals(Code.DATA_RACE, races.get(0).code(), "what the run saw leads");
        assertTrue(races.get(0).detail().contains("OSS1308"), races.get(0).detail());
        assertEquals(1, races.get(0).related().size(), "the other access, once: " + races.get(0).related());
        long ungrouped = a.ungrouped().stream().filter(d -> d.code() == Code.DATA_RACE
                || d.code() == Code.NO_COMMON_LOCK).count();
        assertTrue(ungrouped >= 2, "-v still shows each: " + ungrouped);
    }

    @Test
    void aReplayedScheduleShowsTheLostUpdateInItsValues() {
        Analysis a = runOnly(LOST_UPDATE);
        int line = 6; // a's `count = count + 1`: the load is the `count` at column 13, the store the statement
        int bLine = 10; // b's
        Schedule s = new Schedule(List.of(new Schedule.Step(2, line, 13, -1), new Schedule.Step(3, bLine, 13, -1),
                new Schedule.Step(2, line, 5, -1), new Schedule.Step(3, bLine, 5, -1)));
        Replays replays = new Replays(a.compilation().program().orElseThrow(), RunOptions.defaults(), LOST_UPDATE);
        Counterexample cx = replays.of(Code.RACE_REACHABLE, new oss.ir.program.Span(line, 5, line, 22), "race", s,
                List.of("a (pid 2)", "b (pid 3)", "a (pid 2)", "b (pid 3)"));
        assertTrue(cx.replayed(), cx.detail());
        // both load 0 before either stores, so both store 1: one update is lost
        assertEquals(List.of("read count = 0", "read count = 0", "wrote count = 1", "wrote count = 1"),
                cx.steps().stream().map(Counterexample.Step::values).toList(), cx.detail());
        assertTrue(cx.detail().contains("read count = 0") && cx.detail().contains("wrote count = 1"), cx.detail());
        assertNotNull(cx.replayText());
    }

    /** Each of two processes adds 1 once: by hand, the interleavings end with count 2, or 1 when both load 0 first. */
    static final String ONCE_EACH = """
            scenario "once each" {
              int count = 0
              process a {
                count = count + 1
              }
              process b {
                count = count + 1
              }
              expect always count == 2
              expect possible count == 1
              expect always count >= 1
            }
            """;

    private static Analysis explored(String text, long maxStates) {
        return Analyzer.analyze("t.oss", text, new AnalyzeOptions(RunOptions.defaults(),
                oss.runtime.explore.ExploreOptions.defaults().withMaxStates(maxStates).withMaxSeconds(30)));
    }

    @Test
    void alwaysFailsWithTheInterleavingThatEndsFalseShowingTheLostUpdate() {
        Analysis a = explored(ONCE_EACH, 1_000_000);
        ExpectationResult always = result(a, "expect always count == 2");
        assertEquals(Status.FAILED, always.status(), always.message());
        assertEquals("count = 1", always.actual());
        assertNotNull(always.schedule());
        List<String> values = always.schedule().steps().stream().map(Counterexample.Step::values)
                .filter(v -> !v.isEmpty()).toList();
        // both load 0 before either stores
        assertEquals(List.of("read count = 0", "read count = 0", "wrote count = 1", "wrote count = 1"),
                values.stream().sorted().toList(), always.schedule().detail());
        Diagnostic failed = a.diagnostics().stream().filter(d -> d.code() == Code.EXPECTATION_FAILED).findFirst()
                .orElseThrow();
        assertTrue(failed.detail().contains("read count = 0") && failed.detail().contains("wrote count = 1"),
                "the diagnostic carries the counterexample with its values: " + failed.detail());
        assertTrue(a.counterexamples().contains(always.schedule()), "the report lists it too");
    }

    @Test
    void possibleHoldsWithAWitnessThatEndsTrue() {
        ExpectationResult possible = result(explored(ONCE_EACH, 1_000_000), "expect possible count == 1");
        assertEquals(Status.PASSED, possible.status(), possible.message());
        assertEquals("count = 1", possible.actual());
        assertTrue(possible.schedule() != null && possible.schedule().replayed(), possible.message());
        ExpectationResult atLeast = result(explored(ONCE_EACH, 1_000_000), "expect always count >= 1");
        assertEquals(Status.PASSED, atLeast.status(), atLeast.message());
        assertTrue(atLeast.schedule() == null, "nothing to show when every interleaving agrees");
    }

    @Test
    void aBudgetThatRunsOutLeavesAlwaysUndecidedUnlessTheRunRefutesIt() {
        Analysis a = explored(ONCE_EACH, 2);
        ExpectationResult atLeast = result(a, "expect always count >= 1");
        assertEquals(Status.UNDECIDED, atLeast.status(), atLeast.message());
        assertTrue(a.diagnostics().stream().anyMatch(d -> d.code() == Code.EXPECTATION_UNDECIDED
                && d.message().contains("count >= 1")), a.diagnostics().toString());
    }
}
