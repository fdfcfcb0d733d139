package oss.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.Check;
import oss.compiler.assign.GradingBudget;
import oss.compiler.assign.TestSpec;
import oss.compiler.assign.Visibility;
import oss.compiler.expect.CompareOp;
import oss.ir.program.Span;
import org.junit.jupiter.api.Test;

/**
 * Hostile submissions next to correct ones, graded by oss's own judge in parallel: the correct
 * ones score exactly what they score alone, and each hostile one loses only its own points, with
 * the budget that stopped it in its message.
 */
class HostileTest {
    static Span line(int n) {
        return new Span(n, 3, n, 30);
    }

    /**
     * Test 1 (3 points): expect no deadlock. Test 2 (1): require finishes. Test 3 (1): exactly two
     * processes. Budgets small enough that the hostile ones hit them in well under a second each.
     */
    static final Assignment A = new Assignment("Two locks", "locks.oss", Optional.empty(), Span.NONE,
            new GradingBudget(20, 20_000, 100_000, 16L << 20, 64 << 10), List.of(
            new TestSpec(1, "no deadlock", 3, Visibility.VISIBLE, false,
                    List.of(new Check.Expect("expect no deadlock", "expect no deadlock", line(5))),
                    Optional.of("Take the locks in one order."), line(4)),
            new TestSpec(2, "finishes", 1, Visibility.VISIBLE, false,
                    List.of(new Check.Finishes("require finishes", line(8))), Optional.empty(), line(7)),
            new TestSpec(3, "two processes", 1, Visibility.HIDDEN, false,
                    List.of(new Check.Count("process", Optional.empty(), CompareOp.EQ, false, 2,
                            "require count process == 2", line(11))), Optional.empty(), line(10))),
            new Span(1, 1, 13, 2));

    /** Both processes take a, then b: no interleaving deadlocks, both finish, two processes: 5 of 5. */
    static final String GOOD = """
            scenario "ordered" {
              mutex a
              mutex b
              process p { lock a  lock b  compute 1 ms  unlock b  unlock a }
              process q { lock a  lock b  compute 1 ms  unlock b  unlock a }
            }
            """;

    /** Never ends: the steps budget stops the run (so it does not finish) and states the exploration. */
    static final String ENDLESS = """
            scenario "endless" {
              process p { repeat 1000000000 { compute 1 ms } }
              process q { compute 1 ms }
            }
            """;

    static final String FORK_BOMB = """
            scenario "bomb" {
              process p {
                repeat 1000000000 {
                  c = fork {
                    repeat 1000000000 {
                      d = fork { compute 1 ms }
                    }
                  }
                }
              }
              process q { compute 1 ms }
            }
            """;

    static final String TEN_THOUSAND = """
            scenario "crowd" {
              mutex m
              process w[i in 0..9999] { repeat 1000000000 { lock m  unlock m } }
            }
            """;

    /** Opposite lock orders: an interleaving deadlocks, with a cycle and a schedule in the message. */
    static final String OPPOSITE = """
            scenario "opposite" {
              mutex a
              mutex b
              process p { lock a  lock b  compute 1 ms  unlock b  unlock a }
              process q { lock b  lock a  compute 1 ms  unlock a  unlock b }
            }
            """;

    static Submission sub(String student, String text) {
        return new Submission(student, student + "/locks.oss", "locks.oss", Submission.Source.text(text));
    }

    static Grader grader(int jobs) {
        return Grader.standard(new LoadedAssignment(Path.of("a.oss"), "", A, Optional.empty()), jobs);
    }

    @Test
    void hostileSubmissionsCostOnlyTheirOwnPoints() {
        List<Submission> subs = new ArrayList<>();
        subs.add(sub("good1", GOOD));
        subs.add(sub("endless", ENDLESS));
        subs.add(sub("forkbomb", FORK_BOMB));
        subs.add(sub("crowd", TEN_THOUSAND));
        subs.add(sub("good2", GOOD));
        long t0 = System.nanoTime();
        ClassResult c = grader(2).grade(subs, Grader.Progress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        StudentResult alone = grader(1).grade(List.of(sub("good1", GOOD)), Grader.Progress.NONE).students().get(0);

        List<String> names = c.students().stream().map(StudentResult::student).toList();
        assertEquals(List.of("crowd", "endless", "forkbomb", "good1", "good2"), names);
        StudentResult good1 = c.students().get(3);
        assertEquals(5, good1.score(), good1.toString());
        assertEquals(5, c.students().get(4).score());
        assertEquals("", good1.message());
        assertEquals(GraderTest.withoutTime(new ClassResult("", "", 5, List.of(alone), c.summary())).students(),
                GraderTest.withoutTime(new ClassResult("", "", 5, List.of(good1), c.summary())).students());

        for (StudentResult hostile : c.students().subList(0, 3)) {
            assertEquals(StudentResult.Outcome.GRADED, hostile.outcome(), hostile.toString());
            assertTrue(hostile.message().startsWith("locks.oss: warning[OSS4003]: "), hostile.student() + ": "
                    + hostile.message());
            assertEquals(0, hostile.tests().get(1).score(), hostile.student() + " does not finish");
            assertTrue(hostile.executionMillis() < 20_000, hostile.student() + " " + hostile.executionMillis());
        }
        // crowd: 10,000 processes (test 3 lost), their exploration stopped by `memory`: nothing
        assertEquals(0, c.students().get(0).score());
        assertTrue(c.students().get(0).message().contains("memory budget 16 MiB"), c.students().get(0).message());
        // endless: a loop of compute cannot deadlock (the explorer sees it in 3 states) and it has two
        // processes: 3 + 1; the steps budget stops its run, so it does not finish
        assertEquals(4, c.students().get(1).score());
        assertTrue(c.students().get(1).message().contains("budget of 100000 steps"), c.students().get(1).message());
        // fork bomb: two processes as written (test 3), its exploration stopped by `states`: 1
        assertEquals(1, c.students().get(2).score());
        assertEquals(0, c.students().get(2).tests().get(0).score());
        assertTrue(c.students().get(2).message().contains("budget of 20000 states"), c.students().get(2).message());
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    @Test
    void oneThreadAndTwoGiveTheSameResultsWithOssOwnJudge() {
        List<Submission> subs = new ArrayList<>();
        String[] texts = {GOOD, OPPOSITE, ENDLESS, FORK_BOMB, "scenario \"broken\" { process p { lock } }"};
        for (int i = 0; i < 10; i++) {
            subs.add(sub("s" + (9 - i), texts[i % texts.length]));
        }
        ClassResult one = GraderTest.withoutTime(grader(1).grade(subs, Grader.Progress.NONE));
        ClassResult two = GraderTest.withoutTime(grader(2).grade(subs, Grader.Progress.NONE));
        assertEquals(one, two);
        StudentResult opposite = one.students().stream().filter(s -> s.student().equals("s8")).findFirst()
                .orElseThrow();
        // an interleaving deadlocks (3 lost); the default run finishes (p takes both locks and releases
        // them within its first time slice) and there are two processes: 0 + 1 + 1
        assertEquals(List.of(0.0, 1.0, 1.0), opposite.tests().stream().map(TestResult::score).toList());
        String why = opposite.tests().get(0).output();
        assertTrue(why.contains("locks.oss:") && why.contains("oss run locks.oss --schedule")
                && why.endsWith("Take the locks in one order."), why);
    }
}
