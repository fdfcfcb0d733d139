package oss.runtime.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Findings;
import oss.ir.diag.Related;
import oss.runtime.hw.Cpu;
import oss.runtime.hw.Event;
import oss.runtime.hw.EventQueue;
import oss.runtime.kernel.deadlock.ResourceTable;
import oss.runtime.kernel.mm.KernelOutOfMemory;
import oss.runtime.kernel.mm.MemoryManager;
import oss.runtime.kernel.sched.SchedEntity;
import oss.runtime.kernel.sched.Scheduler;
import oss.runtime.kernel.sched.Schedulers;
import oss.runtime.kernel.sched.Wake;
import oss.runtime.kernel.sync.Mutex;
import oss.runtime.kernel.sync.Semaphore;
import oss.runtime.observe.GanttRecorder;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.SnapshotView;
import oss.runtime.observe.MachineStats;
import oss.runtime.observe.TaskMemory;
import oss.runtime.observe.WaitSpan;
import oss.runtime.observe.TaskReport;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.MutexDecl;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.ResourceDecl;
import oss.ir.program.SchedPolicy;
import oss.ir.program.SemaphoreDecl;
import oss.ir.program.Span;

/**
 * The simulated kernel of one run: tasks, CPUs, the two scheduling classes
 * (real-time above the configured normal policy), locks, semaphores and
 * resources, driven by a deterministic event queue.
 *
 * <p>Each instant is handled in two phases. First every event of that
 * instant runs (completions, then wake-ups and arrivals, then slice ends,
 * by {@link Event.Priority}); tasks that run on a CPU execute their
 * zero-time statements at once. Then one scheduling pass decides, as
 * schedule() does on the way back to user mode: tasks whose slice ended
 * yield, woken tasks may preempt, idle CPUs pick. Nothing depends on the
 * host: same program and seed, same run.
 *
 * <p>Use once: construct, {@link #run()}, read the result.
 */
public final class Kernel {
    private static final long NO_SLICE = Long.MAX_VALUE;
    /** The burst end of a busy-waiting task: none until the lock is handed over (slice ends still come). */
    private static final long SPINNING = Long.MAX_VALUE - 1;

    private final Program program;
    private final RunOptions options;
    private final EventQueue events = new EventQueue();
    private final Cpu[] cpus;
    private final Scheduler fair;
    private final Scheduler rt = Schedulers.realTime();
    private final ArrayList<Task> tasks = new ArrayList<>();
    private final Mutex[] mutexes;
    private final Semaphore[] semaphores;
    private final ResourceTable resources;
    private final SyncCalls sync;
    private final ResourceCalls resourceCalls;
    private final MoreSyncCalls moreSync;
    private final ScheduleDirector director;
    private final SplittableRandom choices;
    /** Tasks busy-waiting now (running or preempted). */
    private int spinners;
    private final List<Span> forkedAt = new ArrayList<>();
    private final Findings findings = new Findings();
    private final GanttRecorder gantt;
    private List<Task> woken = new ArrayList<>();
    /** The list the scheduling pass walks while new wake-ups collect in {@link #woken}. */
    private List<Task> wokenBeingChecked = new ArrayList<>();
    private final Event polled = new Event();
    private final List<String> finishOrder = new ArrayList<>();
    private final long contextSwitchNs;
    /** Null for scenarios that never touch memory: they skip the memory model entirely. */
    private final MemoryManager mm;
    private final MemorySyscalls memory;
    private final List<SnapshotView> snapshots = new ArrayList<>();
    private boolean snapshotLimitSaid;
    private final FactRecorder facts = new FactRecorder();
    /** Every finished or open wait of a task, in the order they ended. */
    private final List<WaitSpan> waits = new ArrayList<>();
    /**
     * Zero-time steps (statements, scheduling passes) allowed: a few per event
     * is normal, so the bound is a multiple of the event budget; it exists for
     * loops of statements that never let time pass.
     */
    private final long stepBudget;

    private long now;
    private long processed;
    private long steps;
    private long queueSeq;
    private boolean budgetExhausted;
    private boolean cutShort;
    /** The run reached {@link #MAX_TIME_NS}: later instants could overflow the clock's arithmetic. */
    private boolean timeLimitHit;
    /** The analysis's wall-time and memory budget, if a front end opened one. */
    private final oss.ir.Deadline deadline = oss.ir.Deadline.current();
    /** Why the run stopped at that budget, or null. */
    private String outOfBudgetWhy;

    /** Whether the analysis's budget has run out (then the run stops as at its event budget, saying why). */
    private boolean outOfBudget() {
        if (deadline != null && outOfBudgetWhy == null) {
            outOfBudgetWhy = deadline.exhausted();
        }
        return outOfBudgetWhy != null;
    }

    /** The fork statements that have failed for want of a pid, each reported once. */
    private Span lastNoPid;
    private final java.util.Set<Span> noPidAt = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private boolean periodicPending;
    /** The last instant something happened; stale events popped later do not extend the run. */
    private long lastActive;

    /**
     * Simulated time stops here: 2^52 ns, about 52 days. Every time a statement or setting may say
     * is at most 10^15 ns, so no sum of the clock and one such time can overflow a long.
     */
    public static final long MAX_TIME_NS = 1L << 52;
    /** Linux's default pid_max: pids 1 to 32,767 (0 is the idle task). */
    public static final int PID_MAX = 32_768;
    /** Snapshots kept per run (each holds every /proc-style view at its instant). */
    public static final int MAX_SNAPSHOTS = 1_000;

    public Kernel(Program program, RunOptions options) {
        this.program = program;
        this.options = options;
        int n = Math.max(1, program.machine().cpus());
        this.cpus = new Cpu[n];
        for (int i = 0; i < n; i++) {
            cpus[i] = new Cpu(i);
        }
        this.gantt = new GanttRecorder(n);
        this.fair = Schedulers.create(program.kernel().scheduler(), new SplittableRandom(options.seed()));
        this.contextSwitchNs = Math.max(0, program.kernel().contextSwitchNs());
        this.stepBudget = options.maxEvents() > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : options.maxEvents() * 8;
        this.mutexes = program.mutexes().stream().map(MutexDecl::name).map(Mutex::new).toArray(Mutex[]::new);
        this.semaphores = program.semaphores().stream()
                .map((SemaphoreDecl s) -> new Semaphore(s.name(), s.initial())).toArray(Semaphore[]::new);
        this.resources = new ResourceTable(
                program.resources().stream().map(ResourceDecl::name).toArray(String[]::new),
                program.resources().stream().mapToInt(ResourceDecl::instances).toArray());
        this.sync = new SyncCalls(this, mutexes, semaphores);
        this.resourceCalls = new ResourceCalls(this, resources, program.kernel().deadlock());
        this.moreSync = new MoreSyncCalls(this, sync, program.sync());
        this.director = new ScheduleDirector(options.schedule().orElse(null), tasks, findings);
        this.choices = new SplittableRandom(options.seed());
        tasks.add(null);
        forkedAt.add(Span.NONE);
        Task init = newTask(0, "init", false, 0, SchedPolicy.NORMAL, 0, ProcessDef.DEFAULT_TICKETS, List.of(), 0);
        init.state = TaskState.SLEEPING;
        init.blockedOn = "children to exit (init reaps orphans)";
        boolean usesMemory = !program.libraries().isEmpty();
        for (ProcessDef p : program.processes()) {
            usesMemory |= p.frames() > 0 || MemorySyscalls.uses(p.body());
        }
        this.mm = usesMemory ? new MemoryManager(program, options.seed()) : null;
        this.memory = usesMemory ? new MemorySyscalls(mm, findings, facts, program.machine().clockHz()) : null;
        String noInit = null;
        if (mm != null) {
            try {
                mm.createInit(init.pid);
            } catch (KernelOutOfMemory e) {
                noInit = e.object(); // a machine too small to hold even init: no process can be created
            }
        }
        for (ProcessDef p : program.processes()) {
            Task t = newTask(1, p.name(), false, p.nice(), p.policy(), p.rtPriority(), p.tickets(), p.body(), p.slots());
            t.exitedAt = p.span();
            if (mm != null && noInit != null) {
                t.cannotStart = noInit + " (the machine's memory does not even hold init's)";
            } else if (mm != null) {
                try {
                    mm.createProcess(t.pid, p.frames(), p.name());
                } catch (KernelOutOfMemory e) {
                    t.cannotStart = e.object(); // its shell's fork failed: it ends as it arrives
                }
            }
            events.schedule(Math.max(0, p.arrivesNs()), Event.Kind.ARRIVAL, t.pid, 0);
        }
    }

    /** Runs to the end, to {@code untilNs}, or until a budget runs out. */
    public RunResult run() {
        schedulePeriodic();
        do {
            loop();
            if (budgetExhausted || cutShort || !director.active()) {
                break;
            }
            director.stuck(); // nothing can happen while the schedule waits for its task: let the scheduler go on
            schedulePass();
        } while (!events.isEmpty());
        return finish();
    }

    private void loop() {
        while (!events.isEmpty() && !budgetExhausted) {
            long t = events.peekTime();
            if (t > options.untilNs() || t > MAX_TIME_NS) {
                cutShort = true;
                timeLimitHit = options.untilNs() > MAX_TIME_NS;
                now = Math.min(options.untilNs(), MAX_TIME_NS);
                break;
            }
            now = t;
            do {
                Event e = polled;
                events.poll(e);
                if (++processed > options.maxEvents() || (processed & 1023) == 0 && outOfBudget()) {
                    budgetExhausted = true;
                    break;
                }
                if (handle(e)) {
                    lastActive = now;
                }
            } while (!budgetExhausted && !events.isEmpty() && events.peekTime() == t);
            if (!budgetExhausted) {
                schedulePass();
                if (director.spinning()) {
                    schedulePass();
                }
                if (spinners > 0 && !director.active() && MoreSyncCalls.allStuck(tasks)) {
                    return; // every task sleeps or spins on a lock whose holder does: spinning on would change nothing
                }
            }
        }
    }

    // ---- events ---------------------------------------------------------------------------------

    /** Handles one event; false when it was stale (its task had already left the CPU). */
    private boolean handle(Event e) {
        switch (e.kind) {
            case ARRIVAL -> {
                Task t = tasks.get(e.target);
                t.arrivalNs = now;
                attach(t);
                if (t.cannotStart != null) {
                    findings.add(Code.OUT_OF_MEMORY, t.exitedAt, t + " cannot be created: the kernel found no frame"
                            + " for " + t.cannotStart + " (every frame holds a kernel object or a page that cannot be"
                            + " evicted), so it ends (SIGKILL) before it runs; give the machine more `memory`");
                    t.signal = "SIGKILL";
                    t.signalAt = t.exitedAt;
                    finishExit(t, 128 + 9);
                    return true;
                }
                makeRunnable(t, Wake.NEW);
            }
            case TIMER -> {
                Task t = tasks.get(e.target);
                if (t.blocker != Task.Blocker.TIMER && t.blocker != Task.Blocker.IO) {
                    return false;
                }
                wake(t);
            }
            case BURST_END -> {
                Cpu cpu = cpus[e.target];
                if (cpu.generation != e.generation || cpu.idle()) {
                    return false;
                }
                Task t = tasks.get(cpu.current);
                charge(cpu);
                cpu.burstEnd = NO_SLICE;
                if (t.burning) {
                    // the cost of accesses already made: the statement itself goes on (or is done)
                    t.burning = false;
                    t.inCompute = false;
                } else if (t.spinning) {
                    stopSpinning(t); // the lock it spun on was handed to it: the statement finishes
                } else {
                    t.next();
                }
                execute(t);
            }
            case SWITCH_DONE -> {
                Cpu cpu = cpus[e.target];
                if (cpu.generation != e.generation || cpu.idle()) {
                    return false;
                }
                closeSwitch(cpu);
                Task t = tasks.get(cpu.current);
                if (t.firstRunNs < 0) {
                    t.firstRunNs = now;
                }
                execute(t);
            }
            case SLICE_END -> {
                Cpu cpu = cpus[e.target];
                if (cpu.sliceGeneration != e.generation || cpu.idle()) {
                    return false;
                }
                cpu.sliceEventPending = false;
                cpu.sliceExpired = true;
            }
            case PERIODIC -> {
                periodicPending = false;
                fair.periodic(now);
                boolean busy = fair.queued() > 0;
                for (Cpu cpu : cpus) {
                    busy |= !cpu.idle();
                }
                if (!busy) {
                    // sleepers were boosted; with no CPU busy the boost must not count as the run still going
                    schedulePeriodic();
                    return false;
                }
                for (Cpu cpu : cpus) {
                    if (!cpu.idle() && !tasks.get(cpu.current).realTime()) {
                        charge(cpu);
                        renewSlice(cpu, tasks.get(cpu.current));
                    }
                }
                schedulePeriodic();
            }
        }
        return true;
    }

    private void schedulePeriodic() {
        if (periodicPending || !anyoneCanRun()) {
            return;
        }
        long at = fair.nextPeriodic(now);
        if (at != Long.MAX_VALUE) {
            periodicPending = true;
            events.schedule(at, Event.Kind.PERIODIC, 0, 0);
        }
    }

    /** Periodic work only matters while something can still happen; otherwise it would keep a dead run alive. */
    private boolean anyoneCanRun() {
        if (!events.isEmpty()) {
            return true;
        }
        if (director.active()) {
            Task d = director.designated();
            return d != null && (d.state == TaskState.RUNNING || d.state == TaskState.RUNNABLE);
        }
        for (int pid = 2; pid < tasks.size(); pid++) {
            TaskState s = tasks.get(pid).state;
            if (s == TaskState.RUNNING || s == TaskState.RUNNABLE) {
                return true;
            }
        }
        return false;
    }

    // ---- the scheduling pass ------------------------------------------------------------------------

    private void schedulePass() {
        boolean changed = true;
        while (changed && !budgetExhausted) {
            changed = false;
            for (Cpu cpu : cpus) {
                if (cpu.sliceExpired && !cpu.idle()) {
                    cpu.sliceExpired = false;
                    Task t = tasks.get(cpu.current);
                    charge(cpu);
                    boolean yield = classOf(t).shouldYield(t.se, now);
                    if (yield && rt.queued() + fair.queued() > 0 && !director.active()) {
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
                for (Cpu cpu : cpus) {
                    free += cpu.idle() ? 1 : 0;
                }
                for (Task t : list) {
                    if (t.state != TaskState.RUNNABLE) {
                        continue;
                    }
                    if (free > 0 || director.active()) {
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
            for (Cpu cpu : cpus) {
                if (cpu.idle() && !budgetExhausted) {
                    Task next = pick(cpu);
                    if (next != null) {
                        dispatch(cpu, next);
                        changed = true;
                    }
                }
            }
            if (++steps > stepBudget) {
                budgetExhausted = true;
            }
        }
        if (!periodicPending) {
            schedulePeriodic();
        }
    }

    /** The CPU whose task {@code t} should take over, preferring the least important victim. */
    private Cpu victimFor(Task t) {
        Cpu best = null;
        for (Cpu cpu : cpus) {
            if (cpu.idle()) {
                continue;
            }
            Task c = tasks.get(cpu.current);
            boolean preempt;
            if (t.realTime() != c.realTime()) {
                preempt = t.realTime();
            } else {
                charge(cpu);
                preempt = classOf(t).shouldPreempt(t.se, c.se, now);
            }
            if (preempt && (best == null || rank(c) < rank(tasks.get(best.current)))) {
                best = cpu;
            }
        }
        return best;
    }

    private static int rank(Task t) {
        return t.realTime() ? 1 + t.se.rtPriority : 0;
    }

    private Task pick(Cpu cpu) {
        if (director.active()) {
            Task d = director.designated();
            if (d != null && d.state == TaskState.RUNNABLE && classOf(d).take(d.se, cpu.index, now)) {
                return d;
            }
            if (director.active()) {
                return null;
            }
        }
        SchedEntity se = rt.queued() > 0 ? rt.pickNext(cpu.index, now) : null;
        if (se == null) {
            se = fair.pickNext(cpu.index, now);
        }
        return se == null ? null : tasks.get(se.pid);
    }

    private void dispatch(Cpu cpu, Task t) {
        cpu.generation++;
        cpu.current = t.pid;
        cpu.sliceExpired = false;
        t.cpu = cpu.index;
        t.state = TaskState.RUNNING;
        t.waitingNs += now - t.queuedAt;
        if (t.preemptedAt == now && cpu.lastRan == t.pid) {
            // put back and picked again at once on the same CPU: no switch happened
            t.involuntary--;
        }
        t.preemptedAt = -1;
        long cost = cpu.lastRan != 0 && cpu.lastRan != t.pid ? contextSwitchNs : 0;
        cpu.runStart = now + cost;
        cpu.chargedTo = cpu.runStart;
        cpu.sliceOpen = cpu.runStart;
        cpu.lastRan = t.pid;
        if (mm != null) {
            mm.switchTo(cpu.index, t.pid);
        }
        if (t.firstRunNs < 0 && cost == 0) {
            // after a switch it first runs at SWITCH_DONE, if it is not preempted before
            t.firstRunNs = now;
        }
        startSlice(cpu, t, cpu.runStart);
        if (cost > 0) {
            cpu.switching = true;
            events.schedule(cpu.runStart, Event.Kind.SWITCH_DONE, cpu.index, cpu.generation);
        } else {
            execute(t);
        }
    }

    private void startSlice(Cpu cpu, Task t, long from) {
        cpu.sliceGeneration++;
        cpu.sliceEventPending = false;
        long slice = classOf(t).timeSlice(t.se, now);
        cpu.sliceEnd = slice == NO_SLICE ? NO_SLICE : from + Math.max(1, slice);
        armSlice(cpu);
    }

    /**
     * Puts the slice end in the event queue only once it falls within the
     * burst being run: most bursts end (the task blocks) before their slice
     * does, and an event nobody needs still costs a heap insert and removal.
     */
    private void armSlice(Cpu cpu) {
        if (!cpu.sliceEventPending && cpu.sliceEnd != NO_SLICE && cpu.burstEnd != NO_SLICE
                && cpu.sliceEnd <= cpu.burstEnd) {
            cpu.sliceEventPending = true;
            events.schedule(cpu.sliceEnd, Event.Kind.SLICE_END, cpu.index, cpu.sliceGeneration);
        }
    }

    private void renewSlice(Cpu cpu, Task t) {
        startSlice(cpu, t, Math.max(now, cpu.runStart));
    }

    /** Takes the CPU away from its task and puts the task back in the run queue; {@code why} goes in the chart. */
    private void preempt(Cpu cpu, String why) {
        Task t = tasks.get(cpu.current);
        leaveCpu(cpu, t, "preempted: " + why);
        t.involuntary++;
        t.preemptedAt = now;
        t.state = TaskState.RUNNABLE;
        t.queuedAt = now;
        t.se.queueSeq = ++queueSeq;
        classOf(t).enqueue(t.se, Wake.PREEMPTED, now);
    }

    private void leaveCpu(Cpu cpu, Task t, String why) {
        charge(cpu);
        if (cpu.sliceOpen >= 0) {
            gantt.add(cpu.index, t.pid, cpu.sliceOpen, now, why);
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
    private void closeSwitch(Cpu cpu) {
        if (cpu.switching) {
            gantt.add(cpu.index, 0, cpu.runStart - contextSwitchNs, Math.min(now, cpu.runStart));
            cpu.switching = false;
        }
    }

    /** Charges the running task for the CPU time since the last charge. */
    private void charge(Cpu cpu) {
        Task t = tasks.get(cpu.current);
        long from = Math.max(cpu.chargedTo, cpu.runStart);
        long ran = Math.max(0, now - from);
        if (ran > 0) {
            t.cpuNs += ran;
            if (t.spinning) {
                t.spinNs += ran;
            }
            if (t.inCompute) {
                t.computeLeft -= ran;
            }
            cpu.chargedTo = now;
        }
        classOf(t).account(t.se, ran, now);
    }

    private Scheduler classOf(Task t) {
        return t.realTime() ? rt : fair;
    }

    private void attach(Task t) {
        classOf(t).attach(t.se, now);
    }

    private void makeRunnable(Task t, Wake why) {
        endWait(t);
        t.state = TaskState.RUNNABLE;
        t.queuedAt = now;
        t.se.queueSeq = ++queueSeq;
        classOf(t).enqueue(t.se, why, now);
        woken.add(t);
    }

    // ---- executing statements -----------------------------------------------------------------------

    /** Runs {@code t}'s zero-time statements until it computes, blocks or exits. */
    private void execute(Task t) {
        if (!director.mayRun(t)) {
            preempt(cpus[t.cpu], "the replayed schedule's next step is another task's");
            return;
        }
        while (true) {
            if (++steps > stepBudget || (steps & 4095) == 0 && outOfBudget()) {
                budgetExhausted = true;
                return;
            }
            if (t.pendingIoNs > 0) {
                long io = t.pendingIoNs;
                t.pendingIoNs = 0;
                block(t, Task.Blocker.IO, -1, t.current() == null ? t.exitedAt : t.current().span(), null);
                t.blockedUntil = now + io;
                events.schedule(now + io, Event.Kind.TIMER, t.pid, 0);
                return;
            }
            Op op = t.current();
            if (op == null) {
                director.exiting(t, t.exitedAt);
                exit(t, 0);
                return;
            }
            if (op instanceof Op.Compute c) {
                if (!t.inCompute) {
                    t.inCompute = true;
                    t.computeLeft = c.ns();
                }
                Cpu cpu = cpus[t.cpu];
                cpu.burstEnd = now + t.computeLeft;
                events.schedule(cpu.burstEnd, Event.Kind.BURST_END, cpu.index, cpu.generation);
                armSlice(cpu);
                return;
            }
            long before = t.progress;
            boolean goesOn = step(t, op);
            if (director.stepped(t, op, before)) {
                if (t.state == TaskState.RUNNING) {
                    preempt(cpus[t.cpu], "the replayed schedule's next step is another task's");
                }
                return;
            }
            if (!goesOn) {
                return;
            }
        }
    }

    /** Executes one zero-time statement; false when {@code t} left the CPU (blocked or exited). */
    private boolean step(Task t, Op op) {
        if (op instanceof Op.Sleep s) {
            t.next();
            block(t, Task.Blocker.TIMER, -1, s.span(), null);
            t.blockedUntil = now + s.ns();
            events.schedule(now + s.ns(), Event.Kind.TIMER, t.pid, 0);
            return false;
        }
        if (op instanceof Op.Io io) {
            t.next();
            block(t, Task.Blocker.IO, -1, io.span(), null);
            t.blockedUntil = now + io.ns();
            events.schedule(now + io.ns(), Event.Kind.TIMER, t.pid, 0);
            return false;
        }
        if (SyncCalls.handles(op)) {
            return sync.step(t, op);
        }
        if (ResourceCalls.handles(op)) {
            return resourceCalls.step(t, op);
        }
        if (MoreSyncCalls.handles(op)) {
            return moreSync.step(t, op);
        }
        if (op instanceof Op.Choose c) {
            int n = c.branches().size();
            int b = n == 0 ? -1 : director.branch(t, c);
            t.enter(n == 0 ? List.of() : c.branches().get(b >= 0 ? b : choices.nextInt(n)));
            return true;
        }
        if (op instanceof Op.Fork f) {
            fork(t, f);
            t.next();
            return true;
        }
        if (op instanceof Op.WaitChild w) {
            return waitChild(t, w);
        }
        if (op instanceof Op.WaitAny w) {
            return waitAny(t, w);
        }
        if (op instanceof Op.Exit e) {
            t.exitedAt = e.span();
            exit(t, e.status());
            return false;
        }
        if (MemorySyscalls.isMemoryOp(op)) {
            return memoryStep(t, op);
        }
        if (op instanceof Op.Snapshot s) {
            if (snapshots.size() < MAX_SNAPSHOTS) {
                snapshots.add(new SnapshotView(s.label(), now, s.span(), views()));
            } else if (!snapshotLimitSaid) {
                snapshotLimitSaid = true;
                // each view renders every task and mapping: a million of them filled any heap
                findings.add(Code.SNAPSHOT_LIMIT, s.span(), "only the first " + MAX_SNAPSHOTS + " snapshots of a run are"
                        + " kept; this one at " + ms(now) + " and every later one are not recorded (a snapshot in a"
                        + " long loop?)");
            }
            t.next();
            return true;
        }
        if (op instanceof Op.Thread th) {
            Task thread = spawn(t, th.slot(), th.body(), th.span(), true);
            if (thread != null) {
                thread.tgid = t.tgid; // CLONE_THREAD: same thread group, ended by the group's exit
                tasks.get(t.tgid).threadsCreated++;
            }
            t.next();
            return true;
        }
        if (op instanceof Op.Clone c) {
            spawn(t, c.slot(), c.body(), c.span(), c.vm());
            t.next();
            return true;
        }
        if (op instanceof Op.Join j) {
            return waitChild(t, new Op.WaitChild(j.slot(), j.span()));
        }
        if (op instanceof Op.VFork v) {
            Task child = spawn(t, v.slot(), v.body(), v.span(), true);
            t.next();
            if (child == null) {
                return true;
            }
            child.vforkChild = true;
            // the parent sleeps until the child execs or exits: they share one address space and stack
            block(t, Task.Blocker.VFORK, child.pid, v.span(), "its vfork child " + child + " to exec or exit");
            return false;
        }
        if (op instanceof Op.Exec x) {
            releaseVforkParent(t);
            Task runner = deThread(t, x);
            if (mm != null) {
                try {
                    mm.exec(runner.pid, x.program());
                } catch (KernelOutOfMemory e) {
                    // past exec's point of no return the old image is gone: the task can only be killed
                    findings.add(Code.OUT_OF_MEMORY, x.span(), runner + ": exec found no frame for " + e.object()
                            + " of the new image (every frame holds a kernel object or a page that cannot be"
                            + " evicted); the process is killed (SIGKILL)");
                    runner.signal = "SIGKILL";
                    runner.signalAt = x.span();
                    runner.exitedAt = x.span();
                    if (runner == t) {
                        exit(t, 128 + 9);
                    } else {
                        stopWherever(runner); // the leader, now the group's only task: a zombie for its parent
                        finishExit(runner, 128 + 9);
                    }
                    return false;
                }
            }
            runner.replaceBody(x.body());
            runner.comm = x.program().substring(x.program().lastIndexOf('/') + 1);
            return runner == t;
        }
        throw new IllegalStateException("no semantics for " + op.getClass().getSimpleName());
    }

    /** What the chart says a task blocked on when the caller gave no words of its own. */
    private static final String[] BLOCKED_ON = java.util.Arrays.stream(Task.Blocker.values())
            .map(b -> switch (b) {
                case TIMER -> "sleep";
                case IO -> "I/O";
                default -> b.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            })
            .toArray(String[]::new);

    /** The running {@code t} goes to sleep on {@code blocker}: it leaves its CPU; {@code on} says what for. */
    void block(Task t, Task.Blocker blocker, int index, Span at, String on) {
        moreSync.sleeping(t, at, on);
        leaveCpu(cpus[t.cpu], t, "blocked: " + (on != null ? on : BLOCKED_ON[blocker.ordinal()]));
        classOf(t).block(t.se, now);
        t.voluntary++;
        t.state = blocker == Task.Blocker.IO ? TaskState.DISK_SLEEP : TaskState.SLEEPING;
        t.waitingSince = now;
        t.waitingOn = on != null ? on : BLOCKED_ON[blocker.ordinal()];
        t.blocker = blocker;
        t.blockerIndex = index;
        t.blockedAt = at;
        t.blockedOn = on;
    }

    /** The running {@code t} busy-waits on its CPU until {@link #kick}ed; its CPU time meanwhile is spin time. */
    void spin(Task t) {
        if (!t.spinning) {
            t.spinning = true;
            spinners++;
        }
        Cpu cpu = cpus[t.cpu];
        cpu.burstEnd = SPINNING;
        armSlice(cpu);
    }

    /** A spinner's wait is over: on a CPU it goes on at once; preempted, when it next runs. */
    void kick(Task t) {
        if (t.cpu >= 0 && t.spinning && cpus[t.cpu].burstEnd == SPINNING) {
            Cpu cpu = cpus[t.cpu];
            cpu.burstEnd = now;
            events.schedule(now, Event.Kind.BURST_END, cpu.index, cpu.generation);
        }
    }

    void stopSpinning(Task t) {
        if (t.spinning) {
            t.spinning = false;
            spinners--;
        }
    }

    /** A sleeper becomes runnable again. */
    void wake(Task t) {
        t.blocker = Task.Blocker.NONE;
        t.blockerIndex = -1;
        t.blockedAt = null;
        t.blockedOn = null;
        makeRunnable(t, Wake.WAKEUP);
    }

    private boolean memoryStep(Task t, Op op) {
        MemorySyscalls.Outcome o = memory.step(t, op, t.cpu, now);
        steps += memory.lastAccesses;
        if (steps > stepBudget || memory.lastAccesses > 1000 && outOfBudget()) {
            budgetExhausted = true;
        }
        if (o.signal() != null) {
            t.signal = o.signal();
            t.signalAt = op.span();
            t.exitedAt = op.span();
            t.opProgress = 0;
            exit(t, 128 + switch (o.signal()) {
                case "SIGKILL" -> 9;
                case "SIGBUS" -> 7;
                default -> 11;
            });
            return false;
        }
        if (o.done()) {
            t.next();
            t.opProgress = 0;
        }
        t.pendingIoNs = o.ioNs();
        if (o.burnNs() > 0) {
            Cpu cpu = cpus[t.cpu];
            t.burning = true;
            t.inCompute = true;
            t.computeLeft = o.burnNs();
            cpu.burstEnd = now + o.burnNs();
            events.schedule(cpu.burstEnd, Event.Kind.BURST_END, cpu.index, cpu.generation);
            armSlice(cpu);
            return false;
        }
        return true;
    }

    /**
     * A task that shares (thread, vfork, clone with vm) or copies (clone
     * without vm) the caller's address space; a child of the caller either way.
     */
    /** A child or thread of {@code parent}; null when the kernel has no memory for it (the call fails with ENOMEM). */
    private Task spawn(Task parent, int slot, List<Op> body, Span span, boolean shareVm) {
        if (!pidLeft(parent, slot, span) || !kernelObjectsForChild(parent, slot, span, shareVm)) {
            return null;
        }
        SchedEntity p = parent.se;
        Task child = newTask(parent.pid, parent.process, true, p.nice, p.policy, p.rtPriority, p.tickets, body,
                parent.slots.length);
        System.arraycopy(parent.slots, 0, child.slots, 0, parent.slots.length);
        forkedAt.set(child.pid, span);
        child.exitedAt = span;
        if (slot >= 0) {
            parent.slots[slot] = child.pid;
        }
        if (mm != null && !shareVm) {
            memory.forked(parent.pid, child.pid);
        }
        child.arrivalNs = now;
        attach(child);
        makeRunnable(child, Wake.NEW);
        return child;
    }

    private void releaseVforkParent(Task child) {
        if (!child.vforkChild) {
            return;
        }
        child.vforkChild = false;
        Task parent = tasks.get(child.ppid);
        if (parent.blocker == Task.Blocker.VFORK && parent.blockerIndex == child.pid) {
            wake(parent);
        }
    }

    private java.util.Map<String, String> views() {
        return ProcViews.render(tasks, mm, program);
    }

    /**
     * The memory side of a new task, made before the task itself under the
     * pid it will get: its address space (a copy, or the parent's shared) and
     * its task_struct. When the kernel finds no frame for them, fork (or
     * clone) fails with ENOMEM: no child, the parent goes on, and its
     * variable holds no child, so a `wait` of it returns ECHILD.
     */
    private boolean kernelObjectsForChild(Task parent, int slot, Span span, boolean shareVm) {
        if (mm == null) {
            return true;
        }
        int childPid = tasks.size();
        try {
            if (shareVm) {
                mm.shareAddressSpace(parent.pid, childPid);
            } else {
                mm.fork(parent.pid, childPid);
            }
            return true;
        } catch (KernelOutOfMemory e) {
            findings.add(Code.SYSCALL_ENOMEM, span, parent + ": fork fails with ENOMEM: the kernel found no frame for "
                    + e.object() + " (every frame holds a kernel object or a page that cannot be evicted); no child"
                    + " is created and the parent goes on");
            if (slot >= 0) {
                parent.slots[slot] = 0;
            }
            return false;
        }
    }

    /**
     * Whether a new task can get a pid. Linux's fork fails with EAGAIN when pid_max (32,768 by default)
     * pids are in use; oss never reuses a pid, so at most {@link #PID_MAX} tasks are created in one
     * run. That bounds a fork bomb's memory long before the JVM's: the call fails, the parent goes
     * on, and its variable holds no child.
     */
    private boolean pidLeft(Task parent, int slot, Span span) {
        if (tasks.size() < PID_MAX) {
            return true;
        }
        if (slot >= 0) {
            parent.slots[slot] = 0;
        }
        if (span == lastNoPid || !noPidAt.add(span)) {
            return false; // said once per statement; a bomb's loop fails here millions of times
        }
        lastNoPid = span;
        findings.add(Code.NO_PID_LEFT, span, parent + ": fork fails with EAGAIN: all " + PID_MAX + " pids (pid_max)"
                + " have been used in this run; no child is created and the parent goes on. A fork inside a"
                + " loop that never ends, or nested loops of forks (a fork bomb), look like this");
        return false;
    }

    private void fork(Task parent, Op.Fork f) {
        if (!pidLeft(parent, f.slot(), f.span()) || !kernelObjectsForChild(parent, f.slot(), f.span(), false)) {
            return;
        }
        SchedEntity p = parent.se;
        Task child = newTask(parent.pid, parent.process, true, p.nice, p.policy, p.rtPriority, p.tickets, f.body(),
                parent.slots.length);
        System.arraycopy(parent.slots, 0, child.slots, 0, parent.slots.length);
        forkedAt.set(child.pid, f.span());
        child.exitedAt = f.span();
        if (f.slot() >= 0) {
            parent.slots[f.slot()] = child.pid;
        }
        long shared = 0;
        if (mm != null) {
            memory.forked(parent.pid, child.pid);
            shared = mm.addressSpace(child.pid).resident.size();
        }
        facts.record(f.span(), parent, now, "fork", "fork() returned " + child.pid + " to " + parent + "; the child"
                + " starts runnable", mm == null ? List.of()
                        : List.of(shared + " private page(s) now shared copy-on-write; shared-memory and file"
                                + " pages are not copied: the child faults them in from the page cache"));
        child.arrivalNs = now;
        attach(child);
        makeRunnable(child, Wake.NEW);
    }

    private boolean waitChild(Task t, Op.WaitChild w) {
        int pid = w.slot() >= 0 ? (int) t.slots[w.slot()] : 0;
        if (pid <= 0 || !t.children.contains(pid)) {
            findings.add(Code.WAIT_NO_CHILD, w.span(), t + " waits for a child that is not (or no longer) its own;"
                    + " wait returns at once with ECHILD");
            t.next();
            return true;
        }
        Task child = tasks.get(pid);
        if (child.state == TaskState.ZOMBIE) {
            reap(t, child);
            t.next();
            return true;
        }
        block(t, Task.Blocker.CHILD, pid, w.span(), "child " + child + " to exit");
        return false;
    }

    private boolean waitAny(Task t, Op.WaitAny w) {
        if (t.children.isEmpty()) {
            findings.add(Code.WAIT_NO_CHILD, w.span(), t + " calls wait with no children; wait returns at once with ECHILD");
            t.next();
            return true;
        }
        for (int pid : t.children) {
            Task child = tasks.get(pid);
            if (child.state == TaskState.ZOMBIE) {
                reap(t, child);
                t.next();
                return true;
            }
        }
        block(t, Task.Blocker.ANY_CHILD, -1, w.span(), "any child to exit");
        return false;
    }

    private void reap(Task parent, Task child) {
        child.state = TaskState.DEAD;
        parent.children.remove(Integer.valueOf(child.pid));
    }

    /**
     * The running {@code t} exits. A process's main task exiting is
     * exit_group(): every thread of the group ends with it, wherever it is
     * (C's exit() and returning from main do this); a thread ending its body
     * ends only itself.
     */
    private void exit(Task t, int status) {
        leaveCpu(cpus[t.cpu], t, status >= 128 ? "killed (exit status " + status + ")" : "exited");
        if (t.tgid == t.pid && t.threadsCreated > 0) {
            for (int pid = 2; pid < tasks.size(); pid++) {
                Task thread = tasks.get(pid);
                if (thread != t && thread.tgid == t.pid && thread.alive()) {
                    stopWherever(thread);
                    thread.exitedAt = t.exitedAt;
                    finishExit(thread, status);
                    if (thread.state == TaskState.ZOMBIE) {
                        reap(tasks.get(thread.ppid), thread); // threads of an exiting group are never waited for
                    }
                }
            }
        }
        finishExit(t, status);
    }

    /**
     * exec's de_thread(): every other thread of the process ends first (Linux
     * sends them SIGKILL and waits), so the new program starts with one
     * thread. A thread that is not the group leader takes over the leader's
     * PID, so the process keeps its PID, its parent and its children; oss
     * shows that by running the new program in the leader's task and ending
     * the exec'ing thread's. Returns the task that runs the new program.
     */
    private Task deThread(Task t, Op.Exec x) {
        Task leader = tasks.get(t.tgid);
        boolean threads = false;
        for (int pid = 2; leader.threadsCreated > 0 && pid < tasks.size(); pid++) {
            Task other = tasks.get(pid);
            if (other != t && other.tgid == t.tgid && other.alive()) {
                threads = true;
                if (other != leader) {
                    endThread(other, x.span(), "killed: " + t + " called exec (de_thread)");
                }
            }
        }
        if (!threads || leader == t) {
            return t;
        }
        if (leader.cpu >= 0) {
            stopSpinning(leader);
            preempt(cpus[leader.cpu], t + " called exec: the process goes on here with the new program (de_thread)");
        } else if (leader.state == TaskState.SLEEPING || leader.state == TaskState.DISK_SLEEP) {
            stopWherever(leader);
            wake(leader);
        }
        facts.record(x.span(), t, now, "exec", t + " calls exec in a process with other threads: they end, and the"
                + " new program goes on as " + leader + ", whose PID the exec'ing thread takes over (de_thread)",
                List.of());
        leaveCpu(cpus[t.cpu], t, "exec: the new program goes on as " + leader + " (de_thread)");
        t.exitedAt = x.span();
        finishExit(t, 0);
        if (t.state == TaskState.ZOMBIE) {
            reap(tasks.get(t.ppid), t); // a thread is never waited for
        }
        return leader;
    }

    /** Ends a thread that is not running here: zap_other_threads' SIGKILL. */
    private void endThread(Task thread, Span at, String why) {
        if (thread.cpu >= 0) {
            leaveCpu(cpus[thread.cpu], thread, why);
        }
        stopWherever(thread);
        thread.exitedAt = at;
        thread.signal = "SIGKILL";
        thread.signalAt = at;
        finishExit(thread, 128 + 9);
        if (thread.state == TaskState.ZOMBIE) {
            reap(tasks.get(thread.ppid), thread);
        }
    }

    /** Takes a task that is not running out of whatever queue it waits in, so it can be ended. */
    private void stopWherever(Task t) {
        if (t.cpu >= 0) {
            leaveCpu(cpus[t.cpu], t, "ended with its thread group (exit_group)");
        }
        stopSpinning(t);
        switch (t.blocker) {
            case MUTEX -> mutexes[t.blockerIndex].waiters.remove(t.pid);
            case SEMAPHORE -> semaphores[t.blockerIndex].waiters.remove(t.pid);
            case RESOURCE -> resourceCalls.forget(t.pid);
            default -> moreSync.forget(t);
        }
        t.blocker = Task.Blocker.NONE;
        t.blockedAt = null;
        t.blockedOn = null;
    }

    /** A sleeping or blocked task goes on (or ends): its wait becomes a span of the run's picture. */
    private void endWait(Task t) {
        if (t.waitingSince >= 0) {
            waits.add(new WaitSpan(t.pid, t.waitingSince, now, t.state == TaskState.DISK_SLEEP ? "D" : "S",
                    t.waitingOn));
            t.waitingSince = -1;
        }
    }

    /** Everything exit does once the task holds no CPU and sits in no queue but the scheduler's. */
    private void finishExit(Task t, int status) {
        endWait(t);
        classOf(t).detach(t.se, now);
        t.state = TaskState.ZOMBIE;
        t.finishNs = now;
        t.exitStatus = status;
        t.inCompute = false;
        if (!t.forked) {
            finishOrder.add(t.process);
        }
        for (Mutex m : mutexes) {
            if (m.owner == t.pid) {
                findings.add(new Diagnostic(Code.EXIT_HOLDING_LOCK, Code.EXIT_HOLDING_LOCK.severity(),
                        t + " exits still holding " + m.name + "; nobody can unlock it now, so its waiters sleep forever",
                        t.exitedAt, List.of(new Related(m.lockedAt, "locked here")), ""));
            }
        }
        moreSync.exited(t);
        resourceCalls.exited(t);
        releaseVforkParent(t);
        if (mm != null) {
            MemoryManager.TaskCounters c = mm.exit(t.pid);
            reportLeaks(t, c);
        }
        Task init = tasks.get(1);
        for (int pid : t.children) {
            Task orphan = tasks.get(pid);
            orphan.ppid = 1;
            if (orphan.state == TaskState.ZOMBIE) {
                orphan.state = TaskState.DEAD;
            } else {
                init.children.add(pid);
            }
        }
        t.children.clear();
        Task parent = tasks.get(t.ppid);
        if (parent.pid == 1) {
            reap(parent, t);
        } else if (parent.blocker == Task.Blocker.ANY_CHILD
                || (parent.blocker == Task.Blocker.CHILD && parent.blockerIndex == t.pid)) {
            reap(parent, t);
            parent.next();
            wake(parent);
        }
    }

    private void reportLeaks(Task t, MemoryManager.TaskCounters c) {
        if (c == null || c.leaks.isEmpty()) {
            return;
        }
        java.util.Map<Span, long[]> bySite = new java.util.LinkedHashMap<>();
        for (var b : c.leaks) {
            long[] sum = bySite.computeIfAbsent(memory.siteOf(t.pid, b.address(), t.exitedAt), k -> new long[2]);
            sum[0]++;
            sum[1] += b.size();
        }
        for (var e : bySite.entrySet()) {
            findings.add(Code.LEAK, e.getKey(), t + " exited with " + e.getValue()[1] + " bytes in " + e.getValue()[0]
                    + " block(s) allocated here and never freed (definitely lost)");
        }
    }

    private Task newTask(int ppid, String process, boolean forked, int nice, SchedPolicy policy, int rtPriority,
            int tickets, List<Op> body, int slots) {
        int pid = tasks.size();
        Task[] self = new Task[1];
        SchedEntity se = new SchedEntity(pid, process, nice, policy, rtPriority, tickets, () -> self[0].remainingBurst());
        self[0] = new Task(pid, ppid, process, forked, se, body, new long[Math.max(0, slots)]);
        tasks.add(self[0]);
        forkedAt.add(Span.NONE);
        if (ppid > 0) {
            tasks.get(ppid).children.add(pid);
        }
        return self[0];
    }

    // ---- the end --------------------------------------------------------------------------------

    private RunResult finish() {
        for (Cpu cpu : cpus) {
            if (!cpu.idle()) {
                Task t = tasks.get(cpu.current);
                charge(cpu);
                closeSwitch(cpu);
                if (cpu.sliceOpen >= 0) {
                    gantt.add(cpu.index, t.pid, cpu.sliceOpen, now, cutShort ? (timeLimitHit ? "the run reached its time limit" : "the run stopped (--until)") : "the run ended");
                }
            }
        }
        for (int pid = 2; pid < tasks.size(); pid++) {
            Task t = tasks.get(pid);
            if (t.state == TaskState.RUNNABLE) {
                t.waitingNs += now - t.queuedAt;
                t.queuedAt = now;
            }
        }
        boolean ended = !budgetExhausted && !cutShort;
        boolean deadlocked = false;
        if (ended) {
            DeadlockReporter reporter = new DeadlockReporter(tasks, mutexes, semaphores, resources,
                    t -> moreSync.waitsFor(t, tasks.size(), tasks::get));
            deadlocked = reporter.report(findings);
            if (program.kernel().deadlock() == DeadlockPolicy.IGNORE) {
                findings.downgrade(Code.DEADLOCK, "`deadlock ignore`: the ostrich kernel does nothing about it");
                findings.downgrade(Code.BLOCKED_FOREVER, "`deadlock ignore`: the ostrich kernel does nothing about it");
            }
            for (int pid = 2; pid < tasks.size(); pid++) {
                Task t = tasks.get(pid);
                if (t.state == TaskState.ZOMBIE && t.forked) {
                    findings.add(Code.ZOMBIE_LEFT, forkedAt.get(pid), t + " exited with status " + t.exitStatus
                            + " at " + ms(t.finishNs) + " and was never reaped: its parent "
                            + tasks.get(t.ppid) + " never waits for it, so it stays a zombie");
                }
            }
        }
        if (timeLimitHit) {
            Span where = program.processes().isEmpty() ? Span.NONE : program.processes().get(0).span();
            findings.add(Code.TIME_LIMIT, where, "the run stopped at " + ms(now) + ", the simulator's limit of 2^52 ns"
                    + " (about 52 days of simulated time); results describe the state at that instant. Shorten the"
                    + " scenario's times, or stop earlier with --until");
        }
        if (budgetExhausted && outOfBudgetWhy != null) {
            Span where = program.processes().isEmpty() ? Span.NONE : program.processes().get(0).span();
            findings.add(Code.ANALYSIS_BUDGET, where, outOfBudgetWhy + " (the run stopped after " + processed
                    + " events at " + ms(now) + "; results describe that instant)");
        } else if (budgetExhausted) {
            Span where = program.processes().isEmpty() ? Span.NONE : program.processes().get(0).span();
            findings.add(Code.BUDGET_EXHAUSTED, where, "the run stopped after " + processed + " events and " + steps
                    + " steps at " + ms(now) + ", the budget of " + options.maxEvents() + " events and " + stepBudget + " steps"
                    + "; raise --max-events, or look for a loop that never ends");
        }
        if (mm != null) {
            // what /proc would show once the run is over (oss run --show picks from it)
            snapshots.add(new SnapshotView("end of run", now, Span.NONE, views()));
        }
        List<TaskReport> reports = new ArrayList<>();
        for (int pid = 1; pid < tasks.size(); pid++) {
            Task t = tasks.get(pid);
            reports.add(new TaskReport(t.pid, t.ppid, t.process, t.forked, t.state, t.arrivalNs, t.firstRunNs,
                    t.finishNs, t.cpuNs, t.waitingNs, t.voluntary, t.involuntary, t.exitStatus, t.blockedAt,
                    t.describeBlock(), memoryOf(t), t.spinNs, t.seqRetries,
                    java.util.Arrays.stream(t.slots).boxed().toList()));
        }
        for (Task t : tasks) {
            if (t != null && t.waitingSince >= 0 && t.pid > 1) {
                // still waiting when the run ended (blocked forever, or cut short)
                waits.add(new WaitSpan(t.pid, t.waitingSince, -1, t.state == TaskState.DISK_SLEEP ? "D" : "S",
                        t.waitingOn));
            }
        }
        return new RunResult(cutShort ? now : lastActive, processed, cpus.length, List.copyOf(reports), gantt.slices(),
                List.copyOf(finishOrder), findings.all(), deadlocked, budgetExhausted,
                mm == null ? MachineStats.NONE : mm.machineStats(), List.copyOf(snapshots), facts.all(),
                director.followed(), List.copyOf(waits));
    }

    private TaskMemory memoryOf(Task t) {
        if (mm == null || mm.counters(t.pid) == null) {
            return t.signal == null ? TaskMemory.NONE
                    : new TaskMemory(0, 0, 0, 0, 0, t.signal, t.signalAt, 0, 0);
        }
        MemoryManager.TaskCounters c = mm.counters(t.pid);
        var space = mm.addressSpace(t.pid);
        long rss = space != null ? space.resident.size() : Math.max(0, c.rssAtExit);
        long vm = space != null ? space.vmPages(MemoryManager.PAGE_SIZE) : Math.max(0, c.vmAtExit);
        long leaked = c.leaks.stream().mapToLong(b -> b.size()).sum();
        int freeBlocks = space != null && space.allocator != null ? space.allocator.freeListLength() : c.freeBlocks;
        return new TaskMemory(c.minor, c.major, c.cow, rss, vm, t.signal, t.signalAt, leaked, c.leaks.size(),
                freeBlocks);
    }

    long now() {
        return now;
    }

    Task task(int pid) {
        return tasks.get(pid);
    }

    Findings findings() {
        return findings;
    }

    FactRecorder facts() {
        return facts;
    }

    static String ms(long ns) {
        return oss.runtime.observe.Durations.format(ns);
    }
}
