package oss.runtime.kernel;

import oss.ir.diag.Code;
import oss.runtime.hw.Cpu;
import oss.runtime.hw.Event;
import oss.runtime.kernel.sched.Wake;
import oss.runtime.observe.TaskState;

/**
 * What each kind of {@link Event} does when the {@link Kernel}'s loop pops it: a task arrives, a
 * timer or alarm fires, a CPU's burst, context switch or slice ends, the fair class's periodic
 * tick. The loop decides when (one instant at a time, then a scheduling pass); this decides what.
 */
final class EventHandlers {
    private final Kernel k;

    EventHandlers(Kernel k) {
        this.k = k;
    }

    /** Handles one event; false when it was stale (its task had already left the CPU). */
    boolean handle(Event e) {
        switch (e.kind) {
            case ARRIVAL -> {
                Task t = k.tasks.get(e.target);
                t.arrivalNs = k.now;
                k.sched.attach(t);
                if (t.cannotStart != null) {
                    k.findings.add(Code.OUT_OF_MEMORY, t.exitedAt, t + " cannot be created: the kernel found no frame"
                            + " for " + t.cannotStart + " (every frame holds a kernel object or a page that cannot be"
                            + " evicted), so it ends (SIGKILL) before it runs; give the machine more `memory`");
                    t.signal = "SIGKILL";
                    t.signalAt = t.exitedAt;
                    k.lifecycle.finishExit(t, 128 + 9);
                    return true;
                }
                k.sched.makeRunnable(t, Wake.NEW);
            }
            case TIMER -> {
                Task t = k.tasks.get(e.target);
                if (t.blocker != Task.Blocker.TIMER && t.blocker != Task.Blocker.IO || t.blockedUntil != k.now) {
                    return false;
                }
                k.wake(t);
            }
            case DEVICE -> {
                boolean alive = false;
                for (int pid = 2; pid < k.tasks.size() && !alive; pid++) {
                    alive = k.tasks.get(pid).alive();
                }
                return k.devices.arrive(e.target, (int) e.generation, alive);
            }
            case IO_TIMEOUT -> {
                return k.devices.io().timeout(e.target, e.generation);
            }
            case ALARM -> {
                return k.signals.calls.alarm(e.target, e.generation);
            }
            case BURST_END -> {
                Cpu cpu = k.cpus[e.target];
                if (cpu.generation != e.generation || cpu.idle()) {
                    return false;
                }
                Task t = k.tasks.get(cpu.current);
                k.sched.charge(cpu);
                cpu.burstEnd = CoreScheduler.NO_SLICE;
                if (t.burning) {
                    // the cost of accesses already made: the statement itself goes on (or is done)
                    t.burning = false;
                    t.inCompute = false;
                } else if (t.spinning) {
                    k.stopSpinning(t); // the lock it spun on was handed to it: the statement finishes
                } else {
                    t.next();
                }
                k.execute(t);
            }
            case SWITCH_DONE -> {
                Cpu cpu = k.cpus[e.target];
                if (cpu.generation != e.generation || cpu.idle()) {
                    return false;
                }
                k.sched.closeSwitch(cpu);
                Task t = k.tasks.get(cpu.current);
                if (t.firstRunNs < 0) {
                    t.firstRunNs = k.now;
                }
                k.execute(t);
            }
            case SLICE_END -> {
                Cpu cpu = k.cpus[e.target];
                if (cpu.sliceGeneration != e.generation || cpu.idle()) {
                    return false;
                }
                cpu.sliceEventPending = false;
                cpu.sliceExpired = true;
            }
            case PERIODIC -> {
                k.periodicPending = false;
                k.sched.fair.periodic(k.now);
                boolean busy = k.sched.fair.queued() > 0;
                for (Cpu cpu : k.cpus) {
                    busy |= !cpu.idle();
                }
                if (!busy) {
                    // sleepers were boosted; with no CPU busy the boost must not count as the run still going
                    schedulePeriodic();
                    return false;
                }
                for (Cpu cpu : k.cpus) {
                    if (!cpu.idle() && !k.tasks.get(cpu.current).realTime()) {
                        k.sched.charge(cpu);
                        k.sched.renewSlice(cpu, k.tasks.get(cpu.current));
                    }
                }
                schedulePeriodic();
            }
        }
        return true;
    }

    void schedulePeriodic() {
        if (k.periodicPending || !anyoneCanRun()) {
            return;
        }
        long at = k.sched.fair.nextPeriodic(k.now);
        if (at != Long.MAX_VALUE) {
            k.periodicPending = true;
            k.events.schedule(at, Event.Kind.PERIODIC, 0, 0);
        }
    }

    /** Periodic work only matters while something can still happen; otherwise it would keep a dead run alive. */
    boolean anyoneCanRun() {
        if (!k.events.isEmpty()) {
            return true;
        }
        if (k.director.active()) {
            Task d = k.director.designated();
            return d != null && (d.state == TaskState.RUNNING || d.state == TaskState.RUNNABLE);
        }
        for (int pid = 2; pid < k.tasks.size(); pid++) {
            TaskState s = k.tasks.get(pid).state;
            if (s == TaskState.RUNNING || s == TaskState.RUNNABLE) {
                return true;
            }
        }
        return false;
    }
}
