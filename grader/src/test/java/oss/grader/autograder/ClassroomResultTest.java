package oss.grader.autograder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import oss.compiler.assign.Visibility;
import oss.grader.ClassResult;
import oss.grader.ClassSummary;
import oss.grader.StudentResult;
import oss.grader.TestResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result GitHub Classroom's reporter reads, with the sums the reporter computes from it
 * (points = the tests' scores added up, out of max_score) worked out by hand.
 */
class ClassroomResultTest {
    @TempDir
    Path tmp;

    private static final TestResult DEADLOCK = new TestResult(1, "no interleaving deadlocks", 0, 4,
            Visibility.VISIBLE, false, "locks.oss:10:5: A and B deadlock", 0, 1, List.of());
    private static final TestResult STRUCTURE = new TestResult(2, "five philosophers", 1, 2, Visibility.VISIBLE,
            false, "locks.oss:3:3: 4 philosophers, not 5", 1, 2, List.of());
    private static final TestResult SECRET = new TestResult(3, "secret", 0, 1, Visibility.HIDDEN, false,
            "the hidden bound is 1 semaphore", 0, 1, List.of());
    private static final TestResult FINISHES = new TestResult(4, "finishes", 2, 2, Visibility.VISIBLE, true,
            "every task exits", 1, 1, List.of());

    private static ClassResult one(StudentResult s) {
        return new ClassResult("A", "a.oss", s.maxScore(), List.of(s),
                new ClassSummary(1, s.score(), s.score(), s.score(), s.score(), List.of(), List.of()));
    }

    private JsonObject written(ClassResult r) throws IOException {
        Path f = tmp.resolve("out/result.json");
        ClassroomResult.write(r, f);
        return JsonParser.parseString(Files.readString(f)).getAsJsonObject();
    }

    @Test
    void pointsAreTheTestsScoresAndHiddenDetailsStayHidden() throws IOException {
        // 0 + 1 + 0 + 2 = 3 of 4 + 2 + 1 + 2 = 9
        StudentResult s = new StudentResult("locks", "locks.oss", StudentResult.Outcome.GRADED, 3, 9, "",
                List.of(DEADLOCK, STRUCTURE, SECRET, FINISHES), 120);
        JsonObject r = written(one(s));
        assertEquals(1, r.get("version").getAsInt());
        assertEquals("fail", r.get("status").getAsString());
        assertEquals(9.0, r.get("max_score").getAsDouble());
        JsonArray tests = r.getAsJsonArray("tests");
        assertEquals(4, tests.size());
        double points = 0;
        for (var t : tests) {
            points += t.getAsJsonObject().get("score").getAsDouble();
        }
        assertEquals(3.0, points);
        JsonObject first = tests.get(0).getAsJsonObject();
        assertEquals("no interleaving deadlocks", first.get("name").getAsString());
        assertEquals("fail", first.get("status").getAsString());
        assertEquals("locks.oss:10:5: A and B deadlock", first.get("message").getAsString());
        assertEquals("pass", tests.get(3).getAsJsonObject().get("status").getAsString());
        String secret = tests.get(2).getAsJsonObject().get("message").getAsString();
        assertTrue(!secret.contains("semaphore") && secret.startsWith("failed"), secret);
        assertEquals(0, tests.get(0).getAsJsonObject().get("duration").getAsInt(), "no clock in the output");
    }

    @Test
    void fullMarksPass() throws IOException {
        TestResult all = new TestResult(1, "all", 4, 4, Visibility.VISIBLE, true, "held", 1, 1, List.of());
        JsonObject r = written(one(new StudentResult("s", "s.oss", StudentResult.Outcome.GRADED, 4, 4, "",
                List.of(all), 5)));
        assertEquals("pass", r.get("status").getAsString());
    }

    @Test
    void aSubmissionThatDoesNotCompileSaysSoOnce() throws IOException {
        TestResult a = new TestResult(1, "a", 0, 4, Visibility.VISIBLE, false, "", 0, 1, List.of());
        TestResult b = new TestResult(2, "b", 0, 1, Visibility.VISIBLE, false, "", 0, 1, List.of());
        JsonObject r = written(one(new StudentResult("s", "s.oss", StudentResult.Outcome.DOES_NOT_COMPILE, 0, 5,
                "s.oss:8:7: error[OSS1001]: expected `]`", List.of(a, b), 5)));
        JsonArray tests = r.getAsJsonArray("tests");
        assertEquals("s.oss:8:7: error[OSS1001]: expected `]`", tests.get(0).getAsJsonObject().get("message")
                .getAsString());
        assertEquals("not graded: see the first test", tests.get(1).getAsJsonObject().get("message").getAsString());
    }

    @Test
    void aClassroomGradesOneRepository() {
        StudentResult s = new StudentResult("s", "s.oss", StudentResult.Outcome.GRADED, 2, 2, "",
                List.of(FINISHES), 5);
        ClassResult two = new ClassResult("A", "a.oss", 2, List.of(s, s),
                new ClassSummary(2, 2, 2, 2, 2, List.of(), List.of()));
        IOException e = assertThrows(IOException.class, () -> ClassroomResult.write(two, tmp.resolve("r.json")));
        assertTrue(e.getMessage().contains("2 were graded"), e.getMessage());
    }
}
