package oss.grader;

import java.util.List;
import oss.compiler.assign.Visibility;

/**
 * One test of one submission.
 *
 * @param number     the test's number in the assignment, from 1
 * @param score      points earned, 0..maxScore (a {@code partial} test can earn a part)
 * @param output     why, in the student's terms: every check that failed, each with its
 *                   {@code file:line:col} in the student's file where there is one, and the
 *                   test's feedback text; for a test that passed, what was checked. Never
 *                   redacted here: {@link #forStudent()} is what a student may see before the
 *                   test's visibility allows more
 * @param checks     how many of the test's checks held, and of how many
 */
public record TestResult(int number, String name, double score, double maxScore, Visibility visibility,
                         boolean passed, String output, int checksPassed, int checks, List<String> tags) {
    public TestResult {
        tags = List.copyOf(tags);
    }

    /** What a student may read now: a test that is not {@code visible} says only that it failed or passed. */
    public TestResult forStudent() {
        if (visibility.shownAtOnce()) {
            return this;
        }
        return new TestResult(number, name, score, maxScore, visibility, passed,
                passed ? "passed" : "failed (a " + visibility.word().replace('_', ' ')
                        + " test: its details are not shown)", checksPassed, checks, tags);
    }

    /**
     * The first line of the output that says why, for a one-line column: a partial test's output opens
     * with its count ("1 of 2 checks held"), which says how much, not why.
     */
    public String reason() {
        return output.lines().filter(l -> !l.matches("\\d+ of \\d+ checks held")).findFirst().orElse(status());
    }

    /** Gradescope's and JUnit's word. */
    public String status() {
        return passed ? "passed" : "failed";
    }
}
