package oss.grader.report;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oss.grader.ClassResult;
import oss.grader.StudentResult;
import oss.grader.TestResult;

/**
 * {@code oss grade --prairielearn PATH}: the results of an external grader as PrairieLearn reads
 * them (https://prairielearn.readthedocs.io/en/latest/externalGrading/, "Grading results"), in
 * the shape its {@code <pl-external-grader-results>} element renders. PrairieLearn shows the
 * student everything in the file, so each test is as the student may see it now
 * ({@link TestResult#forStudent()}). {@code gradable} is false only for a submission that could
 * not be graded at all (rejected: missing, too large, not text): PrairieLearn then neither scores
 * the attempt nor counts it. One that does not compile is graded, 0 on every test, like everywhere
 * else in oss.
 */
public final class PrairieLearnResults {
    private PrairieLearnResults() {}

    /** One student: {@code path} is the results file; several: {@code path/STUDENT/results.json}. */
    public static List<Path> write(ClassResult result, Path path) throws IOException {
        return Written.perStudent(result, path, path, PrairieLearnResults::json);
    }

    public static String json(StudentResult s) {
        boolean gradable = s.outcome() != StudentResult.Outcome.REJECTED;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("gradable", gradable);
        r.put("score", fraction(s));
        r.put("message", message(s));
        r.put("output", output(s));
        if (!gradable) {
            r.put("format_errors", List.of(s.message()));
        }
        List<Map<String, Object>> tests = new ArrayList<>();
        for (TestResult t : s.tests()) {
            TestResult seen = t.forStudent();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("points", t.score());
            m.put("max_points", t.maxScore());
            m.put("message", t.status());
            m.put("output", seen.output());
            tests.add(m);
        }
        r.put("tests", tests);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(r) + "\n";
    }

    /** The points over the assignment's, within [0, 1] as PrairieLearn requires. */
    static double fraction(StudentResult s) {
        if (!(s.maxScore() > 0)) {
            return 0;
        }
        return Math.max(0, Math.min(1, s.score() / s.maxScore()));
    }

    /** The submission's own message, or the score in words when there is none. */
    static String message(StudentResult s) {
        if (!s.message().isEmpty()) {
            return s.message();
        }
        long passed = s.tests().stream().filter(TestResult::passed).count();
        return Numbers.points(s.score()) + " of " + Numbers.points(s.maxScore()) + " points: " + passed + " of "
                + s.tests().size() + " tests passed";
    }

    /** Every test as the student may see it, for a question that shows only {@code output}. */
    static String output(StudentResult s) {
        StringBuilder b = new StringBuilder();
        if (!s.message().isEmpty()) {
            b.append(s.message()).append("\n\n");
        }
        for (TestResult t : s.tests()) {
            TestResult seen = t.forStudent();
            b.append(t.number()).append(". ").append(t.name()).append(": ").append(Numbers.points(t.score()))
                    .append('/').append(Numbers.points(t.maxScore())).append(' ').append(t.status()).append('\n');
            for (String line : seen.output().lines().toList()) {
                b.append("   ").append(line).append('\n');
            }
        }
        return b.toString();
    }
}
