package oss.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import oss.analysis.Counterexample;
import oss.analysis.Replays;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.Deadline;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Severity;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.explore.ExploreOptions;
import oss.runtime.explore.ExploreResult;
import oss.runtime.explore.Explorer;
import oss.runtime.observe.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explore", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Try every interleaving of a scenario's visible operations: deadlocks, "
        + "misuse and unsafe states, each with the shortest schedule that reaches it.")
final class ExploreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "the .oss scenario")
    Path file;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;

    @Option(names = "--max-states", paramLabel = "N", description = "state budget (default: ${DEFAULT-VALUE})")
    long maxStates = ExploreOptions.defaults().maxStates();

    @Option(names = "--max-time", paramLabel = "SECONDS", description = "time budget in seconds (default: ${DEFAULT-VALUE})")
    double maxTime = ExploreOptions.defaults().maxSeconds();

    @Option(names = "--no-por", description = "turn partial-order reduction (stubborn sets) off")
    boolean noPor;

    @Option(names = "--no-symmetry", description = "turn symmetry reduction off: store every state, not one per orbit")
    boolean noSymmetry;

    @Option(names = "--memory-stats", description = "also print the Java heap in use at the end (heapBytes in JSON);"
            + " it changes from run to run, so it is left out unless asked for")
    boolean memoryStats;

    @Option(names = "--schedule-out", paramLabel = "FILE",
            description = "write the first finding's schedule to FILE, for oss run --schedule")
    Path scheduleOut;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Ranges.atLeast(spec, "--max-states", maxStates, 1);
        Ranges.seconds(spec, "--max-time", maxTime);
        Optional<SourceFile> read = SourceFile.read(file, err);
        if (read.isEmpty()) {
            return Main.USAGE;
        }
        SourceFile source = read.get();
        Compilation c;
        ExploreResult r;
        List<Counterexample> counterexamples;
        Style style = json ? Style.plain() : Style.detect();
        try (oss.ir.Deadline budget = oss.ir.Deadline.start(maxTime, "--max-time")) {
            c = Compiler.compile(source.name(), source.text());
            if (c.isAssignment()) {
                err.println(Main.notRunnable(source.name()));
                return Main.FINDINGS;
            }
            boolean compileErrors = c.diagnostics().stream().anyMatch(d -> d.severity() == Severity.ERROR);
            if (compileErrors || c.program().isEmpty()) {
                DiagnosticPrinter printer = new DiagnosticPrinter(source, style);
                for (Diagnostic d : c.diagnostics()) {
                    printer.print(json ? err : out, d);
                }
                (json ? err : out).flush();
                return Main.FINDINGS;
            }
            ExploreOptions options = ExploreOptions.defaults().withMaxStates(maxStates).withMaxSeconds(maxTime).withPor(!noPor)
                    .withSymmetry(!noSymmetry);
            oss.ir.Deadline.stage("exploring interleavings");
            r = Explorer.explore(c.program().get(), options);
            // within the same budget: each finding's schedule replayed in the kernel for its values
            Deadline.stage("replaying the schedules");
            Replays replays = new Replays(c.program().get(), RunOptions.defaults(), source.text());
            counterexamples = r.findings().stream().map(replays::of).toList();
        } catch (oss.ir.Deadline.OutOfBudget e) {
            return Budgets.ranOut(out, source, e);
        }
        List<String> lines = source.lines();
        java.util.function.BiFunction<Integer, Integer, String> statement = (line, col) ->
                line >= 1 && line <= lines.size() ? lines.get(line - 1).strip() : "";
        if (scheduleOut != null && !r.findings().isEmpty()) {
            try {
                java.nio.file.Files.writeString(scheduleOut, r.findings().get(0).schedule().format());
            } catch (java.io.IOException e) {
                err.println("oss: cannot write the schedule to " + scheduleOut + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
                return Main.USAGE;
            }
        }
        if (json) {
            JsonObject o = toJson(source, r, memoryStats);
            JsonArray cxs = new JsonArray();
            counterexamples.forEach(cx -> cxs.add(oss.analysis.report.JsonReport.counterexample(cx)));
            o.add("counterexamples", cxs);
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o));
        } else {
            DiagnosticPrinter printer = new DiagnosticPrinter(source, style);
            for (int i = 0; i < r.findings().size(); i++) {
                // the schedule replayed in the kernel, each step with the values it read and wrote
                printer.print(out, r.findings().get(i).diagnostic(statement).withDetail(counterexamples.get(i).detail()));
            }
            out.println(r.summary());
            out.printf("%d states, %d transitions, depth %d, %.3f s (%.0f states/s), %.1f bytes per state%s%s%n",
                    r.states(), r.transitions(), r.maxDepth(), r.seconds(), r.states() / Math.max(r.seconds(), 1e-9),
                    r.bytesPerState(), r.por() ? ", partial-order reduction (stubborn sets) on" : ", no reduction",
                    r.symmetry() != null ? "; symmetry: " + r.symmetry() : "");
            if (memoryStats) {
                out.printf("%d bytes of Java heap in use%n", heapInUse());
            }
        }
        out.flush();
        boolean bad = r.findings().stream().anyMatch(f -> f.code().severity() == Severity.ERROR);
        return bad ? Main.FINDINGS : Main.OK;
    }

    private static JsonObject toJson(SourceFile source, ExploreResult r, boolean memoryStats) {
        JsonObject o = new JsonObject();
        o.addProperty("file", source.name());
        oss.analysis.report.JsonTrees.explore(r).entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        if (memoryStats) {
            o.addProperty("heapBytes", heapInUse());
        }
        return o;
    }

    /** What the JVM holds now, garbage not yet collected included: it varies with the collector's timing. */
    private static long heapInUse() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
