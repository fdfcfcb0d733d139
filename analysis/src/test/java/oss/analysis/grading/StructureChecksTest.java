package oss.analysis.grading;

import static oss.analysis.grading.Assignments.count;
import static oss.analysis.grading.Assignments.expect;
import static oss.analysis.grading.Assignments.forbid;
import static oss.analysis.grading.Assignments.part;
import static oss.analysis.grading.Assignments.predict;
import static oss.analysis.grading.Assignments.process;
import static oss.analysis.grading.Assignments.unchanged;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import oss.analysis.grading.CheckOutcome.Status;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.Check;
import oss.compiler.expect.CompareOp;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;

/** require count, forbid, unchanged, require finishes, and the tests checked against the starter. */
class StructureChecksTest {
    static CheckOutcome judgeOne(Check c, String starter, String text) {
        Judgement j = SubmissionJudge.judge(Assignments.of(c), Optional.of(starter), "p.oss", text,
                SubmissionJudgeTest.OPTIONS);
        return j.tests().get(0).get(0);
    }

    /** The left-first philosophers with a doorman and an extra semaphore (lines 2-4 declare). */
    static final String TWO_SEMAPHORES = """
            scenario "Dining philosophers" {
              mutex fork[5]
              semaphore room = 4
              semaphore extra = 1

              process philosopher[i in 0..4] {
                P(room)
                lock fork[i]
                lock fork[(i + 1) % 5]
                compute 2 ms
                unlock fork[(i + 1) % 5]
                unlock fork[i]
                V(room)
              }
            }
            """;

    @Test
    void countWithAStarterBound() {
        CheckOutcome o = judgeOne(count("semaphore", null, CompareOp.LE, true, 1), Scenarios.LEFT_FIRST, TWO_SEMAPHORES);
        assertEquals(Status.FAILED, o.status());
        assertEquals("p.oss:3:3: you have 2 semaphores (`room` at 3:3, `extra` at 4:3); this test wants at most 1 more"
                + " than the starter's 0 (1)", o.message());
        CheckOutcome one = judgeOne(count("semaphore", null, CompareOp.LE, true, 1), Scenarios.LEFT_FIRST,
                TWO_SEMAPHORES.replace("  semaphore extra = 1\n", ""));
        assertEquals(Status.HELD, one.status(), one.message());
    }

    @Test
    void countsTheInstancesOfArrays() {
        CheckOutcome five = judgeOne(count("process", "philosopher", CompareOp.EQ, false, 5), Scenarios.LEFT_FIRST,
                TWO_SEMAPHORES);
        assertEquals(Status.HELD, five.status());
        assertEquals("you have 5 processes named philosopher (`philosopher` ×5 at 6:3); this test wants exactly 5",
                five.message());
        CheckOutcome forks = judgeOne(count("mutex", null, CompareOp.EQ, true, 0), Scenarios.LEFT_FIRST,
                TWO_SEMAPHORES.replace("mutex fork[5]", "mutex fork[6]"));
        assertEquals(Status.FAILED, forks.status());
        assertEquals("p.oss:2:3: you have 6 mutexes (`fork` ×6 at 2:3); this test wants exactly the starter's 5",
                forks.message());
    }

    @Test
    void hugeArraysAreCountedWithoutOverflow() {
        String huge = "scenario \"x\" {\n  mutex a[9223372036854775807]\n  mutex b[9223372036854775807]\n}\n";
        CheckOutcome o = judgeOne(count("mutex", null, CompareOp.LE, false, 10), Scenarios.LEFT_FIRST, huge);
        assertEquals(Status.FAILED, o.status(), o.message());
        assertTrue(o.message().startsWith("p.oss:2:3: you have 9223372036854775807 mutexes"), o.message());
    }

    @Test
    void forbidNamesEachUseWhereItIs() {
        String chooser = Scenarios.LEFT_FIRST.replace("    sleep 1 ms\n", """
                    choose {
                      sleep 1 ms
                    } or {
                      x = fetch_add(n, 1)
                    }
                """).replace("  mutex fork[5]\n", "  mutex fork[5]\n  int n = 0\n");
        CheckOutcome o = judgeOne(forbid("choose", "trylock", "fetch_add"), Scenarios.LEFT_FIRST, chooser);
        assertEquals(Status.FAILED, o.status());
        assertEquals("""
                p.oss:7:5: `choose` at 7:5 is not allowed here
                p.oss:10:11: `fetch_add` at 10:11 is not allowed here""", o.message());
        CheckOutcome clean = judgeOne(forbid("choose"), Scenarios.LEFT_FIRST, Scenarios.ORDERED);
        assertEquals(Status.HELD, clean.status());
    }

    @Test
    void forbidSeesPAndVAsWaitAndPost() {
        CheckOutcome o = judgeOne(forbid("post"), Scenarios.LEFT_FIRST, TWO_SEMAPHORES);
        assertEquals("p.oss:13:5: `post` at 13:5 is not allowed here", o.message());
    }

    @Test
    void unchangedSaysExactlyWhatChangedAndNotLayoutOrComments() {
        String edited = Scenarios.FIFO
                .replace("  machine {\n    cpus 1\n  }\n", "  machine {\n\n      cpus   1   // one CPU\n  }\n")
                .replace("compute 24 ms", "compute 20 ms");
        CheckOutcome o = judgeOne(unchanged(part(Check.TargetKind.SCENARIO)), Scenarios.FIFO, edited);
        assertEquals(Status.FAILED, o.status());
        assertEquals("p.oss:14:5: in process P1 (13:3), the starter's `compute 24 ms` became `compute 20 ms`",
                o.message());
        CheckOutcome machine = judgeOne(unchanged(part(Check.TargetKind.MACHINE), part(Check.TargetKind.KERNEL),
                process("P2")), Scenarios.FIFO, edited);
        assertEquals(Status.HELD, machine.status(), machine.message());
    }

    @Test
    void unchangedScenarioAllowsExpectLinesOnly() {
        String predicted = Scenarios.FIFO.replace("  process P3 {", "  expect P1.turnaround == 24 ms\n\n  process P3 {");
        assertEquals(Status.HELD, judgeOne(unchanged(part(Check.TargetKind.SCENARIO)), Scenarios.FIFO, predicted)
                .status());
    }

    @Test
    void removalsAdditionsAndSettingsAreNamed() {
        String edited = Scenarios.FIFO.replace("  mutex m\n", "")
                .replace("    cpus 1\n", "    cpus 4\n")
                .replace("  process P3 {\n    compute 3 ms\n  }\n", "  process P3 {\n    compute 3 ms\n    sleep 1 ms\n  }\n");
        CheckOutcome o = judgeOne(unchanged(part(Check.TargetKind.SCENARIO)), Scenarios.FIFO, edited);
        assertEquals(Status.FAILED, o.status());
        assertEquals("""
                3 differences from the starter:
                p.oss:3:5: in the machine block (2:3), the starter's `cpus 1` became `cpus 4`
                you removed `mutex m` (the starter's 10:3)
                p.oss:21:5: in process P3 (19:3), you added `sleep 1 ms`""", o.message());
        // declarations: every starter declaration as it was; new ones may be added, removing one may not
        CheckOutcome decls = judgeOne(unchanged(part(Check.TargetKind.DECLARATIONS)), Scenarios.FIFO, edited);
        assertEquals("you removed `mutex m` (the starter's 10:3)", decls.message());
        CheckOutcome added = judgeOne(unchanged(part(Check.TargetKind.DECLARATIONS)), Scenarios.FIFO,
                Scenarios.FIFO.replace("  mutex m\n", "  mutex m\n  mutex n\n"));
        assertEquals(Status.HELD, added.status(), added.message());
    }

    @Test
    void aLineRemovedIsSaidWhereItWas() {
        CheckOutcome o = judgeOne(unchanged(process("philosopher")), Scenarios.LEFT_FIRST,
                Scenarios.LEFT_FIRST.replace("    sleep 1 ms\n", ""));
        assertEquals("p.oss:6:5: in process philosopher (4:3), you removed `sleep 1 ms` (the starter's 6:5)",
                o.message());
    }

    @Test
    void manyDifferencesListTheFirstFewAndCountThem() {
        String edited = Scenarios.FIFO.replace("compute 3 ms", "compute 4 ms").replace("compute 24 ms", "compute 1 ms")
                .replace("scheduler fifo", "scheduler rr").replace("cpus 1", "cpus 2")
                .replace("  mutex m\n", "  mutex m2\n  semaphore s = 1\n");
        CheckOutcome o = judgeOne(unchanged(part(Check.TargetKind.SCENARIO)), Scenarios.FIFO, edited);
        String[] lines = o.message().split("\n");
        assertEquals("8 differences from the starter:", lines[0]);
        assertEquals(Structure.MAX_LISTED + 2, lines.length, o.message());
        assertEquals("... and 3 more differences (8 in all)", lines[lines.length - 1]);
    }

    @Test
    void finishesNamesTheBlockedTaskAtItsProcess() {
        String stuck = """
                scenario "stuck" {
                  semaphore s = 0

                  process waiter {
                    wait s
                  }

                  process other {
                    compute 1 ms
                  }
                }
                """;
        CheckOutcome o = judgeOne(Assignments.finishes(), stuck, stuck);
        assertEquals(Status.FAILED, o.status());
        assertTrue(o.message().startsWith("a task did not finish:\n  p.oss:4:11: waiter (pid 2) is blocked at 5:5,"
                + " waiting for semaphore s (value 0)"), o.message());
        assertTrue(!o.message().contains("other"), o.message());
        CheckOutcome fine = judgeOne(Assignments.finishes(), stuck, Scenarios.ORDERED);
        assertEquals(Status.HELD, fine.status());
        assertEquals("every task exited by itself (5 tasks)", fine.message());
    }

    @Test
    void aStructuralCheckIsJudgedEvenWhenTheFileDoesNotCompile() {
        Judgement j = SubmissionJudge.judge(Assignments.of(count("process", "philosopher", CompareOp.EQ, false, 5),
                expect("expect no deadlock")), Optional.of(Scenarios.LEFT_FIRST), "p.oss",
                Scenarios.ORDERED.replace("sleep 1 ms", "sleep 1 kg"), SubmissionJudgeTest.OPTIONS);
        assertTrue(!j.compiles());
        assertEquals(Status.HELD, j.tests().get(0).get(0).status());
        assertEquals(Status.FAILED, j.tests().get(1).get(0).status());
    }

    @Test
    void testsNamingWhatTheStarterLacksAreTheAuthorsMistake() {
        Assignment a = Assignments.of(expect("expect philosophr[0].turnaround < 1 s"), predict("P9", "turnaround"),
                count("process", "philosofer", CompareOp.EQ, false, 5), unchanged(process("philosopher")),
                predict("granted", null), expect("expect no deadlock"), predict("deadlock", null));
        List<Diagnostic> ds = SubmissionJudge.checkAgainstStarter(a, "starter.oss", Scenarios.LEFT_FIRST);
        assertTrue(ds.stream().allMatch(d -> d.code() == Code.CHECK_NOT_APPLICABLE), ds.toString());
        List<Check> checks = a.tests().stream().map(t -> t.checks().get(0)).toList();
        // the first five name what the starter lacks; `expect no deadlock` and `predict deadlock` apply to any scenario
        assertEquals(List.of(checks.get(0).span(), checks.get(1).span(), checks.get(2).span(), checks.get(4).span()),
                ds.stream().map(Diagnostic::span).toList(), ds.toString());
        assertEquals("`expect philosophr[0].turnaround < 1 s` does not apply to the starter `starter.oss`: unknown"
                + " process `philosophr`; did you mean `philosopher`? (machine counters are under tlb, memory, psc, L1d, L2)",
                ds.get(0).message());
        assertTrue(ds.get(1).message().contains("unknown process `P9`"), ds.get(1).message());
        assertEquals("`require count process philosofer == 5` does not apply to the starter `starter.oss`: it has no"
                + " process named `philosofer`; did you mean `philosopher`?", ds.get(2).message());
        assertTrue(ds.get(3).message().contains("banker"), ds.get(3).message());
    }

    @Test
    void anAssignmentFileCheckedAgainstItsStarter() {
        String text = """
                assignment "a" {
                  submission "p.oss"
                  starter "starter.oss"
                  test "t" {
                    expect no deadlock
                    expect philosophr[0].cpu == 4 ms
                    predict philosopher[9].cpu
                    require count mutex fork == 5
                    require count semaphore room <= 1
                    unchanged process philosophers
                  }
                }
                """;
        oss.compiler.Compilation c = oss.compiler.Compiler.compile("assignment.oss", text);
        Assignment a = c.assignment().orElseThrow(() -> new AssertionError(c.diagnostics().toString()));
        List<Diagnostic> ds = SubmissionJudge.checkAgainstStarter(a, "starter.oss", Scenarios.LEFT_FIRST);
        // lines 6, 7, 9 and 10 name what the starter lacks; `fork` is the starter's mutex
        assertEquals(List.of(6, 7, 9, 10), ds.stream().map(d -> d.span().line()).toList(), ds.toString());
        assertTrue(ds.get(0).message().contains("did you mean `philosopher`?"), ds.get(0).message());
        assertTrue(ds.get(1).message().contains("index 9 is out of range"), ds.get(1).message());
        assertTrue(ds.get(2).message().endsWith("it has no semaphore named `room`"), ds.get(2).message());
        assertTrue(ds.get(3).message().endsWith("it has no process `philosophers`; did you mean `philosopher`?"),
                ds.get(3).message());
    }

    @Test
    void aStarterThatDoesNotCompileIsSaidOnce() {
        List<Diagnostic> ds = SubmissionJudge.checkAgainstStarter(Assignments.of(expect("expect no deadlock")),
                "starter.oss", "scenario \"x\" { lokc m }");
        assertEquals(1, ds.size());
        assertEquals(Code.STARTER_UNUSABLE, ds.get(0).code());
        assertTrue(ds.get(0).message().startsWith("the starter `starter.oss` cannot be used: it does not compile"
                + " (starter.oss:1:"), ds.get(0).message());
    }
}
