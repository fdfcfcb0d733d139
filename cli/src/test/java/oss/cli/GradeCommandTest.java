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

    static boolean compilerReadsAssignments() {
        return oss.compiler.Compiler.compile("a.oss", ASSIGNMENT).assignment().isPresent();
    }

    @Test
    void aClassIsGradedIntoATableWhateverTheScores() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(compilerReadsAssignments(),
                "the compiler does not read assignment files yet");
        Path a = write("a.oss", ASSIGNMENT);
        write("class/ann/locks.oss", GOOD);
        write("class/bob/locks.oss", BAD);
        write("class/cy/locks.oss", "scenario \"x\" { process p { lock } }");
        Files.createDirectories(dir.resolve("class/dee"));
        Files.write(dir.resolve("class/dee/locks.oss"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0});
        CliTest.Outcome r = oss("grade", a, dir.resolve("class"), "--jobs", "2");
        assertEquals(0, r.code(), r.err());
        // ann: both tests (3 + 1); bob: an interleaving deadlocks (3 lost), two processes (1);
        // cy does not compile; dee is not text
        String[] rows = r.out().lines().toArray(String[]::new);
        assertEquals("student  score  1  2  reason", rows[1]);
        assertEquals("ann      4/4    ✓  ✓", rows[2]);
        assertTrue(rows[3].startsWith("bob      1/4    ✗  ✓  test 1: locks.oss:"), rows[3]);
        assertTrue(rows[4].startsWith("cy       0/4    -  -  does not compile: locks.oss:1:"), rows[4]);
        assertEquals("dee      0/4    -  -  rejected: not a text file (a .oss file is UTF-8 text; this one has bytes"
                .substring(0, 70), rows[5].substring(0, 70));
        assertTrue(r.out().contains("4 students: mean 1.25, median 0.5, min 0, max 4 of 4"), r.out());
        assertTrue(r.out().contains("  1 no deadlock    1/4 (25 %)"), r.out());
        assertTrue(r.out().contains("  2 two processes  2/4 (50 %)"), r.out());

        CliTest.Outcome student = oss("grade", a, dir.resolve("class/bob"), "--student-view");
        assertEquals(0, student.code(), student.err());
        assertTrue(student.out().contains("Take the locks in one order."), student.out());
        assertTrue(student.out().contains("✓ 2 two processes (1/1)\n      passed"), student.out());
        CliTest.Outcome teacher = oss("grade", a, dir.resolve("class/bob"), "-v");
        assertTrue(teacher.out().contains("✓ 2 two processes (1/1)\n      "), teacher.out());
        assertTrue(!teacher.out().contains("✓ 2 two processes (1/1)\n      passed\n"), teacher.out());
    }

    @Test
    void aStarterThatCannotBeReadIsTheAssignmentsError() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(compilerReadsAssignments(),
                "the compiler does not read assignment files yet");
        write("class/ann/locks.oss", GOOD);
        Path missing = write("b.oss", ASSIGNMENT.replace("submission \"locks.oss\"",
                "submission \"locks.oss\"\n  starter \"missing.oss\""));
        CliTest.Outcome s = oss("grade", missing, dir.resolve("class"));
        assertEquals(1, s.code());
        assertTrue(s.err().contains(missing + ":3:") && s.err().contains("error[OSS1602]: the starter cannot be"
                + " read"), s.err());
        assertEquals("", s.out());
        write("broken.oss", "scenario \"s\" { process p { lock } }");
        Path broken = write("c.oss", ASSIGNMENT.replace("submission \"locks.oss\"",
                "submission \"locks.oss\"\n  starter \"broken.oss\""));
        CliTest.Outcome t = oss("grade", broken, dir.resolve("class"));
        assertEquals(1, t.code());
        assertTrue(t.err().contains("error[OSS1602]: the starter broken.oss does not compile"), t.err());
        assertTrue(t.err().contains(dir.resolve("broken.oss") + ":1:"), t.err());
    }
}
