package oss.runtime.kernel.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.OpBodies;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.Span;
import oss.ir.program.Vals;
import oss.ir.program.Visibility;
import oss.runtime.kernel.Task;
import oss.runtime.observe.DataOutcome;
import oss.runtime.observe.TaskState;
import oss.runtime.observe.ValueEvent;

/**
 * Shared data in a run (docs/language.md, "Shared data" and "Memory models"): the handlers of the
 * data ops, and what the rest of the kernel tells this subsystem (a system call is about to run,
 * a task forks, exits, is reaped, woken, switched out). Every value is computed by {@link Vals}.
 *
 * <p>A plain load, a store, an atomic operation, an atomic block, an await that passes and a
 * barrier are steps that cost 1 ns of CPU each; assignments to the task's own variables, if,
 * loops, break and assert are free. A failed assert aborts the task (SIGABRT, OSS2501); a division
 * by zero or an index out of bounds kills it (SIGFPE, SIGSEGV; OSS2504).
 */
public final class DataCalls {
    /** CPU time of one data step. */
    public static final long STEP_NS = 1;
    /**
     * Statements a task may run in a row without a step that takes time before a loop it is in
     * counts as endless (the explorer's bound too): only its own variables change, forever.
     */
    public static final int LOCAL_LIMIT = 1_000_000;

    private final DataHost k;
    private final ValueLog log = new ValueLog();
    private final MemoryOrder mem;
    private final RaceDetector races;
    private final BusyWait busy;
    private final Atomics atomics;
    private final SyncEdges edges = new SyncEdges();
    /** Tasks asleep in await, in the order they went to sleep; a commit re-checks them in that order. */
    private final List<Task> awaiting = new ArrayList<>();
    private final Sight sight = new Sight();
    /** The sync object the statement being run acquires once done, or -1. */
    private long acquireAfter = -1;
    /** The mutex of the trylock being run, or -1: only a trylock that got it acquires it. */
    private int tryLock = -1;

    private DataCalls(DataHost k, Program program) {
        this.k = k;
        SharedData d = program.data();
        this.mem = new MemoryOrder(k, d.model(), d.storeBuffer(), d.initialCells(), log);
        this.races = new RaceDetector(k);
        this.busy = new BusyWait(k, mem);
        this.atomics = new Atomics(k, mem, races, busy, log, sight);
        mem.listen(this::committed);
        sight.attach(mem);
    }

    /** The data subsystem of a run of {@code program}, or null when it has no data (then nothing here runs). */
    public static DataCalls create(Program program, DataHost k) {
        boolean uses = program.data().cells() > 0;
        for (ProcessDef p : program.processes()) {
            uses |= usesData(p.body());
        }
        return uses ? new DataCalls(k, program) : null;
    }

    private static boolean usesData(List<Op> ops) {
        SyncEdges probe = new SyncEdges();
        for (Op op : ops) {
            if (op.accept(probe) == SyncEdges.DATA) {
                return true;
            }
            for (List<Op> body : OpBodies.of(op)) {
                if (usesData(body)) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- what the rest of the kernel tells this subsystem ---------------------------------------------

    /**
     * {@code t} is about to run {@code op}. For a statement that is not a data op: a visible one
     * (lock, V, fork, exit...) is a full barrier, its buffered stores drain first; an invisible
     * one (compute, sleep, a memory access) lets them drain too, except in a replay, where only
     * the schedule's flush steps move them; and it releases what it releases. True when
     * {@link #afterStatement} must follow.
     */
    public boolean beforeStatement(Task t, Op op) {
        if (!edges.of(t, op)) {
            return false;
        }
        t.effects++;
        if (Visibility.isVisible(op) && !(op instanceof Op.Choose)) {
            mem.fullBarrier(t);
        } else if (!k.replaying()) {
            mem.drain(t);
        }
        if (edges.release() >= 0) {
            races.release(t, edges.release());
        }
        acquireAfter = edges.acquire();
        tryLock = op instanceof Op.TryLock tl ? tl.mutex() : -1;
        return true;
    }

    /** The statement {@code t} ran (its progress was {@code before}) is over, done or asleep. */
    public void afterStatement(Task t, long before) {
        long acquire = acquireAfter;
        acquireAfter = -1;
        if (acquire < 0 || !t.alive() || tryLock >= 0 && !k.holdsMutex(t, tryLock)) {
            return;
        }
        if (t.state == TaskState.SLEEPING || t.state == TaskState.DISK_SLEEP) {
            t.pendingAcquire = acquire; // taken at the wake-up: whoever wakes it has released it by then
        } else if (t.progress != before) {
            races.acquire(t, acquire);
        }
    }

    /** {@code t} was woken: what it slept to acquire, it acquires now. */
    public void woken(Task t) {
        if (!awaiting.isEmpty()) {
            awaiting.remove(t); // whatever woke it (a store, or exec's de_thread), it waits no more
        }
        if (t.pendingAcquire >= 0) {
            races.acquire(t, t.pendingAcquire);
            t.pendingAcquire = -1;
        }
    }

    /** {@code t} lost its CPU: outside a replay its store buffer drains (a context switch is a barrier). */
    public void leftCpu(Task t) {
        if (!k.replaying()) {
            mem.drain(t);
        }
    }

    /** {@code t} starts a compute burst: outside a replay its buffered stores drain meanwhile. */
    public void computing(Task t) {
        t.effects++;
        if (!k.replaying()) {
            mem.drain(t);
        }
    }

    /** {@code t} is about to run statements again; false when it must not (it is parked, or owes CPU time). */
    public boolean resume(Task t) {
        busy.resumed(t);
        return true;
    }

    /** {@code t}'s loop begins a new round; false when it is parked spinning instead. */
    public boolean roundEnded(Task t, Op.Loop loop) {
        return busy.roundEnded(t, loop);
    }

    public void forked(Task parent, Task child) {
        races.forked(parent, child);
        mem.forked(child);
    }

    /** {@code t} exits (or is killed): its buffer drains, as the end of a body is a full barrier. */
    public void exited(Task t) {
        mem.drain(t);
        awaiting.remove(t);
        busy.gone(t);
        races.exited(t);
    }

    public void reaped(Task parent, Task child) {
        races.reaped(parent, child);
    }

    /** {@code t} enters a signal handler: it acquires what each kill aimed at it released (SyncEdges.visitSig). */
    public void signalled(Task t) {
        races.acquire(t, SyncEdges.sync(SyncEdges.SIGNAL, t.pid));
        if (!t.forked && t.tgid == t.pid) {
            races.acquire(t, SyncEdges.sync(SyncEdges.SIGNAL_BY_NAME, t.process.hashCode()));
        }
    }

    /** A schedule's flush step for {@code t}; null when done, else why it cannot be. */
    public String flush(Task t, int line, int column) {
        return mem.flush(t, line, column);
    }

    // ---- the data ops ---------------------------------------------------------------------------------

    public boolean assign(Task t, Op.Assign op) {
        try {
            int value = Vals.eval(op.value(), sight.of(t));
            Cell c = op.target();
            int i = Vals.index(c, sight.of(t));
            log.add(op.span(), t.pid, k.now(), ValueEvent.Access.WRITE, name(c, i), value);
            if (c.visible()) {
                // the declaration of a variable the process's threads share: set in place, not a step (as in the explorer)
                long key = key(c, i, t);
                races.write(t, key, name(c, i), op.span(), false);
                t.effects++;
                mem.commit(t, key, name(c, i), value, op.span());
            } else {
                t.slots[c.base() + i] = value;
            }
        } catch (Vals.DataFault f) {
            return fault(t, op.span(), f);
        }
        t.next();
        return true;
    }

    public boolean load(Task t, Op.Load op) {
        Cell c = op.source();
        int value;
        try {
            int i = Vals.index(c, sight.of(t));
            String variable = name(c, i);
            if (c.visible()) {
                long key = key(c, i, t);
                value = mem.load(t, key, staleRead(t, key, variable, op.span()));
                races.read(t, key, variable, op.span(), false);
                busy.read(t, key);
            } else {
                value = (int) t.slots[c.base() + i];
            }
            log.add(op.span(), t.pid, k.now(), ValueEvent.Access.READ, variable, value);
        } catch (Vals.DataFault f) {
            return fault(t, op.span(), f);
        }
        t.slots[op.slot()] = value;
        return step(t);
    }

    /** Whether a replayed schedule has this relaxed load read the value one store old (its branch 1). */
    private boolean staleRead(Task t, long key, String variable, Span at) {
        if (!k.replaying() || k.scheduledBranch(t) != 1) {
            return false;
        }
        String why = mem.whyNotStale(t, key);
        if (why != null) {
            k.scheduleMismatch(t + " loads " + variable + " at " + at + " and the step asks for the older value"
                    + " (branch 1), but " + why);
            return false;
        }
        return true;
    }

    public boolean store(Task t, Op.Store op) {
        Cell c = op.target();
        try {
            int i = Vals.index(c, sight.of(t));
            int value = Vals.eval(op.value(), sight.of(t));
            String variable = name(c, i);
            log.add(op.span(), t.pid, k.now(), ValueEvent.Access.WRITE, variable, value);
            if (!c.visible()) {
                t.slots[c.base() + i] = value;
            } else {
                long key = key(c, i, t);
                races.write(t, key, variable, op.span(), false);
                t.effects++;
                mem.store(t, key, variable, value, op.span());
            }
        } catch (Vals.DataFault f) {
            return fault(t, op.span(), f);
        }
        return step(t);
    }

    public boolean rmw(Task t, Op.Rmw op) {
        mem.fullBarrier(t);
        try {
            atomics.rmw(t, op);
        } catch (Vals.DataFault f) {
            return fault(t, op.span(), f);
        }
        return step(t);
    }

    public boolean atomic(Task t, Op.Atomic op) {
        mem.fullBarrier(t);
        try {
            Op.Assert failed = atomics.run(t, op.body(), op.span());
            if (failed != null) {
                return assertionFailed(t, failed);
            }
        } catch (Vals.DataFault f) {
            return fault(t, op.span(), f);
        }
        return step(t);
    }

    public boolean await(Task t, Op.Await op) {
        Sight.Recorder seen = sight.recording(t);
        boolean holds;
        try {
            holds = Vals.truth(op.condition(), seen);
        } catch (Vals.DataFault f) {
            return fault(t, op.span(), f);
        }
        if (holds) {
            atomics.noteReads(t, seen, op.span());
            return step(t);
        }
        seen.count = 0;
        seen.names.clear();
        k.block(t, Task.Blocker.AWAIT, -1, op.span(), "`await` at " + op.span() + " to hold (a store to what it reads"
                + " wakes it)");
        awaiting.add(t);
        return false;
    }

    public boolean fence(Task t, Op.Fence op) {
        switch (op.kind()) {
            case MB -> mem.fullBarrier(t);
            case RMB -> mem.readBarrier(t);
            case WMB -> mem.writeBarrier(t);
        }
        return step(t);
    }

    public boolean ifOp(Task t, Op.If op) {
        boolean holds;
        try {
            holds = Vals.truth(op.condition(), sight.of(t));
        } catch (Vals.DataFault f) {
            return fault(t, op.span(), f);
        }
        t.enter(holds ? op.then() : op.otherwise());
        return true;
    }

    public boolean loop(Task t, Op.Loop op) {
        if (op.body().isEmpty()) {
            busy.park(t, op, new long[0], "its body is empty"); // `while (1) { }`: spins until the run ends
            return false;
        }
        t.enterLoop(op);
        return true;
    }

    /** {@code t} ran {@link #LOCAL_LIMIT} statements without taking any time: if in a loop, it is parked for good. */
    public boolean localLoop(Task t) {
        Op.Loop loop = t.currentLoop();
        if (loop == null) {
            return false;
        }
        busy.park(t, loop, new long[0], "it went round " + LOCAL_LIMIT + " statements of local work without a step"
                + " another task could see or any time passing");
        return true;
    }

    public boolean breakLoop(Task t, Op.Break op) {
        t.breakLoop();
        return true;
    }

    public boolean assertOp(Task t, Op.Assert op) {
        boolean holds;
        try {
            holds = Vals.truth(op.condition(), sight.of(t));
        } catch (Vals.DataFault f) {
            return fault(t, op.span(), f);
        }
        if (holds) {
            t.next();
            return true;
        }
        return assertionFailed(t, op);
    }

    // ---- how ------------------------------------------------------------------------------------------

    /** A data step is done: it costs its nanosecond of CPU, after which the task goes on. */
    private boolean step(Task t) {
        t.next();
        k.burn(t, STEP_NS);
        return false;
    }

    private boolean assertionFailed(Task t, Op.Assert op) {
        Map<String, Integer> values = new LinkedHashMap<>();
        Sight.Recorder seen = sight.recording(t);
        Vals.reads(op.condition(), cell -> {
            try {
                int i = Vals.index(cell, seen);
                values.put(name(cell, i), seen.read(cell, i));
            } catch (Vals.DataFault f) {
                values.put(cell.name(), null);
            }
        });
        StringBuilder with = new StringBuilder();
        values.forEach((n, v) -> with.append(with.length() == 0 ? "" : ", ").append(n).append(" = ")
                .append(v == null ? "(out of bounds)" : v));
        k.findings().add(Diagnostic.of(Code.ASSERTION_FAILED, op.span(), "assertion failed: `assert " + op.text()
                + "` is false in " + t + (with.length() == 0 ? "" : " (" + with + ")") + " at " + k.now() + " ns;"
                + " the task is aborted (SIGABRT)"));
        k.kill(t, "SIGABRT", 6, op.span());
        return false;
    }

    private boolean fault(Task t, Span at, Vals.DataFault f) {
        boolean division = f.kind() == Vals.DataFault.Kind.DIVISION_BY_ZERO;
        k.findings().add(Diagnostic.of(Code.DATA_FAULT, at, t + ": " + f.getMessage() + "; the task is killed ("
                + (division ? "SIGFPE" : "SIGSEGV") + ")"));
        k.kill(t, division ? "SIGFPE" : "SIGSEGV", division ? 8 : 11, at);
        return false;
    }

    /** A store reached memory: the sleepers in await whose condition now holds wake, in the order they slept. */
    private void committed(long key) {
        busy.committed(key);
        if (awaiting.isEmpty()) {
            return;
        }
        List<Task> ready = new ArrayList<>();
        for (Task t : awaiting) {
            if (!(t.current() instanceof Op.Await a)) {
                continue; // not asleep in an await any more; woken() takes it off the list
            }
            try {
                if (Vals.truth(a.condition(), sight.of(t))) {
                    ready.add(t);
                }
            } catch (Vals.DataFault f) {
                ready.add(t); // it faults when it runs
            }
        }
        for (Task t : ready) {
            k.wake(t); // which takes it off the list
        }
    }

    static long key(Cell c, int index, Task t) {
        return MemoryOrder.key(c.scope() == Cell.Scope.SHARED, t.dataHome, c.base() + index);
    }

    static String name(Cell c, int index) {
        return c.length() > 1 ? c.name() + "[" + index + "]" : c.name();
    }

    // ---- what the run leaves ----------------------------------------------------------------------------

    /** Tasks that still spin in a loop nothing will end, with the loop, for OSS2503. */
    public List<Task> spinningForever() {
        return busy.parked();
    }

    /** Why a task of {@link #spinningForever} spins, and, when a store could end it, who could make one. */
    public String whySpinning(Task t, int taskCount, java.util.function.IntFunction<Task> tasks) {
        if (!busy.waitsOnCells(t)) {
            return busy.why(t);
        }
        List<Integer> others = waitsFor(t, taskCount, tasks);
        return busy.why(t) + ", and " + (others.isEmpty() ? "no other task is left that could store to them"
                : "the tasks that could (" + others.stream().map(p -> tasks.apply(p).toString()).toList()
                        + ") never do");
    }

    /**
     * For the wait-for graph: the live tasks other than {@code t} whose remaining code could
     * still store to shared data, the only ones that could end an await or a parked busy-wait.
     */
    public List<Integer> waitsFor(Task t, int taskCount, java.util.function.IntFunction<Task> tasks) {
        List<Integer> out = new ArrayList<>();
        for (int pid = 2; pid < taskCount; pid++) {
            Task o = tasks.apply(pid);
            if (o != t && o.alive() && o.mayReach(op -> op instanceof Op.Store || op instanceof Op.Rmw
                    || op instanceof Op.Atomic)) {
                out.add(pid);
            }
        }
        return out;
    }

    /** The values at the end and the ones seen on the way; {@code slots} by declared process. */
    public DataOutcome outcome(List<long[]> slots) {
        return new DataOutcome(mem.sharedCells(), slots, log.events(), log.truncated());
    }
}
