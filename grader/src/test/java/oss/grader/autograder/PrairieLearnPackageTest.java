package oss.grader.autograder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PrairieLearn directory: its files and modes, the info.json part with the directory's own
 * name, and grade.sh run as PrairieLearn's entrypoint against a stand-in oss.jar, on each path.
 */
class PrairieLearnPackageTest {
    @TempDir
    Path tmp;

    private Path pack(double seconds) throws Exception {
        Path dir = tmp.resolve("serverFilesCourse/oss-two-locks");
        PrairieLearnPackage.write(Fixtures.twoLocks(), "locks.oss", seconds, Fixtures.fakeJar(tmp), dir);
        return dir;
    }

    @Test
    void theEntrypointTheJarTheAssignmentAndTheOptions() throws Exception {
        Path dir = pack(10);
        try (var s = Files.list(dir)) {
            assertEquals(List.of("assignment.oss", "externalGradingOptions.json", "grade.sh", "oss.jar",
                    "starter.oss"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(
                "grade.sh"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(
                "oss.jar"))));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("fake-oss.jar")), Files.readAllBytes(dir.resolve("oss.jar")));
        JsonObject info = JsonParser.parseString(Files.readString(dir.resolve("externalGradingOptions.json")))
                .getAsJsonObject();
        assertEquals("External", info.get("gradingMethod").getAsString());
        JsonObject o = info.getAsJsonObject("externalGradingOptions");
        assertTrue(o.get("enabled").getAsBoolean());
        assertEquals("eclipse-temurin:17-jre", o.get("image").getAsString());
        assertEquals("oss-two-locks/", o.getAsJsonArray("serverFilesCourse").get(0).getAsString());
        assertEquals("/grade/serverFilesCourse/oss-two-locks/grade.sh", o.get("entrypoint").getAsString());
        assertEquals(30, o.get("timeout").getAsInt()); // the budget's 10 s and 20 s for the JVM and the files
    }

    @Test
    void theTimeoutFollowsTheBudgetUpToPrairieLearnsMost() {
        assertEquals(23, timeout(2.5));
        assertEquals(600, timeout(3600));
    }

    private static int timeout(double seconds) {
        return JsonParser.parseString(PrairieLearnPackage.options("d", seconds)).getAsJsonObject()
                .getAsJsonObject("externalGradingOptions").get("timeout").getAsInt();
    }

    @Test
    void notADirectoryIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThrows(Unpackable.class, () -> PrairieLearnPackage.write(Fixtures.twoLocks(), "locks.oss", 10,
                Fixtures.fakeJar(tmp), file));
    }

    /** PrairieLearn's /grade: the student's file in student/, results/ not made yet. */
    private Path gradeTree() throws Exception {
        Path grade = tmp.resolve("grade");
        Files.createDirectories(grade.resolve("student"));
        Files.copy(Fixtures.TWO_LOCKS.resolve("submissions/right/locks.oss"), grade.resolve("student/locks.oss"));
        return grade;
    }

    @Test
    void gradeShGradesTheStudentsFilesIntoResults() throws Exception {
        Path dir = pack(10);
        Path grade = gradeTree();
        assertEquals(0, Fixtures.bash(dir.resolve("grade.sh"), "OSS_PL_ROOT", grade.toString(), "write"));
        assertEquals("{\"score\": 4.0, \"from\": \"oss\"}\n", Files.readString(grade.resolve("results/results.json")));
        assertEquals(List.of("grade", dir.toAbsolutePath().resolve("assignment.oss").toString(),
                        grade.resolve("student").toString(), "--prairielearn",
                        grade.resolve("results/results.json").toString()),
                Files.readAllLines(grade.resolve("results/argv.txt")));
    }

    @Test
    void whenOssCrashesTheSubmissionIsNotGradableAndSaysWhy() throws Exception {
        Path dir = pack(10);
        Path grade = gradeTree();
        assertEquals(0, Fixtures.bash(dir.resolve("grade.sh"), "OSS_PL_ROOT", grade.toString(), "134"));
        JsonObject r = JsonParser.parseString(Files.readString(grade.resolve("results/results.json")))
                .getAsJsonObject();
        assertEquals(false, r.get("gradable").getAsBoolean());
        String message = r.get("message").getAsString();
        assertTrue(message.startsWith("oss stopped (exit code 134)"), message);
        assertEquals(message, r.getAsJsonArray("format_errors").get(0).getAsString());
    }
}
