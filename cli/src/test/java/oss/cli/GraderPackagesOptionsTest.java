package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
