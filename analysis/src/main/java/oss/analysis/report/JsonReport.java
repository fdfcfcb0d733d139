package oss.analysis.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import oss.analysis.Analysis;
import oss.analysis.Counterexample;
import oss.analysis.ExpectationResult;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.runtime.kernel.deadlock.BankerReport;
import oss.runtime.observe.GanttSlice;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;
import oss.ir.program.Span;

/** The same analysis for programs: stable field names, times in ns. */
public final class JsonReport {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private JsonReport() {}

    public static String toJson(List<JsonObject> files) {
        if (files.size() == 1) {
            return GSON.toJson(files.get(0));
        }
        JsonArray all = new JsonArray();
        files.forEach(all::add);
        return GSON.toJson(all);
    }

    public static JsonObject of(String file, Analysis a, boolean withRun) {
        JsonObject o = new JsonObject();
        o.addProperty("file", file);
        o.addProperty("errors", a.diagnostics().stream().filter(Diagnostic::isError).count());
        JsonArray diags = new JsonArray();
        a.diagnostics().forEach(d -> diags.add(diagnostic(d)));
        o.add("diagnostics", diags);
        JsonArray exps = new JsonArray();
        for (ExpectationResult e : a.expectations()) {
            JsonObject x = new JsonObject();
            x.addProperty("text", e.expectation().text());
            x.addProperty("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
            x.addProperty("actual", e.actual());
            x.addProperty("message", e.message());
            x.add("span", span(e.expectation().span()));
            if (e.schedule() != null) {
                x.add("schedule", counterexample(e.schedule()));
            }
            exps.add(x);
        }
        o.add("expectations", exps);
        if (!a.counterexamples().isEmpty()) {
            JsonArray cxs = new JsonArray();
            a.counterexamples().forEach(c -> cxs.add(counterexample(c)));
            o.add("counterexamples", cxs);
        }
        if (withRun) {
            a.run().ifPresent(r -> o.add("run", run(r)));
            a.banker().ifPresent(b -> o.add("banker", banker(b)));
        }
        return o;
    }

    public static JsonObject diagnostic(Diagnostic d) {
        JsonObject o = new JsonObject();
        o.addProperty("code", d.code().id());
        o.addProperty("severity", d.severity().label());
        o.addProperty("message", d.message());
        o.add("span", span(d.span()));
        JsonArray rel = new JsonArray();
        for (Related r : d.related()) {
            JsonObject x = new JsonObject();
            x.addProperty("message", r.message());
            x.add("span", span(r.span()));
            rel.add(x);
        }
        o.add("related", rel);
        if (!d.detail().isEmpty()) {
            o.addProperty("detail", d.detail());
        }
        return o;
    }

    /**
     * A schedule replayed in the kernel (docs/report.md, "--json"): the finding it leads to, the
     * text {@code oss run --schedule} takes, and per step the task, the statement and the values
     * it read and wrote. {@code replayed} false: the kernel did not replay it, so every step's
     * {@code reads} and {@code writes} are empty for want of a replay, not because nothing happened.
     */
    public static JsonObject counterexample(Counterexample c) {
        JsonObject o = new JsonObject();
        if (c.code() != null) {
            o.addProperty("code", c.code().id());
        }
        o.addProperty("title", c.title());
        o.add("span", span(c.at()));
        o.addProperty("schedule", c.replayText());
        o.addProperty("replayed", c.replayed());
        JsonArray steps = new JsonArray();
        for (Counterexample.Step st : c.steps()) {
            JsonObject x = new JsonObject();
            x.addProperty("pid", st.step().pid());
            x.addProperty("who", st.who());
            x.addProperty("line", st.step().line());
            x.addProperty("column", st.step().column());
            if (st.step().flush()) {
                x.addProperty("flush", true);
            }
            if (st.step().branch() >= 0) {
                x.addProperty("branch", st.step().branch());
            }
            x.addProperty("source", st.source());
            x.add("reads", values(st.reads()));
            x.add("writes", values(st.writes()));
            steps.add(x);
        }
        o.add("steps", steps);
        return o;
    }

    private static JsonArray values(List<Counterexample.Value> vs) {
        JsonArray out = new JsonArray();
        for (Counterexample.Value v : vs) {
            JsonObject x = new JsonObject();
            x.addProperty("variable", v.variable());
            x.addProperty("value", v.value());
            out.add(x);
        }
        return out;
    }

    private static JsonObject span(Span s) {
        JsonObject o = new JsonObject();
        o.addProperty("line", s.line());
        o.addProperty("column", s.column());
        o.addProperty("endLine", s.endLine());
        o.addProperty("endColumn", s.endColumn());
        return o;
    }

    private static JsonObject run(RunResult r) {
        return oss.analysis.report.JsonTrees.run(r);
    }

    /** Gson serialises the runtime's records field by field (component names become keys). */
    private static final com.google.gson.Gson RECORDS = new com.google.gson.Gson();

    private static JsonObject banker(BankerReport b) {
        JsonObject o = new JsonObject();
        o.add("resources", GSON.toJsonTree(b.resources()));
        o.add("processes", GSON.toJsonTree(b.processes()));
        o.add("total", GSON.toJsonTree(b.total()));
        o.add("available", GSON.toJsonTree(b.available()));
        o.add("max", GSON.toJsonTree(b.max()));
        o.add("allocation", GSON.toJsonTree(b.allocation()));
        o.add("need", GSON.toJsonTree(b.need()));
        o.addProperty("safe", b.safe());
        o.add("safeSequence", GSON.toJsonTree(b.safeSequence()));
        b.request().ifPresent(r -> {
            JsonObject x = new JsonObject();
            x.addProperty("process", r.process());
            x.add("amounts", GSON.toJsonTree(r.amounts()));
            x.addProperty("verdict", r.verdict().name().toLowerCase(java.util.Locale.ROOT));
            r.after().ifPresent(after -> x.add("after", banker(after)));
            o.add("request", x);
        });
        return o;
    }
}
