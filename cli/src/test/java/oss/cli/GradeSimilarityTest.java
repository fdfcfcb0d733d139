package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.GradingBudget;
import oss.grader.LoadedAssignment;
import oss.grader.Submission;
import oss.ir.program.Span;

/**
 * {@code oss grade --similarity}: its option checked before any work, and what it prints after
 * the table for a class (through {@link SimilarityCheck}, with the submissions the grader found).
 */
class GradeSimilarityTest {
    @TempDir
    Path dir;

    /** ann's: three processes taking a then b, each with its own work. */
    static final String ANN = """
            scenario "ordered" {
              mutex a
              mutex b
              process p {
                lock a
                lock b
                compute 1 ms
                unlock b
                unlock a
                sleep 3 ms
              }
              process q {
                compute 2 ms
                lock a
                lock b
                compute 1 ms
                unlock b
                unlock a
              }
            }
            """;

    /** ann's, renamed, reordered, reformatted, with comments. */
    static final String BOB = """
            // all my own work
            scenario "Lab 2" {
              process second { compute 2 ms; lock x; lock y; compute 1 ms; unlock y; unlock x }
              mutex y
              process first {
                lock x   // first x
                lock y
                compute 1 ms
                unlock y
                unlock x
                sleep 3 ms
              }
              mutex x
            }
            """;

    /** cat's own: one lock around all the work. */
    static final String CAT = """
            scenario "one lock" {
              mutex big
              mutex unused
              process p {
                repeat 2 {
                  lock big
                  compute 5 ms
                  unlock big
                }
              }
              process q {
                sleep 1 ms
                lock big
                io 4 ms
                unlock big
              }
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

    private static Submission sub(String student, String text) {
        return new Submission(student, "class/" + student + "/locks.oss", "locks.oss", Submission.Source.text(text));
    }

    private static final LoadedAssignment LOADED = new LoadedAssignment(Path.of("a.oss"), "",
            new Assignment("Two locks", "locks.oss", Optional.empty(), Span.NONE, GradingBudget.DEFAULT, List.of(),
                    Span.NONE), Optional.empty());

    @Test
    void aDisguisedCopyIsListedNobodyElse() {
        List<Submission> found = List.of(sub("ann", ANN), sub("bob", BOB), sub("cat", CAT));
        String r = SimilarityCheck.run(LOADED, found, null);
        assertTrue(r.startsWith("similarity: 3 submissions compared; 1 pair at or above 50%"), r);
        assertTrue(r.contains("\nann ~ bob: 100% ("), r);
        assertTrue(r.contains("  class/ann/locks.oss:"), r);
        assertFalse(r.contains("cat ~") || r.contains("~ cat"), r);
        assertEquals(r, SimilarityCheck.run(LOADED, List.of(sub("cat", CAT), sub("bob", BOB), sub("ann", ANN)), null));
        assertTrue(SimilarityCheck.run(LOADED, found, 100).contains("1 pair at or above 100%"));
    }

    @Test
    void theAssignmentsStarterIsLeftOut() {
        LoadedAssignment withStarter = new LoadedAssignment(LOADED.path(), "", LOADED.assignment(), Optional.of(CAT));
        String r = SimilarityCheck.run(withStarter, List.of(sub("ann", ANN), sub("bob", BOB), sub("cat", CAT),
                sub("dan", CAT.replace("big", "lock1").replace("  ", "   "))), null);
        assertTrue(r.startsWith("similarity: 4 submissions compared; 1 pair at or above 50%"), r);
        assertTrue(r.contains("\nann ~ bob: 100% ("), r);
        assertFalse(r.contains("cat ~") || r.contains("~ dan"), r);
    }

    @Test
    void theThresholdIsAPercentCheckedBeforeAnyWork() throws IOException {
        Path a = write("a.oss", GradeCommandTest.ASSIGNMENT);
        write("class/ann/locks.oss", ANN);
        CliTest.Outcome bad = oss("grade", a, dir.resolve("class"), "--similarity-threshold", "101");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--similarity-threshold must be between 0 and 100, not 101"), bad.err());
        assertEquals("", bad.out());
        assertTrue(oss("grade", "-h").out().contains("--similarity-threshold"));
        // the report follows the table on stdout: an output that takes stdout instead leaves it no room
        CliTest.Outcome both = oss("grade", a, dir.resolve("class"), "--similarity", "--json");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--similarity prints after the table, on stdout, which another output takes;"
                + " give that output a FILE"), both.err());
        assertEquals("", both.out());
    }

    @Test
    void aRejectedSubmissionIsNotCompared() {
        List<Submission> found = List.of(sub("ann", ANN),
                new Submission("dan", "class/dan/locks.oss", "locks.oss", Submission.Source.rejected("too large")));
        String r = SimilarityCheck.run(LOADED, found, null);
        assertTrue(r.startsWith("similarity: 1 submission compared; 0 pairs"), r);
        assertTrue(r.contains("\n  not compared: dan (class/dan/locks.oss): too large\n"), r);
    }

    @Test
    void throughOssGradeAfterTheTableWithTheStarterLeftOut() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(GradeCommandTest.compilerReadsAssignments(),
                "the compiler does not read assignment files yet");
        Path a = write("a.oss", """
                assignment "Two locks" {
                  submission "locks.oss"
                  starter "starter.oss"
                  budget { time 20 s  states 20000  steps 100000  memory 64 MiB  size 4 KiB }
                  test "no deadlock" points 3 {
                    expect no deadlock
                  }
                }
                """);
        write("starter.oss", CAT);
        write("class/ann/locks.oss", ANN);
        write("class/bob/locks.oss", BOB);
        write("class/cat/locks.oss", CAT);
        write("class/dan/locks.oss", CAT.replace("big", "lock1").replace("  ", "   "));
        CliTest.Outcome r = oss("grade", a, dir.resolve("class"), "--similarity", "--jobs", "1");
        assertEquals(0, r.code(), r.err());
        int similarity = r.out().indexOf("similarity: 4 submissions compared; 1 pair at or above 50%");
        assertTrue(similarity > r.out().indexOf("dan"), r.out());
        assertTrue(r.out().contains("\nann ~ bob: 100% ("), r.out());
        assertFalse(r.out().contains("cat ~") || r.out().contains("~ dan"), r.out());
        CliTest.Outcome again = oss("grade", a, dir.resolve("class"), "--similarity", "--jobs", "2");
        assertEquals(r.out().substring(similarity), again.out().substring(again.out().indexOf("similarity: ")));
    }
}
