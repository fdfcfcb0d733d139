package oss.runtime.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.runtime.Simulator;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;
import oss.ir.program.Cell;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.SharedData;
import oss.ir.program.Val;
import oss.ir.program.KernelConfig;
import oss.ir.program.MachineConfig;
import oss.ir.program.MutexDecl;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.SchedPolicy;
import oss.ir.program.SchedulerSpec;
import oss.ir.program.Span;
import oss.ir.program.SyncObjects;

/**
 * Builds a Program in Java for whole-run tests of the synchronisation
 * primitives (no syntax needed): declarations by name, processes that all
 * arrive at 0 unless told, FIFO scheduling on enough CPUs by default so the
 * timings are easy to work out by hand.
 */
final class Scenario {
    static final long MS = 1_000_000L;

    private int cpus = 4;
    private SchedulerSpec scheduler = SchedulerSpec.of(SchedulerSpec.Kind.FIFO);
    private final List<MutexDecl> mutexes = new ArrayList<>();
    private final List<SyncObjects.SpinlockDecl> spinlocks = new ArrayList<>();
    private final List<SyncObjects.RwLockDecl> rwlocks = new ArrayList<>();
    private final List<SyncObjects.SeqlockDecl> seqlocks = new ArrayList<>();
    private final List<SyncObjects.CondvarDecl> condvars = new ArrayList<>();
    private final List<SyncObjects.BarrierDecl> barriers = new ArrayList<>();
    private final List<SyncObjects.SemSetDecl> semsets = new ArrayList<>();
    private final List<ProcessDef> processes = new ArrayList<>();
    private final List<SharedData.VarDecl> variables = new ArrayList<>();
    private SharedData.MemoryModel model = SharedData.MemoryModel.SC;
    private int storeBuffer = SharedData.DEFAULT_STORE_BUFFER;
    private int cellsUsed;

    /** A span at {@code line}, column 3. */
    static Span at(int line) {
        return new Span(line, 3, line, 30);
    }

    Scenario cpus(int n) {
        cpus = n;
        return this;
    }

    Scenario scheduler(SchedulerSpec s) {
        scheduler = s;
        return this;
    }

    int mutex(String name) {
        mutexes.add(new MutexDecl(name, Span.NONE));
        return mutexes.size() - 1;
    }

    int spinlock(String name) {
        spinlocks.add(new SyncObjects.SpinlockDecl(name, Span.NONE));
        return spinlocks.size() - 1;
    }

    int rwlock(String name, boolean writerPreferring) {
        rwlocks.add(new SyncObjects.RwLockDecl(name, writerPreferring, Span.NONE));
        return rwlocks.size() - 1;
    }

    int seqlock(String name) {
        seqlocks.add(new SyncObjects.SeqlockDecl(name, Span.NONE));
        return seqlocks.size() - 1;
    }

    int condvar(String name) {
        condvars.add(new SyncObjects.CondvarDecl(name, Span.NONE));
        return condvars.size() - 1;
    }

    int barrier(String name, int parties) {
        barriers.add(new SyncObjects.BarrierDecl(name, parties, Span.NONE));
        return barriers.size() - 1;
    }

    int semset(String name, int... initial) {
        semsets.add(new SyncObjects.SemSetDecl(name, initial, Span.NONE));
        return semsets.size() - 1;
    }

    /** A shared variable {@code int name[length] = {initial...}} (zeros when no initial values): its first cell. */
    Cell shared(String name, int length, int... initial) {
        int[] init = new int[length];
        System.arraycopy(initial, 0, init, 0, Math.min(length, initial.length));
        variables.add(new SharedData.VarDecl(name, cellsUsed, length, init, Span.NONE));
        Cell c = new Cell(Cell.Scope.SHARED, -1, cellsUsed, length, new Val.Const(0), name);
        cellsUsed += length;
        return c;
    }

    Scenario memoryModel(SharedData.MemoryModel m) {
        model = m;
        return this;
    }

    Scenario storeBuffer(int entries) {
        storeBuffer = entries;
        return this;
    }

    /** A process with {@code slots} local slots, declared at {@code line}, arriving at 0. */
    Scenario process(String name, int line, int slots, Op... body) {
        processes.add(new ProcessDef(name, 0, 0, SchedPolicy.NORMAL, 0, ProcessDef.DEFAULT_TICKETS, 0, List.of(body),
                slots, at(line)));
        return this;
    }

    /** A process declared at {@code line} (its implicit exit is a step there), arriving at 0. */
    Scenario process(String name, int line, Op... body) {
        processes.add(new ProcessDef(name, 0, 0, SchedPolicy.NORMAL, 0, ProcessDef.DEFAULT_TICKETS, 0, List.of(body), 1,
                at(line)));
        return this;
    }

    Program program() {
        KernelConfig kernel = new KernelConfig(scheduler, 0, 1000, DeadlockPolicy.DETECT);
        return new Program("sync", new MachineConfig(cpus, 2_000_000_000L, 64L << 20, 4096), kernel, mutexes, List.of(),
                List.of(), processes, Optional.empty(), List.of(), List.of(),
                new SyncObjects(spinlocks, rwlocks, seqlocks, condvars, barriers, semsets),
                new SharedData(variables, model, storeBuffer, List.of()));
    }

    RunResult run() {
        return Simulator.run(program(), RunOptions.defaults());
    }

    RunResult run(RunOptions options) {
        return Simulator.run(program(), options);
    }

    /** Runs the processes and declarations in {@code body}, written in the language, on a 4-CPU machine. */
    static RunResult onFourCpus(String body) {
        oss.compiler.Compilation c = oss.compiler.Compiler.compile("t.oss",
                "scenario \"t\" {\n  machine { cpus 4 }\n" + body + "\n}\n");
        org.junit.jupiter.api.Assertions.assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return oss.runtime.Simulator.run(c.program().get(), oss.runtime.observe.RunOptions.defaults());
    }

    static TaskReport task(RunResult r, String process) {
        return r.tasks().stream().filter(t -> t.process().equals(process) && !t.forked()).findFirst().orElseThrow();
    }

    static List<Diagnostic> findings(RunResult r, Code code) {
        return r.findings().stream().filter(d -> d.code() == code).toList();
    }

    // ---- ops, by line ----------------------------------------------------------------------------

    static Op compute(long ns, int line) {
        return new Op.Compute(ns, at(line));
    }

    static Op sleep(long ns, int line) {
        return new Op.Sleep(ns, at(line));
    }
}
