package oss.runtime.kernel;

import oss.ir.program.Op;
import oss.runtime.kernel.data.DataCalls;
import oss.runtime.kernel.deadlock.ResourceCalls;
import oss.runtime.kernel.ipc.SemSetCalls;
import oss.runtime.kernel.ipc.ShmCalls;
import oss.runtime.kernel.locking.Locking;

/**
 * The system-call table: one entry per kind of {@link Op}, each handing the statement to the
 * subsystem that owns it (locking, ipc, the banker's resources, mm, the process lifecycle), as
 * Linux's sys_call_table maps a number to its sys_ function. A kind of op added to the IR without
 * an entry here fails to compile. Each entry runs one zero-time statement of the task being
 * stepped and answers false when that task left the CPU (it slept, busy-waits or exited).
 *
 * <p>The task is a field, not an argument, so the per-statement dispatch allocates nothing.
 */
final class SyscallTable implements Op.Visitor<Boolean> {
    private final Kernel kernel;
    private final ProcessLifecycle lifecycle;
    private final Locking locking;
    private final SemSetCalls semsets;
    private final ResourceCalls resources;
    /** Null when the program has no shared data. */
    private final DataCalls data;
    private Task t;
    /** Null until a shared-memory call runs. */
    private ShmCalls shm;

    SyscallTable(Kernel kernel, ProcessLifecycle lifecycle, Locking locking, SemSetCalls semsets, ResourceCalls resources,
            DataCalls data) {
        this.data = data;
        this.kernel = kernel;
        this.lifecycle = lifecycle;
        this.locking = locking;
        this.semsets = semsets;
        this.resources = resources;
        this.entryCostNs = Math.max(0, kernel.program.kernel().syscallCostNs());
        this.trace = kernel.sysViews.trace();
    }

    /**
     * Runs {@code op} for {@code task}; false when the task left the CPU. With shared data, a
     * statement that is not a data op is a memory barrier and a happens-before edge, which the
     * data subsystem applies around it.
     */
    boolean step(Task task, Op op) {
        this.t = task;
        if (task.syscalls.enter(op, task.nexts, entryCostNs) && trace != null) {
            task.syscalls.traced(trace.entered(task.pid, kernel.now, task.syscalls.calling(), "..."));
        }
        if (payEntry(task)) {
            return false;
        }
        if (data == null) {
            return op.accept(this);
        }
        long before = task.progress;
        boolean around = data.beforeStatement(task, op);
        boolean goesOn = op.accept(this);
        if (around) {
            data.afterStatement(task, before);
        }
        return goesOn;
    }

    /** kernel { syscall_cost }: what entering the kernel costs each counted call (docs/language.md, "System calls and time"). */
    private final long entryCostNs;
    /** --trace-syscalls' lines, or null. */
    private final oss.runtime.kernel.syscall.SyscallTrace trace;

    /** Falling off main (exit_group) or a thread's start routine (exit): true while it pays that call's entry. */
    boolean fellOff(Task task) {
        if (task.syscalls.fellOff(task.tgid == task.pid ? "exit_group" : "exit", task.nexts, entryCostNs)
                && trace != null) {
            task.syscalls.traced(trace.entered(task.pid, kernel.now, task.syscalls.calling(), "0"));
        }
        return payEntry(task);
    }

    /**
     * A call entered and not yet paid for burns its entry cost first, in system mode; the statement
     * runs again when that ends (or, preempted, pays the rest when it runs again) and acts then.
     */
    private boolean payEntry(Task task) {
        long owed = task.syscalls.owed();
        if (owed <= 0) {
            return false;
        }
        kernel.dataGlue.burn(task, owed);
        return true;
    }

    // ---- time: the kernel's own

    @Override
    public Boolean visitCompute(Op.Compute op) {
        throw new IllegalStateException("compute is a CPU burst, run by the kernel's execute loop, not a system call");
    }

    @Override
    public Boolean visitSleep(Op.Sleep op) {
        t.next();
        kernel.sleepFor(t, Task.Blocker.TIMER, op.ns(), op.span());
        return false;
    }

    @Override
    public Boolean visitIo(Op.Io op) {
        t.next();
        kernel.sleepFor(t, Task.Blocker.IO, op.ns(), op.span());
        return false;
    }

    @Override
    public Boolean visitRepeat(Op.Repeat op) {
        throw new IllegalStateException("repeat is unrolled by the task's frames, never run as a statement");
    }

    @Override
    public Boolean visitChoose(Op.Choose op) {
        return kernel.choose(t, op);
    }

    // ---- data: shared variables, atomics, barriers, and the control flow over them

    @Override
    public Boolean visitAssign(Op.Assign op) {
        return data.assign(t, op);
    }

    @Override
    public Boolean visitLoad(Op.Load op) {
        return data.load(t, op);
    }

    @Override
    public Boolean visitStore(Op.Store op) {
        return data.store(t, op);
    }

    @Override
    public Boolean visitRmw(Op.Rmw op) {
        return data.rmw(t, op);
    }

    @Override
    public Boolean visitAtomic(Op.Atomic op) {
        return data.atomic(t, op);
    }

    @Override
    public Boolean visitIf(Op.If op) {
        return data.ifOp(t, op);
    }

    @Override
    public Boolean visitLoop(Op.Loop op) {
        return data.loop(t, op);
    }

    @Override
    public Boolean visitBreak(Op.Break op) {
        return data.breakLoop(t, op);
    }

    @Override
    public Boolean visitAssert(Op.Assert op) {
        return data.assertOp(t, op);
    }

    @Override
    public Boolean visitAwait(Op.Await op) {
        return data.await(t, op);
    }

    @Override
    public Boolean visitFence(Op.Fence op) {
        return data.fence(t, op);
    }

    @Override
    public Boolean visitSnapshot(Op.Snapshot op) {
        return kernel.snapshot(t, op);
    }

    // ---- locking

    @Override
    public Boolean visitLock(Op.Lock op) {
        return locking.mutex().lock(t, op);
    }

    @Override
    public Boolean visitUnlock(Op.Unlock op) {
        return locking.mutex().unlock(t, op);
    }

    @Override
    public Boolean visitTryLock(Op.TryLock op) {
        return locking.mutex().tryLock(t, op);
    }

    @Override
    public Boolean visitSemWait(Op.SemWait op) {
        return locking.semaphore().semWait(t, op);
    }

    @Override
    public Boolean visitSemPost(Op.SemPost op) {
        return locking.semaphore().semPost(t, op);
    }

    @Override
    public Boolean visitSpinLock(Op.SpinLock op) {
        return locking.spin().spinLock(t, op);
    }

    @Override
    public Boolean visitSpinUnlock(Op.SpinUnlock op) {
        return locking.spin().spinUnlock(t, op);
    }

    @Override
    public Boolean visitReadLock(Op.ReadLock op) {
        return locking.rw().readLock(t, op);
    }

    @Override
    public Boolean visitReadUnlock(Op.ReadUnlock op) {
        return locking.rw().readUnlock(t, op);
    }

    @Override
    public Boolean visitWriteLock(Op.WriteLock op) {
        return locking.rw().writeLock(t, op);
    }

    @Override
    public Boolean visitWriteUnlock(Op.WriteUnlock op) {
        return locking.rw().writeUnlock(t, op);
    }

    @Override
    public Boolean visitSeqWrite(Op.SeqWrite op) {
        return locking.seq().seqWrite(t, op);
    }

    @Override
    public Boolean visitSeqRead(Op.SeqRead op) {
        return locking.seq().seqRead(t, op);
    }

    @Override
    public Boolean visitCondWait(Op.CondWait op) {
        return locking.cond().condWait(t, op);
    }

    @Override
    public Boolean visitCondSignal(Op.CondSignal op) {
        return locking.cond().condSignal(t, op);
    }

    @Override
    public Boolean visitCondBroadcast(Op.CondBroadcast op) {
        return locking.cond().condBroadcast(t, op);
    }

    @Override
    public Boolean visitBarrierWait(Op.BarrierWait op) {
        return locking.barrier().barrierWait(t, op);
    }

    // ---- ipc

    @Override
    public Boolean visitSemOp(Op.SemOp op) {
        return semsets.semOp(t, op);
    }

    // ---- the banker's resources

    @Override
    public Boolean visitClaim(Op.Claim op) {
        return resources.claim(t, op);
    }

    @Override
    public Boolean visitRequest(Op.Request op) {
        return resources.request(t, op);
    }

    @Override
    public Boolean visitRelease(Op.Release op) {
        return resources.release(t, op);
    }

    // ---- the process lifecycle

    @Override
    public Boolean visitFork(Op.Fork op) {
        return lifecycle.fork(t, op);
    }

    @Override
    public Boolean visitVFork(Op.VFork op) {
        return lifecycle.vfork(t, op);
    }

    @Override
    public Boolean visitThread(Op.Thread op) {
        return lifecycle.thread(t, op);
    }

    @Override
    public Boolean visitClone(Op.Clone op) {
        return lifecycle.clone(t, op);
    }

    @Override
    public Boolean visitExec(Op.Exec op) {
        return lifecycle.exec(t, op);
    }

    @Override
    public Boolean visitExit(Op.Exit op) {
        return lifecycle.exit(t, op);
    }

    @Override
    public Boolean visitWaitChild(Op.WaitChild op) {
        return lifecycle.waitChild(t, op);
    }

    @Override
    public Boolean visitWaitAny(Op.WaitAny op) {
        return lifecycle.waitAny(t, op);
    }

    @Override
    public Boolean visitJoin(Op.Join op) {
        return lifecycle.join(t, op);
    }

    // ---- mm: the kernel applies what each costs (CPU time, a disk wait, a fatal signal)

    @Override
    public Boolean visitMmap(Op.Mmap op) {
        return kernel.memory(t, op, kernel.memoryCalls().mmap(t, op));
    }

    @Override
    public Boolean visitMunmap(Op.Munmap op) {
        return kernel.memory(t, op, kernel.memoryCalls().munmap(t, op));
    }

    @Override
    public Boolean visitMsync(Op.Msync op) {
        return kernel.memory(t, op, kernel.memoryCalls().msync(t, op));
    }

    @Override
    public Boolean visitMalloc(Op.Malloc op) {
        return kernel.memory(t, op, kernel.memoryCalls().malloc(t, op));
    }

    @Override
    public Boolean visitFree(Op.Free op) {
        return kernel.memory(t, op, kernel.memoryCalls().free(t, op));
    }

    @Override
    public Boolean visitBrk(Op.Brk op) {
        return kernel.memory(t, op, kernel.memoryCalls().brk(t, op));
    }

    @Override
    public Boolean visitMemAccess(Op.MemAccess op) {
        return kernel.memory(t, op, kernel.memoryCalls().memAccess(t, op));
    }

    @Override
    public Boolean visitLibraryAccess(Op.LibraryAccess op) {
        return kernel.memory(t, op, kernel.memoryCalls().libraryAccess(t, op));
    }

    @Override
    public Boolean visitPageRefs(Op.PageRefs op) {
        return kernel.memory(t, op, kernel.memoryCalls().pageRefs(t, op));
    }

    @Override
    public Boolean visitTouch(Op.Touch op) {
        return kernel.memory(t, op, kernel.memoryCalls().touch(t, op));
    }
    // ---- processes that talk (issue 14, contract: each family's helper wires its subsystem here)

    @Override
    public Boolean visitFd(Op.Fd op) {
        boolean done = kernel.fds.call(t, op);
        // the hover on a descriptor call lists the caller's descriptors after it (lsof for one process)
        kernel.facts().detailIfNone(op.span(), t, oss.runtime.kernel.fs.Lsof.table(t));
        return done;
    }

    /** Message queues first, shared memory second: two subsystems of ipc/ (msg.c, shm.c). */
    @Override
    public Boolean visitIpc(Op.Ipc op) {
        if (oss.ir.program.IpcOp.isShm(op.call())) {
            return kernel.memory(t, op, shm().call(t, op, kernel.now()));
        }
        return kernel.msgs.call(t, op);
    }

    /** System V and POSIX shared memory, made on first use: it needs the memory manager. */
    ShmCalls shm() {
        if (shm == null) {
            shm = new ShmCalls(kernel.mm, kernel.findings(), kernel.facts());
        }
        return shm;
    }

    /** The shared memory made so far, for ipcs; null before the first shm call. */
    ShmCalls shmIfMade() {
        return shm;
    }

    /** Segments and /dev/shm objects left at the end of a run that ended (OSS2708). */
    void shmEndOfRun() {
        if (shm != null) {
            shm.endOfRun();
        }
    }

    @Override
    public Boolean visitSig(Op.Sig op) {
        return kernel.signals.calls.call(t, op);
    }

    @Override
    public Boolean visitIoModel(Op.IoModel op) {
        return kernel.devices.io().call(t, op);
    }
}
