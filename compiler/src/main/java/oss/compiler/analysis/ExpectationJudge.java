package oss.compiler.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.analysis.ExpectationResult.Status;
import oss.compiler.expect.Expectation;
import oss.runtime.kernel.TaskState;
import oss.runtime.kernel.deadlock.BankerReport;
import oss.runtime.kernel.deadlock.BankerReport.Verdict;
import oss.runtime.observe.Durations;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;

/**
 * Judges `expect` lines against the default run and the banker's report.
 * Semantics (docs/language.md): run metrics are about the default
 * deterministic run; `safe`, `unsafe` and `safe_sequence` are about the
 * banker state after the table's request when it could be pretend-granted,
 * otherwise the state as given; a safe sequence passes when it is *a* valid
 * one, not only the canonical one.
 */
final class ExpectationJudge {
    private final Optional<RunResult> run;
    private final Optional<BankerReport> banker;

    ExpectationJudge(Optional<RunResult> run, Optional<BankerReport> banker) {
        this.run = run;
        this.banker = banker;
    }

    ExpectationResult judge(Expectation e) {
        if (e instanceof Expectation.Flag f) {
            return flag(f);
        }
        if (e instanceof Expectation.NameList l) {
            return list(l);
        }
        return metric((Expectation.Metric) e);
    }

    /** The state `expect safe` talks about. */
    Optional<BankerReport> judgedState() {
        return banker.map(b -> b.request().flatMap(BankerReport.RequestOutcome::after).orElse(b));
    }

    private ExpectationResult flag(Expectation.Flag f) {
        switch (f.name()) {
            case "deadlock" -> {
                if (run.isEmpty()) {
                    return undecided(f, "there are no processes to run");
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

    private ExpectationResult metric(Expectation.Metric m) {
        if (run.isEmpty()) {
            return undecided(m, "there are no processes to run");
        }
        Optional<TaskReport> task = run.get().tasks().stream()
                .filter(t -> !t.forked() && t.process().equals(m.process()))
                .findFirst();
        if (task.isEmpty()) {
            return undecided(m, "no task ran as " + m.process());
        }
        TaskReport t = task.get();
        long actual = switch (m.metric()) {
            case "turnaround" -> t.turnaroundNs();
            case "response" -> t.responseNs();
            case "waiting" -> t.waitingNs();
            case "finish" -> t.finishNs();
            case "arrival" -> t.arrivalNs();
            case "first_run" -> t.firstRunNs();
            case "cpu" -> t.cpuNs();
            case "exit" -> t.exitStatus();
            case "voluntary_switches" -> t.voluntarySwitches();
            case "involuntary_switches" -> t.involuntarySwitches();
            default -> Long.MIN_VALUE;
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
        String shown = m.isTime() ? Durations.format(actual) : Long.toString(actual);
        boolean ok = m.op().test(actual, m.value());
        String expected = m.isTime() ? Durations.format(m.value()) : Long.toString(m.value());
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
