package oss.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.GradingBudget;

/**
 * The example assignments under examples/grading/ grade their sample submissions to the scores in
 * each directory's {@code expected-scores}, which were worked out by hand from the tests'
 * definitions (docs/grading.md), not taken from oss's output: the reference solution earns full
 * marks, every sample its total and each test's points, and a hostile sample costs nobody but
 * itself anything. The samples go through the grader as {@code oss grade} takes them: found in
 * their directories by {@link Submissions}, read within the budget's size, graded in parallel.
 * The assignments are read from their files, as {@code oss grade} reads them.
 */
class ExampleAssignmentsTest {
    static final Path GRADING = Path.of("..", "examples", "grading");
    static final List<String> ASSIGNMENTS = List.of("philosophers-fix", "predict");
    private static final double EPS = 1e-9;
    private static final Map<String, ClassResult> GRADED = new ConcurrentHashMap<>();

    /** One line of expected-scores: the student, the outcome, the total and each test's points, and why. */
    record Expected(String student, StudentResult.Outcome outcome, double total, List<Double> tests, String why) {
        boolean hostile() {
            return why.startsWith("hostile");
        }
    }

    static List<Expected> expected(String assignment) throws IOException {
        List<Expected> out = new ArrayList<>();
        int tests = load(assignment).assignment().tests().size();
        for (String line : Files.readAllLines(GRADING.resolve(assignment).resolve("expected-scores"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            List<Double> points = new ArrayList<>();
            for (int i = 0; i < tests; i++) {
                points.add(Double.parseDouble(f[3 + i]));
            }
            String why = String.join(" ", List.of(f).subList(3 + tests, f.length));
            out.add(new Expected(f[0], StudentResult.Outcome.valueOf(f[1]), Double.parseDouble(f[2]), points, why));
        }
        return out;
    }

    static LoadedAssignment load(String assignment) {
        Path file = GRADING.resolve(assignment).resolve("assignment.oss");
        try {
            AssignmentLoader.Loading l = AssignmentLoader.load(file);
            return l.assignment().orElseThrow(() -> new AssertionError(file + " does not load: " + l.files().stream()
                    .flatMap(f -> f.diagnostics().stream().map(d -> f.path() + ":" + d.span() + " " + d.code().id()
                            + " " + d.message())).collect(Collectors.joining("\n"))));
        } catch (AssignmentLoader.Unreadable e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /**
     * What the scores cannot show: each test's visibility and partial credit as assignment.oss
     * states them (a hidden test scored right but shown to students would pass every score).
     */
    @Test
    void theTestsAreReadAsWritten() {
        assertEquals(List.of("visible", "visible", "visible partial", "hidden", "after_due_date partial"),
                described("philosophers-fix"));
        assertEquals(List.of("visible partial", "visible partial", "after_due_date partial", "visible", "hidden",
                "visible partial", "visible"), described("predict"));
        assertEquals(new GradingBudget(10, 100_000, 100_000, 32L << 20, 256L << 10),
                load("philosophers-fix").assignment().budget());
        assertEquals(GradingBudget.DEFAULT, load("predict").assignment().budget());
    }

    private static List<String> described(String name) {
        return load(name).assignment().tests().stream()
                .map(t -> t.visibility().word() + (t.partial() ? " partial" : "")).toList();
    }

    /** Every sample and the reference solution (as the student "solution"), graded in one class. */
    static List<Submission> samples(String assignment, LoadedAssignment loaded) throws Submissions.Unusable {
        Path dir = GRADING.resolve(assignment);
        Assignment a = loaded.assignment();
        return Submissions.find(List.of(dir.resolve("submissions"), dir.resolve("solution.oss")), a.submission(),
                a.budget().sizeBytes());
    }

    static ClassResult graded(String assignment) {
        return GRADED.computeIfAbsent(assignment, name -> {
            LoadedAssignment loaded = load(name);
            try {
                return Grader.standard(loaded, Math.max(2, Runtime.getRuntime().availableProcessors()))
                        .grade(samples(name, loaded), Grader.Progress.NONE);
            } catch (Submissions.Unusable e) {
                throw new AssertionError(e.getMessage(), e);
            }
        });
    }

    static Map<String, StudentResult> byStudent(ClassResult c) {
        Map<String, StudentResult> m = new TreeMap<>();
        for (StudentResult s : c.students()) {
            assertEquals(null, m.put(s.student(), s), "two results for " + s.student());
        }
        return m;
    }

    @Test
    void everyAssignmentHasTheSamplesTheIssueAsksFor() throws IOException {
        for (String name : ASSIGNMENTS) {
            List<Expected> exp = expected(name);
            assertTrue(exp.size() >= 7, name + ": the solution and at least six samples");
            double max = load(name).assignment().maxScore();
            assertTrue(exp.stream().anyMatch(e -> e.student().equals("solution") && Math.abs(e.total() - max) < EPS),
                    name + ": the reference solution is expected to score full marks, " + max);
            assertTrue(exp.stream().anyMatch(e -> !e.student().equals("solution") && Math.abs(e.total() - max) < EPS),
                    name + ": a correct sample");
            assertTrue(exp.stream().anyMatch(e -> e.total() > 0 && e.total() < max - EPS), name + ": a partly right one");
            assertTrue(exp.stream().anyMatch(e -> e.outcome() == StudentResult.Outcome.DOES_NOT_COMPILE),
                    name + ": one that does not compile");
            assertTrue(exp.stream().anyMatch(Expected::hostile), name + ": a hostile one");
            for (Expected e : exp) {
                double sum = e.tests().stream().mapToDouble(Double::doubleValue).sum();
                assertEquals(e.total(), sum, EPS, name + "/" + e.student() + ": the hand-made row does not add up");
            }
        }
    }

    @TestFactory
    Stream<DynamicNode> everySampleScoresWhatWasWorkedOutByHand() {
        return ASSIGNMENTS.stream().map(name -> DynamicContainer.dynamicContainer(name, dynamicTests(name)));
    }

    private static Stream<DynamicNode> dynamicTests(String name) {
        List<Expected> exp;
        try {
            exp = expected(name);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("the class is exactly the samples", () -> assertEquals(
                exp.stream().map(Expected::student).sorted().toList(),
                graded(name).students().stream().map(StudentResult::student).toList())));
        for (Expected e : exp) {
            nodes.add(DynamicTest.dynamicTest(e.student(), () -> {
                StudentResult r = byStudent(graded(name)).get(e.student());
                assertTrue(r != null, e.student() + " was not graded");
                String about = name + "/" + e.student() + " (" + e.why() + ")\n" + describe(r);
                assertEquals(e.outcome(), r.outcome(), about);
                for (int i = 0; i < e.tests().size(); i++) {
                    assertEquals(e.tests().get(i), r.tests().get(i).score(), EPS,
                            "test " + (i + 1) + " \"" + r.tests().get(i).name() + "\" of " + about);
                }
                assertEquals(e.total(), r.score(), EPS, about);
            }));
        }
        return nodes.stream();
    }

    @Test
    void theReferenceSolutionsScoreFullMarks() {
        for (String name : ASSIGNMENTS) {
            ClassResult c = graded(name);
            StudentResult solution = byStudent(c).get("solution");
            assertEquals(c.maxScore(), solution.score(), EPS, name + ":\n" + describe(solution));
            assertTrue(solution.tests().stream().allMatch(TestResult::passed), describe(solution));
        }
    }

    /**
     * Grading the class without its hostile samples gives every other student the very same
     * result: a hostile submission costs only its own points.
     */
    @Test
    void aHostileSampleCostsOnlyItsOwnPoints() throws Exception {
        for (String name : ASSIGNMENTS) {
            List<String> hostile = expected(name).stream().filter(Expected::hostile).map(Expected::student).toList();
            assertFalse(hostile.isEmpty());
            LoadedAssignment loaded = load(name);
            List<Submission> calm = samples(name, loaded).stream()
                    .filter(s -> !hostile.contains(s.student())).toList();
            ClassResult without = Grader.standard(loaded, 2).grade(calm, Grader.Progress.NONE);
            Map<String, StudentResult> with = byStudent(graded(name));
            for (StudentResult r : without.students()) {
                StudentResult w = with.get(r.student());
                assertEquals(r.score(), w.score(), EPS, name + "/" + r.student());
                assertEquals(r.outcome(), w.outcome(), name + "/" + r.student());
                assertEquals(r.tests(), w.tests(), name + "/" + r.student());
            }
            for (String h : hostile) {
                StudentResult r = with.get(h);
                assertFalse(r.message().isBlank(), name + "/" + h + " should be told which budget or rule stopped it");
            }
        }
    }

    /** The feedback a student reads is about their own file and says what went wrong. */
    @Test
    void feedbackSpeaksTheStudentsTerms() {
        StudentResult cara = byStudent(graded("philosophers-fix")).get("cara");
        String deadlock = cara.tests().get(0).output();
        assertTrue(deadlock.contains("philosophers.oss:"), deadlock);
        assertTrue(deadlock.contains("--schedule"), "the schedule that reaches the deadlock, replayable: " + deadlock);

        StudentResult bo = byStudent(graded("predict")).get("bo");
        String turnaround = bo.tests().get(0).output();
        assertTrue(turnaround.contains("predictions.oss:"), turnaround);
        assertTrue(turnaround.contains("7 ms") && turnaround.contains("9 ms"),
                "J2: bo predicted 7 ms, the simulator computed 9 ms: " + turnaround);

        StudentResult eve = byStudent(graded("predict")).get("eve");
        String unchanged = eve.tests().get(6).output();
        assertTrue(unchanged.contains("fifo"), "eve is told she changed the scheduler: " + unchanged);
    }

    private static String describe(StudentResult r) {
        StringBuilder b = new StringBuilder(r.student() + ": " + r.outcome() + " " + r.score() + "/" + r.maxScore());
        if (!r.message().isBlank()) {
            b.append(" — ").append(r.message());
        }
        for (TestResult t : r.tests()) {
            b.append("\n  ").append(t.number()).append(". ").append(t.name()).append(": ").append(t.score())
                    .append("/").append(t.maxScore()).append(" (").append(t.checksPassed()).append(" of ")
                    .append(t.checks()).append(" checks) ").append(Optional.ofNullable(t.output()).orElse("")
                    .replace("\n", "\n      "));
        }
        return b.toString();
    }
}
