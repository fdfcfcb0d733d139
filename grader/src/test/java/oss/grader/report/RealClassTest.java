package oss.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.Check;
import oss.compiler.assign.GradingBudget;
import oss.compiler.assign.TestSpec;
import oss.compiler.assign.Visibility;
import oss.compiler.expect.CompareOp;
import oss.grader.ClassResult;
import oss.grader.Grader;
import oss.grader.LoadedAssignment;
import oss.grader.StudentResult;
import oss.grader.Submissions;
import oss.grader.TestResult;
import oss.ir.program.Span;

/**
 * Every output of the sample class of examples/grading/philosophers-fix, graded for real: the same
 * bytes graded one at a time and two at a time (timing fields aside), and the hidden and
 * after-the-due-date tests' real feedback nowhere in what a student reads. Writes
 * target/html-report/philosophers.html to look at.
 */
class RealClassTest {
    static final Path EXAMPLE = Path.of("..", "examples", "grading", "philosophers-fix");
    static ClassResult serial;
    static ClassResult parallel;

    /** assignment.oss's tests as records, until the compiler reads assignment files. */
    static Assignment philosophers() {
        List<Check> cpu = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String line = "expect philosopher[" + i + "].cpu == 4 ms";
            cpu.add(new Check.Expect(line, line, Span.NONE));
        }
        return new Assignment("Dining philosophers: make it deadlock-free", "philosophers.oss",
                Optional.of("starter.oss"), Span.NONE, new GradingBudget(10, 100_000, 100_000, 32L << 20, 256L << 10),
                List.of(new TestSpec(1, "no interleaving deadlocks", 4, Visibility.VISIBLE, false,
                                List.of(new Check.Expect("expect no deadlock", "expect no deadlock", Span.NONE)),
                                Optional.of("Break the circular wait: one global order on the forks, or a doorman."),
                                Span.NONE),
                        new TestSpec(2, "every philosopher eats and leaves", 2, Visibility.VISIBLE, false,
                                List.of(new Check.Finishes("require finishes", Span.NONE)), Optional.empty(), Span.NONE),
                        new TestSpec(3, "still five philosophers and five forks", 2, Visibility.VISIBLE, true,
                                List.of(new Check.Count("process", Optional.of("philosopher"), CompareOp.EQ, false, 5,
                                        "require count process philosopher == 5", Span.NONE)), Optional.empty(),
                                Span.NONE),
                        new TestSpec(4, "at most one extra semaphore, no choose", 1, Visibility.HIDDEN, false,
                                List.of(new Check.Count("semaphore", Optional.empty(), CompareOp.LE, true, 1,
                                                "require count semaphore <= starter + 1", Span.NONE),
                                        new Check.Forbid(List.of("choose", "trylock"), "forbid choose, trylock",
                                                Span.NONE)), Optional.of("HIDDEN FEEDBACK: count the semaphores"),
                                Span.NONE),
                        new TestSpec(5, "every philosopher still eats", 1, Visibility.AFTER_DUE_DATE, true, cpu,
                                Optional.of("AFTER-DUE FEEDBACK: keep the eating"), Span.NONE)), Span.NONE);
    }

    @BeforeAll
    static void grade() throws Exception {
        Path file = EXAMPLE.resolve("assignment.oss");
        LoadedAssignment a = new LoadedAssignment(file, Files.readString(file), philosophers(),
                Optional.of(Files.readString(EXAMPLE.resolve("starter.oss"))));
        var found = Submissions.find(List.of(EXAMPLE.resolve("submissions")), "philosophers.oss", 256L << 10);
        serial = Grader.standard(a, 1).grade(found, Grader.Progress.NONE);
        parallel = Grader.standard(a, 2).grade(found, Grader.Progress.NONE);
    }

    /** Each output's text, its timing fields blanked. */
    static Map<String, String> outputs(ClassResult c, Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path p : GradescopeResults.write(c, dir.resolve("gradescope"))) {
            out.put("gradescope " + p.getParent().getFileName(),
                    Files.readString(p).replaceAll("\"execution_time\": [0-9.]+", "\"execution_time\": 0"));
        }
        for (Path p : PrairieLearnResults.write(c, dir.resolve("prairielearn"))) {
            out.put("prairielearn " + p.getParent().getFileName(), Files.readString(p));
        }
        out.put("junit", JunitXml.render(c).replaceAll(" time=\"[0-9.]+\"", ""));
        out.put("json", ClassJson.render(c).replaceAll("\"executionMillis\": [0-9]+", "\"executionMillis\": 0"));
        out.put("csv", ClassCsv.render(c));
        out.put("html", HtmlClassReport.render(c));
        return out;
    }

    @Test
    void theSameBytesWhateverTheNumberOfJobs() throws IOException {
        Path dir = Path.of("target", "real-class");
        Map<String, String> one = outputs(serial, dir.resolve("jobs1"));
        Map<String, String> two = outputs(parallel, dir.resolve("jobs2"));
        assertEquals(one.keySet(), two.keySet());
        // 9 students: a directory each for Gradescope and PrairieLearn, then junit, json, csv, html
        assertEquals(9 * 2 + 4, one.size(), one.keySet().toString());
        for (String k : one.keySet()) {
            assertEquals(one.get(k), two.get(k), k);
        }
        Written.file(Path.of("target", "html-report", "philosophers.html"), one.get("html"));
    }

    @Test
    void hiddenAndAfterDueFeedbackReachNoStudentFacingOutput() throws IOException {
        Map<String, String> o = outputs(serial, Path.of("target", "real-class", "leak"));
        List<String> secrets = new ArrayList<>(List.of("HIDDEN FEEDBACK", "AFTER-DUE FEEDBACK"));
        for (StudentResult s : serial.students()) {
            for (TestResult t : s.tests()) {
                if (!t.visibility().shownAtOnce() && !t.passed() && s.outcome() == StudentResult.Outcome.GRADED) {
                    t.output().lines().filter(l -> l.length() > 20).forEach(secrets::add);
                }
            }
        }
        assertTrue(secrets.size() > 2, "some student failed a hidden or after-due test: " + secrets);
        for (Map.Entry<String, String> e : o.entrySet()) {
            boolean student = e.getKey().startsWith("prairielearn") || e.getKey().equals("junit");
            for (String secret : secrets) {
                if (student) {
                    assertFalse(e.getValue().contains(secret), e.getKey() + " shows " + secret);
                }
            }
        }
        // the instructor's outputs have them all
        for (String secret : secrets) {
            assertTrue(o.get("html").contains(Esc.html(secret)) && o.get("json").contains(secret.replace("\"", "\\\"")),
                    secret);
        }
        // Gradescope: only inside the hidden test itself, never in the top-level output
        for (Map.Entry<String, String> e : o.entrySet()) {
            if (e.getKey().startsWith("gradescope")) {
                var r = com.google.gson.JsonParser.parseString(e.getValue()).getAsJsonObject();
                GradescopeResultsTest.TOP.check(r);
                for (String secret : secrets) {
                    assertFalse(r.get("output").getAsString().contains(secret), e.getKey());
                }
            }
        }
    }
}
