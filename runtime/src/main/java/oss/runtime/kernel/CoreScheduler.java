package oss.runtime.kernel;

import java.util.ArrayList;
import java.util.List;
import oss.ir.program.Span;
import oss.runtime.hw.Cpu;
import oss.runtime.hw.Event;
import oss.runtime.kernel.sched.SchedEntity;
import oss.runtime.kernel.sched.Scheduler;
import oss.runtime.kernel.sched.Schedulers;
import oss.runtime.kernel.sched.Wake;
import oss.runtime.observe.TaskState;

/**
 * The scheduling core, as Linux's kernel/sched/core.c: the pass that runs after every instant's
 * events (expired slices, woken tasks that may preempt, idle CPUs that pick), dispatch and context
 * switches, preemption, slices, and the CPU-time accounting. Which task comes next is each policy's
 * own decision, one class per policy in {@code sched}; real-time tasks always go before the fair
 * class, as SCHED_FIFO/SCHED_RR go before SCHED_NORMAL.
 */
final class CoreScheduler {
    private final Kernel k;
    final Scheduler fair;
    final Scheduler rt = Schedulers.realTime();
    List<Task> woken = new ArrayList<>();
    /** The list the scheduling pass walks while new wake-ups collect in {@link #woken}. */
    private List<Task> wokenBeingChecked = new ArrayList<>();
    private final long contextSwitchNs;
    private long queueSeq;
    static final long NO_SLICE = Long.MAX_VALUE;
    /** The burst end of a busy-waiting task: none until the lock is handed over (slice ends still come). */
    static final long SPINNING = Long.MAX_VALUE - 1;
    /** Tasks busy-waiting now (running or preempted). */
    int spinners;

    CoreScheduler(Kernel k, Scheduler fair, long contextSwitchNs) {
        this.k = k;
        this.fair = fair;
        this.contextSwitchNs = contextSwitchNs;
    }


    void schedulePass() {
        boolean changed = true;
        while (changed && !k.budgetExhausted) {
            changed = false;
            for (Cpu cpu : k.cpus) {
                if (cpu.sliceExpired && !cpu.idle()) {
                    cpu.sliceExpired = false;
                    Task t = k.tasks.get(cpu.current);
                    charge(cpu);
                    boolean yield = classOf(t).shouldYield(t.se, k.now);
                    if (yield && rt.queued() + fair.queued() > 0 && !k.director.active()) {
                        preempt(cpu, "its time slice was used up");
                        changed = true;
                    } else {
                        renewSlice(cpu, t);
                    }
                }
            }
            if (!woken.isEmpty()) {
                List<Task> list = woken;
                woken = wokenBeingChecked;
                wokenBeingChecked = list;
                int free = 0;
                for (Cpu cpu : k.cpus) {
                    free += cpu.idle() ? 1 : 0;
                }
                for (Task t : list) {
                    if (t.state != TaskState.RUNNABLE) {
                        continue;
                    }
                    if (free > 0 || k.director.active()) {
                        free--;
                        continue;
                    }
                    Cpu victim = victimFor(t);
                    if (victim != null) {
                        preempt(victim, "a more urgent task woke up (" + t + ")");
                        changed = true;
                    }
                }
                list.clear();
            }
            for (Cpu cpu : k.cpus) {
                if (cpu.idle() && !k.budgetExhausted) {
                    Task next = pick(cpu);
                    if (next != null) {
                        dispatch(cpu, next);
                        changed = true;
                    }
                }
            }
            if (++k.steps > k.stepBudget) {
                k.budgetExhausted = true;
            }
        }
        if (!k.periodicPending) {
            k.handlers.schedulePeriodic();
        }
    }

    /** The CPU whose task {@code t} should take over, preferring the least important victim. */
    private Cpu victimFor(Task t) {
        Cpu best = null;
        for (Cpu cpu : k.cpus) {
            if (cpu.idle()) {
                continue;
            }
            Task c = k.tasks.get(cpu.current);
            boolean preempt;
            if (t.realTime() != c.realTime()) {
                preempt = t.realTime();
            } else {
                charge(cpu);
                preempt = classOf(t).shouldPreempt(t.se, c.se, k.now);
            }
            if (preempt && (best == null || rank(c) < rank(k.tasks.get(best.current)))) {
                best = cpu;
            }
        }
        return best;
    }

    private static int rank(Task t) {
        return t.realTime() ? 1 + t.se.rtPriority : 0;
    }

    Task pick(Cpu cpu) {
        if (k.director.active()) {
            Task d = k.director.designated();
            if (d != null && d.state == TaskState.RUNNABLE && classOf(d).take(d.se, cpu.index, k.now)) {
                return d;
            }
            if (k.director.active()) {
                return null;
            }
        }
        SchedEntity se = rt.queued() > 0 ? rt.pickNext(cpu.index, k.now) : null;
        if (se == null) {
            se = fair.pickNext(cpu.index, k.now);
        }
        return se == null ? null : k.tasks.get(se.pid);
    }

    void dispatch(Cpu cpu, Task t) {
        cpu.generation++;
        cpu.current = t.pid;
        cpu.sliceExpired = false;
        t.cpu = cpu.index;
        t.state = TaskState.RUNNING;
        t.waitingNs += k.now - t.queuedAt;
        if (t.preemptedAt == k.now && cpu.lastRan == t.pid) {
            // put back and picked again at once on the same CPU: no switch happened
            t.involuntary--;
        }
        t.preemptedAt = -1;
        long cost = cpu.lastRan != 0 && cpu.lastRan != t.pid ? contextSwitchNs : 0;
        cpu.runStart = k.now + cost;
        cpu.chargedTo = cpu.runStart;
        cpu.sliceOpen = cpu.runStart;
        cpu.lastRan = t.pid;
        if (k.mm != null) {
            k.mm.switchTo(cpu.index, t.pid);
        }
        if (t.firstRunNs < 0 && cost == 0) {
            // after a switch it first runs at SWITCH_DONE, if it is not preempted before
            t.firstRunNs = k.now;
        }
        startSlice(cpu, t, cpu.runStart);
        if (cost > 0) {
            cpu.switching = true;
            k.events.schedule(cpu.runStart, Event.Kind.SWITCH_DONE, cpu.index, cpu.generation);
        } else {
            k.execute(t);
        }
    }

    void startSlice(Cpu cpu, Task t, long from) {
        cpu.sliceGeneration++;
        cpu.sliceEventPending = false;
        long slice = classOf(t).timeSlice(t.se, k.now);
        cpu.sliceEnd = slice == NO_SLICE ? NO_SLICE : from + Math.max(1, slice);
        armSlice(cpu);
    }

    /**
     * Puts the slice end in the event queue only once it falls within the
     * burst being run: most bursts end (the task blocks) before their slice
     * does, and an event nobody needs still costs a heap insert and removal.
     */
    void armSlice(Cpu cpu) {
        if (!cpu.sliceEventPending && cpu.sliceEnd != NO_SLICE && cpu.burstEnd != NO_SLICE
                && cpu.sliceEnd <= cpu.burstEnd) {
            cpu.sliceEventPending = true;
            k.events.schedule(cpu.sliceEnd, Event.Kind.SLICE_END, cpu.index, cpu.sliceGeneration);
        }
    }

    void renewSlice(Cpu cpu, Task t) {
        startSlice(cpu, t, Math.max(k.now, cpu.runStart));
    }

    /** Takes the CPU away from its task and puts the task back in the run queue; {@code why} goes in the chart. */
    void preempt(Cpu cpu, String why) {
        Task t = k.tasks.get(cpu.current);
        leaveCpu(cpu, t, "preempted: " + why);
        t.involuntary++;
        t.preemptedAt = k.now;
        t.state = TaskState.RUNNABLE;
        t.queuedAt = k.now;
        t.se.queueSeq = ++queueSeq;
        classOf(t).enqueue(t.se, Wake.PREEMPTED, k.now);
    }

    void leaveCpu(Cpu cpu, Task t, String why) {
        if (k.data != null) {
            k.data.leftCpu(t);
        }
        charge(cpu);
        if (cpu.sliceOpen >= 0) {
            k.gantt.add(cpu.index, t.pid, cpu.sliceOpen, k.now, why);
        }
        cpu.sliceOpen = -1;
        closeSwitch(cpu);
        cpu.burstEnd = NO_SLICE;
        cpu.current = 0;
        cpu.generation++;
        cpu.sliceGeneration++;
        cpu.sliceExpired = false;
        t.cpu = -1;
    }

    /**
     * Ends the context switch in progress on {@code cpu}, if any, and charts
     * the switch time actually spent: all of it at SWITCH_DONE, only up to now
     * when the switch is cut short (the incoming task is preempted before it
     * ran, or the run stops), so pid-0 slices never overlap what follows.
     */
    void closeSwitch(Cpu cpu) {
        if (cpu.switching) {
            k.gantt.add(cpu.index, 0, cpu.runStart - contextSwitchNs, Math.min(k.now, cpu.runStart));
            cpu.switching = false;
        }
    }

    /** Charges the running task for the CPU time since the last charge. */
    void charge(Cpu cpu) {
        Task t = k.tasks.get(cpu.current);
        long from = Math.max(cpu.chargedTo, cpu.runStart);
        long ran = Math.max(0, k.now - from);
        if (ran > 0) {
            t.cpuNs += ran;
            if (t.spinning) {
                t.spinNs += ran;
            }
            t.syscalls.charged(ran, t.burning);
            if (t.inCompute) {
                t.computeLeft -= ran;
            }
            cpu.chargedTo = k.now;
        }
        classOf(t).account(t.se, ran, k.now);
    }

    Scheduler classOf(Task t) {
        return t.realTime() ? rt : fair;
    }

    void attach(Task t) {
        classOf(t).attach(t.se, k.now);
    }

    void makeRunnable(Task t, Wake why) {
        k.endWait(t);
        t.state = TaskState.RUNNABLE;
        t.queuedAt = k.now;
        t.se.queueSeq = ++queueSeq;
        classOf(t).enqueue(t.se, why, k.now);
        woken.add(t);
    }

    // ---- sleeping, waking and busy-waiting: what the subsystems ask through Core

    /** What the chart says a task blocked on when the caller gave no words of its own. */
    private static final String[] BLOCKED_ON = java.util.Arrays.stream(Task.Blocker.values())
            .map(b -> switch (b) {
                case TIMER -> "sleep";
                case IO -> "I/O";
                default -> b.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            })
            .toArray(String[]::new);

    /** The running {@code t} goes to sleep on {@code blocker}: it leaves its CPU; {@code on} says what for. */
    public void block(Task t, Task.Blocker blocker, int index, Span at, String on) {
        k.locking.sleeping(t, at, on);
        leaveCpu(k.cpus[t.cpu], t, "blocked: " + (on != null ? on : BLOCKED_ON[blocker.ordinal()]));
        classOf(t).block(t.se, k.now);
        t.voluntary++;
        t.state = blocker == Task.Blocker.IO ? TaskState.DISK_SLEEP : TaskState.SLEEPING;
        t.waitingSince = k.now;
        t.waitingOn = on != null ? on : BLOCKED_ON[blocker.ordinal()];
        t.blocker = blocker;
        t.blockerIndex = index;
        t.blockedAt = at;
        t.blockedOn = on;
    }

    /** The running {@code t} busy-waits on its CPU until {@link #kick}ed; its CPU time meanwhile is spin time. */
    public void spin(Task t) {
        if (!t.spinning) {
            t.spinning = true;
            spinners++;
        }
        Cpu cpu = k.cpus[t.cpu];
        cpu.burstEnd = SPINNING;
        armSlice(cpu);
    }

    /** A spinner's wait is over: on a CPU it goes on at once; preempted, when it next runs. */
    public void kick(Task t) {
        if (t.cpu >= 0 && t.spinning && k.cpus[t.cpu].burstEnd == SPINNING) {
            Cpu cpu = k.cpus[t.cpu];
            cpu.burstEnd = k.now;
            k.events.schedule(k.now, Event.Kind.BURST_END, cpu.index, cpu.generation);
        }
    }

    public void stopSpinning(Task t) {
        if (t.spinning) {
            t.spinning = false;
            spinners--;
        }
    }

    /** A sleeper becomes runnable again. */
    public void wake(Task t) {
        t.blocker = Task.Blocker.NONE;
        t.blockerIndex = -1;
        t.blockedAt = null;
        t.blockedOn = null;
        if (k.data != null) {
            k.data.woken(t);
        }
        if (t.state == TaskState.STOPPED) {
            // stopped while asleep: the wait is over, but only SIGCONT lets it run (SignalGlue.resume)
            t.blockedOn = "SIGCONT (it is stopped, state T)";
            t.blockedAt = t.current() != null ? t.current().span() : t.exitedAt;
            return;
        }
        makeRunnable(t, Wake.WAKEUP);
    }

    /** SIGCONT to a task stopped while asleep whose wait goes on: it sleeps again (S), still queued where it was. */
    void sleepAgain(Task t) {
        k.endWait(t);
        t.state = TaskState.SLEEPING;
        t.waitingSince = k.now;
        t.waitingOn = t.blockedOn != null ? t.blockedOn : BLOCKED_ON[t.blocker.ordinal()];
    }
}
