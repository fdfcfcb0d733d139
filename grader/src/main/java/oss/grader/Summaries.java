package oss.grader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.TestSpec;

/** The class summary: over every student listed, rejected ones included (they scored 0). */
final class Summaries {
    static final int BUCKETS = 10;

    private Summaries() {}

    static ClassSummary of(Assignment a, List<StudentResult> students) {
        int n = students.size();
        double[] scores = students.stream().mapToDouble(StudentResult::score).toArray();
        Arrays.sort(scores);
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        double mean = n == 0 ? 0 : sum / n;
        double median = n == 0 ? 0 : n % 2 == 1 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2;
        Integer[] histogram = new Integer[BUCKETS];
        Arrays.fill(histogram, 0);
        for (double s : scores) {
            histogram[bucket(s, a.maxScore())]++;
        }
        List<ClassSummary.TestRate> rates = new ArrayList<>();
        for (TestSpec t : a.tests()) {
            int passed = 0;
            for (StudentResult r : students) {
                if (r.tests().get(t.number() - 1).passed()) {
                    passed++;
                }
            }
            rates.add(new ClassSummary.TestRate(t.number(), t.name(), t.points(), passed, n));
        }
        return new ClassSummary(n, mean, median, n == 0 ? 0 : scores[0], n == 0 ? 0 : scores[n - 1],
                List.of(histogram), rates);
    }

    /**
     * Tenths of the maximum, the last one closed: [0, 10 %) is 0, ..., [90 %, 100 %] is 9. A
     * hair of tolerance keeps a sum of partial credits such as 3 × (1/3) in the tenth it means.
     */
    static int bucket(double score, double max) {
        if (max <= 0) {
            return BUCKETS - 1;
        }
        int b = (int) Math.floor(score / max * BUCKETS + 1e-9);
        return Math.max(0, Math.min(BUCKETS - 1, b));
    }
}
