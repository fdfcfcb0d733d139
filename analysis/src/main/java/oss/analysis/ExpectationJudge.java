package oss.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.analysis.ExpectationResult.Status;
import oss.compiler.expect.Expectation;
import oss.runtime.observe.TaskState;
import oss.runtime.explore.ExploreResult;
import oss.runtime.kernel.deadlock.BankerReport;
import oss.runtime.kernel.deadlock.BankerReport.Verdict;
import oss.runtime.observe.CacheStats;
import oss.runtime.observe.Durations;
import oss.runtime.observe.MachineStats;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskMemory;
import oss.runtime.observe.TaskReport;

/**
 * Judges `expect` lines against the default run and the banker's report; those about data go to
 * {@link DataJudge}.
 * Semantics (docs/language.md): run metrics are about the default
 * deterministic run; `safe`, `unsafe` and `safe_sequence` are about the
 * banker state after the table's request when it could be pretend-granted,
 * otherwise the state as given; a safe sequence passes when it is *a* valid
 * one, not only the canonical one.
 */
final class ExpectationJudge {
    private final Optional<RunResult> run;
    private final Optional<BankerReport> banker;
    private final Optional<ExploreResult> explore;

    private final DataJudge data;

    ExpectationJudge(Optional<RunResult> run, Optional<BankerReport> banker, Optional<ExploreResult> explore,
            DataJudge data) {
        this.run = run;
        this.banker = banker;
        this.explore = explore;
        this.data = data;
    }

    ExpectationResult judge(Expectation e) {
        if (e instanceof Expectation.Value v) {
            return data.judge(v, v.property());
        }
        if (e instanceof Expectation.Assertions a) {
            return data.assertions(a, a.possible());
        }
        if (e instanceof Expectation.Race r) {
            return data.race(r, r.negated());
        }
        if (e instanceof Expectation.Flag f) {
            return flag(f);
        }
        if (e instanceof Expectation.NameList l) {
            return list(l);
        }
        if (e instanceof Expectation.Signal s) {
            return signal(s);
        }
        if (e instanceof Expectation.Variable v) {
            return variable(v);
        }
        if (e instanceof Expectation.Machine m) {
            return machine(m);
        }
        return metric((Expectation.Metric) e);
    }

    /** The state `expect safe` talks about. */
    Optional<BankerReport> judgedState() {
        return banker.map(b -> b.request().flatMap(BankerReport.RequestOutcome::after).orElse(b));
    }

    /** How to explore further, from any of the tools. */
    static final String RAISE_BUDGET = "explore further with `oss explore FILE --max-states N --max-time S`"
            + " (or the editor's oss.deepBudgetMs)";

    /** `expect deadlock` is about every interleaving; a spent budget proves nothing either way. */
    private ExpectationResult deadlockByExploration(Expectation.Flag f, ExploreResult x) {
        if (!x.complete() && x.states() == 0 && x.stoppedBy() != null && run.isPresent() && run.get().deadlocked()) {
            // the explorer refused the program before its first step, but the run is one interleaving: a deadlock
            // there is a deadlock the program can reach
            return verdict(f, !f.negated(), "the run deadlocked (" + x.summary() + ")");
        }
        if (x.deadlockFound()) {
            return verdict(f, !f.negated(), "an interleaving deadlocks (" + x.summary() + ")");
        }
        if (!x.complete()) {
            // a budget that ran out proves nothing either way: not a failed expectation, an open one
            return new ExpectationResult(f, Status.UNDECIDED, "undecided", "undecided: no deadlock in the "
                    + x.states() + " states explored before the budget ran out (" + x.stoppedBy() + "), but not every"
                    + " interleaving was tried; " + RAISE_BUDGET);
        }
        return verdict(f, f.negated(), x.summary());
    }

    private ExpectationResult flag(Expectation.Flag f) {
        switch (f.name()) {
            case "deadlock" -> {
                if (run.isEmpty()) {
                    return undecided(f, "there are no processes to run");
                }
                if (explore.isPresent()) {
                    return deadlockByExploration(f, explore.get());
                }
                boolean dead = run.get().deadlocked();
                return verdict(f, dead != f.negated(), dead ? "the run deadlocked" : "the run finished without deadlock");
            }
            case "zombies" -> {
                if (run.isEmpty()) {
                    return undecided(f, "there are no processes to run");
                }
                List<String> zombies = new ArrayList<>();
                for (TaskReport t : run.get().tasks()) {
                    if (t.state() == TaskState.ZOMBIE) {
                        zombies.add(t.process() + " (pid " + t.pid() + ")");
                    }
                }
                boolean any = !zombies.isEmpty();
                return verdict(f, any != f.negated(), any ? "zombies left: " + String.join(", ", zombies) : "no zombies");
            }
            case "leaks" -> {
                if (run.isEmpty()) {
                    return undecided(f, "there are no processes to run");
                }
                List<String> leaks = new ArrayList<>();
                for (TaskReport t : run.get().tasks()) {
                    TaskMemory m = memory(t);
                    if (!t.forked() && t.pid() != 1 && m.leakedBytes() > 0) {
                        leaks.add(t.process() + " leaked " + m.leakedBytes() + " bytes in " + m.leakedBlocks()
                                + (m.leakedBlocks() == 1 ? " block" : " blocks"));
                    }
                }
                boolean any = !leaks.isEmpty();
                return verdict(f, any != f.negated(), any ? String.join(", ", leaks) : "no leaks");
            }
            case "safe", "unsafe" -> {
                Optional<BankerReport> state = judgedState();
                if (state.isEmpty()) {
                    return undecided(f, "there is no banker { } table to judge");
                }
                boolean safe = state.get().safe();
                boolean wanted = f.name().equals("safe") != f.negated();
                return verdict(f, safe == wanted, stateWord(safe));
            }
            case "granted", "denied" -> {
                Optional<BankerReport.RequestOutcome> req = banker.flatMap(BankerReport::request);
                if (req.isEmpty()) {
                    return undecided(f, "the banker { } table has no request line");
                }
                boolean granted = req.get().verdict() == Verdict.GRANTED;
                boolean wanted = f.name().equals("granted") != f.negated();
                return verdict(f, granted == wanted, describe(req.get()));
            }
            default -> {
                return undecided(f, "unknown expectation");
            }
        }
    }

    private ExpectationResult list(Expectation.NameList l) {
        if (l.list().equals("safe_sequence")) {
            Optional<BankerReport> state = judgedState();
            if (state.isEmpty()) {
                return undecided(l, "there is no banker { } table to judge");
            }
            BankerReport s = state.get();
            String canonical = s.safe() ? "[" + String.join(", ", s.safeSequence()) + "]" : "unsafe: no safe sequence";
            if (s.isSafeSequence(l.names())) {
                return new ExpectationResult(l, Status.PASSED, canonical, "a valid safe sequence");
            }
            String why = s.safe() ? "not a safe sequence; one that is: " + canonical : "the state is unsafe, so no sequence is safe";
            return new ExpectationResult(l, Status.FAILED, canonical, why);
        }
        if (run.isEmpty()) {
            return undecided(l, "there are no processes to run");
        }
        List<String> order = run.get().finishOrder();
        String actual = "[" + String.join(", ", order) + "]";
        int at = 0;
        for (String name : l.names()) {
            int found = order.subList(at, order.size()).indexOf(name);
            if (found < 0) {
                String why = order.contains(name) ? name + " finished earlier than that" : name + " never finished";
                return new ExpectationResult(l, Status.FAILED, actual, "processes finished in the order " + actual + "; " + why);
            }
            at += found + 1;
        }
        return new ExpectationResult(l, Status.PASSED, actual, "finished in the order " + actual);
    }

    private static TaskMemory memory(TaskReport t) {
        return t.memory() == null ? TaskMemory.NONE : t.memory();
    }

    private Optional<TaskReport> declared(String process) {
        return run.get().tasks().stream().filter(t -> !t.forked() && t.process().equals(process)).findFirst();
    }

    private ExpectationResult signal(Expectation.Signal s) {
        if (run.isEmpty()) {
            return undecided(s, "there are no processes to run");
        }
        Optional<TaskReport> task = declared(s.process());
        if (task.isEmpty()) {
            return undecided(s, "no task ran as " + s.process());
        }
        String actual = memory(task.get()).signal();
        boolean same = java.util.Objects.equals(actual, s.signal());
        boolean ok = same == (s.op() == oss.compiler.expect.CompareOp.EQ);
        String shown = actual == null ? "none" : actual;
        String expected = s.signal() == null ? "none" : s.signal();
        return new ExpectationResult(s, ok ? Status.PASSED : Status.FAILED, shown, s.process() + ".signal was " + shown
                + (ok ? "" : ", expected " + s.op().symbol() + " " + expected));
    }

    private ExpectationResult variable(Expectation.Variable v) {
        if (run.isEmpty()) {
            return undecided(v, "there are no processes to run");
        }
        Optional<TaskReport> task = declared(v.process());
        if (task.isEmpty()) {
            return undecided(v, "no task ran as " + v.process());
        }
        List<Long> values = task.get().variables();
        if (v.slot() >= values.size()) {
            return undecided(v, v.process() + " has no variable " + v.variable());
        }
        long actual = values.get(v.slot()) == -1 ? 0 : values.get(v.slot()); // a failed malloc or mmap leaves NULL
        boolean ok = (actual == v.value()) == (v.op() == oss.compiler.expect.CompareOp.EQ);
        String shown = actual == 0 ? "NULL" : actual < 0 || actual > 0xFFFFFF ? "0x" + Long.toHexString(actual)
                : Long.toString(actual);
        String expected = v.value() == 0 ? "NULL" : v.value() < 0 || v.value() > 0xFFFFFF
                ? "0x" + Long.toHexString(v.value()) : Long.toString(v.value());
        return new ExpectationResult(v, ok ? Status.PASSED : Status.FAILED, shown, v.process() + "." + v.variable()
                + " was " + shown + (ok ? "" : ", expected " + v.op().symbol() + " " + expected));
    }

    private ExpectationResult machine(Expectation.Machine m) {
        if (run.isEmpty()) {
            return undecided(m, "there are no processes to run");
        }
        MachineStats stats = run.get().machine() == null ? MachineStats.NONE : run.get().machine();
        long actual;
        switch (m.subject()) {
            case "tlb" -> actual = m.metric().equals("hits") ? stats.tlbHits() : stats.tlbMisses();
            case "memory" -> actual = m.metric().equals("accesses") ? stats.memoryAccesses() : stats.pageWalks();
            case "psc" -> actual = pscCounter(stats, m.metric());
            default -> {
                Optional<CacheStats> c = stats.caches().stream().filter(x -> x.name().equals(m.subject())).findFirst();
                if (c.isEmpty()) {
                    return undecided(m, "the run has no counters for the cache " + m.subject());
                }
                actual = switch (m.metric()) {
                    case "hits" -> c.get().hits();
                    case "misses" -> c.get().misses();
                    default -> c.get().writebacks();
                };
            }
        }
        boolean ok = m.op().test(actual, m.value());
        return new ExpectationResult(m, ok ? Status.PASSED : Status.FAILED, Long.toString(actual), m.subject() + "."
                + m.metric() + " was " + actual + (ok ? "" : ", expected " + m.op().symbol() + " " + m.value()));
    }

    /** {@code hits}, {@code misses}, or one cache's: {@code pde_hits}, ... (0 for a cache the machine lacks). */
    private static long pscCounter(MachineStats stats, String metric) {
        if (metric.equals("hits")) {
            return stats.pscHits();
        }
        if (metric.equals("misses")) {
            return stats.pscMisses();
        }
        int cut = metric.lastIndexOf('_');
        String name = metric.substring(0, cut).toUpperCase(java.util.Locale.ROOT);
        boolean hits = metric.endsWith("_hits");
        return stats.psc().stream().filter(p -> p.name().equals(name))
                .mapToLong(p -> hits ? p.hits() : p.misses()).sum();
    }

    private ExpectationResult metric(Expectation.Metric m) {
        if (run.isEmpty()) {
            return undecided(m, "there are no processes to run");
        }
        Optional<TaskReport> task = declared(m.process());
        if (task.isEmpty()) {
            return undecided(m, "no task ran as " + m.process());
        }
        TaskReport t = task.get();
        TaskMemory mem = memory(t);
        long actual = switch (m.metric()) {
            case "turnaround" -> t.turnaroundNs();
            case "response" -> t.responseNs();
            case "waiting" -> t.waitingNs();
            case "finish" -> t.finishNs();
            case "arrival" -> t.arrivalNs();
            case "first_run" -> t.firstRunNs();
            case "cpu" -> t.cpuNs();
            case "spin_time" -> t.spinNs();
            case "stime" -> t.stimeNs();
            case "utime" -> t.utimeNs();
            case "exit" -> t.exitStatus();
            case "voluntary_switches" -> t.voluntarySwitches();
            case "involuntary_switches" -> t.involuntarySwitches();
            case "page_faults" -> mem.pageFaults();
            case "minor_faults" -> mem.minorFaults();
            case "major_faults" -> mem.majorFaults();
            case "cow_faults" -> mem.cowFaults();
            case "rss" -> mem.rssPages();
            case "seq_retries" -> t.seqRetries();
            case "free_blocks" -> mem.freeBlocks() < 0 ? Long.MIN_VALUE : mem.freeBlocks();
            case "cache_hits" -> t.io().cacheHits();
            case "cache_misses" -> t.io().cacheMisses();
            case "read_bytes" -> t.io().readBytes();
            case "write_bytes" -> t.io().writeBytes();
            default -> m.metric().startsWith("syscalls.")
                    ? t.syscalls().getOrDefault(m.metric().substring("syscalls.".length()), 0L) : Long.MIN_VALUE;
        };
        if (actual == Long.MIN_VALUE) {
            return undecided(m, "unknown metric " + m.metric());
        }
        boolean never = actual < 0 && !m.metric().equals("exit");
        if (never || (m.metric().equals("exit") && t.exitStatus() < 0 && t.finishNs() < 0)) {
            String what = switch (m.metric()) {
                case "exit" -> m.process() + " never exited";
                case "response", "first_run" -> m.process() + " never ran";
                default -> m.process() + " never finished";
            };
            return new ExpectationResult(m, Status.FAILED, "never", what);
        }
        String pages = m.metric().equals("rss") ? " pages" : "";
        String shown = m.isTime() ? Durations.format(actual) : actual + pages;
        boolean ok = m.op().test(actual, m.value());
        String expected = m.isTime() ? Durations.format(m.value()) : m.value() + pages;
        if (!ok && shown.equals(expected) && actual != m.value()) {
            // rounded alike they would read as equal ("was 2 ms, expected == 2 ms"): the exact
            // nanoseconds say why they are not
            shown += " (" + actual + " ns)";
            expected += " (" + m.value() + " ns)";
        }
        return new ExpectationResult(m, ok ? Status.PASSED : Status.FAILED, shown,
                m.process() + "." + m.metric() + " was " + shown + (ok ? "" : ", expected " + m.op().symbol() + " " + expected));
    }

    private static String stateWord(boolean safe) {
        return safe ? "the state is safe" : "the state is unsafe";
    }

    static String describe(BankerReport.RequestOutcome r) {
        return switch (r.verdict()) {
            case GRANTED -> "the request of " + r.process() + " is granted: the state after it is safe";
            case EXCEEDS_NEED -> "the request of " + r.process() + " exceeds its need: an error, not granted";
            case MUST_WAIT -> "the request of " + r.process() + " must wait: not enough available";
            case UNSAFE -> "the request of " + r.process() + " is denied: granting it would leave the state unsafe";
        };
    }

    private static ExpectationResult verdict(Expectation e, boolean ok, String actual) {
        return new ExpectationResult(e, ok ? Status.PASSED : Status.FAILED, actual, actual);
    }

    private static ExpectationResult undecided(Expectation e, String why) {
        return new ExpectationResult(e, Status.UNDECIDED, "-", "cannot be judged: " + why);
    }
}
