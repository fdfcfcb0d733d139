package oss.analysis.report.html;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oss.runtime.observe.TaskState;
import oss.runtime.observe.GanttSlice;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;

/**
 * The run's Gantt slices with who they are and why each one ended: the
 * kernel records the reason with each slice (blocked on what, preempted for
 * what, exited). For slices without one (a run recorded elsewhere), the
 * reason is read off the task's report instead.
 */
public final class Timeline {
    /** One bar: {@code reason} is a short word, {@code why} the sentence. */
    public record Bar(GanttSlice slice, String name, String reason, String why) {}

    private final RunResult run;
    private final List<Bar> bars = new ArrayList<>();
    private final Map<Integer, TaskReport> byPid = new HashMap<>();

    public Timeline(RunResult run) {
        this.run = run;
        for (TaskReport t : run.tasks()) {
            byPid.put(t.pid(), t);
        }
        List<GanttSlice> all = run.gantt();
        for (GanttSlice s : all) {
            bars.add(explain(s, all));
        }
    }

    public RunResult run() {
        return run;
    }

    public List<Bar> bars() {
        return bars;
    }

    /** "P1 (pid 2)", or "context switch" for pid 0. */
    public String name(int pid) {
        if (pid == 0) {
            return "context switch";
        }
        TaskReport t = byPid.get(pid);
        return (t == null ? "?" : t.process() + (t.forked() ? "*" : "")) + " (pid " + pid + ")";
    }

    public String shortName(int pid) {
        TaskReport t = byPid.get(pid);
        return pid == 0 ? "cs" : t == null ? "pid " + pid : t.process() + (t.forked() ? "*" : "");
    }

    private Bar explain(GanttSlice s, List<GanttSlice> all) {
        if (s.pid() == 0) {
            return new Bar(s, name(0), "switch", "the kernel switching tasks on CPU" + s.cpu());
        }
        if (!s.reason().isEmpty()) {
            return new Bar(s, name(s.pid()), shortReason(s.reason()), s.reason());
        }
        return inferred(s, all);
    }

    /** The word under the bar: "blocked", "preempted", "exit", "killed", "end". */
    static String shortReason(String reason) {
        if (reason.startsWith("exited")) {
            return "exit";
        }
        if (reason.startsWith("the run")) {
            return "end";
        }
        if (reason.startsWith("ended with")) {
            return "killed";
        }
        int colon = reason.indexOf(':');
        String head = colon > 0 ? reason.substring(0, colon) : reason;
        int space = head.indexOf(' ');
        return space > 0 ? head.substring(0, space) : head;
    }

    private Bar inferred(GanttSlice s, List<GanttSlice> all) {
        TaskReport t = byPid.get(s.pid());
        boolean runsLater = all.stream().anyMatch(o -> o.pid() == s.pid() && o.startNs() >= s.endNs() && o != s);
        if (t != null && t.finishNs() >= 0 && t.finishNs() == s.endNs()) {
            return new Bar(s, name(s.pid()), "exit", "exited" + (t.exitStatus() >= 0 ? " with status " + t.exitStatus() : ""));
        }
        if (!runsLater) {
            if (t != null && t.blockedOn() != null && t.state() != TaskState.RUNNING) {
                return new Bar(s, name(s.pid()), "blocked", "blocked for good: waits for " + t.blockedOn()
                        + (t.blockedAt() != null && t.blockedAt().isKnown() ? " at " + t.blockedAt() : ""));
            }
            if (s.endNs() >= run.endNs()) {
                return new Bar(s, name(s.pid()), "end", "the run ended");
            }
            if (t != null && t.memory() != null && t.memory().signal() != null) {
                return new Bar(s, name(s.pid()), "killed", "killed by " + t.memory().signal());
            }
            return new Bar(s, name(s.pid()), "out", "left the CPU and did not run again");
        }
        if (t != null && t.involuntarySwitches() > 0 && t.voluntarySwitches() == 0) {
            return new Bar(s, name(s.pid()), "preempted", "preempted (quantum used up or a more urgent task woke): back to the run queue");
        }
        if (t != null && t.voluntarySwitches() > 0 && t.involuntarySwitches() == 0) {
            return new Bar(s, name(s.pid()), "blocked", "gave up the CPU (blocked, slept or waited) and ran again later");
        }
        return new Bar(s, name(s.pid()), "switched", "switched out (" + (t == null ? 0 : t.voluntarySwitches())
                + " voluntary, " + (t == null ? 0 : t.involuntarySwitches()) + " involuntary switches in all) and ran again later");
    }

    /** The unit the axis uses: us below 1 ms of simulated time, else ms. */
    public String unit() {
        return end() < 1_000_000L ? "us" : "ms";
    }

    public double perUnit() {
        return end() < 1_000_000L ? 1e3 : 1e6;
    }

    public long end() {
        long e = run.gantt().stream().mapToLong(GanttSlice::endNs).max().orElse(0);
        return Math.max(1, Math.max(e, run.endNs()));
    }

    public String format(long ns) {
        double v = ns / perUnit();
        String s = String.format(java.util.Locale.US, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s) + " " + unit();
    }

    /**
     * The Chrome / Perfetto trace-event JSON: one complete ("X") event per
     * slice, ts and dur in microseconds, pid 1 for the machine and tid the
     * CPU, plus metadata ("M") events naming the process and each CPU.
     */
    public String traceJson() {
        JsonArray events = new JsonArray();
        JsonObject proc = new JsonObject();
        proc.addProperty("name", "process_name");
        proc.addProperty("ph", "M");
        proc.addProperty("pid", 1);
        JsonObject pargs = new JsonObject();
        pargs.addProperty("name", "oss machine");
        proc.add("args", pargs);
        events.add(proc);
        for (int c = 0; c < run.cpus(); c++) {
            JsonObject m = new JsonObject();
            m.addProperty("name", "thread_name");
            m.addProperty("ph", "M");
            m.addProperty("pid", 1);
            m.addProperty("tid", c);
            JsonObject a = new JsonObject();
            a.addProperty("name", "CPU" + c);
            m.add("args", a);
            events.add(m);
        }
        for (Bar b : bars) {
            GanttSlice s = b.slice();
            JsonObject e = new JsonObject();
            e.addProperty("name", b.name());
            e.addProperty("cat", s.pid() == 0 ? "switch" : "task");
            e.addProperty("ph", "X");
            e.addProperty("ts", s.startNs() / 1000.0);
            e.addProperty("dur", (s.endNs() - s.startNs()) / 1000.0);
            e.addProperty("pid", 1);
            e.addProperty("tid", s.cpu());
            JsonObject args = new JsonObject();
            args.addProperty("task_pid", s.pid());
            args.addProperty("ended", b.why());
            e.add("args", args);
            events.add(e);
        }
        JsonObject root = new JsonObject();
        root.add("traceEvents", events);
        root.addProperty("displayTimeUnit", "ns");
        return new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create().toJson(root) + "\n";
    }
}
