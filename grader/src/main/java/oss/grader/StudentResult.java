package oss.grader;

import java.util.List;

/**
 * One student's submission, graded.
 *
 * @param student         the directory name (or the file name without {@code .oss}, or the name in
 *                        a Gradescope export's metadata)
 * @param file            the file graded, relative to where the grader was pointed; empty when none was found
 * @param outcome         whether it was graded at all
 * @param message         the submission-level message: the compile errors, why it was rejected,
 *                        which budget stopped it; empty when there is nothing to say
 * @param tests           every test of the assignment, in its order, also when not graded (then each scores 0)
 * @param executionMillis wall time spent grading it (the only field that varies between runs)
 */
public record StudentResult(String student, String file, Outcome outcome, double score, double maxScore,
                            String message, List<TestResult> tests, long executionMillis) {
    public StudentResult {
        tests = List.copyOf(tests);
    }

    public enum Outcome {
        /** Compiled, analysed and every test judged (some may have hit a budget: see message). */
        GRADED,
        /** Found, but it does not compile (OSS4002). */
        DOES_NOT_COMPILE,
        /** Missing, too large, not text or outside its directory (OSS4001). */
        REJECTED
    }
}
