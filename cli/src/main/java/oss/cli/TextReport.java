package oss.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oss.analysis.Analysis;
import oss.analysis.ExpectationResult;
import oss.runtime.kernel.deadlock.Banker;
import oss.runtime.observe.Durations;
import oss.runtime.observe.GanttSlice;
import oss.runtime.observe.CacheStats;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.SnapshotView;
import oss.runtime.observe.TaskMemory;
import oss.runtime.observe.TaskReport;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.runtime.observe.ValueEvent;

/** What `oss run` prints for a person: a ps-like table, a Gantt chart, the banker, expectations. */
final class TextReport {
    private static final int GANTT_WIDTH = 72;
    /** Snapshots the text report prints; the JSON has them all. */
    static final int MAX_SNAPSHOTS_PRINTED = 20;
    private static final int MAX_SLICES_LISTED = 60;

    /** The views `--show` may name; `maps`, `pagetable` and `heap` are per process. */
    static final List<String> VIEWS = List.of("ps", "maps", "meminfo", "free", "buddyinfo", "slabinfo", "pagetable",
            "heap", "tlb", "cache", "values", "signals", "ipcs", "fd", "strace", "top", "pagecache", "df", "du");
    /** Views every snapshot records but the report prints only when `--show` names them. */
    private static final List<String> ASKED_ONLY = List.of("strace", "top", "trace");
    /** Values of the run's value log `--show values` prints; the JSON has them all. */
    static final int MAX_VALUES_PRINTED = 200;

    private final Style style;
    private final List<String> show;
    private final boolean traceSyscalls;

    TextReport(Style style) {
        this(style, List.of());
    }

    TextReport(Style style, List<String> show) {
        this(style, show, false);
    }

    TextReport(Style style, List<String> show, boolean traceSyscalls) {
        this.style = style;
        this.show = List.copyOf(show);
        this.traceSyscalls = traceSyscalls;
    }

    void print(PrintWriter out, Analysis a) {
        a.compilation().program().ifPresent(p -> header(out, p));
        a.run().ifPresent(r -> {
            processTable(out, r);
            gantt(out, r);
            memory(out, r);
            signals(out, r);
            a.compilation().program().ifPresent(p -> data(out, p, r));
            snapshots(out, r);
        });
        a.banker().ifPresent(b -> {
            out.println(style.bold("Banker's algorithm"));
            Banker.format(b).lines().forEach(l -> out.println("  " + l));
            out.println();
        });
        if (!a.expectations().isEmpty()) {
            out.println(style.bold("Expectations"));
            for (ExpectationResult e : a.expectations()) {
                // an undecided line is a warning that says how to explore further, not a failure
                String mark = switch (e.status()) {
                    case PASSED -> style.green("PASS");
                    case FAILED -> style.red("FAIL");
                    case UNDECIDED -> style.yellow("UNDECIDED");
                };
                out.println("  " + mark + "  " + e.expectation().text() + style.dim("   (" + e.message() + ")"));
                if (e.schedule() != null) {
                    // the interleaving that decided it (a counterexample, or a witness of `possible`), with its values
                    e.schedule().detail().lines().forEach(l -> out.println(style.dim("        " + l)));
                }
            }
            out.println();
        }
        if (traceSyscalls) {
            a.run().ifPresent(r -> trace(out, r));
        }
    }

    /** --trace-syscalls: the end of the run's trace view, its own section after the report. */
    private void trace(PrintWriter out, RunResult r) {
        out.println(style.bold("System calls") + style.dim("  (strace -f -tt: [pid N] seconds of simulated time at"
                + " entry, the call, = what it returned)"));
        String text = r.snapshots().stream().filter(s -> s.span() == null || !s.span().isKnown())
                .map(s -> s.views().get("trace")).filter(java.util.Objects::nonNull).findFirst().orElse("");
        if (text.isEmpty()) {
            out.println(style.dim("  no system calls"));
        }
        text.lines().forEach(l -> out.println("  " + l));
        out.println();
    }

    private void header(PrintWriter out, Program p) {
        var spec = p.kernel().scheduler();
        String sched = spec.kind().name().toLowerCase(java.util.Locale.ROOT);
        out.println(style.bold("scenario \"" + p.title() + "\"") + style.dim("  — " + p.processes().size() + " process"
                + (p.processes().size() == 1 ? "" : "es") + " on " + p.machine().cpus() + " CPU"
                + (p.machine().cpus() == 1 ? "" : "s") + ", scheduler " + sched + ", deadlock "
                + p.kernel().deadlock().name().toLowerCase(java.util.Locale.ROOT)));
        out.println();
    }

    /** One unit per table, so its columns line up and compare. */
    private record TimeUnit(String name, double ns) {
        /**
         * The unit every time in a table is written in: the one
         * {@link Durations#format} would give its smallest non-zero time, so
         * that value reads the same here as in the editor and the report
         * (12.182 us, never 0.012 ms).
         */
        static TimeUnit of(java.util.stream.LongStream times) {
            long min = times.filter(t -> t > 0).min().orElse(Long.MAX_VALUE);
            return min >= 1_000_000L ? new TimeUnit("ms", 1e6) : min >= 1_000L ? new TimeUnit("us", 1e3)
                    : new TimeUnit("ns", 1);
        }

        static TimeUnit of(RunResult r) {
            return of(r.tasks().stream().flatMapToLong(t -> java.util.stream.LongStream.of(t.arrivalNs(),
                    t.firstRunNs(), t.finishNs(), t.turnaroundNs(), t.waitingNs(), t.responseNs(), t.cpuNs())));
        }

        String format(long t) {
            if (t < 0) {
                return "-";
            }
            // US, which prints numbers as ROOT does: Formatter loads no locale data for it (Main.main)
            String v = String.format(java.util.Locale.US, "%.3f", t / ns).replaceAll("0+$", "");
            return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
        }
    }

    private void processTable(PrintWriter out, RunResult r) {
        TimeUnit u = TimeUnit.of(r);
        out.println(style.bold("Processes") + style.dim("  (times in " + u.name()
                + "; WAIT = time runnable in the run queue)"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PID", "PPID", "S", "NAME", "ARRIVE", "START", "FINISH", "TURNAROUND", "WAIT", "RESPONSE",
            "CPU", "VCSW", "ICSW", "EXIT", "BLOCKED ON"});
        // CPU split as ps -o utime,stime once some of it was spent in the kernel (syscall_cost, faults)
        boolean split = r.tasks().stream().anyMatch(t -> t.stimeNs() > 0);
        if (split) {
            rows.set(0, withSplit(rows.get(0), "USER", "SYS"));
        }
        for (TaskReport t : r.tasks()) {
            String[] row = new String[] {
                Integer.toString(t.pid()), Integer.toString(t.ppid()), t.state().letter(),
                t.process() + (t.forked() ? "*" : ""),
                u.format(t.arrivalNs()), u.format(t.firstRunNs()), u.format(t.finishNs()),
                u.format(t.turnaroundNs()), u.format(t.waitingNs()), u.format(t.responseNs()),
                u.format(t.cpuNs()), Integer.toString(t.voluntarySwitches()),
                Integer.toString(t.involuntarySwitches()), t.exitStatus() < 0 ? "-" : Integer.toString(t.exitStatus()),
                t.blockedOn() == null ? "" : t.blockedOn()};
            rows.add(split ? withSplit(row, u.format(t.utimeNs()), u.format(t.stimeNs())) : row);
        }
        table(out, rows);
        boolean forks = r.tasks().stream().anyMatch(TaskReport::forked);
        out.println(style.dim((forks ? "  * forked child (shows its parent's name, as fork(2) keeps the comm)." : "")
                + "  Simulated time at the end: " + Durations.format(r.endNs()) + ", " + r.events() + " events."));
        out.println();
    }

    /** The row with two columns after CPU (index 10): user and system time. */
    private static String[] withSplit(String[] row, String user, String sys) {
        List<String> cells = new ArrayList<>(List.of(row));
        cells.add(11, sys);
        cells.add(11, user);
        return cells.toArray(String[]::new);
    }

    private void gantt(PrintWriter out, RunResult r) {
        TimeUnit unit = TimeUnit.of(r.gantt().stream().flatMapToLong(s -> java.util.stream.LongStream.of(s.startNs(),
                s.endNs())));
        if (r.gantt().isEmpty()) {
            return;
        }
        Map<Integer, String> names = new HashMap<>();
        for (TaskReport t : r.tasks()) {
            names.put(t.pid(), t.process() + (t.forked() ? "*" : ""));
        }
        names.put(0, "cs");
        long end = Math.max(1, r.gantt().stream().mapToLong(GanttSlice::endNs).max().orElse(1));
        out.println(style.bold("Gantt chart") + style.dim("  (0 .. " + Durations.format(end) + ", one column = "
                + Durations.format(Math.max(1, end / GANTT_WIDTH)) + "; '.' idle)"));
        for (int cpu = 0; cpu < r.cpus(); cpu++) {
            char[] bar = new char[GANTT_WIDTH];
            java.util.Arrays.fill(bar, '.');
            List<GanttSlice> slices = new ArrayList<>();
            for (GanttSlice s : r.gantt()) {
                if (s.cpu() == cpu) {
                    slices.add(s);
                }
            }
            for (GanttSlice s : slices) {
                int from = Math.min(GANTT_WIDTH - 1, column(s.startNs(), end));
                int to = Math.max(from + 1, column(s.endNs(), end));
                String label = names.getOrDefault(s.pid(), "?");
                for (int c = from; c < Math.min(to, GANTT_WIDTH); c++) {
                    bar[c] = c == from ? '|' : (c - from - 1 < label.length() ? label.charAt(c - from - 1) : ' ');
                }
            }
            out.println("  CPU" + cpu + " " + new String(bar));
            StringBuilder list = new StringBuilder();
            int shown = 0;
            for (GanttSlice s : slices) {
                if (shown == MAX_SLICES_LISTED) {
                    list.append(" … ").append(slices.size() - shown).append(" more");
                    break;
                }
                list.append(shown == 0 ? "" : ", ").append(names.getOrDefault(s.pid(), "?")).append(' ')
                        .append(unit.format(s.startNs())).append('–').append(unit.format(s.endNs()));
                shown++;
            }
            out.println(style.dim("       " + (slices.isEmpty() ? "idle" : list + " " + unit.name())));
        }
        out.println();
    }

    /** The chart column of instant {@code ns} in {@code 0..end}; no overflow for any long times. */
    static int column(long ns, long end) {
        long c = ns >= 0 && ns <= Long.MAX_VALUE / GANTT_WIDTH ? ns * GANTT_WIDTH / end
                : (long) ((double) ns / end * GANTT_WIDTH);
        return (int) Math.max(0, Math.min(GANTT_WIDTH, c));
    }

    private static void table(PrintWriter out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++) {
                boolean left = i == 2 || i == 3 || i == row.length - 1;
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(' ').append(left ? cell + pad : pad + cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Faults, resident set and signals per task, and the machine's TLB and cache counters. */
    private void memory(PrintWriter out, RunResult r) {
        var m = r.machine();
        if (m.memoryAccesses() == 0 && r.tasks().stream().allMatch(t -> t.memory().equals(TaskMemory.NONE))) {
            return;
        }
        out.println(style.bold("Memory") + style.dim("  (faults as /proc/PID/stat counts them: COW faults are minor;"
                + " RSS and VSZ in KiB)"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PID", "NAME", "MINFLT", "MAJFLT", "COW", "RSS", "VSZ", "SIGNAL", "LEAKED"});
        for (TaskReport t : r.tasks()) {
            if (t.pid() == 1) {
                continue;
            }
            TaskMemory mem = t.memory();
            rows.add(new String[] {Integer.toString(t.pid()), t.process() + (t.forked() ? "*" : ""),
                Long.toString(mem.minorFaults()), Long.toString(mem.majorFaults()), Long.toString(mem.cowFaults()),
                Long.toString(mem.rssPages() * 4), Long.toString(mem.vmPages() * 4),
                mem.signal() == null ? "" : mem.signal(),
                mem.leakedBytes() == 0 ? "" : mem.leakedBytes() + " B in " + mem.leakedBlocks()});
        }
        table(out, rows);
        StringBuilder hw = new StringBuilder("  TLB " + m.tlbHits() + " hits, " + m.tlbMisses() + " misses");
        for (CacheStats c : m.caches()) {
            hw.append("; ").append(c.name()).append(' ').append(c.hits()).append(" hits, ").append(c.misses())
                    .append(" misses");
        }
        if (!m.psc().isEmpty()) {
            hw.append("; paging-structure caches ").append(m.pscHits()).append(" hits, ").append(m.pscMisses())
                    .append(" misses");
        }
        out.println(style.dim(hw + "; " + m.memoryAccesses() + " accesses, " + m.pageWalks() + " page walks"));
        out.println();
    }

    /**
     * The shared variables when the run ended, and with {@code --show values} what each statement
     * read and wrote, in order: where an update was lost is in the values, not in the table above.
     */
    private void data(PrintWriter out, Program p, RunResult r) {
        if (p.data().variables().isEmpty() && !show.contains("values")) {
            return;
        }
        if (!p.data().variables().isEmpty()) {
            out.println(style.bold("Shared variables") + style.dim("  (in memory when the run ended; memory model "
                    + p.data().model().name().toLowerCase(java.util.Locale.ROOT) + ")"));
            int[] cells = r.data().shared();
            for (SharedData.VarDecl v : p.data().variables()) {
                List<String> values = new ArrayList<>();
                List<String> initial = new ArrayList<>();
                for (int i = 0; i < v.length(); i++) {
                    int at = v.base() + i;
                    values.add(Integer.toString(at < cells.length ? cells[at] : v.initial()[i]));
                    initial.add(Integer.toString(v.initial()[i]));
                }
                String now = v.length() == 1 ? values.get(0) : "{" + String.join(", ", values) + "}";
                String was = v.length() == 1 ? initial.get(0) : "{" + String.join(", ", initial) + "}";
                out.println("  " + v.name() + " = " + now + style.dim("   (initially " + was + ")"));
            }
            out.println();
        }
        if (show.contains("values")) {
            Map<Integer, String> names = new HashMap<>();
            r.tasks().forEach(t -> names.put(t.pid(), t.process() + (t.forked() ? "*" : "")));
            out.println(style.bold("Values read and written") + style.dim("  (in order; --json has every one)"));
            int n = 0;
            for (ValueEvent e : r.data().values()) {
                if (n++ == MAX_VALUES_PRINTED) {
                    out.println(style.dim("  ... and " + (r.data().values().size() - MAX_VALUES_PRINTED) + " more"));
                    break;
                }
                String what = switch (e.access()) {
                    case READ -> "read ";
                    case WRITE -> "wrote ";
                    case COMMIT -> "to memory ";
                };
                out.printf("  %10s  %-16s %5s  %s%s = %d%n", Durations.format(e.timeNs()),
                        names.getOrDefault(e.pid(), "?") + " (" + e.pid() + ")", e.span().line() + ":" + e.span().column(),
                        what, e.variable(), e.value());
            }
            if (r.data().valuesTruncated()) {
                out.println(style.dim("  (the run kept its first " + r.data().values().size() + " values)"));
            }
            out.println();
        }
    }

    /** Each `snapshot` statement's views (all of them, or those `--show` names), then the end's (only with --show). */
    /** Each signal the run acted on (a handler entered, a stop), in time order: "SIGUSR1 → worker (pid 3), handler at 12:5". */
    private void signals(PrintWriter out, RunResult r) {
        List<oss.runtime.observe.StatementFact> sent = r.facts().stream().filter(f -> f.kind().equals("signal")).toList();
        if (sent.isEmpty()) {
            return;
        }
        out.println(style.bold("Signals"));
        int shown = 0;
        for (var f : sent) {
            if (shown++ == MAX_SLICES_LISTED) {
                out.println(style.dim("  ... and " + (sent.size() - MAX_SLICES_LISTED) + " more; oss run --json has every one"));
                break;
            }
            out.println("  " + Durations.format(f.timeNs()) + "  " + f.summary() + style.dim("  (at " + f.span().line()
                    + ":" + f.span().column() + ")"));
        }
        out.println();
    }

    private void snapshots(PrintWriter out, RunResult r) {
        int printed = 0;
        for (SnapshotView s : r.snapshots()) {
            if (printed == MAX_SNAPSHOTS_PRINTED) {
                // a snapshot in a loop: 1,000 of them with thousands of tasks each were gigabytes of text
                long taken = r.snapshots().stream().filter(x -> x.span() != null && x.span().isKnown()).count();
                out.println(style.dim("  ... and " + (taken - printed) + " more snapshots; oss run --json"
                        + " has every one"));
                out.println();
                return;
            }
            boolean end = s.span() == null || !s.span().isKnown();
            if (end && show.isEmpty()) {
                continue;
            }
            List<Map.Entry<String, String>> views = s.views().entrySet().stream()
                    .filter(e -> show.isEmpty() ? !ASKED_ONLY.contains(e.getKey())
                            : show.contains(e.getKey().replaceAll("/.*", "")))
                    .toList();
            if (views.isEmpty()) {
                continue;
            }
            printed++;
            out.println(style.bold("snapshot \"" + s.label() + "\"") + style.dim("  at " + Durations.format(s.timeNs())));
            for (var v : views) {
                out.println("  " + style.bold(v.getKey()));
                v.getValue().lines().forEach(l -> out.println("    " + l));
            }
            out.println();
        }
    }
}
