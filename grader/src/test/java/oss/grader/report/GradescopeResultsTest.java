package oss.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.grader.report.Spec.Type.ARRAY;
import static oss.grader.report.Spec.Type.NUMBER;
import static oss.grader.report.Spec.Type.OBJECT;
import static oss.grader.report.Spec.Type.STRING;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oss.grader.StudentResult;

/**
 * results.json against Gradescope's published field list, field by field and type by type, for a
 * passing, a failing, a not-compiling, a rejected and a hostile submission.
 */
class GradescopeResultsTest {
    // https://gradescope-autograders.readthedocs.io/en/latest/specs/ ("Output format", "Controlling test case
    // visibility", "Test case status", "Output String Formatting"): every field is optional there; we always
    // give the ones in `required`.
    static final Set<String> VISIBILITIES = Set.of("hidden", "after_due_date", "after_published", "visible");
    static final Set<String> FORMATS = Set.of("text", "html", "simple_format", "md", "ansi");
    static final Spec TOP = new Spec("results.json", Map.ofEntries(
            Map.entry("score", NUMBER), Map.entry("execution_time", NUMBER), Map.entry("output", STRING),
            Map.entry("output_format", STRING), Map.entry("test_output_format", STRING),
            Map.entry("test_name_format", STRING), Map.entry("visibility", STRING),
            Map.entry("stdout_visibility", STRING), Map.entry("extra_data", OBJECT), Map.entry("tests", ARRAY),
            Map.entry("leaderboard", ARRAY)),
            Set.of("score", "execution_time", "output", "visibility", "stdout_visibility", "tests"));
    static final Spec TEST = new Spec("tests[]", Map.ofEntries(
            Map.entry("score", NUMBER), Map.entry("max_score", NUMBER), Map.entry("status", STRING),
            Map.entry("name", STRING), Map.entry("name_format", STRING), Map.entry("number", STRING),
            Map.entry("output", STRING), Map.entry("output_format", STRING), Map.entry("tags", ARRAY),
            Map.entry("visibility", STRING), Map.entry("extra_data", OBJECT)),
            Set.of("name", "number", "score", "max_score", "status", "output", "tags", "visibility"));

    static JsonObject checked(StudentResult s) {
        JsonObject r = JsonParser.parseString(GradescopeResults.json(s)).getAsJsonObject();
        TOP.check(r);
        Spec.word(r, "visibility", VISIBILITIES);
        Spec.word(r, "stdout_visibility", VISIBILITIES);
        if (r.has("output_format")) {
            Spec.word(r, "output_format", FORMATS);
        }
        for (JsonElement e : r.getAsJsonArray("tests")) {
            JsonObject t = e.getAsJsonObject();
            TEST.check(t);
            Spec.word(t, "status", Set.of("passed", "failed"));
            Spec.word(t, "visibility", VISIBILITIES);
            if (t.has("output_format")) {
                Spec.word(t, "output_format", FORMATS);
            }
            for (JsonElement tag : t.getAsJsonArray("tags")) {
                assertTrue(tag.isJsonPrimitive() && tag.getAsJsonPrimitive().isString(), "a tag is a string: " + tag);
            }
        }
        return r;
    }

    @Test
    void aPassingSubmissionHasFullPointsAndEachTestPassed() {
        JsonObject r = checked(Classes.alice());
        Spec.near(7, r.get("score"), "score");
        Spec.near(0.412, r.get("execution_time"), "412 ms in seconds");
        assertEquals("", r.get("output").getAsString());
        assertEquals("hidden", r.get("stdout_visibility").getAsString(), "stdout is the instructor's table");
        JsonArray tests = r.getAsJsonArray("tests");
        assertEquals(3, tests.size());
        String[][] expected = {{"no deadlock", "1", "4", "4", "visible"}, {"structure", "2", "2", "2", "visible"},
            {"hidden one", "3", "1", "1", "hidden"}};
        for (int i = 0; i < 3; i++) {
            JsonObject t = tests.get(i).getAsJsonObject();
            assertEquals(expected[i][0], t.get("name").getAsString());
            assertEquals(expected[i][1], t.get("number").getAsString());
            Spec.near(Double.parseDouble(expected[i][2]), t.get("score"), "score of " + i);
            Spec.near(Double.parseDouble(expected[i][3]), t.get("max_score"), "max of " + i);
            assertEquals("passed", t.get("status").getAsString());
            assertEquals(expected[i][4], t.get("visibility").getAsString());
        }
        assertEquals(List.of("predict", "hidden"), tests.get(2).getAsJsonObject().get("tags").getAsJsonArray()
                .asList().stream().map(JsonElement::getAsString).toList());
    }

    @Test
    void aFailingSubmissionCarriesItsFeedbackAndPartialCredit() {
        JsonObject r = checked(Classes.bob());
        Spec.near(4.0 / 3, r.get("score"), "0 + 2 × 2/3 + 0");
        JsonArray tests = r.getAsJsonArray("tests");
        JsonObject t1 = tests.get(0).getAsJsonObject();
        assertEquals("failed", t1.get("status").getAsString());
        assertEquals(Classes.BOB_DEADLOCK, t1.get("output").getAsString(), "the schedule line, word for word");
        JsonObject t2 = tests.get(1).getAsJsonObject();
        Spec.near(4.0 / 3, t2.get("score"), "partial");
        assertEquals("failed", t2.get("status").getAsString(), "a partial test without full points failed");
    }

    @Test
    void aHiddenTestsDetailsStayInsideThatTestWhichGradescopeHoldsBack() {
        for (StudentResult s : List.of(Classes.bob(), Classes.hostile())) {
            JsonObject r = checked(s);
            assertFalse(r.get("output").getAsString().contains(Classes.SECRET), "the top-level output is always shown");
            for (JsonElement e : r.getAsJsonArray("tests")) {
                JsonObject t = e.getAsJsonObject();
                if (t.toString().contains(Classes.SECRET)) {
                    assertEquals("hidden", t.get("visibility").getAsString(), "the secret is only in the hidden test");
                }
            }
        }
    }

    @Test
    void aSubmissionNotGradedSaysWhyAtTheTopAndScoresZero() {
        JsonObject carol = checked(Classes.carol());
        Spec.near(0, carol.get("score"), "does not compile");
        assertEquals(Classes.CAROL_ERRORS, carol.get("output").getAsString());
        JsonObject dave = checked(Classes.dave());
        Spec.near(0, dave.get("score"), "rejected");
        assertEquals(Classes.DAVE_REJECTED, dave.get("output").getAsString());
        for (JsonElement e : dave.getAsJsonArray("tests")) {
            assertEquals("failed", e.getAsJsonObject().get("status").getAsString());
        }
    }

    @Test
    void markupFromASubmissionIsShownAsText() {
        JsonObject r = checked(Classes.hostile());
        // simple_format, the top level's default, would render HTML
        assertEquals("text", r.get("output_format").getAsString());
        for (JsonElement e : r.getAsJsonArray("tests")) {
            String f = e.getAsJsonObject().has("output_format") ? e.getAsJsonObject().get("output_format").getAsString()
                    : "text";
            assertEquals("text", f);
        }
        assertEquals(Classes.HOSTILE_OUTPUT, r.getAsJsonArray("tests").get(2).getAsJsonObject().get("output")
                .getAsString(), "the JSON carries the text unchanged, control characters included, escaped");
    }

    @Test
    void oneSubmissionIsDirResultsJsonSeveralADirectoryEach(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("one");
        assertEquals(List.of(one.resolve("results.json")), GradescopeResults.write(Classes.one(Classes.bob()), one));
        assertEquals(GradescopeResults.json(Classes.bob()), Files.readString(one.resolve("results.json")));

        Path many = dir.resolve("many");
        List<Path> written = GradescopeResults.write(Classes.whole(), many);
        assertEquals(List.of("alice", "bob", "carol", "dave", "zed_img src_x onerror_alert_1__"),
                written.stream().map(p -> many.relativize(p.getParent()).toString()).toList());
        try (Stream<Path> files = Files.walk(many)) {
            assertEquals(5, files.filter(Files::isRegularFile).count(), "nothing else written");
        }
        for (Path p : written) {
            checkedText(Files.readString(p, StandardCharsets.UTF_8));
        }
    }

    private static void checkedText(String json) {
        TOP.check(JsonParser.parseString(json).getAsJsonObject());
    }
}
