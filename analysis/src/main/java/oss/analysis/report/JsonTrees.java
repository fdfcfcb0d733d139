package oss.analysis.report;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.explore.ExploreResult;
import oss.runtime.observe.GanttSlice;
import oss.runtime.observe.DataOutcome;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.ValueEvent;
import oss.runtime.observe.TaskReport;

/**
 * The JSON trees of a run and of an exploration, shared by {@code oss run
 * --json}, {@code oss explore --json} and the language server's commands so
 * the three never drift apart.
 */
public final class JsonTrees {
    /** Gson serialises the runtime's records field by field (component names become keys). */
    private static final Gson RECORDS = new Gson();

    private JsonTrees() {}

    public static JsonObject run(RunResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("endNs", r.endNs());
        o.addProperty("events", r.events());
        o.addProperty("cpus", r.cpus());
        o.addProperty("deadlocked", r.deadlocked());
        o.addProperty("budgetExhausted", r.budgetExhausted());
        JsonArray tasks = new JsonArray();
        for (TaskReport t : r.tasks()) {
            JsonObject x = new JsonObject();
            x.addProperty("pid", t.pid());
            x.addProperty("ppid", t.ppid());
            x.addProperty("process", t.process());
            x.addProperty("forked", t.forked());
            x.addProperty("state", t.state().name().toLowerCase(java.util.Locale.ROOT));
            x.addProperty("arrivalNs", t.arrivalNs());
            x.addProperty("firstRunNs", t.firstRunNs());
            x.addProperty("finishNs", t.finishNs());
            x.addProperty("turnaroundNs", t.turnaroundNs());
            x.addProperty("waitingNs", t.waitingNs());
            x.addProperty("responseNs", t.responseNs());
            x.addProperty("cpuNs", t.cpuNs());
            // cpuNs split as ps's utime and stime (issue 15, syscalls)
            x.addProperty("utimeNs", t.utimeNs());
            x.addProperty("stimeNs", t.stimeNs());
            x.addProperty("voluntarySwitches", t.voluntarySwitches());
            x.addProperty("involuntarySwitches", t.involuntarySwitches());
            x.addProperty("exitStatus", t.exitStatus());
            if (t.blockedOn() != null) {
                x.addProperty("blockedOn", t.blockedOn());
            }
            x.add("memory", RECORDS.toJsonTree(t.memory()));
            // by strace's names, sorted: what `expect P.syscalls.NAME` reads (issue 15, syscalls)
            JsonObject calls = new JsonObject();
            t.syscalls().forEach(calls::addProperty);
            x.add("syscalls", calls);
            // page-cache hits and misses, read_bytes and write_bytes (issue 15, the page cache)
            x.add("io", RECORDS.toJsonTree(t.io()));
            // strace -c's rows: calls, errors and the system time entering them cost
            JsonArray strace = new JsonArray();
            t.syscallStats().forEach(s -> strace.add(RECORDS.toJsonTree(s)));
            x.add("strace", strace);
            tasks.add(x);
        }
        o.add("tasks", tasks);
        JsonArray gantt = new JsonArray();
        for (GanttSlice s : r.gantt()) {
            JsonObject x = new JsonObject();
            x.addProperty("cpu", s.cpu());
            x.addProperty("pid", s.pid());
            x.addProperty("startNs", s.startNs());
            x.addProperty("endNs", s.endNs());
            gantt.add(x);
        }
        o.add("gantt", gantt);
        JsonArray order = new JsonArray();
        r.finishOrder().forEach(order::add);
        o.add("finishOrder", order);
        o.add("machine", RECORDS.toJsonTree(r.machine()));
        o.add("snapshots", RECORDS.toJsonTree(r.snapshots()));
        // what the run saw at each statement, for editors' hovers: summaries, page walks, lock waits
        o.add("facts", RECORDS.toJsonTree(r.facts()));
        if (r.data() != null && (r.data().shared().length > 0 || !r.data().values().isEmpty())) {
            o.add("data", data(r.data()));
        }
        return o;
    }

    /**
     * The shared cells when the run ended (laid out as the variables are declared) and the values
     * the run read and wrote, in order (docs/report.md, "--json").
     */
    private static JsonObject data(DataOutcome d) {
        JsonObject o = new JsonObject();
        JsonArray shared = new JsonArray();
        for (int v : d.shared()) {
            shared.add(v);
        }
        o.add("shared", shared);
        JsonArray values = new JsonArray();
        for (ValueEvent e : d.values()) {
            JsonObject x = new JsonObject();
            x.addProperty("line", e.span().line());
            x.addProperty("column", e.span().column());
            x.addProperty("pid", e.pid());
            x.addProperty("timeNs", e.timeNs());
            x.addProperty("access", e.access().name().toLowerCase(java.util.Locale.ROOT));
            x.addProperty("variable", e.variable());
            x.addProperty("value", e.value());
            values.add(x);
        }
        o.add("values", values);
        o.addProperty("valuesTruncated", d.valuesTruncated());
        return o;
    }

    public static JsonObject explore(ExploreResult r) {
        JsonObject o = new JsonObject();
        o.addProperty("verdict", r.verdict());
        o.addProperty("summary", r.summary());
        o.addProperty("complete", r.complete());
        if (r.stoppedBy() != null) {
            o.addProperty("stoppedBy", r.stoppedBy());
        }
        o.addProperty("por", r.por());
        o.addProperty("symmetry", r.symmetry()); // null (JSON null) when no symmetry was used
        o.addProperty("states", r.states());
        o.addProperty("transitions", r.transitions());
        o.addProperty("maxDepth", r.maxDepth());
        o.addProperty("seconds", r.seconds());
        o.addProperty("statesPerSecond", Math.round(r.states() / Math.max(r.seconds(), 1e-9)));
        o.addProperty("storeBytes", r.storeBytes());
        o.addProperty("bytesPerState", Math.round(r.bytesPerState() * 10) / 10.0);
        JsonArray findings = new JsonArray();
        for (ExploreFinding f : r.findings()) {
            JsonObject j = new JsonObject();
            j.addProperty("code", f.code().id());
            j.addProperty("line", f.at().line());
            j.addProperty("column", f.at().column());
            j.addProperty("message", f.message());
            JsonArray steps = new JsonArray();
            for (int i = 0; i < f.schedule().steps().size(); i++) {
                var s = f.schedule().steps().get(i);
                JsonObject step = new JsonObject();
                step.addProperty("pid", s.pid());
                step.addProperty("task", f.who().get(i));
                step.addProperty("line", s.line());
                step.addProperty("column", s.column());
                if (s.branch() >= 0) {
                    step.addProperty("branch", s.branch());
                }
                steps.add(step);
            }
            j.add("schedule", steps);
            JsonArray related = new JsonArray();
            for (var rel : f.related()) {
                JsonObject x = new JsonObject();
                x.addProperty("line", rel.span().line());
                x.addProperty("column", rel.span().column());
                x.addProperty("message", rel.message());
                related.add(x);
            }
            j.add("related", related);
            findings.add(j);
        }
        o.add("findings", findings);
        return o;
    }
}
