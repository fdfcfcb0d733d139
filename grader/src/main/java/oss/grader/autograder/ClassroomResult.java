package oss.grader.autograder;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oss.grader.ClassResult;
import oss.grader.StudentResult;
import oss.grader.TestResult;

/**
 * {@code oss grade --classroom FILE} (docs/grading.md, "GitHub Classroom"): one student's result
 * in the shape GitHub Classroom's runners hand to {@code autograding-grading-reporter} (version 1:
 * {@code status}, {@code max_score}, {@code tests[{name, status, score, message, ...}]}). The
 * reporter adds up the tests' {@code score}s against {@code max_score} and reports "Points x/y" to
 * the classroom, so each test's partial credit counts, which a pass/fail command step cannot give.
 * It runs in the student's own repository: every test as the student may see it now.
 */
public final class ClassroomResult {
    private ClassroomResult() {}

    /** Writes the result of the one student graded; several is an error (a classroom grades one repository). */
    public static void write(ClassResult result, Path file) throws IOException {
        if (result.students().size() != 1) {
            throw new IOException("--classroom reports one student's submission (the repository's), but "
                    + result.students().size() + " were graded");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json(result.students().get(0)), StandardCharsets.UTF_8);
    }

    static String json(StudentResult s) {
        List<Map<String, Object>> tests = new ArrayList<>();
        boolean graded = s.outcome() == StudentResult.Outcome.GRADED;
        for (TestResult t : s.tests()) {
            TestResult seen = t.forStudent();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("status", t.passed() ? "pass" : "fail");
            m.put("score", t.score());
            m.put("message", graded ? seen.output() : tests.isEmpty() ? s.message() : "not graded: see the first test");
            m.put("test_code", "");
            m.put("filename", s.file());
            m.put("line_no", 0);
            m.put("duration", 0);
            tests.add(m);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("version", 1);
        r.put("status", s.score() >= s.maxScore() ? "pass" : "fail");
        r.put("max_score", s.maxScore());
        r.put("tests", tests);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(r) + "\n";
    }
}
