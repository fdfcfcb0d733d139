package oss.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --json: the whole class, fields in the records' order, read back to the values put in. */
class ClassJsonTest {
    @Test
    void everyFieldInOrderAndEveryValueBack() {
        String json = ClassJson.render(Classes.whole());
        JsonObject r = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(List.of("assignment", "source", "maxScore", "students", "summary"), List.copyOf(r.keySet()));
        JsonArray students = r.getAsJsonArray("students");
        assertEquals(5, students.size());
        JsonObject bob = students.get(1).getAsJsonObject();
        assertEquals(List.of("student", "file", "outcome", "score", "maxScore", "message", "tests", "executionMillis"),
                List.copyOf(bob.keySet()));
        assertEquals("GRADED", bob.get("outcome").getAsString());
        Spec.near(4.0 / 3, bob.get("score"), "bob's score unrounded");
        JsonObject hidden = bob.getAsJsonArray("tests").get(2).getAsJsonObject();
        assertEquals(List.of("number", "name", "score", "maxScore", "visibility", "passed", "output", "checksPassed",
                "checks", "tags"), List.copyOf(hidden.keySet()));
        assertEquals("hidden", hidden.get("visibility").getAsString(), "the assignment file's word");
        assertEquals("predict P.response: expected 7, computed 9\n" + Classes.SECRET, hidden.get("output").getAsString(),
                "the instructor's output: unredacted");
        JsonObject summary = r.getAsJsonObject("summary");
        Spec.near(43.0 / 15, summary.get("mean"), "mean");
        assertEquals("[2,1,0,0,0,0,0,0,1,1]", summary.get("histogram").toString());
        assertEquals(Classes.HOSTILE_OUTPUT, students.get(4).getAsJsonObject().getAsJsonArray("tests").get(2)
                .getAsJsonObject().get("output").getAsString());
    }

    @Test
    void theSameClassGivesTheSameBytes() {
        assertEquals(ClassJson.render(Classes.whole()), ClassJson.render(Classes.whole()));
    }
}
