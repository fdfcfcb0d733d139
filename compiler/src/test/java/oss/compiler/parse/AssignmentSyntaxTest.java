package oss.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.ast.AssignmentItem;
import oss.compiler.ast.AssignmentNode;
import oss.compiler.ast.CheckNode;

/**
 * Assignment files parse into their syntax tree with places, their syntax mistakes read as sentences,
 * and their words stay names in scenarios.
 */
class AssignmentSyntaxTest {
    /** "line:column message" of each diagnostic. */
    private static List<String> said(String text) {
        Compilation c = Compiler.compile("a.oss", text);
        return c.diagnostics().stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.message()).toList();
    }

    @Test
    void theTreeHasEveryItemWithItsPlace() {
        ParseResult r = OssParsing.parse("""
                assignment "A" {
                  submission "s.oss"; starter "t.oss"
                  budget { time 5 s }
                  test "one" points 2 hidden partial {
                    expect no deadlock
                    require count process P >= starter - 1
                    forbid choose
                    unchanged process P, machine
                    predict P.response
                    require finishes
                    feedback "why"
                  }
                }
                """);
        assertTrue(r.clean(), r.diagnostics().toString());
        assertTrue(r.ast().isEmpty());
        AssignmentNode a = r.assignment().orElseThrow();
        assertEquals("A", a.title().value());
        assertEquals(4, a.items().size());
        assertEquals("2:23", at(a.items().get(1).span()));
        AssignmentItem.Test t = (AssignmentItem.Test) a.items().get(3);
        assertEquals("2", t.points().orElseThrow().value());
        assertEquals(List.of("hidden", "partial"), t.words().stream().map(n -> n.text()).toList());
        assertEquals(7, t.checks().size());
        CheckNode.Count count = (CheckNode.Count) t.checks().get(1);
        assertEquals("6:5", at(count.span()));
        assertEquals("P", count.name().orElseThrow().text());
        assertEquals(">=", count.op());
        CheckNode.Unchanged u = (CheckNode.Unchanged) t.checks().get(3);
        assertEquals("8:26", at(u.targets().get(1).span()));
        assertEquals("response", ((CheckNode.Predict) t.checks().get(4)).metric().orElseThrow().text());
        assertEquals("finishes", ((CheckNode.Require) t.checks().get(5)).what().text());
    }

    private static String at(oss.ir.program.Span s) {
        return s.line() + ":" + s.column();
    }

    @Test
    void syntaxMistakesSayWhatWasDue() {
        assertEquals(List.of("3:8 expected the test's name in quotes, as in `test \"no deadlock\" points 2 {` after"
                + " `test`, not `points`"), said("assignment \"a\" {\n  submission \"s.oss\"\n  test points 2 {\n"
                + "    expect no deadlock\n  }\n}\n"));
        assertEquals(List.of("2:13 expected the file a student hands in, in quotes, as in `submission "
                + "\"philosophers.oss\"` after `submission`"), said("assignment \"a\" {\n  submission\n"
                + "  test \"t\" { require finishes }\n}\n"));
        assertEquals(List.of("3:12 `points` needs a number, as in `points 2`"),
                said("assignment \"a\" {\n  submission \"s.oss\"\n  test \"t\" points {\n    require finishes\n  }\n}\n"));
        assertEquals(List.of("1:12 expected a title in quotes, as in `assignment \"Philosophers\" {` after `assignment`,"
                + " not `{`"), said("assignment {\n  submission \"s.oss\"\n}\n"));
        assertEquals(List.of("2:3 `submision` cannot start a line of an assignment; did you mean `submission`? "
                + "(`submission`, `starter`, `budget` or `test`)"), said("assignment \"a\" {\n  submision \"s.oss\"\n}\n"));
        assertEquals(List.of("4:5 `reqiure` is not a check; did you mean `require`? (`expect`, `require`, `forbid`, "
                + "`unchanged`, `predict` or `feedback`)"), said("assignment \"a\" {\n  submission \"s.oss\"\n"
                + "  test \"t\" {\n    reqiure finishes\n  }\n}\n"));
        assertEquals(List.of("5:3 expected `}` to close the test \"t\" opened at 3:12 before `test`"),
                said("assignment \"a\" {\n  submission \"s.oss\"\n  test \"t\" {\n    require finishes\n"
                        + "  test \"u\" { require finishes }\n}\n"));
        assertEquals(List.of("4:26 expected a comparison such as `==` or `<=` after `process`"),
                said("assignment \"a\" {\n  submission \"s.oss\"\n  test \"t\" {\n    require count process\n  }\n}\n"));
        assertEquals(List.of("4:29 expected a bound such as `3` or `starter + 1` after `==`"),
                said("assignment \"a\" {\n  submission \"s.oss\"\n  test \"t\" {\n    require count process ==\n  }\n}\n"));
        assertEquals(List.of("4:12 expected what to predict, such as `P2.response` or `safe_sequence` after `predict`"),
                said("assignment \"a\" {\n  submission \"s.oss\"\n  test \"t\" {\n    predict\n  }\n}\n"));
        assertEquals(List.of("4:14 expected a part such as `declarations`, `machine` or `process P1` after `unchanged`"),
                said("assignment \"a\" {\n  submission \"s.oss\"\n  test \"t\" {\n    unchanged\n  }\n}\n"));
    }

    @Test
    void assignmentWordsAreStillNamesInAScenario() {
        Compilation c = Compiler.compile("s.oss", """
                scenario "names" {
                  int points = 0
                  mutex submission
                  semaphore budget = 1
                  process test {
                    lock submission
                    points = points + 2
                    unlock submission
                  }
                  process require[feedback in 0..1] {
                    wait budget
                    compute (feedback + 1) ms
                    post budget
                  }
                  expect test.exit == 0
                  expect points == 2
                }
                """);
        assertTrue(c.diagnostics().isEmpty(), c.diagnostics().toString());
        assertTrue(c.program().isPresent());
        assertTrue(c.assignmentAst().isEmpty() && c.assignment().isEmpty() && !c.isAssignment());
    }
}
