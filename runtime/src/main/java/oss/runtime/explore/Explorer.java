package oss.runtime.explore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import oss.ir.diag.Code;
import oss.ir.diag.Related;
import oss.ir.program.Program;
import oss.ir.program.Span;

/**
 * Explores every interleaving of a program's visible operations, breadth
 * first, so the first schedule found to any finding is a shortest one (in
 * the reduced graph when partial-order reduction is on).
 *
 * <p>Call order: {@code new Explorer(program, options)}, then {@link #run()}
 * once. Deterministic: the same program and options give the same state
 * count and the same schedules. Local work (compute, sleep, io, memory) is
 * not interleaved and time plays no part: every order the visible operations
 * could take is a candidate, whatever the timing.
 */
public final class Explorer {
    private final Program program;
    private final ExploreOptions options;
    private final Model m;
    private final Semantics sem;
    private final Blockers blockers;
    private final StateStore store;
    private final StubbornSets reduction;
    private final FinalStates finals;
    private final Races races;
    private final Spinning spinning;
    /** The scenario's symmetry, once {@link #run} has the initial state; null when there is none or it is off. */
    private Symmetry sym;
    private Paths paths;
    private final List<ExploreFinding> findings = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final int[] perCode = new int[Code.values().length];

    public Explorer(Program program, ExploreOptions options) {
        this.program = program;
        this.options = options;
        this.m = new Model(program, Math.max(1, options.maxTasks()));
        this.sem = new Semantics(m);
        this.blockers = new Blockers(m, sem);
        this.store = new StateStore(m);
        this.reduction = new StubbornSets(m, sem);
        this.finals = new FinalStates(m);
        this.races = new Races(m, sem);
        this.spinning = new Spinning(m, sem, QUIET);
    }

    static final Semantics.Sink QUIET = new Semantics.Sink() {
        @Override
        public void misuse(Code code, Span at, String message) {}

        @Override
        public void unsafe(Span at, String message) {}

        @Override
        public void signalLost(Span at, String key, String message) {}
    };

    public static ExploreResult explore(Program program, ExploreOptions options) {
        return new Explorer(program, options).run();
    }

    public ExploreResult run() {
        oss.ir.Deadline analysisBudget = oss.ir.Deadline.current();
        long start = System.nanoTime();
        long deadline = start + (long) (options.maxSeconds() * 1e9);
        // unsafe states are a property of states, not of the order steps commute in: explore them all;
        // a delivery is a step no instruction stands for, which the reduction's access sets do not know
        // a device's delivery is a step of no task either
        boolean por = options.por() && !(hasClaims() && !m.avoid) && m.signals == null && !m.devices
                && m.epollInstances == 0;
        int cap = m.capacity();
        int[] cur = new int[cap];
        int[] next = new int[cap];
        int[] choices = new int[m.maxTasks];
        boolean[] expand = new boolean[m.maxTasks];
        int depth = 0;
        int levelEnd = 1; // breadth first: states [levelStart, levelEnd) are all at one depth
        if (m.unexplored != null) {
            return result(start, 0, false, m.unexplored, por, 0);
        }
        if (m.processes > m.maxTasks) {
            return result(start, 0, false, m.processes + " processes with an rwlock (the explorer holds at most "
                    + Model.MAX_RW_TASKS + " tasks when a scenario has rwlocks)", por, 0);
        }
        int[] init = m.initial();
        for (int t = 0; t < m.processes; t++) {
            try {
                sem.settle(init, t);
            } catch (DataSteps.PathCut cut) {
                // before any step: every interleaving starts with it
                report(cut.code, cut.code + ":" + cut.at, cut.at, m.taskName(init, t) + ": " + cut.getMessage(),
                        List.of(), -1, -1, -1, null, new ArrayList<>());
                return result(start, 0, true, null, por, 0);
            }
        }
        sym = options.symmetry() ? SymmetryGroup.detect(m, store, init) : null;
        paths = new Paths(m, sem, store, sym);
        store.add(init, -1);
        boolean[] stepping = new boolean[m.maxTasks];
        int maxDepth = 0;
        String stoppedBy = null;
        for (int id = 0; id < store.count(); id++) {
            if ((id & 1023) == 0 && System.nanoTime() > deadline) {
                stoppedBy = "--max-time " + options.maxSeconds() + " s";
                break;
            }
            if ((id & 1023) == 0 && analysisBudget != null && (stoppedBy = analysisBudget.exhausted()) != null) {
                break;
            }
            if (overBytes()) {
                stoppedBy = bytesStop();
                break;
            }
            if (id == levelEnd) {
                depth++;
                levelEnd = store.count();
            }
            maxDepth = depth;
            store.unpack(id, cur);
            int n = cur[0];
            int enabledTasks = 0;
            int alive = 0;
            for (int t = 0; t < n; t++) {
                choices[t] = sem.choices(cur, t);
                enabledTasks += choices[t] > 0 ? 1 : 0;
                alive += Semantics.alive(cur, m.base(t)) ? 1 : 0;
            }
            if (enabledTasks == 0) {
                if (alive > 0) {
                    deadlock(cur, id, true);
                } else if (finals.open()) {
                    final int at = id;
                    finals.judge(cur, () -> new Schedule(List.copyOf(path(at))), () -> lastWho);
                }
                continue;
            }
            if (enabledTasks < alive) {
                partialDeadlock(cur, id, choices);
            }
            if (m.hasData && perCode[Code.RACE_REACHABLE.ordinal()] < options.maxFindings() && enabledTasks > 1) {
                for (int t = 0; t < n; t++) {
                    stepping[t] = choices[t] > 0 && (!m.buffered || sem.stepChoices(cur, t) > 0);
                }
                final int at = id;
                races.find(cur, stepping, (a, b) -> race(cur, at, a, b));
            }
            if (m.hasLoops && perCode[Code.SPIN_FOREVER_REACHABLE.ordinal()] < options.maxFindings()) {
                boolean[] spin = spinning.spinners(cur, choices);
                if (spin != null) {
                    spinForever(cur, id, spin);
                }
            }
            if (por && enabledTasks > 1) {
                reduction.choose(cur, choices, expand);
            } else {
                for (int t = 0; t < n; t++) {
                    expand[t] = choices[t] > 0;
                }
            }
            if (!expand(cur, next, id, choices, expand)) {
                if (overBytes()) {
                    stoppedBy = bytesStop();
                    break;
                }
                return result(start, transitions, false, "more than " + m.maxTasks + " tasks", por, maxDepth);
            }
            if (store.count() >= options.maxStates()) {
                stoppedBy = "--max-states " + options.maxStates();
                break;
            }
        }
        return result(start, transitions, stoppedBy == null, stoppedBy, por, maxDepth);
    }

    private long transitions;
    private final FindingSink sink = new FindingSink();

    /**
     * Every step of every task marked in {@code expand}, from state {@code id}; false at the task
     * limit. With while loops the state graph may have cycles, and a reduced expansion that
     * closes one could postpone the other tasks' steps forever (the ignoring problem): when a
     * reduced expansion reaches a state seen before, every enabled task is expanded. Every cycle
     * then has a fully expanded state (the one expanded last), as the cycle proviso asks.
     */
    private boolean expand(int[] cur, int[] next, int id, int[] choices, boolean[] expand) {
        int n = cur[0];
        int before = store.count();
        boolean reduced = false;
        for (int t = 0; t < n; t++) {
            reduced |= choices[t] > 0 && !expand[t];
        }
        int outcome = expandTasks(cur, next, id, choices, expand, before);
        if (outcome == TASK_LIMIT) {
            return false;
        }
        if (reduced && m.hasLoops && outcome == CLOSES) {
            for (int t = 0; t < n; t++) {
                expand[t] = choices[t] > 0 && !expand[t];
            }
            return expandTasks(cur, next, id, choices, expand, before) != TASK_LIMIT;
        }
        return true;
    }

    /** TASK_LIMIT also ends an expansion whose states passed the byte budget; {@link #overBytes} tells them apart. */
    private static final int NEW = 0, CLOSES = 1, TASK_LIMIT = 2;

    /** The store holds more than the byte budget allows: a field read, cheap at every state added. */
    private boolean overBytes() {
        return store.bytes() > options.maxBytes() || store.nearlyFull();
    }

    /** What stopped an exploration that {@link #overBytes}: the user's budget, or the store's own 2 GiB. */
    private String bytesStop() {
        return store.bytes() > options.maxBytes() ? ExploreOptions.memoryBudget(options.maxBytes())
                : "the state store's limit of 2 GiB";
    }

    /** CLOSES when some step led to a state stored before this expansion began, TASK_LIMIT at the task limit. */
    private int expandTasks(int[] cur, int[] next, int id, int[] choices, boolean[] expand, int before) {
        int n = cur[0];
        int used = m.base(n);
        sink.before = cur;
        sink.from = id;
        boolean old = false;
        for (int t = 0; t < n; t++) {
            if (!expand[t]) {
                continue;
            }
            if (sym != null) {
                int twin = sym.twinBefore(cur, t);
                if (twin >= 0 && expand[twin]) {
                    continue; // its steps lead to the orbits its twin's did
                }
            }
            for (int br = 0; br < choices[t]; br++) {
                System.arraycopy(cur, 0, next, 0, used);
                sink.task = t;
                sink.branch = br;
                try {
                    sem.apply(next, t, br, sink);
                } catch (Semantics.TaskLimit e) {
                    return TASK_LIMIT;
                } catch (DataSteps.PathCut cut) {
                    transitions++;
                    report(cut.code, cut.code + ":" + cut.at, cut.at, m.taskName(cur, t) + ": " + cut.getMessage(),
                            List.of(), id, t, br, cur);
                    continue; // this path ends here
                }
                transitions++;
                if (sym != null) {
                    sym.canonical(next);
                }
                int known = store.add(next, id);
                old |= known < 0 && -known - 1 < before;
                if (overBytes()) {
                    // checked at every state added: one expansion of a state with thousands of tasks adds thousands
                    return TASK_LIMIT;
                }
            }
        }
        return old ? CLOSES : NEW;
    }

    private ExploreResult result(long start, long transitionsIgnored, boolean complete, String stoppedBy, boolean por,
            int maxDepth) {
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ExploreResult(store.count(), transitions, seconds, store.bytes(), maxDepth, complete,
                stoppedBy, por, List.copyOf(findings), finals.verdicts(complete), sym == null ? null : sym.description);
    }

    private boolean hasClaims() {
        for (FlatCode c : m.codes) {
            for (int pc = 0; pc < c.size; pc++) {
                if (c.kind[pc] == Instr.CLAIM) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- findings ---------------------------------------------------------------------------------

    /** Turns misuse seen during a step into a finding whose schedule ends with that step. */
    private final class FindingSink implements Semantics.Sink {
        int[] before;
        int from;
        int task;
        int branch;

        @Override
        public void misuse(Code code, Span at, String message) {
            report(Code.MISUSE_REACHABLE, "misuse:" + at + ":" + code, at, message + " (" + code.id() + ")",
                    List.of(), from, task, branch, before);
        }

        @Override
        public void unsafe(Span at, String message) {
            report(Code.UNSAFE_REACHABLE, "unsafe:" + at, at, message, List.of(), from, task, branch, before);
        }

        @Override
        public void signalLost(Span at, String key, String message) {
            report(Code.SIG_LOST_REACHABLE, "lost:" + key, at, message, List.of(), from, task, branch, before);
        }
    }

    private void deadlock(int[] s, int id, boolean global) {
        List<Integer> blocked = new ArrayList<>();
        for (int t = 0; t < s[0]; t++) {
            if (Semantics.alive(s, m.base(t))) {
                blocked.add(t);
            }
        }
        reportDeadlock(s, id, blocked, global);
    }

    private int[] walk = new int[0];
    private int[] mark = new int[0];
    private int walkId;

    /** A set of tasks blocked on each other's locks while others can still run. */
    private void partialDeadlock(int[] s, int id, int[] choices) {
        int n = s[0];
        if (mark.length < n) {
            // both sized together: checking only walk (one longer) left mark a task short after a fork
            walk = new int[n + 1];
            mark = new int[n];
        }
        for (int t = 0; t < n; t++) {
            if (choices[t] > 0 || !Semantics.alive(s, m.base(t))) {
                continue;
            }
            // follow "waits for the holder" from t; a cycle of blocked tasks can never move again
            walkId++;
            int len = 0;
            int u = t;
            while (true) {
                walk[len++] = u;
                mark[u] = walkId;
                int w = blockers.waitsOnTask(s, u);
                if (w < 0 || choices[w] > 0 || !Semantics.alive(s, m.base(w))) {
                    break;
                }
                if (mark[w] == walkId) {
                    int at = 0;
                    while (walk[at] != w) {
                        at++;
                    }
                    int min = Integer.MAX_VALUE;
                    for (int i = at; i < len; i++) {
                        min = Math.min(min, walk[i]);
                    }
                    if (min == t) {
                        List<Integer> cycle = new ArrayList<>();
                        for (int i = at; i < len; i++) {
                            cycle.add(walk[i]);
                        }
                        reportDeadlock(s, id, cycle, false);
                    }
                    break;
                }
                u = w;
            }
        }
    }

    private void reportDeadlock(int[] s, int id, List<Integer> members, boolean global) {
        StringBuilder key = new StringBuilder("deadlock");
        for (int t : members) {
            key.append(':').append(t).append('@').append(spanOf(s, t));
        }
        if (seen.contains(key.toString()) || perCode[Code.DEADLOCK_REACHABLE.ordinal()] >= options.maxFindings()) {
            return;
        }
        List<Related> related = new ArrayList<>();
        Span anchor = null;
        StringBuilder names = new StringBuilder();
        for (int t : members) {
            Span at = spanOf(s, t);
            related.add(new Related(at, blockers.describe(s, t)));
            if (anchor == null || at.line() < anchor.line() || at.line() == anchor.line() && at.column() < anchor.column()) {
                anchor = at;
            }
            names.append(names.length() == 0 ? "" : ", ").append(m.taskName(s, t));
        }
        String what = global
                ? "deadlock: every live task is blocked (" + names + ")"
                : "deadlock: " + names + " wait for each other while other tasks run on";
        List<Schedule.Step> steps = path(id);
        report(Code.DEADLOCK_REACHABLE, key.toString(), anchor,
                what + reachedAfter(steps),
                related, -1, -1, -1, null, steps);
    }

    private void race(int[] s, int id, Races.Access a, Races.Access b) {
        Races.Access first = before(a.at(), b.at()) ? a : b;
        Races.Access second = first == a ? b : a;
        String key = "race:" + first.at() + ":" + second.at();
        if (seen.contains(key) || perCode[Code.RACE_REACHABLE.ordinal()] >= options.maxFindings()) {
            return;
        }
        List<Related> related = List.of(new Related(first.at(), access(s, first)), new Related(second.at(), access(s, second)));
        List<Schedule.Step> steps = path(id);
        report(Code.RACE_REACHABLE, key, first.at(), "data race on " + first.name() + ": " + access(s, first)
                + " and " + access(s, second) + " can run in either order, not both atomic"
                + reachedAfter(steps), related, -1, -1, -1, null, steps);
    }

    /** How the finding's state is reached, for its message: the schedule, or "in the initial state". */
    private String reachedAfter(List<Schedule.Step> steps) {
        return steps.isEmpty() ? ", in the initial state"
                : "; reached after " + Schedule.count(steps.size()) + ": " + shortSchedule(steps);
    }

    private String access(int[] s, Races.Access a) {
        return m.taskName(s, a.task()) + (a.write() ? " writes " : " reads ") + a.name() + " at " + a.at().line()
                + ":" + a.at().column();
    }

    private static boolean before(Span x, Span y) {
        return x.line() < y.line() || x.line() == y.line() && x.column() <= y.column();
    }

    private void spinForever(int[] s, int id, boolean[] spin) {
        StringBuilder key = new StringBuilder("spin");
        List<Related> related = new ArrayList<>();
        Span anchor = null;
        StringBuilder names = new StringBuilder();
        for (int t = 0; t < s[0]; t++) {
            if (!Semantics.alive(s, m.base(t))) {
                continue;
            }
            Span at = spanOf(s, t);
            key.append(':').append(t).append('@').append(at);
            String what = spin[t] ? m.taskName(s, t) + " spins here: its loop cannot end until another task acts"
                    : blockers.describe(s, t);
            related.add(new Related(at, what));
            if (spin[t] && (anchor == null || before(at, anchor))) {
                anchor = at;
            }
            names.append(names.length() == 0 ? "" : ", ").append(m.taskName(s, t));
        }
        if (seen.contains(key.toString()) || perCode[Code.SPIN_FOREVER_REACHABLE.ordinal()] >= options.maxFindings()) {
            return;
        }
        List<Schedule.Step> steps = path(id);
        report(Code.SPIN_FOREVER_REACHABLE, key.toString(), anchor, "tasks spin forever: every live task ("
                + names + ") waits or busy-waits for another" + reachedAfter(steps), related, -1, -1, -1, null, steps);
    }

    private Span spanOf(int[] s, int t) {
        FlatCode c = sem.code(s, t);
        return c.span[sem.pc(s, t)];
    }

    private void report(Code code, String key, Span at, String message, List<Related> related, int from, int task,
            int branch, int[] before) {
        if (seen.contains(key) || perCode[code.ordinal()] >= options.maxFindings()) {
            return;
        }
        List<Schedule.Step> steps = path(from);
        steps.add(step(before, task, branch));
        report(code, key, at, message + reachedAfter(steps),
                related, -1, -1, -1, null, steps);
    }

    private void report(Code code, String key, Span at, String message, List<Related> related, int from, int task,
            int branch, int[] before, List<Schedule.Step> steps) {
        seen.add(key);
        perCode[code.ordinal()]++;
        findings.add(new ExploreFinding(code, at, message, List.copyOf(related), new Schedule(List.copyOf(steps)),
                List.copyOf(lastWho)));
    }

    private String shortSchedule(List<Schedule.Step> steps) {
        StringBuilder sb = new StringBuilder();
        for (Schedule.Step st : steps) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (sb.length() > 400) {
                sb.append("…");
                break;
            }
            sb.append(st); // the replayable form, branch included
        }
        return sb.toString();
    }

    private final List<String> lastWho = new ArrayList<>();

    private Schedule.Step step(int[] s, int t, int branch) {
        int device = sem.deliveryOf(s, t, branch);
        if (device >= 0) {
            lastWho.add(m.pipeNames.get(device));
            return Schedule.Step.delivery(m.program.devices().get(m.deviceOfPipe[device]).path());
        }
        lastWho.add(m.taskName(s, t));
        FlatCode c = sem.code(s, t);
        int pc = sem.pc(s, t);
        if (m.buffered) {
            int steps = sem.stepChoices(s, t);
            if (branch >= steps) {
                // a flush step names the store statement whose buffered value it commits
                Span store = c.span[sem.data.entryPc(s, t, sem.data.flushEntry(s, t, branch - steps))];
                return new Schedule.Step(t + 2, store.line(), store.column(), -1, true);
            }
        }
        Span at = c.span[pc];
        if (m.signals != null) {
            if (m.signals.alarm(s, t, branch)) {
                return new Schedule.Step(t + 2, at.line(), at.column(), -1, false, 0, false, true);
            }
            int kind = m.signals.kind(s, t);
            if (kind != 0) {
                return new Schedule.Step(t + 2, at.line(), at.column(), -1, false, Math.max(0, kind), kind < 0, false);
            }
        }
        int shown = c.kind[pc] == Instr.CHOOSE || c.kind[pc] == Instr.LOAD && branch == 1 ? branch : -1;
        return new Schedule.Step(t + 2, at.line(), at.column(), shown);
    }

    /** The steps from the initial state to state {@code id}, with their tasks' names in {@link #lastWho}. */
    private List<Schedule.Step> path(int id) {
        lastWho.clear();
        return paths.to(id, this::step);
    }
}
