package oss.runtime.explore;

import static oss.runtime.explore.Instr.*;

import java.util.BitSet;
import java.util.List;
import oss.ir.program.Cell;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.SyncObjects;
import oss.ir.program.Val;
import oss.ir.program.Vals;

/**
 * A program as the explorer sees it: flat code per body and the layout of
 * a state vector. A state is an {@code int[]}: the task count, then every
 * synchronisation object, then the shared variables' cells (under
 * {@code relaxed} followed by each cell's value one store old), then one
 * fixed-size record per task: position, loop counters, slots (fork results,
 * locals and temporaries; a GROUP variable lives in its thread group
 * leader's), resources, and under {@code tso}/{@code relaxed} the store
 * buffer (a count, a pending-wmb flag, then (cell, value, store's pc) per
 * entry) and, under {@code relaxed}, one bit per shared cell saying the task
 * has seen its newest value. Values that other fields imply (the number of
 * waiters of a condition variable, the arrivals at a barrier, the free
 * instances of a resource) are not stored: they are counted from the task
 * records, which keeps states canonical.
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
    /**
     * What the explorer cannot explore in this program, as the sentence it stops with (a queue
     * that may hold more messages than it keeps, a shared-memory call's result), or null.
     */
    final String unexplored;
    final int processes;
    final int maxTasks;

    final int mutexes, sems, spins, rws, seqs, conds, barriers, resources;
    /** Pipes and FIFOs ({@link PipeSteps}): their names, their records at {@code pipeBase}, each task's ends at {@code holdBase}. */
    final List<String> pipeNames;
    final int pipes, pipeBase, holdBase;
    final long pipeCapacity;
    /**
     * Devices a process opens: each is a pipe whose writer is the device itself, one delivery of
     * {@code deviceBytes} at a time, {@code deviceCount} of them (docs/language.md, "The five I/O
     * models"). By pipe object: the device's index in the program, or -1 for a pipe or FIFO.
     */
    final int[] deviceOfPipe;
    final int[] deviceBytes, deviceCount;
    /** Some device is opened: its deliveries are steps of their own, which the reduction does not know. */
    final boolean devices;
    /** epoll instances (EpollSteps), one per epoll_create statement, and where their records start. */
    final int epollInstances, epollBase;
    /** aio requests (AioSteps), one per aio_read statement: the statements, and where their records start. */
    final List<Op.IoModel> aioOps;
    final int aioBase;
    final int mutexBase, semBase, spinBase, rwWriterBase, rwReadersBase, seqValBase, seqWriterBase, semsetBase;
    final int[] semsetOffset;
    /** The message queues' regions of the state and their steps. */
    final QueueSteps queues;
    /** Regular files and open file descriptions: their region of the state and their steps. */
    final FileSteps files;
    /** Signals: fields at the end of each task record, and their steps; null when no statement is a signal call. */
    final SignalSteps signals;
    final int taskBase, depth, slots, slotBase, allocBase, claimBase, record;
    /** Some call names a standard stream or is a dup2: each record's descriptors 0, 1 and 2 start at stdBase. */
    final boolean std;
    final int stdBase;
    final boolean avoid, hasPhases, hasChildren, hasThreads, usesResources;
    final int[] total;
    final boolean[] writerPreferring;

    // shared data
    final SharedData data;
    final SharedData.MemoryModel memoryModel;
    /** Stores go through a store buffer (tso, relaxed); a relaxed load may read a value one store old. */
    final boolean buffered, relaxed;
    /** Shared cells at {@code sharedBase}, their one-store-old values (relaxed) at {@code oldBase}. */
    final int sharedCells, sharedBase, oldBase;
    /** Some instruction works on data; a while loop exists (the state graph may have cycles). */
    final boolean hasData, hasLoops;
    /** A value expectation reads a declared process's own variables, so they outlive its exit. */
    final boolean keepEndedSlots;
    final int storeBuffer;
    // store buffer fields of a task record (buffered models only): entries of ENTRY ints each
    static final int ENTRY = 3, E_CELL = 0, E_VALUE = 1, E_PC = 2;
    /** In an entry's pc field: a wmb() separates this entry from the older ones (relaxed). */
    static final int WMB_BEFORE = 1 << 30;
    final int bufCount, wmbPending, entryBase, seenBase, seenWords;
    /** Per code and resting pc, the slots no one reads again, zeroed there (null without data). */
    final int[][][] deadSlots;
    /** Per code and pc: inside a while loop's body (where a task may spin). */
    final boolean[][] inLoop;

    // object numbering for the reduction's access sets
    final int objMutex, objSem, objSpin, objRw, objSeq, objCond, objBarrier, objSemset, objResource, objPids,
            objMsg, objShared, objGroup, objPipe, objFile, objects;
    /** Per code and pc: every object the task may touch (read or write) from here on, its future children included. */
    final BitSet[][] future;
    /** Per code and pc: every object the task may write from here on. */
    final BitSet[][] futureWrites;

    Model(Program program, int maxTasks) {
        this.program = program;
        SyncObjects sync = program.sync();
        FlatCode.Compiler compiler = new FlatCode.Compiler();
        program.devices().forEach(d -> compiler.devicePaths.add(d.path()));
        this.codes = compiler.processes(program.processes()).toArray(FlatCode[]::new);
        this.pipeNames = List.copyOf(compiler.pipeNames);
        this.pipes = pipeNames.size();
        this.deviceOfPipe = new int[pipes];
        this.deviceBytes = new int[pipes];
        this.deviceCount = new int[pipes];
        java.util.Arrays.fill(deviceOfPipe, -1);
        String tooBig = null;
        for (var e : compiler.deviceIds.entrySet()) {
            for (int d = 0; d < program.devices().size(); d++) {
                oss.ir.program.DeviceDecl decl = program.devices().get(d);
                if (decl.path().equals(e.getKey())) {
                    deviceOfPipe[e.getValue()] = d;
                    deviceBytes[e.getValue()] = (int) Math.min(Integer.MAX_VALUE, decl.sizeBytes());
                    deviceCount[e.getValue()] = decl.sendNs().size();
                    if (decl.sizeBytes() * decl.sendNs().size() >= Integer.MAX_VALUE && tooBig == null) {
                        tooBig = "the device \"" + decl.path() + "\" (its deliveries add up to 2 GiB or more, which"
                                + " the explorer's buffers, kept in 31 bits, cannot hold; `oss run` can)";
                    }
                }
            }
        }
        this.devices = !compiler.deviceIds.isEmpty();
        this.pipeCapacity = program.kernel().pipeBufferBytes();
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
        pipeBase = at;
        at += pipes * PipeSteps.RECORD;
        this.queues = new QueueSteps(this, program, at);
        at += queues.size;
        this.files = new FileSteps(this, compiler.filePaths, initialSizes(program, compiler.filePaths),
                program.files().stream().map(oss.ir.program.FileDecl::path).toList(),
                readOnly(program, compiler.filePaths), at);
        at += files.size;
        this.epollInstances = compiler.epolls.size();
        this.epollBase = at;
        at += epollInstances * (1 + pipes);
        this.aioOps = List.copyOf(compiler.aios);
        this.aioBase = at;
        at += aioOps.size() * 6; // AioSteps.RECORD
        this.unexplored = compiler.unexplored != null ? compiler.unexplored : tooBig != null ? tooBig
                : files.unexplored != null ? files.unexplored : queues.unexplored == null ? null
                : queues.unexplored
                + " (the explorer follows at most " + QueueSteps.MAX_MESSAGES + " messages per queue; the run"
                + " simulates any number)";
        this.data = program.data();
        this.memoryModel = data.model();
        this.relaxed = memoryModel == SharedData.MemoryModel.RELAXED;
        this.buffered = memoryModel != SharedData.MemoryModel.SC;
        this.storeBuffer = Math.max(1, data.storeBuffer());
        this.sharedCells = data.cells();
        sharedBase = at;
        at += sharedCells;
        oldBase = at;
        if (relaxed) {
            at += sharedCells;
        }
        taskBase = at;

        int d = 0, hd = 0;
        boolean phases = false, children = false, threads = false, res = false;
        for (FlatCode c : codes) {
            if (c.handler) {
                hd = Math.max(hd, c.depth);
            } else {
                d = Math.max(d, c.depth);
            }
            for (int pc = 0; pc < c.size; pc++) {
                Instr k = c.kind[pc];
                phases |= k == Instr.COND_WAIT || k == Instr.BARRIER || k == Instr.VFORK || k == Instr.FD_OPEN
                        || k == Instr.FD_WRITE
                        || k == Instr.SEQR_BEGIN || k == Instr.WRITE_LOCK && writerPreferring[c.a[pc]];
                children |= k == Instr.FORK || k == Instr.THREAD || k == Instr.VFORK;
                threads |= k == Instr.THREAD;
                res |= k == Instr.REQUEST || k == Instr.CLAIM || k == Instr.RELEASE;
            }
        }
        int mainDepth = d;
        // a handler's loop counters come after the main code's, one set per nested frame
        d += compiler.signals ? SignalSteps.MAX_FRAMES * hd : 0;
        this.depth = d;
        this.hasPhases = phases || compiler.signals; // a handler's frame keeps the phase it interrupted
        this.hasChildren = children;
        this.hasThreads = threads;
        this.usesResources = res && resources > 0;
        int s = 0;
        for (ProcessDef p : program.processes()) {
            s = Math.max(s, p.slots());
        }
        DataScan scan = new DataScan();
        for (FlatCode c : codes) {
            for (int pc = 0; pc < c.size; pc++) {
                if (c.kind[pc] == Instr.IF_NOT) {
                    scan.any = true;
                    scan.read(((Op.If) c.op[pc]).condition()); // its branches are instructions of their own
                } else if (isData(c.kind[pc])) {
                    scan.op(c.op[pc]);
                }
            }
        }
        for (SharedData.Property p : data.properties()) {
            scan.read(p.condition());
        }
        this.slots = Math.max(s, scan.slots);
        this.hasData = scan.any;
        this.keepEndedSlots = scan.processCells;
        boolean loops = false;
        this.inLoop = new boolean[codes.length][];
        for (FlatCode c : codes) {
            inLoop[c.id] = new boolean[c.size];
            for (int pc = 0; pc < c.size; pc++) {
                if (c.kind[pc] == Instr.LOOP_BACK) {
                    loops = true;
                    java.util.Arrays.fill(inLoop[c.id], c.target[pc], pc + 1, true);
                }
            }
        }
        this.hasLoops = loops;
        this.slotBase = CNT + depth;
        this.allocBase = slotBase + slots;
        this.claimBase = allocBase + resources;
        int r = claimBase + resources;
        bufCount = r;
        wmbPending = r + 1;
        entryBase = r + 2;
        if (buffered) {
            r = entryBase + ENTRY * storeBuffer;
        }
        seenBase = r;
        seenWords = relaxed ? (sharedCells + 31) / 32 : 0;
        this.holdBase = r + seenWords;
        if (compiler.signals) {
            int[] handlerCode = new int[compiler.actions.size()];
            java.util.Arrays.fill(handlerCode, -1);
            for (FlatCode c : codes) {
                for (int pc = 0; pc < c.size; pc++) {
                    if (c.kind[pc] == Instr.SIG && c.b[pc] >= 0) {
                        handlerCode[c.b[pc]] = c.a[pc];
                    }
                }
            }
            this.signals = new SignalSteps(this, List.copyOf(compiler.actions), handlerCode, holdBase + pipes,
                    mainDepth, hd);
            this.stdBase = holdBase + pipes + signals.size;
        } else {
            this.signals = null;
            this.stdBase = holdBase + pipes;
        }

        this.std = compiler.std;
        this.record = stdBase + (std ? 3 : 0); // descriptors 0, 1 and 2 (FileSteps) come last

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
        objMsg = objPids + 1; // every queue: their steps all conflict, which is coarse and safe
        objShared = objMsg + 1;
        objGroup = objShared + sharedCells;
        objPipe = objGroup + (scan.groupCells ? slots : 0);
        objFile = objPipe + pipes;
        objects = objFile + (files.size > 0 ? 1 : 0); // every file and open file description: one object, coarse and safe
        // a handler may read any of its task's slots at any step: no slot is dead in a program with signals
        this.deadSlots = hasData && signals == null ? new Liveness(this).deadSlots() : null;
        Futures f = new Futures(this);
        this.future = f.compute(false);
        this.futureWrites = f.compute(true);
    }

    /** The instructions that work on data, whose ops hold cells and values. */
    static boolean isData(Instr k) {
        return switch (k) {
            // a queue's call reads and writes its task's private cells (DataRefs.visitIpc)
            case LOAD, STORE, RMW, ATOMIC, AWAIT, ASSIGN, ASSERT, IF_NOT, MSG -> true;
            case LOCK, UNLOCK, TRYLOCK, P, V, CLAIM, REQUEST, RELEASE, FORK, WAIT_CHILD, WAIT_ANY, EXIT, VFORK, EXEC,
                    THREAD, SPIN_LOCK, SPIN_UNLOCK, READ_LOCK, READ_UNLOCK, WRITE_LOCK, WRITE_UNLOCK, SEQW_BEGIN,
                    SEQW_END, SEQR_BEGIN, SEQR_END, COND_WAIT, SIGNAL, BROADCAST, BARRIER, SEMOP, CHOOSE, END, FENCE,
                    REP_INIT, REP_END, JUMP, LOOP_BACK, FD_PIPE, FD_MKFIFO, FD_OPEN, FD_READ, FD_WRITE, FD_CLOSE, FD_LSEEK, FD_DUP, FD_DUP2, FD_PATH, FD_FSTAT, FD_FSYNC, SIG,
                    SIGRETURN, EPOLL -> false;
        };
    }

    /**
     * Is the step a full barrier (docs/language.md, "Memory models")? Every synchronisation op and
     * system call, the end of a body, an atomic operation or block and mb() are: under tso and
     * relaxed the task must have flushed its store buffer before taking it. A plain load or store,
     * an await, rmb(), wmb() and choose are not.
     */
    static boolean fullBarrier(FlatCode c, int pc) {
        return switch (c.kind[pc]) {
            case LOAD, STORE, AWAIT, CHOOSE -> false;
            case FENCE -> c.a[pc] == Op.FenceKind.MB.ordinal();
            case LOCK, UNLOCK, TRYLOCK, P, V, CLAIM, REQUEST, RELEASE, FORK, WAIT_CHILD, WAIT_ANY, EXIT, VFORK, EXEC,
                    THREAD, SPIN_LOCK, SPIN_UNLOCK, READ_LOCK, READ_UNLOCK, WRITE_LOCK, WRITE_UNLOCK, SEQW_BEGIN,
                    SEQW_END, SEQR_BEGIN, SEQR_END, COND_WAIT, SIGNAL, BROADCAST, BARRIER, SEMOP, END, RMW,
                    ATOMIC, FD_PIPE, FD_MKFIFO, FD_OPEN, FD_READ, FD_WRITE, FD_CLOSE, FD_LSEEK, FD_DUP, FD_DUP2, FD_PATH, FD_FSTAT, FD_FSYNC, MSG, SIG,
                    EPOLL -> true;
            case REP_INIT, REP_END, JUMP, ASSIGN, ASSERT, IF_NOT, LOOP_BACK, SIGRETURN -> false;
        };
    }

    /** Slots, group variables and process variables named anywhere in the data ops and expectations. */
    private static final class DataScan extends DataRefs {
        int slots;
        boolean any, groupCells, processCells;

        void op(Op op) {
            any = true;
            op.accept(this);
        }

        @Override
        void read(Val v) {
            Vals.reads(v, this::cell);
        }

        @Override
        void write(Cell cell, Op op) {
            read(new Val.Read(cell));
        }

        private void cell(Cell c) {
            if (c.scope() != Cell.Scope.SHARED) {
                slots = Math.max(slots, c.base() + c.length());
                groupCells |= c.scope() == Cell.Scope.GROUP;
                processCells |= c.process() >= 0;
            }
        }

        @Override
        void slot(int slot) {
            slots = Math.max(slots, slot + 1);
        }
    }

    int base(int task) {
        return taskBase + task * record;
    }

    int capacity() {
        return taskBase + maxTasks * record;
    }

    /** Each opened path's size from its `file` line, or -1 when only an O_CREAT can make it. */
    private static long[] initialSizes(Program program, List<String> paths) {
        long[] sizes = new long[paths.size()];
        java.util.Arrays.fill(sizes, -1);
        for (oss.ir.program.FileDecl f : program.files()) {
            int i = paths.indexOf(f.path());
            if (i >= 0) {
                sizes[i] = f.sizeBytes();
            }
        }
        return sizes;
    }

    /** Which opened paths a `file ... readonly` line declares. */
    private static boolean[] readOnly(Program program, List<String> paths) {
        boolean[] ro = new boolean[paths.size()];
        for (oss.ir.program.FileDecl f : program.files()) {
            int i = paths.indexOf(f.path());
            if (i >= 0) {
                ro[i] = f.readOnly();
            }
        }
        return ro;
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
        queues.initial(s);
        files.init(s);
        for (int p = 0; p < pipes; p++) {
            if (deviceOfPipe[p] >= 0) {
                s[pipeBase + p * PipeSteps.RECORD + PipeSteps.EXISTS] = 1; // a device exists from boot
            }
        }
        int[] cells = data.initialCells();
        System.arraycopy(cells, 0, s, sharedBase, sharedCells);
        if (relaxed) {
            System.arraycopy(cells, 0, s, oldBase, sharedCells);
        }
        for (int t = 0; t < processes; t++) {
            int b = base(t);
            s[b + CODE] = t;
            s[b + PC] = ALIVE;
            files.stdio(s, t);
            for (int w = 0; w < seenWords; w++) {
                s[b + seenBase + w] = -1; // nothing older than the initial values to read
            }
        }
        return s;
    }

    /**
     * The objects one instruction touches ({@code out}) and, of those, the ones it may write
     * ({@code writes}), for the reduction's conflict test: two steps conflict when one writes an
     * object the other touches. Synchronisation objects are always written. Forgetting one here
     * would let the reduction postpone a step that matters, hence no default.
     */
    void accesses(FlatCode c, int pc, BitSet out, BitSet writes) {
        BitSet touched = new BitSet();
        syncAccesses(c, pc, touched);
        out.or(touched);
        writes.or(touched);
        new DataAccesses(out, writes).step(c, pc);
        if (relaxed && fullBarrier(c, pc) && c.kind[pc] != Instr.END && c.kind[pc] != Instr.EXIT) {
            // a full barrier marks every newest value seen, which a flush of another task un-marks
            out.set(objShared, objShared + sharedCells);
        }
    }

    private void syncAccesses(FlatCode c, int pc, BitSet out) {
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
            case MSG -> objMsg;
            case CLAIM, REQUEST, RELEASE -> {
                out.set(objResource, objResource + resources);
                yield -1;
            }
            case FORK, THREAD, VFORK -> {
                // a child gets copies of the parent's descriptors: one more holder of each end it has
                out.set(objPipe, objects); // the pipes, and the files' object when there are files
                yield objPids;
            }
            // which pipe a descriptor names is known only in the state: every pipe, to be safe (epoll's ready
            // lists move with the pipes: Explorer explores programs with epoll without the reduction anyway)
            case FD_PIPE, FD_MKFIFO, FD_OPEN, FD_READ, FD_WRITE, FD_CLOSE, FD_LSEEK, FD_DUP, FD_DUP2, FD_PATH, FD_FSTAT, FD_FSYNC,
                    EPOLL -> {
                out.set(objPipe, objects); // the pipes, and the files' object when there are files
                yield -1;
            }
            // a signal call acts on tasks (the explorer does not reduce programs with signals: Explorer.run)
            case SIG -> objPids;
            // an exit closes the task's descriptors, which may end a read (end of file) or a write (SIGPIPE)
            case EXIT, END -> {
                out.set(objPipe, objects); // the pipes, and the files' object when there are files
                yield -1;
            }
            // waits and exec act on tasks, not objects: the reduction's rules for them are in StubbornSets
            case WAIT_CHILD, WAIT_ANY, EXEC, CHOOSE, REP_INIT, REP_END, JUMP -> -1;
            // data: the cells are objects of their own, in DataAccesses
            case LOAD, STORE, RMW, ATOMIC, AWAIT, FENCE, ASSIGN, ASSERT, IF_NOT, LOOP_BACK, SIGRETURN -> -1;
        };
        if (object >= 0) {
            out.set(object);
        }
    }

    /**
     * The object of each element a cell may denote: its element when the index is a constant,
     * else the whole array. Private cells are no object: only their task sees them.
     */
    void cellObjects(Cell cell, BitSet out) {
        int base = switch (cell.scope()) {
            case SHARED -> objShared;
            case GROUP -> objGroup;
            case PRIVATE -> -1;
        };
        if (base < 0) {
            return;
        }
        if (cell.index() instanceof Val.Const k && k.value() >= 0 && k.value() < cell.length()) {
            out.set(base + cell.base() + k.value());
        } else {
            out.set(base + cell.base(), base + cell.base() + cell.length());
        }
    }

    /** What a data instruction reads and writes of the cells others can see. */
    private final class DataAccesses extends DataRefs {
        private final BitSet out, writes;

        DataAccesses(BitSet out, BitSet writes) {
            this.out = out;
            this.writes = writes;
        }

        void step(FlatCode c, int pc) {
            if (c.kind[pc] == Instr.IF_NOT) {
                read(((Op.If) c.op[pc]).condition()); // its branches are instructions of their own
            } else if (isData(c.kind[pc])) {
                c.op[pc].accept(this);
            }
        }

        @Override
        void read(Val v) {
            Vals.reads(v, cell -> cellObjects(cell, out));
        }

        @Override
        void write(Cell cell, Op op) {
            read(cell.index());
            cellObjects(cell, out);
            cellObjects(cell, writes);
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
