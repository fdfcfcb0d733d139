package oss.runtime.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import oss.ir.diag.Code;
import oss.ir.diag.Findings;
import oss.ir.program.MutexDecl;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.ResourceDecl;
import oss.ir.program.SemaphoreDecl;
import oss.ir.program.Span;
import oss.runtime.hw.Cpu;
import oss.runtime.hw.Event;
import oss.runtime.hw.EventQueue;
import oss.runtime.kernel.data.DataCalls;
import oss.runtime.kernel.deadlock.ResourceCalls;
import oss.runtime.kernel.deadlock.ResourceTable;
import oss.runtime.kernel.ipc.SemSet;
import oss.runtime.kernel.ipc.SemSetCalls;
import oss.runtime.kernel.locking.Locking;
import oss.runtime.kernel.locking.Mutex;
import oss.runtime.kernel.locking.Semaphore;
import oss.runtime.kernel.mm.MemoryManager;
import oss.runtime.kernel.mm.MemorySyscalls;
import oss.runtime.kernel.sched.Schedulers;
import oss.runtime.observe.GanttRecorder;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.SnapshotView;
import oss.runtime.observe.TaskState;
import oss.runtime.observe.WaitSpan;

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
public final class Kernel implements Core {

    final Program program;
    final RunOptions options;
    final EventQueue events = new EventQueue();
    final Cpu[] cpus;
    final ArrayList<Task> tasks = new ArrayList<>();
    final Mutex[] mutexes;
    final Semaphore[] semaphores;
    final ResourceTable resources;
    final ResourceCalls resourceCalls;
    final Locking locking;
    final SemSetCalls semsets;
    final oss.runtime.kernel.fs.FdCalls fds;
    /** The declared devices' driver: deliveries arrive as events (kernel.io). */
    final oss.runtime.kernel.io.DeviceCalls devices;
    final oss.runtime.kernel.ipc.MsgCalls msgs;
    final ProcessLifecycle lifecycle = new ProcessLifecycle(this);
    final CoreScheduler sched;
    private final EndOfRun end = new EndOfRun(this);
    final SyscallTable syscalls;
    final ScheduleDirector director;
    final SplittableRandom choices;
    final Findings findings = new Findings();
    final GanttRecorder gantt;
    final Event polled = new Event();
    /** Null for scenarios that never touch memory: they skip the memory model entirely. */
    final MemoryManager mm;
    final MemorySyscalls memory;
    /** Null for scenarios without shared data or data statements. */
    final DataCalls data;
    final DataGlue dataGlue = new DataGlue(this);
    final SignalGlue signals = new SignalGlue(this);
    final EventHandlers handlers = new EventHandlers(this);
    final List<SnapshotView> snapshots = new ArrayList<>();
    boolean snapshotLimitSaid;
    final FactRecorder facts = new FactRecorder();
    /** strace, top and the trace (issue 15, syscalls); samples the load average as instants pass. */
    final oss.runtime.kernel.syscall.SyscallViews sysViews;
    /** Every finished or open wait of a task, in the order they ended. */
    final List<WaitSpan> waits = new ArrayList<>();
    /**
     * Zero-time steps (statements, scheduling passes) allowed: a few per event
     * is normal, so the bound is a multiple of the event budget; it exists for
     * loops of statements that never let time pass.
     */
    final long stepBudget;

    long now;
    long processed;
    long steps;
    boolean budgetExhausted;
    boolean cutShort;
    /** The run reached {@link #MAX_TIME_NS}: later instants could overflow the clock's arithmetic. */
    boolean timeLimitHit;
    /** The analysis's wall-time and memory budget, if a front end opened one. */
    final oss.ir.Deadline deadline = oss.ir.Deadline.current();
    /** Why the run stopped at that budget, or null. */
    String outOfBudgetWhy;

    /** Whether the analysis's budget has run out (then the run stops as at its event budget, saying why). */
    boolean outOfBudget() {
        if (deadline != null && outOfBudgetWhy == null) {
            outOfBudgetWhy = deadline.exhausted();
        }
        return outOfBudgetWhy != null;
    }

    boolean periodicPending;
    /** The last instant something happened; stale events popped later do not extend the run. */
    long lastActive;

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
        this.sched = new CoreScheduler(this, Schedulers.create(program.kernel().scheduler(),
                new SplittableRandom(options.seed())), Math.max(0, program.kernel().contextSwitchNs()));
        this.stepBudget = options.maxEvents() > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : options.maxEvents() * 8;
        this.mutexes = program.mutexes().stream().map(MutexDecl::name).map(Mutex::new).toArray(Mutex[]::new);
        this.semaphores = program.semaphores().stream()
                .map((SemaphoreDecl s) -> new Semaphore(s.name(), s.initial())).toArray(Semaphore[]::new);
        this.resources = new ResourceTable(
                program.resources().stream().map(ResourceDecl::name).toArray(String[]::new),
                program.resources().stream().mapToInt(ResourceDecl::instances).toArray());
        this.resourceCalls = new ResourceCalls(this, resources, program.kernel().deadlock());
        this.locking = new Locking(this, mutexes, semaphores, program.sync());
        this.semsets = new SemSetCalls(this, program.sync().semsets().stream()
                .map(d -> new SemSet(d.name(), d.initial())).toArray(SemSet[]::new));
        this.msgs = new oss.runtime.kernel.ipc.MsgCalls(this, program.kernel().ipc());
        this.data = DataCalls.create(program, dataGlue);
        this.devices = new oss.runtime.kernel.io.DeviceCalls(this, program.devices(), (at, timeout, target, gen) ->
                events.schedule(Math.min(at, MAX_TIME_NS), timeout ? Event.Kind.IO_TIMEOUT : Event.Kind.DEVICE, target,
                gen));
        devices.boot((at, timeout, target, gen) -> events.schedule(at, Event.Kind.DEVICE, target, gen));
        this.fds = new oss.runtime.kernel.fs.FdCalls(this, program.kernel().pipeBufferBytes(), program.files(),
                devices);
        this.sysViews = new oss.runtime.kernel.syscall.SyscallViews(program.kernel().hz(), n, options.traceSyscalls());
        this.syscalls = new SyscallTable(this, lifecycle, locking, semsets, resourceCalls, data);
        this.director = new ScheduleDirector(options.schedule().orElse(null), tasks, findings);
        director.hooks(data, signals, devices);
        this.choices = new SplittableRandom(options.seed());
        // a declared file is read through the page cache, whose pages are the memory manager's
        boolean usesMemory = !program.libraries().isEmpty() || !program.files().isEmpty();
        for (ProcessDef p : program.processes()) {
            usesMemory |= p.frames() > 0 || MemorySyscalls.uses(p.body());
        }
        this.mm = usesMemory ? new MemoryManager(program, options.seed()) : null;
        this.memory = usesMemory ? new MemorySyscalls(mm, findings, facts, program.machine().clockHz()) : null;
        fds.pageCache(mm == null ? null : mm.filemap());
        lifecycle.boot(program);
    }

    /** Runs to the end, to {@code untilNs}, or until a budget runs out. */
    public RunResult run() {
        handlers.schedulePeriodic();
        do {
            loop();
            if (budgetExhausted || cutShort || !director.active()) {
                break;
            }
            director.stuck(); // nothing can happen while the schedule waits for its task: let the scheduler go on
            sched.schedulePass();
        } while (!events.isEmpty());
        return end.finish();
    }

    void loop() {
        while (!events.isEmpty() && !budgetExhausted) {
            long t = events.peekTime();
            if (t > options.untilNs() || t > MAX_TIME_NS) {
                cutShort = true;
                timeLimitHit = options.untilNs() > MAX_TIME_NS;
                now = Math.min(options.untilNs(), MAX_TIME_NS);
                break;
            }
            sysViews.beforeInstant(t, tasks); // the load average samples the state that held until t
            now = t;
            do {
                Event e = polled;
                events.poll(e);
                if (++processed > options.maxEvents() || (processed & 1023) == 0 && outOfBudget()) {
                    budgetExhausted = true;
                    break;
                }
                if (handlers.handle(e)) {
                    lastActive = now;
                }
            } while (!budgetExhausted && !events.isEmpty() && events.peekTime() == t);
            if (!budgetExhausted) {
                sched.schedulePass();
                if (director.spinning()) {
                    sched.schedulePass();
                }
                if (sched.spinners > 0 && !director.active() && Locking.allStuck(tasks)) {
                    return; // every task sleeps or spins on a lock whose holder does: spinning on would change nothing
                }
            }
        }
    }

    // ---- executing statements -----------------------------------------------------------------------

    /** Runs {@code t}'s zero-time statements until it computes, blocks or exits. */
    void execute(Task t) {
        if (!director.mayRun(t)) {
            sched.preempt(cpus[t.cpu], "the replayed schedule's next step is another task's");
            return;
        }
        if (data != null && (!data.resume(t) || dataGlue.owesCpu(t))) {
            return;
        }
        int local = 0;
        while (true) {
            if (++steps > stepBudget || (steps & 4095) == 0 && outOfBudget()) {
                budgetExhausted = true;
                return;
            }
            if (++local > DataCalls.LOCAL_LIMIT && data != null && data.localLoop(t)) {
                return; // a loop of local work that never lets time pass: it spins for good
            }
            if (t.pendingIoNs > 0) {
                long io = t.pendingIoNs;
                t.pendingIoNs = 0;
                block(t, Task.Blocker.IO, -1, t.current() == null ? t.exitedAt : t.current().span(), null);
                t.blockedUntil = now + io;
                events.schedule(now + io, Event.Kind.TIMER, t.pid, 0);
                return;
            }
            if (signals.returning(t)) {
                return; // a signal ended or stopped it on its way back to user mode
            }
            Op op = t.current();
            Op.Loop round = data == null ? null : t.takeWrappedLoop();
            if (round != null && !data.roundEnded(t, round)) {
                return; // parked: it busy-waits for a store to what its loop reads
            }
            if (op == null) {
                // falling off main returns into libc, which calls exit_group; a thread's start routine returns into exit
                if (syscalls.fellOff(t)) {
                    return; // entering the kernel for it costs time first
                }
                director.exiting(t, t.exitedAt);
                lifecycle.doExit(t, 0);
                return;
            }
            if (op instanceof Op.Compute c) {
                if (!t.inCompute) {
                    if (data != null) {
                        data.computing(t);
                    }
                    t.inCompute = true;
                    t.computeLeft = c.ns();
                }
                Cpu cpu = cpus[t.cpu];
                cpu.burstEnd = now + t.computeLeft;
                events.schedule(cpu.burstEnd, Event.Kind.BURST_END, cpu.index, cpu.generation);
                sched.armSlice(cpu);
                return;
            }
            long before = t.progress;
            boolean goesOn = step(t, op);
            if (director.stepped(t, op, before)) {
                if (t.state == TaskState.RUNNING) {
                    sched.preempt(cpus[t.cpu], "the replayed schedule's next step is another task's");
                }
                return;
            }
            if (!goesOn) {
                return;
            }
        }
    }

    /** Executes one zero-time statement through the system-call table; false when {@code t} left the CPU. */
    boolean step(Task t, Op op) {
        return syscalls.step(t, op);
    }

    /** {@code sleep} and {@code io}: {@code t} leaves the CPU for {@code ns} on a timer or a device. */
    void sleepFor(Task t, Task.Blocker why, long ns, Span at) {
        block(t, why, -1, at, null);
        t.blockedUntil = now + ns;
        events.schedule(now + ns, Event.Kind.TIMER, t.pid, 0);
    }

    /** {@code choose}: the replayed schedule's branch, or a seeded random one. */
    boolean choose(Task t, Op.Choose c) {
        int n = c.branches().size();
        int b = n == 0 ? -1 : director.branch(t, c);
        t.enter(n == 0 ? List.of() : c.branches().get(b >= 0 ? b : choices.nextInt(n)));
        return true;
    }

    /** {@code snapshot}: the /proc-style views at this instant, up to {@link #MAX_SNAPSHOTS} a run. */
    boolean snapshot(Task t, Op.Snapshot s) {
        if (snapshots.size() < MAX_SNAPSHOTS) {
            snapshots.add(new SnapshotView(s.label(), now, s.span(), views(false)));
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

    /** The memory system calls, stamped with this instant. */
    MemorySyscalls memoryCalls() {
        return memory.at(now);
    }
    @Override
    public void block(Task t, Task.Blocker blocker, int index, Span at, String on) {
        sched.block(t, blocker, index, at, on);
    }

    @Override
    public void spin(Task t) {
        sched.spin(t);
    }

    @Override
    public void kick(Task t) {
        sched.kick(t);
    }

    @Override
    public void stopSpinning(Task t) {
        sched.stopSpinning(t);
    }

    @Override
    public void wake(Task t) {
        sched.wake(t);
    }

    @Override
    public boolean sendSignal(Task target, oss.ir.program.Signal sig, Span at) {
        return signals.calls.kernelSend(target, sig, at);
    }

    @Override
    public Interrupts interrupts() {
        return signals.interrupts;
    }

    /** Applies what a memory statement cost {@code t}: CPU time, a disk wait, or a fatal signal. */
    boolean memory(Task t, Op op, MemorySyscalls.Outcome o) {
        steps += memory.lastAccesses();
        if (steps > stepBudget || memory.lastAccesses() > 1000 && outOfBudget()) {
            budgetExhausted = true;
        }
        if (o.signal() != null) {
            // sent as any signal, so a SIGSEGV or SIGBUS handler runs; after it the access faults again
            t.opProgress = 0;
            return sendSignal(t, oss.ir.program.Signal.named(o.signal()).orElseThrow(), op.span());
        }
        if (o.done()) {
            t.next();
            t.opProgress = 0;
        }
        t.pendingIoNs = o.ioNs();
        t.syscalls.faultHandling(o.faultNs());
        if (o.burnNs() > 0) {
            dataGlue.burn(t, o.burnNs());
            return false;
        }
        return true;
    }

    /** The /proc-like views now; {@code end}: the run's last, where `--show fd` says so even when nothing is open. */
    java.util.Map<String, String> views(boolean end) {
        if (mm != null) {
            mm.filemap().writeback(now); // the flusher's work up to now, for meminfo's Dirty
        }
        if (end && !options.endViews() && !options.traceSyscalls()) {
            return new java.util.LinkedHashMap<>();
        }
        java.util.Map<String, String> v = oss.runtime.kernel.fs.Lsof.addTo(oss.runtime.kernel.ipc.Ipcs.addTo(
                ProcViews.render(tasks, mm, program), msgs, syscalls.shmIfMade(), program.sync().semsets(), tasks::get),
                tasks, end);
        sysViews.addTo(v, tasks, now, mm, end, t -> t.cpu < 0 ? 0
                : Math.max(0, now - Math.max(cpus[t.cpu].chargedTo, cpus[t.cpu].runStart)));
        oss.runtime.kernel.fs.DiskUsage.addTo(v, fds.vfs());
        return v;
    }

    /** A sleeping or blocked task goes on (or ends): its wait becomes a span of the run's picture. */
    void endWait(Task t) {
        if (t.waitingSince >= 0) {
            waits.add(new WaitSpan(t.pid, t.waitingSince, now, t.state == TaskState.DISK_SLEEP ? "D" : "S",
                    t.waitingOn));
            t.waitingSince = -1;
        }
    }

    // ---- the end --------------------------------------------------------------------------------

    @Override
    public long now() {
        return now;
    }

    @Override
    public Task task(int pid) {
        return tasks.get(pid);
    }

    @Override
    public Findings findings() {
        return findings;
    }

    @Override
    public FactRecorder facts() {
        return facts;
    }

    static String ms(long ns) {
        return Core.ms(ns);
    }
}
