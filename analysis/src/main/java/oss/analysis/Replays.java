package oss.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oss.ir.Deadline;
import oss.ir.diag.Code;
import oss.ir.program.Op;
import oss.ir.program.OpBodies;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.Span;
import oss.runtime.Simulator;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.explore.Schedule;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.ValueEvent;

/**
 * Replays the explorer's schedules in the kernel, as {@code oss run --schedule} does, to learn the
 * values each step read and wrote: the explorer keeps states, not a story. A program without data
 * is not replayed (its steps have no values to show), and a schedule is replayed once however
 * many diagnostics show it.
 *
 * <p>Steps are matched to the run's value events in order: a step's values are the next events
 * of its task at its statement, one after another at one instant (each data step costs 1 ns of CPU
 * time, so two steps of one task never share one), commits for a flush step and plain reads and
 * writes for any other. A step with no data (a lock) matches no event and leaves the rest for the
 * steps after it.
 */
public final class Replays {
    /** Replays per analysis at most: each is a whole run. */
    static final int MAX_REPLAYS = 16;

    private final Program program;
    private final RunOptions options;
    private final List<String> lines;
    private final boolean hasData;
    private final Map<Long, Span> blocks;
    /** One counterexample per finding; two findings with one schedule share its replay, not its title. */
    private final Map<List<Object>, Counterexample> done = new HashMap<>();
    private final Map<Schedule, Optional<RunResult>> runs = new HashMap<>();
    private final List<Counterexample> all = new ArrayList<>();

    public Replays(Program program, RunOptions options, String text) {
        this.program = program;
        this.options = options;
        this.lines = text == null ? List.of() : text.lines().toList();
        this.hasData = hasData(program);
        this.blocks = blocks(program);
    }

    /** The explorer finding's schedule with the values along it. */
    public Counterexample of(ExploreFinding f) {
        return of(f.code(), f.at(), f.message(), f.schedule(), f.who());
    }

    Counterexample of(Code code, Span at, String title, Schedule schedule, List<String> who) {
        List<Object> key = java.util.Arrays.asList(code, at, title, schedule);
        Counterexample known = done.get(key);
        if (known != null) {
            return known;
        }
        List<List<ValueEvent>> values = replay(schedule);
        List<Counterexample.Step> steps = new ArrayList<>();
        for (int i = 0; i < schedule.steps().size(); i++) {
            Schedule.Step st = schedule.steps().get(i);
            List<ValueEvent> here = values == null ? List.of() : values.get(i);
            List<Counterexample.Value> reads = new ArrayList<>();
            List<Counterexample.Value> writes = new ArrayList<>();
            for (ValueEvent e : here) {
                (e.access() == ValueEvent.Access.READ ? reads : writes).add(new Counterexample.Value(e.variable(),
                        e.value()));
            }
            steps.add(new Counterexample.Step(st, i < who.size() ? who.get(i) : "pid " + st.pid(), source(st), reads,
                    writes));
        }
        Counterexample cx = new Counterexample(code, at, title, schedule, steps, values != null);
        done.put(key, cx);
        all.add(cx);
        return cx;
    }

    /** Every counterexample made so far, in the order first asked for. */
    public List<Counterexample> all() {
        return List.copyOf(all);
    }

    private String source(Schedule.Step st) {
        return st.line() >= 1 && st.line() <= lines.size() ? lines.get(st.line() - 1).strip() : "";
    }

    /** Per step, the value events it made; null when there is nothing to show or the kernel did not follow. */
    private List<List<ValueEvent>> replay(Schedule schedule) {
        if (!hasData) {
            List<List<ValueEvent>> none = new ArrayList<>();
            schedule.steps().forEach(st -> none.add(List.of()));
            return none; // nothing was read or written: every step's values are known to be none
        }
        return run(schedule).map(r -> match(schedule, r.data().values(), blocks)).orElse(null);
    }

    /** The kernel's run of {@code schedule} (once however often asked), when it followed every step. */
    Optional<RunResult> run(Schedule schedule) {
        if (runs.containsKey(schedule)) {
            return runs.get(schedule);
        }
        Optional<RunResult> out = Optional.empty();
        if (runs.size() < MAX_REPLAYS && (Deadline.current() == null || Deadline.current().exhausted() == null)) {
            try {
                RunResult r = Simulator.run(program, options.withSchedule(schedule));
                out = r.scheduleSteps() < schedule.steps().size() ? Optional.empty() : Optional.of(r);
            } catch (RuntimeException | StackOverflowError e) {
                // the finding stands without its values; the default run already reported any failure of oss
            }
        }
        runs.put(schedule, out);
        return out;
    }

    /** Data the processes keep to themselves is data too: a schedule through it has values to show. */
    private static boolean hasData(Program program) {
        return !program.data().variables().isEmpty()
                || program.processes().stream().anyMatch(p -> hasData(p.body()));
    }

    private static boolean hasData(List<Op> ops) {
        for (Op op : ops) {
            if (op instanceof Op.Assign || op instanceof Op.Load || op instanceof Op.Store || op instanceof Op.Rmw
                    || op instanceof Op.Atomic || op instanceof Op.Await || op instanceof Op.Assert) {
                return true;
            }
            for (List<Op> body : OpBodies.of(op)) {
                if (hasData(body)) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<List<ValueEvent>> match(Schedule schedule, List<ValueEvent> events, Map<Long, Span> blocks) {
        List<List<ValueEvent>> out = new ArrayList<>();
        int k = 0;
        for (Schedule.Step st : schedule.steps()) {
            List<ValueEvent> mine = new ArrayList<>();
            int at = k;
            Span block = blocks.get(key(st.line(), st.column()));
            while (at < events.size() && !belongs(events.get(at), st, block)) {
                at++;
            }
            // a step is done in one go: its events follow each other, at one instant
            while (at < events.size() && belongs(events.get(at), st, block)
                    && (mine.isEmpty() || events.get(at).timeNs() == mine.get(0).timeNs())) {
                mine.add(events.get(at++));
            }
            if (!mine.isEmpty()) {
                k = at;
            }
            out.add(mine);
        }
        return out;
    }

    /**
     * The event is the step's: its task's, a commit exactly when the step is a flush, and at the
     * step's statement, or inside it when the step is an atomic block (whose statements log their
     * own spans).
     */
    private static boolean belongs(ValueEvent e, Schedule.Step st, Span block) {
        if (e.pid() != st.pid() || (e.access() == ValueEvent.Access.COMMIT) != st.flush()) {
            return false;
        }
        Span at = e.span();
        if (at.line() == st.line() && at.column() == st.column()) {
            return true;
        }
        return block != null && !st.flush() && (at.line() > block.line() || at.line() == block.line()
                && at.column() >= block.column()) && (at.line() < block.endLine() || at.line() == block.endLine()
                && at.column() <= block.endColumn());
    }

    static long key(int line, int column) {
        return (long) line << 32 | column;
    }

    /** Every atomic block's span by where it starts: a step names only the start. */
    private static Map<Long, Span> blocks(Program program) {
        Map<Long, Span> out = new HashMap<>();
        for (ProcessDef p : program.processes()) {
            blocks(p.body(), out);
        }
        return out;
    }

    private static void blocks(List<Op> ops, Map<Long, Span> out) {
        for (Op op : ops) {
            if (op instanceof Op.Atomic a) {
                out.put(key(a.span().line(), a.span().column()), a.span());
            }
            for (List<Op> body : OpBodies.of(op)) {
                blocks(body, out);
            }
        }
    }
}
