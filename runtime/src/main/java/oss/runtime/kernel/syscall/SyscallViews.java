package oss.runtime.kernel.syscall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import oss.runtime.kernel.Task;
import oss.runtime.kernel.mm.MemoryManager;
import oss.runtime.kernel.sched.LoadAvg;
import oss.runtime.observe.StraceTable;
import oss.runtime.observe.TaskState;

/**
 * The views of system calls and time a snapshot records: {@code strace} (each task's
 * {@code strace -c} table, then all of them summed as {@code strace -c -f} prints them), {@code
 * top} (load average, task states, CPU split, and per task %CPU, RES, state and TIME+), and at
 * the end of a run traced with {@code --trace-syscalls} the trace. top's %CPU is over the time
 * since the previous snapshot, as top's refresh is; at the end of the run it is over the whole run.
 */
public final class SyscallViews {
    private final LoadAvg load;
    private final int cpus;
    private final SyscallTrace trace;
    private long lastAt;
    /** CPU time (user, system) of each pid at the previous snapshot: looked up, never iterated. */
    private final Map<Integer, long[]> lastCpu = new HashMap<>();
    private boolean end;

    public SyscallViews(int hz, int cpus, boolean trace) {
        this.load = new LoadAvg(hz);
        this.cpus = Math.max(1, cpus);
        this.trace = trace ? new SyscallTrace() : null;
    }

    /** The trace of a run with {@code --trace-syscalls}, else null. */
    public SyscallTrace trace() {
        return trace;
    }

    /** Before the instant {@code now} is handled: the load average samples the tasks if a sample is due. */
    public void beforeInstant(long now, List<Task> tasks) {
        if (!load.due(now)) {
            return;
        }
        int active = 0;
        for (int pid = 2; pid < tasks.size(); pid++) {
            TaskState s = tasks.get(pid).state;
            // calc_load_fold_active: nr_running + nr_uninterruptible
            active += s == TaskState.RUNNING || s == TaskState.RUNNABLE || s == TaskState.DISK_SLEEP ? 1 : 0;
        }
        load.sample(now, active);
    }

    /**
     * {@code uncharged}: the CPU time a running task has used since it was last charged (the
     * scheduler charges lazily, at a burst's end or a tick), which top must count as its own.
     */
    public void addTo(Map<String, String> views, List<Task> tasks, long now, MemoryManager mm, boolean atEnd,
            java.util.function.ToLongFunction<Task> uncharged) {
        end = atEnd;
        beforeInstant(now, tasks);
        views.put("strace", strace(tasks));
        views.put("top", top(tasks, now, mm, uncharged));
        if (end && trace != null) {
            views.put("trace", trace.render());
        }
    }

    private static String strace(List<Task> tasks) {
        StringBuilder sb = new StringBuilder();
        Map<String, long[]> all = new java.util.TreeMap<>();
        int traced = 0;
        for (int pid = 2; pid < tasks.size(); pid++) {
            Task t = tasks.get(pid);
            var stats = t.syscalls.stats();
            if (stats.isEmpty()) {
                continue;
            }
            traced++;
            sb.append("pid ").append(t.pid).append(' ').append(t.comm).append('\n');
            sb.append(StraceTable.render(stats)).append('\n');
            stats.forEach(s -> {
                long[] a = all.computeIfAbsent(s.name(), n -> new long[3]);
                a[0] += s.calls();
                a[1] += s.errors();
                a[2] += s.ns();
            });
        }
        if (traced > 1) {
            List<oss.runtime.observe.SyscallStat> sum = new ArrayList<>();
            all.forEach((n, a) -> sum.add(new oss.runtime.observe.SyscallStat(n, a[0], a[1], a[2])));
            sb.append("all tasks (strace -c -f sums them)\n").append(StraceTable.render(sum));
        }
        return sb.length() == 0 ? "no system calls yet\n" : sb.toString();
    }

    private String top(List<Task> tasks, long now, MemoryManager mm, java.util.function.ToLongFunction<Task> uncharged) {
        long from = end ? 0 : lastAt;
        long span = Math.max(0, now - from);
        int total = 0;
        int running = 0;
        int sleeping = 0;
        int stopped = 0;
        int zombie = 0;
        long user = 0;
        long sys = 0;
        List<String[]> rows = new ArrayList<>();
        List<double[]> keys = new ArrayList<>();
        for (int pid = 1; pid < tasks.size(); pid++) {
            Task t = tasks.get(pid);
            boolean gone = t.state == TaskState.DEAD;
            if (t.state == TaskState.NEW || gone && t.finishNs >= 0 && t.finishNs < from) {
                continue; // not yet arrived, or gone before this interval
            }
            if (!gone) {
                total++;
                switch (t.state) {
                    case RUNNING, RUNNABLE -> running++;
                    case STOPPED -> stopped++;
                    case ZOMBIE -> zombie++;
                    default -> sleeping++;
                }
            }
            long[] now2 = cpu(t, uncharged);
            long stime = now2[1];
            long[] before = end ? null : lastCpu.get(t.pid);
            long du = now2[0] - (before == null ? 0 : before[0]);
            long ds = stime - (before == null ? 0 : before[1]);
            user += du;
            sys += ds;
            double pct = span == 0 ? 0 : 100.0 * (du + ds) / span;
            long res = 0;
            if (mm != null && !gone && t.state != TaskState.ZOMBIE && mm.addressSpace(t.pid) != null) {
                res = mm.addressSpace(t.pid).resident.size() * (MemoryManager.PAGE_SIZE / 1024);
            }
            rows.add(new String[] {Integer.toString(t.pid), t.state.letter(), String.format(Locale.US, "%.1f", pct),
                Long.toString(res), timePlus(now2[0] + now2[1]), t.comm});
            keys.add(new double[] {pct, t.pid});
        }
        if (!end) {
            lastAt = now;
            for (int pid = 1; pid < tasks.size(); pid++) {
                Task t = tasks.get(pid);
                lastCpu.put(pid, cpu(t, uncharged));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("top - ").append(seconds(now)).append(" s, load average: ").append(load.text()).append('\n');
        sb.append(String.format(Locale.US, "Tasks: %3d total, %3d running, %3d sleeping, %3d stopped, %3d zombie%n",
                total, running, sleeping, stopped, zombie));
        double cpuSpan = (double) span * cpus;
        double us = cpuSpan == 0 ? 0 : 100.0 * user / cpuSpan;
        double sy = cpuSpan == 0 ? 0 : 100.0 * sys / cpuSpan;
        sb.append(String.format(Locale.US, "%%Cpu(s): %5.1f us, %5.1f sy, %5.1f id   (%s .. %s s, %d CPU%s)%n", us, sy,
                cpuSpan == 0 ? 0 : Math.max(0, 100 - us - sy), seconds(from), seconds(now), cpus, cpus == 1 ? "" : "s"));
        sb.append(String.format(Locale.US, "%7s %s %5s %7s %9s %s%n", "PID", "S", "%CPU", "RES", "TIME+", "COMMAND"));
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // top sorts by %CPU, most first; equal ones by pid here
        java.util.Arrays.sort(order, (a, b) -> keys.get(a)[0] != keys.get(b)[0]
                ? Double.compare(keys.get(b)[0], keys.get(a)[0]) : Double.compare(keys.get(a)[1], keys.get(b)[1]));
        for (int i : order) {
            String[] r = rows.get(i);
            sb.append(String.format(Locale.US, "%7s %s %5s %7s %9s %s%n", r[0], r[1], r[2], r[3], r[4], r[5]));
        }
        return sb.toString();
    }

    /** {user, system} CPU time of {@code t} up to now: what was charged, and a running task's uncharged time. */
    private static long[] cpu(Task t, java.util.function.ToLongFunction<Task> uncharged) {
        long extra = t.state == TaskState.RUNNING ? uncharged.applyAsLong(t) : 0;
        // a burn in progress pays its entry cost first (SyscallCounts.charged); the rest is user time
        long sys = t.burning ? Math.min(extra, t.syscalls.owed()) : 0;
        return new long[] {t.cpuNs - t.syscalls.stimeNs() + extra - sys, t.syscalls.stimeNs() + sys};
    }

    /** top's TIME+: minutes:seconds.hundredths of CPU time. */
    static String timePlus(long ns) {
        long cs = ns / 10_000_000L;
        return String.format(Locale.US, "%d:%02d.%02d", cs / 6000, cs / 100 % 60, cs % 100);
    }

    private static String seconds(long ns) {
        return java.math.BigDecimal.valueOf(ns, 9).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
