package oss.runtime.kernel;

import java.util.ArrayList;
import java.util.List;
import oss.ir.diag.Code;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.Span;
import oss.runtime.hw.Cpu;
import oss.runtime.kernel.mm.MemoryManager;
import oss.runtime.observe.MachineStats;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.SnapshotView;
import oss.runtime.observe.TaskMemory;
import oss.runtime.observe.TaskReport;
import oss.runtime.observe.TaskState;
import oss.runtime.observe.WaitSpan;

/**
 * The end of a run: the charts closed at the last instant, the findings only the end can make
 * (a deadlock or a task blocked forever, zombies never reaped, a budget or the time limit
 * reached), the /proc views of the final state, and every task's report.
 */
final class EndOfRun {
    private final Kernel k;

    EndOfRun(Kernel k) {
        this.k = k;
    }

    RunResult finish() {
        for (Cpu cpu : k.cpus) {
            if (!cpu.idle()) {
                Task t = k.tasks.get(cpu.current);
                k.sched.charge(cpu);
                k.sched.closeSwitch(cpu);
                if (cpu.sliceOpen >= 0) {
                    k.gantt.add(cpu.index, t.pid, cpu.sliceOpen, k.now, k.cutShort ? (k.timeLimitHit ? "the run reached its time limit" : "the run stopped (--until)") : "the run ended");
                }
            }
        }
        for (int pid = 2; pid < k.tasks.size(); pid++) {
            Task t = k.tasks.get(pid);
            if (t.state == TaskState.RUNNABLE) {
                t.waitingNs += k.now - t.queuedAt;
                t.queuedAt = k.now;
            }
        }
        boolean ended = !k.budgetExhausted && !k.cutShort;
        boolean deadlocked = false;
        if (ended) {
            DeadlockReporter reporter = new DeadlockReporter(k.tasks, k.mutexes, k.semaphores, k.resources,
                    t -> switch (t.blocker) {
                        case SEMSET -> k.semsets.waitsFor(t, k.tasks.size(), k.tasks::get);
                        case PIPE_READ, PIPE_WRITE, FIFO_OPEN -> k.fds.waitsFor(t, k.tasks.size(), k.tasks::get);
                        case AWAIT, DATA_SPIN -> k.data.waitsFor(t, k.tasks.size(), k.tasks::get);
                        case MSGSND, MSGRCV, MQ_SEND, MQ_RECEIVE -> k.msgs.waitsFor(t, k.tasks.size(), k.tasks::get);
                        default -> k.locking.waitsFor(t, k.tasks.size(), k.tasks::get);
                    });
            endlessLoops();
            k.msgs.leftAtEnd();
            k.devices.io().leftAtEnd(k.tasks);
            deadlocked = reporter.report(k.findings);
            if (k.program.kernel().deadlock() == DeadlockPolicy.IGNORE) {
                k.findings.downgrade(Code.DEADLOCK, "`deadlock ignore`: the ostrich kernel does nothing about it");
                k.findings.downgrade(Code.BLOCKED_FOREVER, "`deadlock ignore`: the ostrich kernel does nothing about it");
            }
            k.syscalls.shmEndOfRun();
            for (int pid = 2; pid < k.tasks.size(); pid++) {
                Task t = k.tasks.get(pid);
                if (t.state == TaskState.ZOMBIE && t.forked) {
                    k.findings.add(Code.ZOMBIE_LEFT, k.lifecycle.forkedAt.get(pid), t + " exited with status " + t.exitStatus
                            + " at " + k.ms(t.finishNs) + " and was never reaped: its parent "
                            + k.tasks.get(t.ppid) + " never waits for it, so it stays a zombie");
                }
            }
        }
        if (k.budgetExhausted && k.data != null) {
            loopsCutShort();
        }
        if (k.timeLimitHit) {
            Span where = k.program.processes().isEmpty() ? Span.NONE : k.program.processes().get(0).span();
            k.findings.add(Code.TIME_LIMIT, where, "the run stopped at " + k.ms(k.now) + ", the simulator's limit of 2^52 ns"
                    + " (about 52 days of simulated time); results describe the state at that instant. Shorten the"
                    + " scenario's times, or stop earlier with --until");
        }
        if (k.budgetExhausted && k.outOfBudgetWhy != null) {
            Span where = k.program.processes().isEmpty() ? Span.NONE : k.program.processes().get(0).span();
            k.findings.add(Code.ANALYSIS_BUDGET, where, k.outOfBudgetWhy + " (the run stopped after " + k.processed
                    + " events at " + k.ms(k.now) + "; results describe that instant)");
        } else if (k.budgetExhausted) {
            Span where = k.program.processes().isEmpty() ? Span.NONE : k.program.processes().get(0).span();
            k.findings.add(Code.BUDGET_EXHAUSTED, where, "the run stopped after " + k.processed + " events and " + k.steps
                    + " steps at " + k.ms(k.now) + ", the budget of " + k.options.maxEvents() + " events and " + k.stepBudget + " steps"
                    + "; raise --max-events, or look for a loop that never ends");
        }
        // what /proc would show once the run is over (oss run --show picks from it); every run has
        // one, for its strace and top views and the trace
        k.snapshots.add(new SnapshotView("end of run", k.now, Span.NONE, k.views(true)));
        List<TaskReport> reports = new ArrayList<>();
        for (int pid = 1; pid < k.tasks.size(); pid++) {
            Task t = k.tasks.get(pid);
            reports.add(new TaskReport(t.pid, t.ppid, t.process, t.forked, t.state, t.arrivalNs, t.firstRunNs,
                    t.finishNs, t.cpuNs, t.waitingNs, t.voluntary, t.involuntary, t.exitStatus, t.blockedAt,
                    t.describeBlock(), memoryOf(t), t.spinNs, t.seqRetries,
                    java.util.Arrays.stream(t.slots).boxed().toList(), t.syscalls.snapshot(), ioOf(t), t.syscalls.stimeNs(),
                    t.syscalls.stats()));
        }
        for (Task t : k.tasks) {
            if (t != null && t.waitingSince >= 0 && t.pid > 1) {
                // still waiting when the run ended (blocked forever, or cut short)
                k.waits.add(new WaitSpan(t.pid, t.waitingSince, -1, t.state == TaskState.DISK_SLEEP ? "D" : "S",
                        t.waitingOn));
            }
        }
        return new RunResult(k.cutShort ? k.now : k.lastActive, k.processed, k.cpus.length, List.copyOf(reports), k.gantt.slices(),
                List.copyOf(k.lifecycle.finishOrder), k.findings.all(), deadlocked, k.budgetExhausted,
                k.mm == null ? MachineStats.NONE : k.mm.machineStats(), List.copyOf(k.snapshots), k.facts.all(),
                k.director.followed(), List.copyOf(k.waits), dataOutcome());
    }

    /** Tasks parked in a busy-wait that nothing left can end: OSS2503 at the loop, each once. */
    private void endlessLoops() {
        if (k.data == null) {
            return;
        }
        for (Task t : k.data.spinningForever()) {
            k.findings.add(Code.ENDLESS_LOOP, t.blockedAt, t + " spins in this loop for good: "
                    + k.data.whySpinning(t, k.tasks.size(), k.tasks::get) + "; it burned " + k.ms(t.spinNs)
                    + " of CPU spinning");
        }
    }

    /** The run's step or event budget ran out while tasks went round loops: OSS2503 at each such loop. */
    private void loopsCutShort() {
        java.util.Set<oss.ir.program.Op.Loop> said = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int pid = 2; pid < k.tasks.size(); pid++) {
            Task t = k.tasks.get(pid);
            oss.ir.program.Op.Loop loop = t.alive() ? t.currentLoop() : null;
            if (loop != null && said.add(loop)) {
                k.findings.add(Code.ENDLESS_LOOP, loop.span(), t + " was still going round this loop when the run"
                        + " stopped at its budget (" + k.processed + " events, " + k.steps + " steps): the loop does"
                        + " not end within the run");
            }
        }
    }

    private oss.runtime.observe.DataOutcome dataOutcome() {
        if (k.data == null) {
            return oss.runtime.observe.DataOutcome.NONE;
        }
        List<long[]> slots = new ArrayList<>();
        for (int i = 0; i < k.program.processes().size(); i++) {
            slots.add(k.tasks.get(i + 2).slots.clone());
        }
        return k.data.outcome(slots);
    }

    /** What {@code t} read and wrote through the page cache; none in a run without memory. */
    private oss.runtime.observe.TaskIo ioOf(Task t) {
        if (k.mm == null) {
            return oss.runtime.observe.TaskIo.NONE;
        }
        long[] c = k.mm.filemap().task(t.pid);
        return new oss.runtime.observe.TaskIo(c[0], c[1], c[2], c[3]);
    }

    TaskMemory memoryOf(Task t) {
        if (k.mm == null || k.mm.counters(t.pid) == null) {
            return t.signal == null ? TaskMemory.NONE
                    : new TaskMemory(0, 0, 0, 0, 0, t.signal, t.signalAt, 0, 0);
        }
        MemoryManager.TaskCounters c = k.mm.counters(t.pid);
        var space = k.mm.addressSpace(t.pid);
        long rss = space != null ? space.resident.size() : Math.max(0, c.rssAtExit);
        long vm = space != null ? space.vmPages(MemoryManager.PAGE_SIZE) : Math.max(0, c.vmAtExit);
        long leaked = c.leaks.stream().mapToLong(b -> b.size()).sum();
        int freeBlocks = space != null && space.allocator != null ? space.allocator.freeListLength() : c.freeBlocks;
        return new TaskMemory(c.minor, c.major, c.cow, rss, vm, t.signal, t.signalAt, leaked, c.leaks.size(),
                freeBlocks);
    }
}
