package oss.grader.report;

import java.util.List;
import oss.compiler.assign.Visibility;
import oss.grader.ClassResult;
import oss.grader.ClassSummary;
import oss.grader.StudentResult;
import oss.grader.StudentResult.Outcome;
import oss.grader.TestResult;

/**
 * A class written out by hand, every number worked out beside it: the assignment has 7 points,
 * test 1 "no deadlock" (4, visible), test 2 "structure" (2, visible, partial) and test 3
 * "hidden one" (1, hidden, whose feedback holds {@link #SECRET}). Students, in order of name:
 * alice passes everything; bob fails test 1 (a deadlock, with its schedule), earns 2 of 3 checks of
 * test 2 and fails the hidden one; carol does not compile; dave was rejected; and
 * {@link #HOSTILE}'s name, file and feedback are markup.
 */
final class Classes {
    static final String SECRET = "SECRET-HINT-42";
    static final String HOSTILE = "zed<img src=x onerror=alert(1)>";
    static final String HOSTILE_FILE = "x\"><script>alert(2)</script>.oss";
    static final String HOSTILE_OUTPUT = "</pre><script>alert(3)</script>\u0001\u001b[31m&amp; " + SECRET;
    static final String BOB_DEADLOCK = "philosophers.oss:12:5: every philosopher holds its left fork and waits for"
            + " its right one\n  oss run philosophers.oss --schedule \"philosopher[0],philosopher[1],philosopher[2]\"\n"
            + "Break the cycle.";
    static final String CAROL_ERRORS = "philosophers.oss:3:7: error[OSS1001]: expected `}`";
    static final String DAVE_REJECTED = "error[OSS4001]: no philosophers.oss in this submission";

    private Classes() {}

    static TestResult t1(boolean passed, String output) {
        return new TestResult(1, "no deadlock", passed ? 4 : 0, 4, Visibility.VISIBLE, passed, output, passed ? 2 : 1, 2,
                List.of("deadlock"));
    }

    static TestResult t2(double score, int held, String output) {
        return new TestResult(2, "structure", score, 2, Visibility.VISIBLE, held == 3, output, held, 3, List.of());
    }

    static TestResult t3(boolean passed, String output) {
        return new TestResult(3, "hidden one", passed ? 1 : 0, 1, Visibility.HIDDEN, passed, output, passed ? 1 : 0, 1,
                List.of("predict", "hidden"));
    }

    static StudentResult alice() {
        return new StudentResult("alice", "alice/philosophers.oss", Outcome.GRADED, 7, 7, "", List.of(
                t1(true, "checked: no interleaving deadlocks"), t2(2, 3, "checked: 3 of 3 checks held"),
                t3(true, "checked: P.response")), 412);
    }

    static StudentResult bob() {
        // test 2 partial: 2 × 2/3 = 1.333...; total 0 + 1.333... + 0
        return new StudentResult("bob", "bob/philosophers.oss", Outcome.GRADED, 4.0 / 3, 7, "", List.of(
                t1(false, BOB_DEADLOCK),
                t2(4.0 / 3, 2, "philosophers.oss:20:1: 6 processes named philosopher, not 5"),
                t3(false, "predict P.response: expected 7, computed 9\n" + SECRET)), 1250);
    }

    static StudentResult carol() {
        String none = "not graded: the file does not compile";
        return new StudentResult("carol", "carol/philosophers.oss", Outcome.DOES_NOT_COMPILE, 0, 7, CAROL_ERRORS,
                List.of(t1(false, none), t2(0, 0, none), t3(false, none)), 30);
    }

    static StudentResult dave() {
        String none = "not graded: the submission was rejected";
        return new StudentResult("dave", "", Outcome.REJECTED, 0, 7, DAVE_REJECTED,
                List.of(t1(false, none), t2(0, 0, none), t3(false, none)), 1);
    }

    static StudentResult hostile() {
        return new StudentResult(HOSTILE, HOSTILE_FILE, Outcome.GRADED, 6, 7, "", List.of(
                t1(true, "checked: no interleaving deadlocks"), t2(2, 3, "checked"), t3(false, HOSTILE_OUTPUT)), 99);
    }

    /**
     * Scores 7, 4/3, 0, 0, 6. Mean 43/15 = 2.8667; median 4/3; lowest 0; highest 7. Tenths of 7:
     * 0 and 0 in [0, 10 %), 4/3 = 19 % in [10, 20 %), 6/7 = 86 % in [80, 90 %), 7 in [90, 100 %].
     * Full points: test 1 alice and zed (2 of 5), test 2 alice and zed (2; bob's is partial),
     * test 3 alice (1).
     */
    static ClassResult whole() {
        return new ClassResult("Dining philosophers", "assignment.oss", 7,
                List.of(alice(), bob(), carol(), dave(), hostile()),
                new ClassSummary(5, 43.0 / 15, 4.0 / 3, 0, 7, List.of(2, 1, 0, 0, 0, 0, 0, 0, 1, 1), List.of(
                        new ClassSummary.TestRate(1, "no deadlock", 4, 2, 5),
                        new ClassSummary.TestRate(2, "structure", 2, 2, 5),
                        new ClassSummary.TestRate(3, "hidden one", 1, 1, 5))));
    }

    /** One student's class, for the outputs that write a single file when one submission was graded. */
    static ClassResult one(StudentResult s) {
        int bin = (int) Math.min(9, Math.floor(s.score() / 7 * 10));
        Integer[] h = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        h[bin] = 1;
        return new ClassResult("Dining philosophers", "assignment.oss", 7, List.of(s),
                new ClassSummary(1, s.score(), s.score(), s.score(), s.score(), List.of(h), List.of(
                        new ClassSummary.TestRate(1, "no deadlock", 4, s.tests().get(0).passed() ? 1 : 0, 1),
                        new ClassSummary.TestRate(2, "structure", 2, s.tests().get(1).passed() ? 1 : 0, 1),
                        new ClassSummary.TestRate(3, "hidden one", 1, s.tests().get(2).passed() ? 1 : 0, 1))));
    }
}
