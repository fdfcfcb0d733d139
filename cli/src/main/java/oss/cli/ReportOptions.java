package oss.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import oss.grader.ClassResult;
import oss.grader.report.ClassCsv;
import oss.grader.report.ClassJson;
import oss.grader.report.GradescopeResults;
import oss.grader.report.HtmlClassReport;
import oss.grader.report.JunitXml;
import oss.grader.report.PrairieLearnResults;
import picocli.CommandLine.Option;

/**
 * {@code oss grade}'s result files (docs/grading.md, "Outputs"), kept in one mixin so that
 * {@link GradeCommand} calls it once, among its outputs. {@code --json} and {@code --csv} without
 * FILE (or with {@code -}) print on stdout instead of the table.
 */
final class ReportOptions {
    private static final String STDOUT = "-";

    @Option(names = "--gradescope", paramLabel = "DIR",
            description = "Gradescope's results.json: DIR/results.json for one submission, DIR/STUDENT/results.json"
                    + " for several")
    Path gradescope;

    @Option(names = "--prairielearn", paramLabel = "PATH",
            description = "PrairieLearn's results: PATH is the file for one submission, a directory of"
                    + " STUDENT/results.json for several")
    Path prairielearn;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "JUnit XML (one testsuite per student) for a CI to show; tests as the student may see them")
    Path junit;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = STDOUT,
            description = "every result as JSON, to FILE or, without one, to stdout instead of the table")
    String json;

    @Option(names = "--csv", paramLabel = "FILE", arity = "0..1", fallbackValue = STDOUT,
            description = "one row per student, one column per test, to FILE or, without one, to stdout instead of"
                    + " the table")
    String csv;

    @Option(names = "--html", paramLabel = "FILE",
            description = "the class report: summary, histogram, pass rates and every student's feedback, one"
                    + " self-contained page")
    Path html;

    /** The outputs asked for, in a fixed order. */
    void addOutputs(List<GradeOutput> outputs) {
        if (gradescope != null) {
            outputs.add((result, out) -> GradescopeResults.write(result, gradescope));
        }
        if (prairielearn != null) {
            outputs.add((result, out) -> PrairieLearnResults.write(result, prairielearn));
        }
        if (junit != null) {
            outputs.add((result, out) -> JunitXml.write(result, junit));
        }
        if (html != null) {
            outputs.add((result, out) -> HtmlClassReport.write(result, html));
        }
        if (json != null) {
            outputs.add(text(json, ClassJson::render, ClassJson::write));
        }
        if (csv != null) {
            outputs.add(text(csv, ClassCsv::render, ClassCsv::write));
        }
    }

    /** Writes a class's results to a file. */
    private interface ToFile {
        void write(ClassResult result, Path file) throws IOException;
    }

    private static GradeOutput text(String target, Function<ClassResult, String> render, ToFile toFile) {
        if (!STDOUT.equals(target)) {
            return (result, out) -> toFile.write(result, Path.of(target));
        }
        return new GradeOutput() {
            @Override
            public boolean replacesTable() {
                return true;
            }

            @Override
            public void write(ClassResult result, PrintWriter out) {
                out.print(render.apply(result));
                out.flush();
            }
        };
    }
}
