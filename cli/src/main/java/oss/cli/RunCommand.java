package oss.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import oss.analysis.AnalyzeOptions;
import oss.analysis.Analysis;
import oss.analysis.report.JsonReport;
import oss.analysis.Analyzer;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * `oss run`. Its options are declared through picocli's programmatic API, not its annotations:
 * reading annotations makes the JVM generate a proxy class per annotation type at start, a cost
 * every short run paid (issue 16, "Starting at once").
 */
final class RunCommand implements Callable<Integer> {
    CommandSpec spec;

    Path file;
    boolean json;
    boolean verbose;
    long seed;
    Long until;
    long maxEvents;
    double maxTime;
    List<String> show;
    boolean traceSyscalls;
    String schedule;
    Path html;
    Path dot;
    Path trace;

    /** The command's model, bound to a new RunCommand that reads its options when called. */
    static CommandSpec spec() {
        RunCommand c = new RunCommand();
        CommandSpec s = CommandSpec.wrapWithoutInspection(c);
        c.spec = s;
        s.name("run").versionProvider(new Version());
        s.usageMessage().description("Simulate a scenario and show who ran when, the metrics and every finding.");
        Commands.standardHelp(s);
        s.addPositional(PositionalParamSpec.builder().index("0").paramLabel("FILE").type(Path.class)
                .description("the .oss scenario").build());
        s.addOption(flag("--json", "print the analysis as JSON"));
        s.addOption(OptionSpec.builder("-v", "--verbose").type(boolean.class).description(
                "every finding as each engine found it (one fact found by the lock-order check, the run and"
                        + " the explorer is otherwise shown once)").build());
        s.addOption(OptionSpec.builder("--seed").paramLabel("N").type(long.class).defaultValue("1")
                .description("seed of the run's one random source (default: ${DEFAULT-VALUE})").build());
        s.addOption(OptionSpec.builder("--until").paramLabel("TIME").type(Long.class).converters(new TimeConverter())
                .description("stop the simulation at this simulated time, e.g. 50ms").build());
        s.addOption(OptionSpec.builder("--max-events").paramLabel("N").type(long.class)
                .defaultValue(String.valueOf(RunOptions.DEFAULT_MAX_EVENTS))
                .description("event budget (default: ${DEFAULT-VALUE})").build());
        s.addOption(OptionSpec.builder("--max-time").paramLabel("SECONDS").type(double.class)
                .defaultValue(String.valueOf(Budgets.DEFAULT_SECONDS))
                .description("wall-time budget for everything, compiling and rendering included (default: ${DEFAULT-VALUE})")
                .build());
        s.addOption(OptionSpec.builder("--show").paramLabel("VIEWS").type(List.class).auxiliaryTypes(String.class)
                .splitRegex(",").description("/proc-style views to print at every snapshot and at the end: "
                        + "ps, maps, meminfo, free, buddyinfo, slabinfo, pagetable, heap, tlb, cache; "
                        + "values: every value the run read and wrote, in order; strace: each task's strace -c table; "
                        + "top: load average, %%CPU, RES, state and TIME+ per task").build());
        s.addOption(flag("--trace-syscalls", "print one line per system call after the report, as strace -f -tt does"));
        s.addOption(OptionSpec.builder("--schedule").paramLabel("FILE|STEPS").type(String.class)
                .description("follow these steps first (a file written by oss explore --schedule-out, or inline: "
                        + "\"pid 2 at 5:7, pid 3 at 5:7\"), then let the scheduler decide").build());
        s.addOption(OptionSpec.builder("--html").paramLabel("FILE").type(Path.class)
                .description("also write one self-contained HTML report: the timeline, address spaces, wait-for graph "
                        + "and counterexample schedule, drawn in SVG").build());
        s.addOption(OptionSpec.builder("--dot").paramLabel("FILE").type(Path.class)
                .description("also write the deadlock's wait-for / resource-allocation graph in Graphviz DOT").build());
        s.addOption(OptionSpec.builder("--trace").paramLabel("FILE").type(Path.class)
                .description("also write the timeline as Chrome / Perfetto trace-event JSON (ui.perfetto.dev, chrome://tracing)")
                .build());
        return s;
    }

    private static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).type(boolean.class).description(description).build();
    }

    /** The parsed command line into the fields, defaults included. */
    private void read(ParseResult r) {
        file = r.matchedPositionalValue(0, null);
        json = r.hasMatchedOption("--json");
        verbose = r.hasMatchedOption("--verbose");
        seed = r.matchedOptionValue("--seed", 1L);
        until = r.matchedOptionValue("--until", null);
        maxEvents = r.matchedOptionValue("--max-events", RunOptions.DEFAULT_MAX_EVENTS);
        maxTime = r.matchedOptionValue("--max-time", Budgets.DEFAULT_SECONDS);
        show = r.matchedOptionValue("--show", List.of());
        traceSyscalls = r.hasMatchedOption("--trace-syscalls");
        schedule = r.matchedOptionValue("--schedule", null);
        html = r.matchedOptionValue("--html", null);
        dot = r.matchedOptionValue("--dot", null);
        trace = r.matchedOptionValue("--trace", null);
    }

    @Override
    public Integer call() {
        read(spec.commandLine().getParseResult());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // every option is checked before anything is read, run or written
        Ranges.atLeast(spec, "--max-events", maxEvents, 1);
        Ranges.seconds(spec, "--max-time", maxTime);
        for (String v : show) {
            if (!TextReport.VIEWS.contains(v)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown view `" + v
                        + "` for --show (known: " + String.join(", ", TextReport.VIEWS) + ")");
            }
        }
        Optional<SourceFile> read = SourceFile.read(file, err);
        if (read.isEmpty()) {
            return Main.USAGE;
        }
        SourceFile source = read.get();
        RunOptions options = new RunOptions(seed, until == null ? Long.MAX_VALUE : until, maxEvents)
                .withTraceSyscalls(traceSyscalls).withEndViews(json || html != null || !show.isEmpty());
        if (schedule != null) {
            String steps = schedule;
            java.nio.file.Path p = java.nio.file.Path.of(schedule.strip());
            if (!schedule.contains(" at ") && java.nio.file.Files.isRegularFile(p)) {
                Optional<String> text = SourceFile.text(p, err);
                if (text.isEmpty()) {
                    return Main.USAGE;
                }
                steps = text.get();
            } else if (!schedule.contains(" at ")) {
                err.println("oss: --schedule " + schedule + ": no such file, and not steps like \"pid 2 at 5:7\"");
                return Main.USAGE;
            }
            List<String> errors = new java.util.ArrayList<>();
            var parsed = oss.runtime.explore.Schedule.parse(steps, errors);
            if (parsed.isEmpty()) {
                errors.forEach(e -> err.println("oss: --schedule: " + e));
                return Main.USAGE;
            }
            options = options.withSchedule(parsed.get());
        }
        Analysis a;
        try (oss.ir.Deadline budget = oss.ir.Deadline.start(maxTime, "--max-time")) {
            AnalyzeOptions ao = new AnalyzeOptions(options);
            a = Prefetch.take(source.name(), source.text(), budget.remainingSeconds())
                    .map(c -> Analyzer.analyze(c, source.text(), ao))
                    .orElseGet(() -> Analyzer.analyze(source.name(), source.text(), ao));
            if (a.compilation().isAssignment()) {
                err.println(Main.notRunnable(source.name()));
                return Main.FINDINGS;
            }
            // rendering is linear in what the analysis produced, and a result cut short by the budget
            // is still worth showing: it is not stopped (the budget stays open for its name only)
            oss.ir.Deadline.stage("rendering the report");
            if (!writePictures(source, a, err)) {
                return Main.USAGE;
            }
            if (json) {
                out.println(JsonReport.toJson(List.of(JsonReport.of(source.name(), a, true))));
            } else {
                Style style = Style.detect();
                new TextReport(style, show, traceSyscalls).print(out, a);
                DiagnosticPrinter printer = new DiagnosticPrinter(source, style);
                for (Diagnostic d : verbose ? a.ungrouped() : a.diagnostics()) {
                    printer.print(out, d);
                }
                out.println(Summary.line(a.diagnostics(), style));
            }
        } catch (oss.ir.Deadline.OutOfBudget e) {
            return Budgets.ranOut(out, source, e);
        }
        out.flush();
        return a.hasErrors() ? Main.FINDINGS : Main.OK;
    }

    /** --html, --dot and --trace: the pictures of this run, each written only when asked for. */
    private boolean writePictures(SourceFile source, Analysis a, PrintWriter err) {
        try {
            if (html != null) {
                java.nio.file.Files.writeString(html,
                        oss.analysis.report.html.HtmlReport.render(source.name(), source.text(), a));
            }
            if (dot != null) {
                var g = oss.analysis.report.html.WaitGraph.of(a);
                java.nio.file.Files.writeString(dot, g.map(oss.analysis.report.html.WaitGraph::toDot)
                        .orElse("digraph wait_for {\n  label=\"no deadlock: no wait-for cycle\";\n}\n"));
            }
            if (trace != null) {
                String json = a.run().map(r -> new oss.analysis.report.html.Timeline(r).traceJson())
                        .orElse("{\"traceEvents\": []}\n");
                java.nio.file.Files.writeString(trace, json);
            }
            return true;
        } catch (java.io.IOException e) {
            err.println("oss: cannot write " + e.getMessage());
            return false;
        }
    }
}
