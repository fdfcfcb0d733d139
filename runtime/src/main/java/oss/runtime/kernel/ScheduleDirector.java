package oss.runtime.kernel;

import oss.runtime.observe.TaskState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oss.ir.diag.Code;
import oss.ir.diag.Findings;
import oss.runtime.explore.Schedule;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.ir.program.Visibility;
import oss.runtime.kernel.data.DataCalls;

/**
 * Replays a schedule ({@code oss run --schedule}): while steps remain, only
 * the task the current step names may be dispatched; it runs its invisible
 * statements and then one visible step (see {@link Visibility}), which must
 * be at the step's line:column. A step whose statement completed while its
 * task slept (a lock handed over, a child reaped) counts when the task next
 * runs. On a mismatch, or when the named task cannot run, an OSS2406
 * finding says so and normal scheduling takes over, as it does after the
 * last step.
 */
final class ScheduleDirector {
    private final List<Schedule.Step> steps;
    private final List<Task> tasks;
    private final Findings findings;
    private int next;
    private boolean active;
    /** Visible statements a task started without finishing: pid → (statement, progress when it stopped). */
    private final Map<Integer, Pending> pending = new HashMap<>();

    private record Pending(Op op, long progress) {}

    /** Where a flush step's store buffer is; null without shared data. */
    private DataCalls data;

    ScheduleDirector(Schedule schedule, List<Task> tasks, Findings findings) {
        this.steps = schedule == null ? List.of() : schedule.steps();
        this.tasks = tasks;
        this.findings = findings;
        this.active = !steps.isEmpty();
    }

    boolean active() {
        return active;
    }

    /** Where an alarm step fires the alarm, and who hears that the replay is over. */
    private SignalGlue signals;

    /**
     * Flush steps commit buffered stores through {@code d} (null: the scenario has none); alarm
     * steps fire alarms through {@code signals}, which holds the alarms that come due meanwhile.
     */
    void hooks(DataCalls d, SignalGlue signals, oss.runtime.kernel.io.DeviceCalls devices) {
        this.data = d;
        this.signals = signals;
        this.devices = devices;
        if (active && devices != null) {
            devices.holdForReplay();
        }
        flushSteps();
    }

    /** Where a delivery step makes a device's next delivery arrive. */
    private oss.runtime.kernel.io.DeviceCalls devices;

    /** The replay is over (done, or given up): the scheduler decides from here, alarms fire on time again. */
    private void finish() {
        active = false;
        if (signals != null) {
            signals.replayOver();
        }
        if (devices != null) {
            devices.replayOver();
        }
    }

    /**
     * The flush and alarm steps due now: a store buffer drains and a timer fires without its
     * task running, so each is done the moment the step before it is (docs/language.md, "Memory
     * models", "Signals in a run").
     */
    private void flushSteps() {
        while (active && (steps.get(next).flush() || steps.get(next).alarm() || steps.get(next).device() != null)) {
            Schedule.Step s = steps.get(next);
            Task t = s.pid() >= 2 && s.pid() < tasks.size() ? tasks.get(s.pid()) : null;
            String why = s.device() != null ? devices == null ? "the scenario declares no device"
                    : devices.deliverNext(s.device())
                    : t == null ? "there is no task with pid " + s.pid()
                    : s.alarm() ? signals.fireAlarm(t)
                    : data == null ? "the scenario has no shared variables, so no store buffer"
                    : data.flush(t, s.line(), s.column());
            if (why != null) {
                giveUp(why);
                return;
            }
            if (++next == steps.size()) {
                finish();
            }
        }
    }

    /** The current step's branch when it is {@code t}'s (a choose's, or 1 for a relaxed load of the older value); -1 otherwise. */
    int stepBranch(Task t) {
        return !active || steps.get(next).pid() != t.pid ? -1 : steps.get(next).branch();
    }

    /** The step cannot be done as the schedule says: OSS2406, and the scheduler decides from here on. */
    void mismatch(String why) {
        if (active) {
            giveUp(why);
        }
    }

    int followed() {
        return next;
    }

    /**
     * The task that may be dispatched, or null when it is not runnable now
     * (it sleeps, has not arrived, or already runs). A pid that does not
     * exist or has exited ends the replay.
     */
    Task designated() {
        int pid = steps.get(next).pid();
        if (pid < 2 || pid >= tasks.size() || !tasks.get(pid).alive()) {
            giveUp(pid < 2 || pid >= tasks.size() ? "there is no task with pid " + pid
                    : tasks.get(pid) + " has already exited");
            return null;
        }
        return tasks.get(pid);
    }

    /**
     * {@code t} is about to execute statements: a step it finished while
     * asleep counts now. False when it must not go on (another task's turn).
     */
    boolean mayRun(Task t) {
        if (!active) {
            return true;
        }
        Pending p = pending.get(t.pid);
        if (p != null && p.progress != t.progress) {
            pending.remove(t.pid);
            complete(t, p.op.span());
        }
        return !active || steps.get(next).pid() == t.pid;
    }

    /**
     * {@code t} executed visible statement {@code op} (its progress was
     * {@code before}); true when it must stop now because the next step is
     * another task's.
     */
    boolean stepped(Task t, Op op, long before) {
        if (!active || !Visibility.isVisible(op)) {
            return false;
        }
        if (t.progress == before && t.alive()) {
            pending.put(t.pid, new Pending(op, before));
            Schedule.Step s = steps.get(next);
            if (s.sleep() && s.pid() == t.pid && t.state == TaskState.SLEEPING) {
                complete(t, op.span(), true); // it went to sleep in the call, as the step says
                return active && steps.get(next).pid() != t.pid;
            }
            return false;
        }
        pending.remove(t.pid);
        complete(t, op.span());
        if (active && t.state == TaskState.SLEEPING && t.current() == op) {
            // the first half of a two-step statement: the second may complete while it sleeps
            pending.put(t.pid, new Pending(op, t.progress));
        }
        return active && steps.get(next).pid() != t.pid;
    }

    /**
     * {@code t} is about to act on its pending signals (on its way back to user mode): while a
     * schedule is replayed it does so only at a step that says so ({@code pid 3 takes SIGUSR1}).
     */
    boolean mayDeliver(Task t) {
        return !active || steps.get(next).pid() == t.pid && steps.get(next).signal() > 0;
    }

    /**
     * {@code t} acted on {@code sig}: entered its handler, or took its default action. That is the
     * delivery step; a call the signal interrupted is part of it. True when {@code t} must stop
     * now because the next step is another task's.
     */
    boolean delivered(Task t, oss.ir.program.Signal sig) {
        if (!active) {
            return false;
        }
        Schedule.Step s = steps.get(next);
        if (s.pid() != t.pid || s.signal() != sig.number()) {
            giveUp(t + " took " + sig + (s.pid() != t.pid ? " (pid " + s.pid() + " was expected to step)"
                    : s.signal() > 0 ? ", not the signal the step names" : ", where the step names no signal"));
            return false;
        }
        pending.remove(t.pid);
        if (++next == steps.size()) {
            finish();
        }
        flushSteps();
        return active && steps.get(next).pid() != t.pid;
    }

    /** {@code t} reached the end of its code: exiting there is a step at {@code at}. */
    void exiting(Task t, Span at) {
        if (active) {
            complete(t, at);
        }
    }

    /** The branch a choose takes under the schedule; -1 when the run picks. */
    int branch(Task t, Op.Choose c) {
        if (!active || steps.get(next).pid() != t.pid || steps.get(next).branch() < 0) {
            return -1;
        }
        int b = steps.get(next).branch();
        if (b >= c.branches().size()) {
            giveUp(t + " reached a choose with " + c.branches().size() + " branches at " + c.span()
                    + ", but the step asks for branch " + b);
            return -1;
        }
        return b;
    }

    /** Nothing more can happen while the schedule holds the others back: the named task can never run. */
    void stuck() {
        if (active) {
            Task t = designated();
            if (t != null) {
                giveUp(t + " cannot run: it waits for " + (t.describeBlock() == null ? "nothing that can still happen"
                        : t.describeBlock()) + ", and the schedule lets no other task run");
            }
        }
    }

    /** The named task busy-waits: it cannot finish its step while the schedule holds the holder back. */
    boolean spinning() {
        if (active) {
            Task t = designated();
            if (t != null && t.spinning && t.blocker != Task.Blocker.NONE) {
                giveUp(t + " spins on " + t.blockedOn + ", and the schedule lets no other task run");
                return true;
            }
        }
        return false;
    }

    private void complete(Task t, Span at) {
        complete(t, at, false);
    }

    private void complete(Task t, Span at, boolean asleep) {
        Schedule.Step s = steps.get(next);
        if (s.pid() != t.pid || s.line() != at.line() || s.column() != at.column() || s.signal() > 0
                || s.sleep() != asleep) {
            giveUp(t + " took its step at " + at + (s.pid() != t.pid ? " (pid " + s.pid() + " was expected)" : ""));
            return;
        }
        if (++next == steps.size()) {
            finish();
        }
        flushSteps();
    }

    private void giveUp(String what) {
        Schedule.Step s = steps.get(next);
        findings.add(Code.SCHEDULE_MISMATCH, Span.NONE, "schedule step " + (next + 1) + " of " + steps.size() + " (`"
                + s + "`) does not fit: " + what + "; the run follows the scheduler from here");
        pending.clear();
        finish();
    }
}
