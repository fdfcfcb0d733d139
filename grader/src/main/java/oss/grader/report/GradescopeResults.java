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
 * {@code oss grade --gradescope DIR}: {@code results.json} as Gradescope's autograder
 * specification has it (https://gradescope-autograders.readthedocs.io/en/latest/specs/). Each
 * test carries its full feedback and its visibility: Gradescope itself holds a test back from
 * the student until its visibility allows, while the instructor sees everything. The top-level
 * {@code output}, which a student always sees, is only the submission's own message (compile
 * errors, rejection, a budget), never a test's. Outputs are {@code text}: a hostile submission's
 * {@code <script>} in a message would otherwise be rendered by {@code simple_format}, the
 * top level's default. {@code stdout_visibility} is hidden, because stdout is the instructor's
 * table, which quotes hidden tests.
 */
public final class GradescopeResults {
    private GradescopeResults() {}

    /** One student: {@code DIR/results.json}; several: {@code DIR/STUDENT/results.json}. */
    public static List<Path> write(ClassResult result, Path dir) throws IOException {
        return Written.perStudent(result, dir.resolve("results.json"), dir, GradescopeResults::json);
    }

    public static String json(StudentResult s) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("score", s.score());
        r.put("execution_time", s.executionMillis() / 1000.0);
        r.put("output", s.message());
        r.put("output_format", "text");
        r.put("visibility", "visible");
        r.put("stdout_visibility", "hidden");
        List<Map<String, Object>> tests = new ArrayList<>();
        for (TestResult t : s.tests()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("number", Integer.toString(t.number()));
            m.put("score", t.score());
            m.put("max_score", t.maxScore());
            m.put("status", t.status());
            m.put("output", t.output());
            m.put("output_format", "text");
            m.put("tags", t.tags());
            m.put("visibility", t.visibility().word());
            tests.add(m);
        }
        r.put("tests", tests);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(r) + "\n";
    }
}
