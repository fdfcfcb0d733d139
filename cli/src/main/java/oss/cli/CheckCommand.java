package oss.cli;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import oss.analysis.AnalyzeOptions;
import oss.analysis.Analysis;
import oss.analysis.report.JsonReport;
import oss.analysis.Analyzer;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Compile and run scenarios and print every finding, compiler-style.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "the .oss scenarios")
    List<Path> files;

    @Option(names = "--json", description = "print the findings as JSON")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "errors only, without source excerpts")
    boolean quiet;

    @Option(names = {"-v", "--verbose"},
            description = "every finding as each engine found it: a deadlock the lock-order check, the run and the"
                    + " explorer all found is shown three times instead of once")
    boolean verbose;

    @Option(names = "--sarif", description = "print the findings as SARIF 2.1.0, for code-scanning services")
    boolean sarif;

    @Option(names = "--max-time", paramLabel = "SECONDS",
            description = "wall-time budget for each file, compiling included; the exploration of interleavings"
                    + " has no state cap and goes on until it is decided or this runs out (default: ${DEFAULT-VALUE})")
    double maxTime = Budgets.CHECK_EXPLORE_SECONDS;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Ranges.seconds(spec, "--max-time", maxTime);
        boolean unreadable = false;
        boolean errors = false;
        List<JsonObject> reports = new ArrayList<>();
        List<SarifReport.FileFindings> sarifFiles = new ArrayList<>();
        List<Diagnostic> everything = new ArrayList<>();
        Style style = json || sarif ? Style.plain() : Style.detect();
        for (Path path : files) {
            Optional<SourceFile> read = SourceFile.read(path, err);
            if (read.isEmpty()) {
                unreadable = true;
                continue;
            }
            SourceFile source = read.get();
            Analysis a;
            try (oss.ir.Deadline budget = oss.ir.Deadline.start(maxTime, "--max-time")) {
                AnalyzeOptions ao = AnalyzeOptions.defaults().withExplore(AnalyzeOptions.timedExplore(maxTime));
                a = Prefetch.take(source.name(), source.text(), budget.remainingSeconds())
                        .map(c -> Analyzer.analyze(c, source.text(), ao))
                        .orElseGet(() -> Analyzer.analyze(source.name(), source.text(), ao));
            }
            errors |= a.hasErrors();
            if (json) {
                reports.add(JsonReport.of(source.name(), a, false));
                continue;
            }
            if (sarif) {
                sarifFiles.add(new SarifReport.FileFindings(path.toString().replace('\\', '/'), a.diagnostics(),
                        a.counterexamples()));
                continue;
            }
            DiagnosticPrinter printer = new DiagnosticPrinter(source, style);
            for (Diagnostic d : verbose ? a.ungrouped() : a.diagnostics()) {
                if (quiet) {
                    if (d.severity() == Severity.ERROR) {
                        out.println(source.name() + ":" + d.span().line() + ":" + d.span().column() + ": error["
                                + d.code().id() + "]: " + d.message());
                    }
                } else {
                    printer.print(out, d);
                }
            }
            everything.addAll(a.diagnostics());
        }
        if (json) {
            out.println(JsonReport.toJson(reports));
        } else if (sarif) {
            out.println(SarifReport.of(sarifFiles));
        } else if (!quiet) {
            out.println(Summary.line(everything, style));
        }
        out.flush();
        if (unreadable) {
            return Main.USAGE;
        }
        return errors ? Main.FINDINGS : Main.OK;
    }
}
