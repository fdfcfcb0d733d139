package oss.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import oss.compiler.Compiler;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.Check;
import oss.compiler.assign.GradingBudget;
import oss.compiler.assign.TestSpec;
import oss.compiler.assign.Visibility;
import oss.compiler.expect.CompareOp;
import oss.ir.program.Span;

/**
 * The example assignments of examples/grading as the grader loads them: from their files once
 * the compiler reads assignment files, and until then their tests written out as records. Used by
 * {@link ExampleAssignmentsTest} and by bench/grade (no JUnit here, so a plain JVM can load it).
 */
final class ExampleAssignments {
    /** Relative to the module, where tests and bench/grade-mirror run. */
    static final Path GRADING = Path.of("..", "examples", "grading");

    private ExampleAssignments() {}

    /** Whether the compiler reads assignment files yet (the front end of docs/grading.md). */
    static final boolean COMPILER_READS_ASSIGNMENTS = Compiler.compile("a.oss",
            "assignment \"a\" {\n  submission \"a.oss\"\n  test \"t\" {\n    require finishes\n  }\n}\n").isAssignment();

    static final String NOT_YET = "the compiler does not read assignment files yet: the samples are graded against"
            + " the tests of assignment.oss written out as records (mirror), which theAssignmentFilesAreTheMirrors"
            + " compares with the files once it can";

    /**
     * The assignment as oss grade loads it; while the compiler cannot read assignment files, the
     * same tests written out as records.
     */
    static LoadedAssignment load(String assignment) {
        Path file = GRADING.resolve(assignment).resolve("assignment.oss");
        if (!COMPILER_READS_ASSIGNMENTS) {
            try {
                return new LoadedAssignment(file, Files.readString(file), mirror(assignment),
                        Optional.of(Files.readString(GRADING.resolve(assignment).resolve("starter.oss"))));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return loadFile(file);
    }

    static LoadedAssignment loadFile(Path file) {
        try {
            AssignmentLoader.Loading l = AssignmentLoader.load(file);
            return l.assignment().orElseThrow(() -> new AssertionError(file + " does not load: " + l.files().stream()
                    .flatMap(f -> f.diagnostics().stream().map(d -> f.path() + ":" + d.span() + " " + d.code().id()
                            + " " + d.message())).collect(Collectors.joining("\n"))));
        } catch (AssignmentLoader.Unreadable e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static Assignment mirror(String assignment) {
        return switch (assignment) {
            case "philosophers-fix" -> philosophers();
            case "predict" -> predict();
            default -> throw new IllegalArgumentException(assignment);
        };
    }

    private static Check expect(String line) {
        return new Check.Expect(line, line, Span.NONE);
    }

    private static Check predict(String subject, String metric) {
        return new Check.Predict(subject, Optional.ofNullable(metric),
                "predict " + subject + (metric == null ? "" : "." + metric), Span.NONE);
    }

    private static Check unchanged(Check.TargetKind kind, String text) {
        return new Check.Unchanged(List.of(new Check.Target(kind, Optional.empty())), text, Span.NONE);
    }

    private static TestSpec test(int n, String name, double points, Visibility v, boolean partial, String feedback,
                                 List<Check> checks) {
        return new TestSpec(n, name, points, v, partial, checks, Optional.ofNullable(feedback), Span.NONE);
    }

    /** examples/grading/philosophers-fix/assignment.oss, as records. */
    static Assignment philosophers() {
        List<Check> cpu = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cpu.add(expect("expect philosopher[" + i + "].cpu == 4 ms"));
        }
        return new Assignment("Dining philosophers: make it deadlock-free", "philosophers.oss",
                Optional.of("starter.oss"), Span.NONE, new GradingBudget(10, 100_000, 100_000, 32L << 20, 256L << 10),
                List.of(test(1, "no interleaving deadlocks", 4, Visibility.VISIBLE, false,
                                "Break the circular wait: one global order on the forks, or a doorman that lets only"
                                        + " four sit.", List.of(expect("expect no deadlock"))),
                        test(2, "every philosopher eats and leaves", 2, Visibility.VISIBLE, false,
                                "In the default run some philosopher did not finish: it is still waiting for a fork"
                                        + " or a semaphore.", List.of(new Check.Finishes("require finishes", Span.NONE))),
                        test(3, "still five philosophers and five forks", 2, Visibility.VISIBLE, true,
                                "Keep philosopher[i in 0..4] and `mutex fork[5]` as they are in the starter.",
                                List.of(new Check.Count("process", Optional.of("philosopher"), CompareOp.EQ, false, 5,
                                                "require count process philosopher == 5", Span.NONE),
                                        unchanged(Check.TargetKind.DECLARATIONS, "unchanged declarations"))),
                        test(4, "at most one extra semaphore, no new lock, no choose", 1, Visibility.HIDDEN, false,
                                null, List.of(new Check.Count("semaphore", Optional.empty(), CompareOp.LE, true, 1,
                                                "require count semaphore <= starter + 1", Span.NONE),
                                        new Check.Count("mutex", Optional.empty(), CompareOp.EQ, true, 0,
                                                "require count mutex == starter", Span.NONE),
                                        new Check.Forbid(List.of("choose", "trylock"), "forbid choose, trylock",
                                                Span.NONE))),
                        test(5, "every philosopher still eats", 1, Visibility.AFTER_DUE_DATE, true,
                                "Each philosopher eats (compute 4 ms) once: keep the eating.", cpu)),
                Span.NONE);
    }

    /** examples/grading/predict/assignment.oss, as records. */
    static Assignment predict() {
        List<List<Check>> jobs = new ArrayList<>();
        for (String metric : List.of("turnaround", "response", "waiting")) {
            List<Check> four = new ArrayList<>();
            for (int j = 1; j <= 4; j++) {
                four.add(predict("J" + j, metric));
            }
            jobs.add(four);
        }
        return new Assignment("Predict: round robin, the banker, FIFO paging", "predictions.oss",
                Optional.of("starter.oss"), Span.NONE, GradingBudget.DEFAULT,
                List.of(test(1, "turnaround under round robin", 4, Visibility.VISIBLE, true,
                                "Draw the Gantt chart: at one instant an arrival joins the queue before the job whose"
                                        + " quantum ends.", jobs.get(0)),
                        test(2, "response time", 2, Visibility.VISIBLE, true,
                                "Response is the first time a job runs minus the time it arrived.", jobs.get(1)),
                        test(3, "waiting time", 2, Visibility.AFTER_DUE_DATE, true, null, jobs.get(2)),
                        test(4, "is P2's request granted?", 1, Visibility.VISIBLE, false,
                                "Pretend to grant it, then look for a safe sequence of the state after it.",
                                List.of(predict("granted", null))),
                        test(5, "a safe sequence after the request", 2, Visibility.HIDDEN, false, null,
                                List.of(predict("safe_sequence", null))),
                        test(6, "FIFO page faults", 2, Visibility.VISIBLE, true,
                                "Write the frames after every reference; a compulsory fault counts too.",
                                List.of(predict("small", "page_faults"), predict("large", "page_faults"))),
                        test(7, "the scenario is unchanged", 2, Visibility.VISIBLE, false,
                                "Only add expect lines: the scenario is the question.",
                                List.of(unchanged(Check.TargetKind.SCENARIO, "unchanged scenario")))),
                Span.NONE);
    }
}
