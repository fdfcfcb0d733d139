package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oss.compiler.assign.Visibility;
import oss.grader.ClassResult;
import oss.grader.ClassSummary;
import oss.grader.StudentResult;
import oss.grader.TestResult;
import picocli.CommandLine;

/** {@code oss grade}'s result files: parsed from the command line, refused before any work, written where asked. */
class ReportOptionsTest {
    @TempDir
    Path dir;

    /** One student, 3 of 4 points: test 1 (3, visible) passed, test 2 (1, hidden) failed. */
    static ClassResult oneStudent() {
        List<TestResult> tests = List.of(
                new TestResult(1, "no deadlock", 3, 3, Visibility.VISIBLE, true, "checked", 1, 1, List.of()),
                new TestResult(2, "two processes", 0, 1, Visibility.HIDDEN, false, "3 processes, not 2", 0, 1,
                        List.of()));
        return new ClassResult("Two locks", "a.oss", 4, List.of(new StudentResult("ann", "ann/locks.oss",
                StudentResult.Outcome.GRADED, 3, 4, "", tests, 5)), new ClassSummary(1, 3, 3, 3, 3,
                List.of(0, 0, 0, 0, 0, 0, 0, 1, 0, 0), List.of(new ClassSummary.TestRate(1, "no deadlock", 3, 1, 1),
                        new ClassSummary.TestRate(2, "two processes", 1, 0, 1))));
    }

    private List<GradeOutput> parsed(String... args) {
        ReportOptions o = new ReportOptions();
        new CommandLine(o).parseArgs(args);
        List<GradeOutput> out = new ArrayList<>();
        o.addOutputs(out);
        return out;
    }

    @Test
    void eachOptionWritesItsFile() throws IOException {
        List<GradeOutput> outputs = parsed("--gradescope", dir.resolve("gs").toString(), "--prairielearn",
                dir.resolve("pl.json").toString(), "--junit", dir.resolve("j.xml").toString(), "--html",
                dir.resolve("r.html").toString(), "--json", dir.resolve("c.json").toString(), "--csv",
                dir.resolve("c.csv").toString());
        assertEquals(6, outputs.size());
        StringWriter stdout = new StringWriter();
        for (GradeOutput o : outputs) {
            assertFalse(o.replacesTable());
            o.write(oneStudent(), new PrintWriter(stdout));
        }
        assertEquals("", stdout.toString());
        for (String f : List.of("gs/results.json", "pl.json", "j.xml", "r.html", "c.json", "c.csv")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertEquals("student,file,outcome,no deadlock,two processes,total\r\nann,ann/locks.oss,graded,3,0,3\r\n",
                Files.readString(dir.resolve("c.csv")));
        assertFalse(Files.readString(dir.resolve("pl.json")).contains("3 processes, not 2"), "hidden");
    }

    @Test
    void jsonAndCsvWithoutFilePrintInsteadOfTheTable() throws IOException {
        for (String[] args : List.of(new String[] {"--csv"}, new String[] {"--csv", "-"}, new String[] {"--csv=-"})) {
            List<GradeOutput> o = parsed(args);
            assertEquals(1, o.size());
            assertTrue(o.get(0).replacesTable());
            StringWriter out = new StringWriter();
            o.get(0).write(oneStudent(), new PrintWriter(out));
            assertTrue(out.toString().startsWith("student,file,outcome"), out.toString());
        }
    }

    @Test
    void twoOutputsOnStdoutAreAUsageErrorBeforeAnyWork() throws IOException {
        Path a = Files.writeString(dir.resolve("a.oss"), GradeCommandTest.ASSIGNMENT);
        Path sub = Files.writeString(dir.resolve("locks.oss"), GradeCommandTest.GOOD);
        CliTest.Outcome r = CliTest.oss("grade", a.toString(), sub.toString(), "--json", "--csv");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("only one output can go to stdout"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void theHelpListsThem() {
        String help = CliTest.oss("grade", "-h").out();
        for (String o : List.of("--gradescope", "--prairielearn=", "--junit", "--json", "--csv", "--html")) {
            assertTrue(help.contains(o), o + " in\n" + help);
        }
    }
}
