package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oss grade}'s options for Gradescope, PrairieLearn and GitHub Classroom: what is refused before any work. */
class GraderPackagesOptionsTest {
    @TempDir
    Path dir;

    private CliTest.Outcome oss(Object... args) {
        String[] s = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            s[i] = args[i].toString();
        }
        return CliTest.oss(s);
    }

    @Test
    void packagingTakesTheAssignmentAlone() throws IOException {
        Path a = Files.writeString(dir.resolve("a.oss"), GradeCommandTest.ASSIGNMENT);
        Path sub = Files.writeString(dir.resolve("locks.oss"), GradeCommandTest.GOOD);
        CliTest.Outcome zip = oss("grade", "--autograder-zip", dir.resolve("out.zip"), a, sub);
        assertEquals(2, zip.code());
        assertTrue(zip.err().contains("--autograder-zip packages the assignment and grades nobody: give it the"
                + " ASSIGNMENT alone"), zip.err());
        CliTest.Outcome pl = oss("grade", "--prairielearn-package", dir.resolve("pl"), "--min-score", "1", a);
        assertEquals(2, pl.code());
        assertTrue(pl.err().contains("--prairielearn-package packages the assignment"), pl.err());
        assertTrue(!Files.exists(dir.resolve("out.zip")) && !Files.exists(dir.resolve("pl")));
    }

    @Test
    void aMinimumScoreIsPoints() throws IOException {
        Path a = Files.writeString(dir.resolve("a.oss"), GradeCommandTest.ASSIGNMENT);
        Path sub = Files.writeString(dir.resolve("locks.oss"), GradeCommandTest.GOOD);
        CliTest.Outcome r = oss("grade", a, sub, "--min-score", "-1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--min-score must be a number of points, 0 or more, not -1.0"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void theHelpListsThem() {
        String help = oss("grade", "-h").out();
        for (String o : new String[] {"--autograder-zip", "--prairielearn-package", "--classroom", "--min-score"}) {
            assertTrue(help.contains(o), o + " in\n" + help);
        }
    }

    @AfterEach
    void noJar() {
        System.clearProperty("oss.jar");
    }

    /** A runnable jar to stand for oss.jar: the tests run from classes on disk. */
    private Path jar() throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "oss.cli.Main");
        Path jar = dir.resolve("oss.jar");
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, m)) {
            j.flush();
        }
        return jar;
    }

    private Path assignmentWithStarter() throws IOException {
        Files.writeString(dir.resolve("starter.oss"), GradeCommandTest.BAD);
        return Files.writeString(dir.resolve("a.oss"), GradeCommandTest.ASSIGNMENT.replace(
                "submission \"locks.oss\"", "submission \"locks.oss\"\n  starter \"starter.oss\""));
    }

    @Test
    void theAutograderZipHoldsTheScriptsTheJarAndTheAssignment() throws IOException {
        Path a = assignmentWithStarter();
        System.setProperty("oss.jar", jar().toString());
        CliTest.Outcome r = oss("grade", "--autograder-zip", dir.resolve("out/autograder.zip"), a);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("wrote " + dir.resolve("out/autograder.zip") + " ("), r.out());
        assertTrue(r.out().contains("): setup.sh, run_autograder, oss.jar, a.oss, starter.oss\n"), r.out());
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(dir.resolve("out/autograder.zip").toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                names.add(e.getName());
            }
            assertEquals(GradeCommandTest.BAD, new String(z.getInputStream(z.getEntry("starter.oss")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(List.of("setup.sh", "run_autograder", "oss.jar", "a.oss", "starter.oss"), names);
    }

    @Test
    void thePrairieLearnPackageNamesItsDirectoryInTheOptions() throws IOException {
        Path a = assignmentWithStarter();
        System.setProperty("oss.jar", jar().toString());
        CliTest.Outcome r = oss("grade", "--prairielearn-package", dir.resolve("oss-locks"), a);
        assertEquals(0, r.code(), r.err());
        JsonObject o = JsonParser.parseString(Files.readString(dir.resolve("oss-locks/externalGradingOptions.json")))
                .getAsJsonObject().getAsJsonObject("externalGradingOptions");
        assertEquals("/grade/serverFilesCourse/oss-locks/grade.sh", o.get("entrypoint").getAsString());
        assertEquals(40, o.get("timeout").getAsInt()); // the budget's 20 s and 20 s more
    }

    @Test
    void withoutAJarTheMessageSaysWhereToFindOne() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("OSS_JAR") == null);
        Path a = assignmentWithStarter();
        CliTest.Outcome r = oss("grade", "--autograder-zip", dir.resolve("x.zip"), a);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("oss: oss is not running from oss.jar"), r.err());
        assertTrue(!Files.exists(dir.resolve("x.zip")));
    }

    @Test
    void theClassroomResultAndTheMinimumScore() throws IOException {
        Path a = Files.writeString(dir.resolve("a.oss"), GradeCommandTest.ASSIGNMENT);
        Path good = Files.writeString(Files.createDirectories(dir.resolve("good")).resolve("locks.oss"),
                GradeCommandTest.GOOD);
        Path bad = Files.writeString(Files.createDirectories(dir.resolve("bad")).resolve("locks.oss"),
                GradeCommandTest.BAD);
        // BAD: the deadlock test (3) lost, two processes (1, hidden) held: 1 of 4.
        CliTest.Outcome r = oss("grade", a, dir.resolve("bad"), "--classroom", dir.resolve("bad.json"),
                "--min-score", "4");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("oss: 1 of 1 below --min-score 4: bad 1"), r.err());
        JsonObject c = JsonParser.parseString(Files.readString(dir.resolve("bad.json"))).getAsJsonObject();
        assertEquals("fail", c.get("status").getAsString());
        assertEquals(4.0, c.get("max_score").getAsDouble());
        assertEquals(0.0, c.getAsJsonArray("tests").get(0).getAsJsonObject().get("score").getAsDouble());
        assertEquals(1.0, c.getAsJsonArray("tests").get(1).getAsJsonObject().get("score").getAsDouble());
        CliTest.Outcome g = oss("grade", a, good, "--min-score", "4");
        assertEquals(0, g.code(), g.err());
        CliTest.Outcome two = oss("grade", a, good, bad, "--classroom", dir.resolve("two.json"));
        assertEquals(2, two.code());
        assertTrue(two.err().contains("--classroom reports one student's submission"), two.err());
    }
}
