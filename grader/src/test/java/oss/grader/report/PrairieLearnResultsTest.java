package oss.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.grader.report.Spec.Type.ARRAY;
import static oss.grader.report.Spec.Type.BOOLEAN;
import static oss.grader.report.Spec.Type.NUMBER;
import static oss.grader.report.Spec.Type.STRING;
import static oss.grader.report.Spec.Type.STRING_OR_ARRAY;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oss.grader.StudentResult;

/**
 * results.json against PrairieLearn's published external-grader results, field by field and type by
 * type. PrairieLearn shows the student the whole file, so a hidden test's details appear nowhere.
 */
class PrairieLearnResultsTest {
    // https://prairielearn.readthedocs.io/en/latest/externalGrading/ ("Grading results"): score in [0.0, 1.0] is
    // the one field required of a gradable result; gradable, format_errors (a string or an array of strings),
    // and the fields <pl-external-grader-results> renders: message, output, images, tests[name, description,
    // points, max_points, message, output, images].
    static final Spec TOP = new Spec("results.json", Map.of(
            "gradable", BOOLEAN, "score", NUMBER, "message", STRING, "output", STRING, "images", ARRAY,
            "tests", ARRAY, "format_errors", STRING_OR_ARRAY),
            Set.of("gradable", "score", "message", "output", "tests"));
    static final Spec TEST = new Spec("tests[]", Map.of(
            "name", STRING, "description", STRING, "points", NUMBER, "max_points", NUMBER, "message", STRING,
            "output", STRING, "images", ARRAY),
            Set.of("name", "points", "max_points", "message", "output"));

    static JsonObject checked(StudentResult s) {
        String json = PrairieLearnResults.json(s);
        assertFalse(json.contains(Classes.SECRET), "PrairieLearn shows the student everything: " + json);
        JsonObject r = JsonParser.parseString(json).getAsJsonObject();
        TOP.check(r);
        double score = r.get("score").getAsDouble();
        assertTrue(score >= 0 && score <= 1, "score in [0, 1]: " + score);
        for (JsonElement e : r.getAsJsonArray("tests")) {
            TEST.check(e.getAsJsonObject());
        }
        return r;
    }

    @Test
    void aPassingSubmissionScoresOne() {
        JsonObject r = checked(Classes.alice());
        assertTrue(r.get("gradable").getAsBoolean());
        Spec.near(1, r.get("score"), "7 of 7");
        assertEquals("7 of 7 points: 3 of 3 tests passed", r.get("message").getAsString());
        JsonArray tests = r.getAsJsonArray("tests");
        assertEquals(List.of("no deadlock", "structure", "hidden one"),
                tests.asList().stream().map(t -> t.getAsJsonObject().get("name").getAsString()).toList());
        Spec.near(4, tests.get(0).getAsJsonObject().get("points"), "points");
        Spec.near(4, tests.get(0).getAsJsonObject().get("max_points"), "max_points");
        assertEquals("passed", tests.get(0).getAsJsonObject().get("message").getAsString());
    }

    @Test
    void aFailingSubmissionHasItsFractionAndItsVisibleFeedbackButNotTheHiddenOnes() {
        JsonObject r = checked(Classes.bob());
        Spec.near(4.0 / 3 / 7, r.get("score"), "4/3 of 7 points = 0.1905");
        assertEquals("1.33 of 7 points: 0 of 3 tests passed", r.get("message").getAsString());
        JsonArray tests = r.getAsJsonArray("tests");
        assertEquals(Classes.BOB_DEADLOCK, tests.get(0).getAsJsonObject().get("output").getAsString());
        Spec.near(4.0 / 3, tests.get(1).getAsJsonObject().get("points"), "partial credit");
        assertEquals("failed (a hidden test: its details are not shown)",
                tests.get(2).getAsJsonObject().get("output").getAsString());
        assertTrue(r.get("output").getAsString().contains("oss run philosophers.oss --schedule"),
                "the whole feedback is in output too, for a question that shows only it");
    }

    @Test
    void aSubmissionThatDoesNotCompileIsGradedZeroWithItsErrors() {
        JsonObject r = checked(Classes.carol());
        assertTrue(r.get("gradable").getAsBoolean(), "graded: 0, like on every other output");
        Spec.near(0, r.get("score"), "0");
        assertEquals(Classes.CAROL_ERRORS, r.get("message").getAsString());
        assertFalse(r.has("format_errors"));
    }

    @Test
    void aRejectedSubmissionIsNotGradable() {
        JsonObject r = checked(Classes.dave());
        assertFalse(r.get("gradable").getAsBoolean());
        assertEquals(Classes.DAVE_REJECTED, r.get("message").getAsString());
        assertEquals(List.of(Classes.DAVE_REJECTED), r.getAsJsonArray("format_errors").asList().stream()
                .map(JsonElement::getAsString).toList());
    }

    @Test
    void theHostileSubmissionsHiddenTestLeaksNothing() {
        JsonObject r = checked(Classes.hostile());
        Spec.near(6.0 / 7, r.get("score"), "6 of 7");
        assertFalse(r.toString().contains("alert(3)"), "the hidden test's output is not shown at all");
    }

    @Test
    void onePathIsTheFileSeveralADirectoryEach(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results").resolve("results.json");
        assertEquals(List.of(file), PrairieLearnResults.write(Classes.one(Classes.alice()), file));
        assertEquals(PrairieLearnResults.json(Classes.alice()), Files.readString(file));
        Path many = dir.resolve("class");
        List<Path> written = PrairieLearnResults.write(Classes.whole(), many);
        assertEquals(many.resolve("carol").resolve("results.json"), written.get(2));
        assertEquals(PrairieLearnResults.json(Classes.carol()), Files.readString(written.get(2)));
    }
}
