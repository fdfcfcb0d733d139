package oss.compiler.assign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.expect.CompareOp;

/** Assignment files (docs/grading.md) checked into an {@link Assignment}; each problem at its line and column. */
class AssignmentCheckerTest {
    /** The diagnostics as "line:column code", in order. */
    private static List<String> where(String text) {
        Compilation c = Compiler.compile("a.oss", text);
        return c.diagnostics().stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.code().id()).toList();
    }

    private static String message(String text) {
        Compilation c = Compiler.compile("a.oss", text);
        assertEquals(1, c.diagnostics().size(), c.diagnostics().toString());
        return c.diagnostics().get(0).message();
    }

    private static Assignment checked(String text) {
        Compilation c = Compiler.compile("a.oss", text);
        assertTrue(c.diagnostics().isEmpty(), c.diagnostics().toString());
        assertTrue(c.isAssignment());
        assertTrue(c.ast().isEmpty() && c.program().isEmpty());
        return c.assignment().orElseThrow();
    }

    /** An assignment with a submission and a starter (lines 1-3) and {@code test}'s lines from line 4. */
    private static String with(String test) {
        return "assignment \"a\" {\n  submission \"s.oss\"\n  starter \"start.oss\"\n" + test + "\n}\n";
    }

    /** {@code checks} in one test: the first check is on line 5. */
    private static String checks(String checks) {
        return with("  test \"t\" {\n" + checks + "\n  }");
    }

    @Test
    void theWorkedExampleOfTheDocs() {
        Assignment a = checked("""
                assignment "Dining philosophers: make it deadlock-free" {
                  submission "philosophers.oss"            // the file each student hands in
                  starter "starter.oss"
                  budget { time 10 s  states 200000  steps 2000000  memory 256 MiB  size 256 KiB }

                  test "no interleaving deadlocks" points 4 {
                    expect no deadlock
                    feedback "Break the cycle: a global lock order, or a room that lets only four sit."
                  }
                  test "every philosopher eats and leaves" points 2 {
                    require finishes
                  }
                  test "still five philosophers and five forks" points 2 partial {
                    require count process philosopher == 5
                    unchanged declarations
                  }
                  test "at most one extra semaphore, no choose" points 1 hidden {
                    require count semaphore <= starter + 1
                    forbid choose, trylock
                  }
                }
                """);
        assertEquals("Dining philosophers: make it deadlock-free", a.title());
        assertEquals("philosophers.oss", a.submission());
        assertEquals(Optional.of("starter.oss"), a.starter());
        assertEquals(3, a.starterSpan().line());
        assertEquals(GradingBudget.DEFAULT, a.budget());
        assertEquals(9.0, a.maxScore());
        assertEquals(List.of("no interleaving deadlocks", "every philosopher eats and leaves",
                "still five philosophers and five forks", "at most one extra semaphore, no choose"),
                a.tests().stream().map(TestSpec::name).toList());
        TestSpec first = a.tests().get(0);
        assertEquals(1, first.number());
        assertEquals(List.of(new Check.Expect("expect no deadlock", "expect no deadlock", first.checks().get(0).span())),
                first.checks());
        assertEquals(7, first.checks().get(0).span().line());
        assertEquals(5, first.checks().get(0).span().column());
        assertEquals(Optional.of("Break the cycle: a global lock order, or a room that lets only four sit."),
                first.feedback());
        assertTrue(a.tests().get(1).checks().get(0) instanceof Check.Finishes);
        TestSpec third = a.tests().get(2);
        assertTrue(third.partial());
        assertEquals(Visibility.VISIBLE, third.visibility());
        Check.Count count = (Check.Count) third.checks().get(0);
        assertEquals("process", count.kind());
        assertEquals(Optional.of("philosopher"), count.name());
        assertEquals(CompareOp.EQ, count.op());
        assertFalse(count.fromStarter());
        assertEquals(5, count.offset());
        assertEquals(List.of(new Check.Target(Check.TargetKind.DECLARATIONS, Optional.empty())),
                ((Check.Unchanged) third.checks().get(1)).targets());
        TestSpec fourth = a.tests().get(3);
        assertEquals(Visibility.HIDDEN, fourth.visibility());
        assertFalse(fourth.partial());
        Check.Count bound = (Check.Count) fourth.checks().get(0);
        assertEquals(CompareOp.LE, bound.op());
        assertTrue(bound.fromStarter());
        assertEquals(1, bound.offset());
        assertEquals(List.of("choose", "trylock"), ((Check.Forbid) fourth.checks().get(1)).kinds());
        assertEquals("forbid choose, trylock", fourth.checks().get(1).text());
    }

    @Test
    void budgetsAreReadWithTheirUnitsAndTheRestAreDefaults() {
        Assignment a = checked(with("  budget {\n    time 1500 ms\n    memory 64 MiB\n    states 1_000\n  }\n"
                + "  test \"t\" { require finishes }"));
        assertEquals(new GradingBudget(1.5, 1000, GradingBudget.DEFAULT.steps(), 64L << 20,
                GradingBudget.DEFAULT.sizeBytes()), a.budget());
        assertEquals(new GradingBudget(10, 200_000, 2_000_000, 256L << 20, 1000), checked(with(
                "  budget { size 1 KB }\n  test \"t\" { require finishes }")).budget());
    }

    @Test
    void budgetMistakes() {
        String test = "\n  test \"t\" { require finishes }";
        assertEquals(List.of("4:12 OSS1601"), where(with("  budget { tim 10 s }" + test)));
        assertTrue(message(with("  budget { tim 10 s }" + test)).contains("did you mean `time`?"));
        assertEquals(List.of("4:23 OSS1601"), where(with("  budget { states 10  states 20 }" + test)));
        assertEquals(List.of("4:17 OSS1201"), where(with("  budget { time 10 }" + test)));
        assertEquals(List.of("4:22 OSS1202"), where(with("  budget { memory 10 ms }" + test)));
        assertEquals(List.of("4:20 OSS1601"), where(with("  budget { steps 5 8 }" + test)));
        assertEquals(List.of("4:19 OSS1203"), where(with("  budget { states 0 }" + test)));
        assertEquals(List.of("5:3 OSS1601"), where(with("  budget { states 10 }\n  budget { steps 20 }" + test)));
    }

    @Test
    void exactlyOneSubmissionThatIsAnOssFileName() {
        assertEquals(List.of("1:12 OSS1601"), where("assignment \"a\" {\n  test \"t\" { require finishes }\n}\n"));
        assertEquals(List.of("3:3 OSS1601"), where("assignment \"a\" {\n  submission \"a.oss\"\n  submission \"b.oss\"\n"
                + "  test \"t\" { require finishes }\n}\n"));
        assertEquals(List.of("2:14 OSS1601"), where("assignment \"a\" {\n  submission \"a.txt\"\n"
                + "  test \"t\" { require finishes }\n}\n"));
        assertEquals(List.of("2:14 OSS1601"), where("assignment \"a\" {\n  submission \"../a.oss\"\n"
                + "  test \"t\" { require finishes }\n}\n"));
        assertEquals(List.of("4:3 OSS1601"), where(with("  starter \"other.oss\"\n  test \"t\" { require finishes }")));
    }

    @Test
    void testAttributes() {
        Assignment a = checked(with("  test \"a\" points 0.5 after_due_date partial { require finishes }\n"
                + "  test \"b\" { require finishes }"));
        assertEquals(0.5, a.tests().get(0).points());
        assertEquals(Visibility.AFTER_DUE_DATE, a.tests().get(0).visibility());
        assertTrue(a.tests().get(0).partial());
        assertEquals(1.0, a.tests().get(1).points());
        assertEquals(2, a.tests().get(1).number());
        assertEquals(List.of("4:21 OSS1601"), where(with("  test \"a\" points 2 hiden { require finishes }")));
        assertTrue(message(with("  test \"a\" points 2 hiden { require finishes }")).contains("did you mean `hidden`?"));
        assertEquals(List.of("4:28 OSS1601"), where(with("  test \"a\" points 2 hidden visible { require finishes }")));
        assertEquals(List.of("4:19 OSS1604"), where(with("  test \"a\" points 0 { require finishes }")));
        assertEquals(List.of("4:12 OSS1601"), where(with("  test \"a\" points { require finishes }")));
        // a warning keeps the assignment
        assertTrue(Compiler.compile("a.oss", with("  test \"a\" points 0 { require finishes }")).assignment().isPresent());
    }

    @Test
    void testsAndTheirNames() {
        assertEquals(List.of("5:8 OSS1601"), where(with("  test \"t\" { require finishes }\n  test \"t\" { require finishes }")));
        assertEquals(List.of("4:8 OSS1604"), where(with("  test \"t\" points 2 { feedback \"no checks here\" }")));
        assertEquals(List.of("1:12 OSS1604"), where("assignment \"a\" {\n  submission \"s.oss\"\n}\n"));
        assertEquals(List.of("6:5 OSS1601"), where(checks("    feedback \"a\"\n    feedback \"b\"\n    require finishes")));
        assertEquals(Optional.of("say \"why\"\nthen"), checked(checks("    require finishes\n    feedback \"say \\\"why\\\"\\nthen\""))
                .tests().get(0).feedback());
    }

    @Test
    void expectChecksKeepTheirLineAsWritten() {
        Assignment a = checked(checks("    expect   P.exit == 0   // a comment\n    expect always (count\n"
                + "        == 2)"));
        List<Check> cs = a.tests().get(0).checks();
        assertEquals("expect   P.exit == 0", ((Check.Expect) cs.get(0)).expect());
        assertEquals("expect P.exit == 0", cs.get(0).text());
        assertEquals("expect always (count\n        == 2)", ((Check.Expect) cs.get(1)).expect());
    }

    @Test
    void requireCount() {
        assertEquals(List.of(), where(checks("    require count mutex == 0\n    require count expect >= 3\n"
                + "    require count semaphore <= starter\n    require count process P != starter - 2")));
        Assignment a = checked(checks("    require count process P != starter - 2"));
        Check.Count c = (Check.Count) a.tests().get(0).checks().get(0);
        assertEquals(CompareOp.NE, c.op());
        assertTrue(c.fromStarter());
        assertEquals(-2, c.offset());
        assertEquals(List.of("5:19 OSS1601"), where(checks("    require count proces == 3")));
        assertTrue(message(checks("    require count proces == 3")).contains("did you mean `process`?"));
        assertEquals(List.of("5:13 OSS1601"), where(checks("    require cuont process == 3")));
        assertEquals(List.of("5:30 OSS1601"), where(checks("    require count process == 2 * starter")));
        assertEquals(List.of("5:30 OSS1601"), where(checks("    require count process == 1.5")));
        assertEquals(List.of("5:13 OSS1601"), where(checks("    require finish")));
        assertTrue(message(checks("    require finish")).contains("did you mean `finishes`?"));
        assertEquals(List.of("5:13 OSS1601"), where(checks("    require count")));
        // a starter bound needs a starter
        assertEquals(List.of("4:39 OSS1601"), where("assignment \"a\" {\n  submission \"s.oss\"\n\n"
                + "  test \"t\" { require count process == starter }\n}\n"));
    }

    @Test
    void forbidUnchangedAndPredict() {
        Assignment a = checked(checks("    forbid choose, trylock, choose\n    unchanged machine, process P1, kernel\n"
                + "    predict P2.response\n    predict safe_sequence\n    predict philosopher[2].page_faults"));
        List<Check> cs = a.tests().get(0).checks();
        assertEquals(List.of("choose", "trylock"), ((Check.Forbid) cs.get(0)).kinds());
        assertEquals(List.of(new Check.Target(Check.TargetKind.MACHINE, Optional.empty()),
                new Check.Target(Check.TargetKind.PROCESS, Optional.of("P1")),
                new Check.Target(Check.TargetKind.KERNEL, Optional.empty())), ((Check.Unchanged) cs.get(1)).targets());
        assertEquals(new Check.Predict("P2", Optional.of("response"), "predict P2.response", cs.get(2).span()), cs.get(2));
        assertEquals(new Check.Predict("safe_sequence", Optional.empty(), "predict safe_sequence", cs.get(3).span()),
                cs.get(3));
        assertEquals("philosopher[2]", ((Check.Predict) cs.get(4)).subject());
        assertEquals(List.of("5:20 OSS1601"), where(checks("    forbid choose, chose")));
        assertTrue(message(checks("    forbid choose, chose")).contains("did you mean `choose`?"));
        assertEquals(List.of("5:15 OSS1601"), where(checks("    unchanged machin")));
        assertEquals(List.of("5:15 OSS1601"), where(checks("    unchanged process")));
        assertEquals(List.of("5:25 OSS1601"), where(checks("    unchanged processes P1")));
        assertEquals(List.of("4:14 OSS1601"), where("assignment \"a\" {\n  submission \"s.oss\"\n\n"
                + "  test \"t\" { unchanged scenario }\n}\n"));
    }

    @Test
    void anErrorLeavesNoAssignmentButTheSyntaxTree() {
        Compilation c = Compiler.compile("a.oss", checks("    forbid chose"));
        assertTrue(c.assignmentAst().isPresent());
        assertTrue(c.assignment().isEmpty());
        assertTrue(c.hasErrors());
    }
}
