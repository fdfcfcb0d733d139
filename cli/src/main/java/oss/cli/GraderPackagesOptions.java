package oss.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import oss.grader.ClassResult;
import oss.grader.LoadedAssignment;
import oss.grader.StudentResult;
import oss.grader.autograder.AssignmentFiles;
import oss.grader.autograder.ClassroomResult;
import oss.grader.autograder.GradescopeAutograder;
import oss.grader.autograder.PrairieLearnPackage;
import oss.grader.autograder.RunningJar;
import oss.grader.autograder.Unpackable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code oss grade}'s options for the graders people already use (docs/grading.md, "Gradescope",
 * "PrairieLearn", "GitHub Classroom"), kept in one mixin so that {@link GradeCommand} calls it in
 * three places: packaging instead of grading, the classroom's result among the outputs, and the
 * exit code a classroom's command step reads.
 */
final class GraderPackagesOptions {
    /** Graded, but someone scored below {@code --min-score}: a classroom command step fails on it. */
    static final int BELOW_MIN_SCORE = 3;

    @Option(names = "--autograder-zip", paramLabel = "OUT.zip",
            description = "instead of grading, write a Gradescope autograder: setup.sh, run_autograder, oss.jar and"
                    + " the assignment with its starter")
    Path autograderZip;

    @Option(names = "--prairielearn-package", paramLabel = "DIR",
            description = "instead of grading, write a PrairieLearn external grader into DIR (for the course's"
                    + " serverFilesCourse): grade.sh, oss.jar, the assignment and the info.json options")
    Path prairielearnPackage;

    @Option(names = "--classroom", paramLabel = "FILE",
            description = "the one submission's result for GitHub Classroom's autograding reporter (each test's"
                    + " points)")
    Path classroom;

    @Option(names = "--min-score", paramLabel = "POINTS",
            description = "exit " + BELOW_MIN_SCORE + " when a submission scores below POINTS (a classroom command"
                    + " step passes on exit 0)")
    Double minScore;

    /** Packaging grades nobody. */
    boolean packaging() {
        return autograderZip != null || prairielearnPackage != null;
    }

    /** Checks made before any work; {@code outputs}: whether another output was asked for. */
    void validate(CommandSpec spec, List<Path> submissions, boolean outputs) {
        if (minScore != null && !(minScore >= 0 && minScore < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--min-score must be a number of points, 0 or more,"
                    + " not " + minScore);
        }
        if (packaging() && (!submissions.isEmpty() || outputs || classroom != null || minScore != null)) {
            throw new ParameterException(spec.commandLine(), (autograderZip != null ? "--autograder-zip"
                    : "--prairielearn-package") + " packages the assignment and grades nobody: give it the"
                    + " ASSIGNMENT alone");
        }
    }

    /** Writes the packages asked for: their exit code, or empty when grading goes on. */
    Optional<Integer> instead(LoadedAssignment loaded, PrintWriter out, PrintWriter err) {
        if (!packaging()) {
            return Optional.empty();
        }
        try {
            Path jar = RunningJar.find();
            AssignmentFiles files = AssignmentFiles.of(loaded.path(), loaded.text(), loaded.assignment().starter(),
                    loaded.starterText());
            String submission = loaded.assignment().submission();
            if (autograderZip != null) {
                GradescopeAutograder.Written w = GradescopeAutograder.write(files, submission, jar, autograderZip);
                out.println("wrote " + w.file() + " (" + String.format(Locale.US, "%.1f MB", w.bytes() / 1e6)
                        + "): " + String.join(", ", w.entries()));
                out.println("  upload it as the autograder of a Gradescope programming assignment"
                        + " (docs/grading.md, \"Gradescope\")");
            }
            if (prairielearnPackage != null) {
                PrairieLearnPackage.Written w = PrairieLearnPackage.write(files, submission,
                        loaded.assignment().budget().seconds(), jar, prairielearnPackage);
                out.println("wrote " + w.dir() + ": " + String.join(", ", w.files()));
                out.println("  put it in the course's serverFilesCourse and " + w.files().get(w.files().size() - 1)
                        + " in each question's info.json (docs/grading.md, \"PrairieLearn\")");
            }
            out.flush();
            return Optional.of(Main.OK);
        } catch (Unpackable e) {
            out.flush();
            err.println("oss: " + e.getMessage());
            return Optional.of(Main.USAGE);
        }
    }

    /** The classroom's result, when asked for: one of {@code oss grade}'s outputs. */
    void addOutputs(List<GradeOutput> outputs) {
        if (classroom != null) {
            outputs.add((result, out) -> ClassroomResult.write(result, classroom));
        }
    }

    /** {@link #BELOW_MIN_SCORE} when a student scored below {@code --min-score}; OK otherwise. */
    int exitCode(ClassResult result, PrintWriter err) {
        if (minScore == null) {
            return Main.OK;
        }
        List<StudentResult> below = result.students().stream().filter(s -> s.score() < minScore).toList();
        if (below.isEmpty()) {
            return Main.OK;
        }
        err.println("oss: " + below.size() + " of " + result.students().size() + " below --min-score "
                + GradeTable.number(minScore) + ": " + String.join(", ", below.stream().limit(10)
                .map(s -> s.student() + " " + GradeTable.number(s.score())).toList())
                + (below.size() > 10 ? ", ..." : ""));
        return BELOW_MIN_SCORE;
    }
}
