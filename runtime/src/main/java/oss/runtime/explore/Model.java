package oss.runtime.explore;

import static oss.runtime.explore.Instr.*;

import java.util.BitSet;
import java.util.List;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.SyncObjects;

/**
 * A program as the explorer sees it: flat code per body and the layout of
 * a state vector. A state is an {@code int[]}: the task count, then every
 * synchronisation object, then one fixed-size record per task. Values that
 * other fields imply (the number of waiters of a condition variable, the
 * arrivals at a barrier, the free instances of a resource) are not stored:
 * they are counted from the task records, which keeps states canonical.
 */
final class Model {
    // task record fields
    static final int PC = 0, CODE = 1, PARENT = 2, GROUP = 3, PHASE = 4, AUX = 5, CNT = 6;
    /** Encoded in PC: 0 unused, 1 zombie, 2 dead (reaped); pc + ALIVE for a live task. */
    static final int ZOMBIE = 1, DEAD = 2, ALIVE = 3;
    // phases
    static final int PH_WAITING = 1, PH_WOKEN = 2, PH_VFORK = 3;
    /** Readers of an rwlock are one int bitmask in the state. */
    static final int MAX_RW_TASKS = 31;

    final Program program;
    final FlatCode[] codes;
    final int processes;
    final int maxTasks;

    final int mutexes, sems, spins, rws, seqs, conds, barriers, resources;
    final int mutexBase, semBase, spinBase, rwWriterBase, rwReadersBase, seqValBase, seqWriterBase, semsetBase;
    final int[] semsetOffset;
    final int taskBase, depth, slots, slotBase, allocBase, claimBase, record;
    final boolean avoid, hasPhases, hasChildren, hasThreads, usesResources;
    final int[] total;
    final boolean[] writerPreferring;

    // object numbering for the reduction's access sets
    final int objMutex, objSem, objSpin, objRw, objSeq, objCond, objBarrier, objSemset, objResource, objPids, objects;
    /** Per code and pc: every object the task may touch from here on, its future children included. */
    final BitSet[][] future;

    Model(Program program, int maxTasks) {
        this.program = program;
        SyncObjects sync = program.sync();
        this.codes = new FlatCode.Compiler().processes(program.processes()).toArray(FlatCode[]::new);
        this.processes = program.processes().size();
        this.mutexes = program.mutexes().size();
        this.sems = program.semaphores().size();
        this.spins = sync.spinlocks().size();
        this.rws = sync.rwlocks().size();
        this.seqs = sync.seqlocks().size();
        this.conds = sync.condvars().size();
        this.barriers = sync.barriers().size();
        this.resources = program.resources().size();
        this.avoid = program.kernel().deadlock() == DeadlockPolicy.AVOID;
        this.total = program.resources().stream().mapToInt(r -> r.instances()).toArray();
        this.writerPreferring = new boolean[rws];
        for (int i = 0; i < rws; i++) {
            writerPreferring[i] = sync.rwlocks().get(i).writerPreferring();
        }
        // every process gets a record, and forks may add up to maxTasks more beyond that; the
        // reduction's task sets are long[] bitsets of any width. A readers bitmask per rwlock
        // (one int in the state) limits tasks to 31 when rwlocks exist: Explorer says so.
        int wanted = processes > maxTasks ? processes + maxTasks : maxTasks;
        this.maxTasks = rws > 0 ? Math.min(MAX_RW_TASKS, wanted) : wanted;

        int at = 1;
        mutexBase = at;
        at += mutexes;
        semBase = at;
        at += sems;
        spinBase = at;
        at += spins;
        rwWriterBase = at;
        at += rws;
        rwReadersBase = at;
        at += rws;
        seqValBase = at;
        at += seqs;
        seqWriterBase = at;
        at += seqs;
        semsetBase = at;
        semsetOffset = new int[sync.semsets().size()];
        for (int i = 0; i < semsetOffset.length; i++) {
            semsetOffset[i] = at;
            at += sync.semsets().get(i).initial().length;
        }
        taskBase = at;

        int d = 0;
        boolean phases = false, children = false, threads = false, res = false;
        for (FlatCode c : codes) {
            d = Math.max(d, c.depth);
            for (int pc = 0; pc < c.size; pc++) {
                Instr k = c.kind[pc];
                phases |= k == Instr.COND_WAIT || k == Instr.BARRIER || k == Instr.VFORK
                        || k == Instr.SEQR_BEGIN || k == Instr.WRITE_LOCK && writerPreferring[c.a[pc]];
                children |= k == Instr.FORK || k == Instr.THREAD || k == Instr.VFORK;
                threads |= k == Instr.THREAD;
                res |= k == Instr.REQUEST || k == Instr.CLAIM || k == Instr.RELEASE;
            }
        }
        this.depth = d;
        this.hasPhases = phases;
        this.hasChildren = children;
        this.hasThreads = threads;
        this.usesResources = res && resources > 0;
        int s = 0;
        for (ProcessDef p : program.processes()) {
            s = Math.max(s, p.slots());
        }
        this.slots = s;
        this.slotBase = CNT + depth;
        this.allocBase = slotBase + slots;
        this.claimBase = allocBase + resources;
        this.record = claimBase + resources;

        objMutex = 0;
        objSem = objMutex + mutexes;
        objSpin = objSem + sems;
        objRw = objSpin + spins;
        objSeq = objRw + rws;
        objCond = objSeq + seqs;
        objBarrier = objCond + conds;
        objSemset = objBarrier + barriers;
        objResource = objSemset + semsetOffset.length;
        objPids = objResource + resources;
        objects = objPids + 1;
        this.future = new Futures(this).compute();
    }

    int base(int task) {
        return taskBase + task * record;
    }

    int capacity() {
        return taskBase + maxTasks * record;
    }

    int[] initial() {
        int[] s = new int[capacity()];
        s[0] = processes;
        for (int i = 0; i < semsetOffset.length; i++) {
            int[] init = program.sync().semsets().get(i).initial();
            System.arraycopy(init, 0, s, semsetOffset[i], init.length);
        }
        for (int i = 0; i < sems; i++) {
            s[semBase + i] = program.semaphores().get(i).initial();
        }
        for (int t = 0; t < processes; t++) {
            int b = base(t);
            s[b + CODE] = t;
            s[b + PC] = ALIVE;
        }
        return s;
    }

    /**
     * The objects one instruction touches, for the reduction's conflict test. Forgetting one here
     * would let the reduction postpone a step that matters, hence no default.
     */
    void accesses(FlatCode c, int pc, BitSet out) {
        int a = c.a[pc];
        int object = switch (c.kind[pc]) {
            case LOCK, UNLOCK, TRYLOCK -> objMutex + a;
            case P, V -> objSem + a;
            case SPIN_LOCK, SPIN_UNLOCK -> objSpin + a;
            case READ_LOCK, READ_UNLOCK, WRITE_LOCK, WRITE_UNLOCK -> objRw + a;
            case SEQW_BEGIN, SEQW_END, SEQR_BEGIN, SEQR_END -> objSeq + a;
            case COND_WAIT -> {
                out.set(objMutex + c.b[pc]);
                yield objCond + a;
            }
            case SIGNAL, BROADCAST -> objCond + a;
            case BARRIER -> objBarrier + a;
            case SEMOP -> objSemset + a;
            case CLAIM, REQUEST, RELEASE -> {
                out.set(objResource, objResource + resources);
                yield -1;
            }
            case FORK, THREAD, VFORK -> objPids;
            // waits, exits and exec act on tasks, not objects: the reduction's rules for them are in StubbornSets
            case WAIT_CHILD, WAIT_ANY, EXIT, EXEC, END, CHOOSE, REP_INIT, REP_END, JUMP -> -1;
        };
        if (object >= 0) {
            out.set(object);
        }
    }

    /** As a run names it: a task that was not declared (a fork, thread or clone) carries a star. */
    String taskName(int[] s, int t) {
        return nameOfCode(s[base(t) + CODE]) + (t >= processes ? "*" : "") + " (pid " + (t + 2) + ")";
    }

    private String nameOfCode(int code) {
        return program.processes().get(codes[code].root).name();
    }

    static List<Op> none() {
        return List.of();
    }
}
