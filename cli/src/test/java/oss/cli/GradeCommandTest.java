package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oss grade}: its exit codes, its checks before any work, and its table. */
class GradeCommandTest {
    @TempDir
    Path dir;

    static final String ASSIGNMENT = """
            assignment "Two locks" {
              submission "locks.oss"
              budget { time 20 s  states 20000  steps 100000  memory 64 MiB  size 4 KiB }
              test "no deadlock" points 3 {
                expect no deadlock
                feedback "Take the locks in one order."
              }
              test "two processes" points 1 hidden {
                require count process == 2
              }
            }
            """;

    /** Both take a then b: no deadlock, two processes: 4 of 4. */
    static final String GOOD = """
            scenario "ordered" {
              mutex a
              mutex b
              process p { lock a  lock b  compute 1 ms  unlock b  unlock a }
              process q { lock a  lock b  compute 1 ms  unlock b  unlock a }
            }
            """;

    /** Opposite orders: an interleaving deadlocks (test 1 lost); still two processes: 1 of 4. */
    static final String BAD = """
            scenario "opposite" {
              mutex a
              mutex b
              process p { lock a  lock b  compute 1 ms  unlock b  unlock a }
              process q { lock b  lock a  compute 1 ms  unlock a  unlock b }
            }
            """;

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static CliTest.Outcome oss(Object... args) {
        String[] s = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            s[i] = args[i].toString();
        }
        return CliTest.oss(s);
    }

    @Test
    void helpAndUsageErrorsComeBeforeAnyWork() throws IOException {
        Path a = write("a.oss", ASSIGNMENT);
        write("class/ann/locks.oss", GOOD);
        assertEquals(0, oss("grade", "-h").code());
        assertTrue(oss("grade", "-h").out().contains("--student-view"));
        CliTest.Outcome jobs = oss("grade", a, dir.resolve("class"), "--jobs", "0");
        assertEquals(2, jobs.code());
        assertTrue(jobs.err().contains("--jobs must be between 1 and 4096, not 0"), jobs.err());
        assertEquals("", jobs.out());
        CliTest.Outcome none = oss("grade", a);
        assertEquals(2, none.code());
        assertTrue(none.err().contains("a SUBMISSION is needed"), none.err());
        CliTest.Outcome missing = oss("grade", a, dir.resolve("nobody"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nobody: no such file or directory"), missing.err());
        CliTest.Outcome noAssignment = oss("grade", dir.resolve("none.oss"), dir.resolve("class"));
        assertEquals(2, noAssignment.code());
        assertTrue(noAssignment.err().contains("none.oss: no such file"), noAssignment.err());
    }

    @Test
    void anAssignmentWithAnErrorGradesNobody() throws IOException {
        Path scenario = write("s.oss", GOOD);
        write("class/ann/locks.oss", GOOD);
        CliTest.Outcome r = oss("grade", scenario, dir.resolve("class"));
        assertEquals(1, r.code());
        assertTrue(r.err().contains(scenario + ":1:1: error[OSS1601]: this is a scenario, not an assignment"), r.err());
        assertEquals("", r.out());
    }
}
