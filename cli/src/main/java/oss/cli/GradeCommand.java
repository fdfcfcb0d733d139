package oss.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import oss.grader.AssignmentLoader;
import oss.grader.ClassResult;
import oss.grader.Grader;
import oss.grader.LoadedAssignment;
import oss.grader.Submission;
import oss.grader.Submissions;
import oss.ir.diag.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code oss grade ASSIGNMENT SUBMISSION...} (docs/grading.md): loads the assignment, finds the
 * submissions, grades them in parallel and prints a table and the class summary. Exit 0 when the
 * class was graded, whatever the scores; 1 when the assignment itself has an error; 2 for usage
 * and I/O errors.
 *
 * <p>Outputs other than the table each add an option and one line in {@link #outputs()}; a mode
 * that replaces grading (packaging an autograder) adds one in {@link #instead}; work on the whole
 * set of submissions after grading (similarity) in {@link #afterGrading}.
 */
@Command(name = "grade", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Grade students' .oss files against an assignment: a table of scores and the class summary.")
final class GradeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ASSIGNMENT", description = "the assignment (.oss)")
    Path assignment;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "SUBMISSION",
            description = "a student's .oss file, a directory of one student's files, a directory of such"
                    + " directories, or a Gradescope export (directory or .zip)")
    List<Path> submissions = new ArrayList<>();

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "submissions graded at once (default: the number of cores, ${DEFAULT-VALUE})")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-v", "--verbose"}, description = "after the table, each student's full feedback")
    boolean verbose;

    @Option(names = "--student-view",
            description = "after the table, each student's feedback as they may see it (hidden tests say only"
                    + " passed or failed)")
    boolean studentView;

    @Mixin
    GraderPackagesOptions graders = new GraderPackagesOptions();

    @Mixin
    ReportOptions reports = new ReportOptions();

    @Option(names = "--similarity",
            description = "after the table, the pairs of submissions alike after normalisation (names, comments,"
                    + " layout and the order of declarations erased), with the matching lines side by side")
    boolean similarity;

    @Option(names = "--similarity-threshold", paramLabel = "PERCENT",
            description = "list pairs scoring at least this (0-100; default 50); implies --similarity")
    Integer similarityThreshold;

    // Output options: add the @Option here and a line in outputs() (and a check in validate() if it needs one).

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        validate();
        Style style = outputs().stream().anyMatch(GradeOutput::replacesTable) ? Style.plain() : Style.detect();
        AssignmentLoader.Loading loading;
        try {
            loading = AssignmentLoader.load(assignment);
        } catch (AssignmentLoader.Unreadable e) {
            err.println("oss: " + e.getMessage());
            return Main.USAGE;
        }
        printDiagnostics(err, loading, style);
        if (loading.assignment().isEmpty()) {
            return Main.FINDINGS;
        }
        LoadedAssignment loaded = loading.assignment().get();
        Optional<Integer> other = instead(loaded);
        if (other.isPresent()) {
            return other.get();
        }
        List<Submission> found;
        try {
            found = Submissions.find(submissions, loaded.assignment().submission(),
                    loaded.assignment().budget().sizeBytes());
        } catch (Submissions.Unusable e) {
            err.println("oss: " + e.getMessage());
            return Main.USAGE;
        }
        if (found.isEmpty()) {
            err.println("oss: no submission found in " + submissions.stream().map(Path::toString).toList());
            return Main.USAGE;
        }
        boolean tty = System.console() != null;
        ClassResult result = Grader.standard(loaded, jobs).grade(found, (r, done, total) -> {
            if (tty) {
                err.print("\rgrading: " + done + "/" + total + (done == total ? "\r" + " ".repeat(30) + "\r" : ""));
                err.flush();
            }
        });
        List<GradeOutput> outputs = outputs();
        if (outputs.stream().noneMatch(GradeOutput::replacesTable)) {
            GradeTable table = new GradeTable(style);
            table.print(out, result, studentView);
            if (verbose || studentView) {
                table.feedback(out, result, studentView);
            }
        }
        for (GradeOutput o : outputs) {
            try {
                o.write(result, out);
            } catch (IOException e) {
                out.flush();
                err.println("oss: " + e.getMessage());
                return Main.USAGE;
            }
        }
        int after = afterGrading(loaded, found, result);
        out.flush();
        return after;
    }

    /** Every option checked before any work: a bad value is a usage error (exit 2) with nothing graded. */
    private void validate() {
        Ranges.between(spec, "--jobs", jobs, 1, 4096);
        graders.validate(spec, submissions, !outputs().isEmpty());
        if (similarityThreshold != null) {
            Ranges.between(spec, "--similarity-threshold", similarityThreshold, 0, 100);
        }
        if (submissions.isEmpty() && !graders.packaging()) {
            throw new ParameterException(spec.commandLine(), "a SUBMISSION is needed: a .oss file, a directory or"
                    + " a .zip");
        }
        for (Path p : submissions) {
            if (!Files.exists(p)) {
                throw new ParameterException(spec.commandLine(), p + ": no such file or directory");
            }
        }
        if (outputs().stream().filter(GradeOutput::replacesTable).count() > 1) {
            throw new ParameterException(spec.commandLine(), "only one output can go to stdout; give the others a"
                    + " FILE");
        }
        if ((similarity || similarityThreshold != null) && outputs().stream().anyMatch(GradeOutput::replacesTable)) {
            throw new ParameterException(spec.commandLine(), "--similarity prints after the table, on stdout,"
                    + " which another output takes; give that output a FILE");
        }
    }

    /** The outputs asked for, in a fixed order. */
    private List<GradeOutput> outputs() {
        List<GradeOutput> o = new ArrayList<>();
        graders.addOutputs(o);
        reports.addOutputs(o);
        return o;
    }

    /** A mode that replaces grading (its exit code), or empty to grade. */
    private Optional<Integer> instead(LoadedAssignment loaded) {
        return graders.instead(loaded, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Work over every submission once graded; its exit code. */
    private int afterGrading(LoadedAssignment loaded, List<Submission> found, ClassResult result) {
        if (similarity || similarityThreshold != null) {
            PrintWriter out = spec.commandLine().getOut();
            out.println();
            out.print(SimilarityCheck.run(loaded, found, similarityThreshold));
        }
        return graders.exitCode(result, spec.commandLine().getErr());
    }

    private static void printDiagnostics(PrintWriter err, AssignmentLoader.Loading loading, Style style) {
        for (AssignmentLoader.FileDiagnostics f : loading.files()) {
            DiagnosticPrinter printer = new DiagnosticPrinter(new SourceFile(f.path(), f.text()), style);
            for (Diagnostic d : f.diagnostics()) {
                printer.print(err, d);
            }
        }
        err.flush();
    }
}
