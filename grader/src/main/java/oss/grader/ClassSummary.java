package oss.grader;

import java.util.List;

/**
 * What the class did, over all its students.
 *
 * @param histogram students per tenth of the maximum score: [0, 10 %), [10 %, 20 %), ..., [90 %, 100 %],
 *                  ten counts
 * @param tests     each test's pass rate
 */
public record ClassSummary(int students, double mean, double median, double min, double max,
                           List<Integer> histogram, List<TestRate> tests) {
    public ClassSummary {
        histogram = List.copyOf(histogram);
        tests = List.copyOf(tests);
    }

    /** How many students passed a test (full points), of how many. */
    public record TestRate(int number, String name, double maxScore, int passed, int students) {}
}
