package oss.analysis.grading;

import static oss.analysis.grading.Assignments.count;
import static oss.analysis.grading.Assignments.expect;
import static oss.analysis.grading.Assignments.forbid;
import static oss.analysis.grading.Assignments.part;
import static oss.analysis.grading.Assignments.predict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.Check;
import oss.compiler.assign.GradingBudget;
import oss.compiler.assign.TestSpec;
import oss.compiler.assign.Visibility;
import oss.compiler.expect.CompareOp;
import oss.ir.Deadline;
import oss.ir.program.Span;

/**
 * The two example assignments of examples/grading, built as records (the checker that reads
 * assignment.oss is another part's), judged on every sample that is graded (not rejected for its
 * bytes), scored per test with docs/grading.md's rule, against the points in each directory's
 * expected-scores, worked out by hand by the examples' author.
 */
class ExampleAssignmentsJudgeTest {
    static final Path GRADING = Path.of("..", "examples", "grading");

    static TestSpec test(int n, String name, double points, boolean partial, Check... checks) {
        return new TestSpec(n, name, points, Visibility.VISIBLE, partial, List.of(checks), Optional.empty(),
                new Span(n, 1, n, 2));
    }

    static Assignment philosophers() {
        GradingBudget b = new GradingBudget(10, 100_000, 100_000, 32L << 20, 256L << 10);
        List<Check> cpu = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cpu.add(expect("expect philosopher[" + i + "].cpu == 4 ms"));
        }
        return new Assignment("philosophers", "philosophers.oss", Optional.of("starter.oss"), Span.NONE, b, List.of(
                test(1, "no interleaving deadlocks", 4, false, expect("expect no deadlock")),
                test(2, "every philosopher eats and leaves", 2, false, Assignments.finishes()),
                test(3, "still five", 2, true, count("process", "philosopher", CompareOp.EQ, false, 5),
                        Assignments.unchanged(part(Check.TargetKind.DECLARATIONS))),
                test(4, "at most one extra semaphore", 1, false, count("semaphore", null, CompareOp.LE, true, 1),
                        count("mutex", null, CompareOp.EQ, true, 0), forbid("choose", "trylock")),
                test(5, "every philosopher still eats twice", 1, true, cpu.toArray(new Check[0]))), Span.NONE);
    }

    static Assignment predictions() {
        GradingBudget b = GradingBudget.DEFAULT;
        List<TestSpec> tests = new ArrayList<>();
        int n = 0;
        for (String metric : List.of("turnaround", "response", "waiting")) {
            Check[] jobs = new Check[4];
            for (int j = 0; j < 4; j++) {
                jobs[j] = predict("J" + (j + 1), metric);
            }
            tests.add(test(++n, metric, metric.equals("turnaround") ? 4 : 2, true, jobs));
        }
        tests.add(test(++n, "granted", 1, false, predict("granted", null)));
        tests.add(test(++n, "safe sequence", 2, false, predict("safe_sequence", null)));
        tests.add(test(++n, "faults", 2, true, predict("small", "page_faults"), predict("large", "page_faults")));
        tests.add(test(++n, "unchanged", 2, false, Assignments.unchanged(part(Check.TargetKind.SCENARIO))));
        return new Assignment("predict", "predictions.oss", Optional.of("starter.oss"), Span.NONE, b, tests, Span.NONE);
    }

    /** docs/grading.md: all checks for the points, or with {@code partial} points / checks per check held. */
    static double score(TestSpec t, List<CheckOutcome> outcomes) {
        long held = outcomes.stream().filter(CheckOutcome::held).count();
        return t.partial() ? t.points() * held / outcomes.size() : held == outcomes.size() ? t.points() : 0;
    }

    @TestFactory
    Stream<DynamicTest> philosophersFix() throws IOException {
        return samples("philosophers-fix", philosophers());
    }

    @TestFactory
    Stream<DynamicTest> predictValues() throws IOException {
        return samples("predict", predictions());
    }

    /**
     * The same samples with the assignment read from assignment.oss by the compiler's checker: the
     * checked records must grade as the mirrors above do (the hostile samples, seconds each, only
     * through the mirrors).
     */
    @TestFactory
    Stream<DynamicTest> fromAssignmentFiles() throws IOException {
        List<DynamicTest> all = new ArrayList<>();
        for (String dir : List.of("philosophers-fix", "predict")) {
            Path file = GRADING.resolve(dir).resolve("assignment.oss");
            oss.compiler.Compilation c = oss.compiler.Compiler.compile(file.toString(), Files.readString(file));
            if (c.assignment().isEmpty()) {
                String why = "the compiler does not read assignment files yet: " + c.diagnostics();
                all.add(DynamicTest.dynamicTest(dir + " from assignment.oss",
                        () -> org.junit.jupiter.api.Assumptions.assumeTrue(false, why)));
                continue;
            }
            samples(dir, c.assignment().get(), false).forEach(all::add);
        }
        return all.stream();
    }

    private Stream<DynamicTest> samples(String dir, Assignment a) throws IOException {
        return samples(dir, a, true);
    }

    /** {@code hostile}: the hostile samples too (each spends seconds of its budget; the mirrors run them). */
    private Stream<DynamicTest> samples(String dir, Assignment a, boolean hostile) throws IOException {
        Path root = GRADING.resolve(dir);
        String starter = Files.readString(root.resolve("starter.oss"));
        List<DynamicTest> out = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("expected-scores"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            String student = f[0];
            String outcome = f[1];
            if (outcome.equals("REJECTED") || !hostile && line.contains("hostile")) {
                continue; // the grader rejects its bytes before any judging
            }
            Path file = student.equals("solution") ? root.resolve("solution.oss")
                    : root.resolve("submissions").resolve(student).resolve(a.submission());
            out.add(DynamicTest.dynamicTest(dir + "/" + student, () -> {
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                Judgement j;
                long start = System.nanoTime();
                try (Deadline d = Deadline.start(a.budget().seconds(), "`time` in the budget")) {
                    j = SubmissionJudge.judge(a, Optional.of(starter), a.submission(), text,
                            SubmissionJudge.options(a.budget()));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                assertEquals(outcome.equals("DOES_NOT_COMPILE"), !j.compiles(), j.compileErrors().toString());
                StringBuilder why = new StringBuilder(student + " (" + String.format("%.1f", seconds) + " s):");
                double total = 0;
                for (int t = 0; t < a.tests().size(); t++) {
                    double want = Double.parseDouble(f[3 + t]);
                    double got = j.compiles() ? score(a.tests().get(t), j.tests().get(t)) : 0;
                    total += got;
                    why.append("\n t").append(t + 1).append(" want ").append(want).append(" got ").append(got);
                    for (CheckOutcome o : j.tests().get(t)) {
                        why.append("\n   ").append(o.status()).append(" ").append(o.check().text()).append(": ")
                                .append(o.message().replace("\n", "\n     "));
                    }
                }
                for (int t = 0; t < a.tests().size(); t++) {
                    double got = j.compiles() ? score(a.tests().get(t), j.tests().get(t)) : 0;
                    assertEquals(Double.parseDouble(f[3 + t]), got, 1e-9, why.toString());
                }
                assertEquals(Double.parseDouble(f[2]), total, 1e-9, why.toString());
                assertTrue(seconds < 30, why.toString());
            }));
        }
        return out.stream();
    }
}
