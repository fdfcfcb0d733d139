package oss.ir.program;

/**
 * Which statements other tasks can observe. The explorer interleaves tasks
 * only at visible operations; everything else (compute, sleep, io, memory,
 * snapshots) is local work that runs as part of the step that follows it.
 * A replayed schedule ({@code oss run --schedule}) counts steps by the same
 * rule, so both sides agree on what one step is.
 *
 * <p>One visible statement is usually one step. These take two steps at the
 * same statement: {@code cond_wait} (release and sleep; later, after a
 * signal, re-acquire the mutex), {@code seq_write} and {@code seq_read}
 * (begin at the statement, end after the body), and a {@code barrier}
 * arrival that has to wait (arrive; later, once released, leave). A {@code write_lock} on a
 * writer-preferring rwlock that finds it held is also two steps: it first
 * announces itself as a waiting writer, then takes the lock when it is free.
 * The end of a body, where the task exits, is a step at the process's or
 * fork's span.
 *
 * <p>Data: a plain load or store of a variable others can see is a step, so
 * {@code count = count + 1} is two (load, then store) and can lose an update; so is an
 * atomic read-modify-write, an {@code atomic} block (one step for the whole block), an
 * {@code await} (its condition read in one step) and a memory barrier. Private
 * assignments, {@code if}, loops, {@code break} and {@code assert} are local work.
 */
public final class Visibility implements Op.Visitor<Boolean> {
    private static final Visibility INSTANCE = new Visibility();

    private Visibility() {}

    public static boolean isVisible(Op op) {
        return op.accept(INSTANCE);
    }

    @Override
    public Boolean visitCompute(Op.Compute op) {
        return false;
    }

    @Override
    public Boolean visitSleep(Op.Sleep op) {
        return false;
    }

    @Override
    public Boolean visitIo(Op.Io op) {
        return false;
    }

    @Override
    public Boolean visitRepeat(Op.Repeat op) {
        // the loop itself is never a step: the visible statements in its body are, once per round
        return false;
    }

    @Override
    public Boolean visitLock(Op.Lock op) {
        return true;
    }

    @Override
    public Boolean visitUnlock(Op.Unlock op) {
        return true;
    }

    @Override
    public Boolean visitTryLock(Op.TryLock op) {
        return true;
    }

    @Override
    public Boolean visitSemWait(Op.SemWait op) {
        return true;
    }

    @Override
    public Boolean visitSemPost(Op.SemPost op) {
        return true;
    }

    @Override
    public Boolean visitClaim(Op.Claim op) {
        return true;
    }

    @Override
    public Boolean visitRequest(Op.Request op) {
        return true;
    }

    @Override
    public Boolean visitRelease(Op.Release op) {
        return true;
    }

    @Override
    public Boolean visitFork(Op.Fork op) {
        return true;
    }

    @Override
    public Boolean visitWaitChild(Op.WaitChild op) {
        return true;
    }

    @Override
    public Boolean visitWaitAny(Op.WaitAny op) {
        return true;
    }

    @Override
    public Boolean visitExit(Op.Exit op) {
        return true;
    }

    @Override
    public Boolean visitMmap(Op.Mmap op) {
        return false;
    }

    @Override
    public Boolean visitMunmap(Op.Munmap op) {
        return false;
    }

    @Override
    public Boolean visitMsync(Op.Msync op) {
        return false;
    }

    @Override
    public Boolean visitMalloc(Op.Malloc op) {
        return false;
    }

    @Override
    public Boolean visitFree(Op.Free op) {
        return false;
    }

    @Override
    public Boolean visitBrk(Op.Brk op) {
        return false;
    }

    @Override
    public Boolean visitMemAccess(Op.MemAccess op) {
        return false;
    }

    @Override
    public Boolean visitLibraryAccess(Op.LibraryAccess op) {
        return false;
    }

    @Override
    public Boolean visitPageRefs(Op.PageRefs op) {
        return false;
    }

    @Override
    public Boolean visitTouch(Op.Touch op) {
        return false;
    }

    @Override
    public Boolean visitSnapshot(Op.Snapshot op) {
        return false;
    }

    @Override
    public Boolean visitVFork(Op.VFork op) {
        return true;
    }

    @Override
    public Boolean visitExec(Op.Exec op) {
        // it wakes a vfork parent and ends the other threads of the group, and the explorer rests on it
        return true;
    }

    @Override
    public Boolean visitThread(Op.Thread op) {
        return true;
    }

    @Override
    public Boolean visitJoin(Op.Join op) {
        return true;
    }

    @Override
    public Boolean visitClone(Op.Clone op) {
        return true;
    }

    @Override
    public Boolean visitSpinLock(Op.SpinLock op) {
        return true;
    }

    @Override
    public Boolean visitSpinUnlock(Op.SpinUnlock op) {
        return true;
    }

    @Override
    public Boolean visitReadLock(Op.ReadLock op) {
        return true;
    }

    @Override
    public Boolean visitReadUnlock(Op.ReadUnlock op) {
        return true;
    }

    @Override
    public Boolean visitWriteLock(Op.WriteLock op) {
        return true;
    }

    @Override
    public Boolean visitWriteUnlock(Op.WriteUnlock op) {
        return true;
    }

    @Override
    public Boolean visitSeqWrite(Op.SeqWrite op) {
        return true;
    }

    @Override
    public Boolean visitSeqRead(Op.SeqRead op) {
        return true;
    }

    @Override
    public Boolean visitCondWait(Op.CondWait op) {
        return true;
    }

    @Override
    public Boolean visitCondSignal(Op.CondSignal op) {
        return true;
    }

    @Override
    public Boolean visitCondBroadcast(Op.CondBroadcast op) {
        return true;
    }

    @Override
    public Boolean visitBarrierWait(Op.BarrierWait op) {
        return true;
    }

    @Override
    public Boolean visitSemOp(Op.SemOp op) {
        return true;
    }

    @Override
    public Boolean visitChoose(Op.Choose op) {
        return true;
    }

    @Override
    public Boolean visitAssign(Op.Assign op) {
        return false;
    }

    @Override
    public Boolean visitLoad(Op.Load op) {
        return true;
    }

    @Override
    public Boolean visitStore(Op.Store op) {
        return true;
    }

    @Override
    public Boolean visitRmw(Op.Rmw op) {
        return true;
    }

    @Override
    public Boolean visitAtomic(Op.Atomic op) {
        return true;
    }

    @Override
    public Boolean visitIf(Op.If op) {
        return false;
    }

    @Override
    public Boolean visitLoop(Op.Loop op) {
        return false;
    }

    @Override
    public Boolean visitBreak(Op.Break op) {
        return false;
    }

    @Override
    public Boolean visitAssert(Op.Assert op) {
        return false;
    }

    @Override
    public Boolean visitAwait(Op.Await op) {
        return true;
    }

    @Override
    public Boolean visitFence(Op.Fence op) {
        return true;
    }
    /** Every call on a descriptor touches an object other tasks can reach. */
    @Override
    public Boolean visitFd(Op.Fd op) {
        return true;
    }

    /**
     * A message queue is an object other tasks reach; shared memory is memory, local work as
     * {@code mmap} is (what tasks see through it is the shared data's business).
     */
    @Override
    public Boolean visitIpc(Op.Ipc op) {
        return !IpcOp.isShm(op.call());
    }

    /** A signal call changes what another task's kill does, or is one. */
    @Override
    public Boolean visitSig(Op.Sig op) {
        // a handler's return is part of the step that follows it
        return !(op.call() instanceof SigOp.Sigreturn);
    }

    /** A readiness or aio call reads what devices delivered, which other tasks' reads take. */
    @Override
    public Boolean visitIoModel(Op.IoModel op) {
        return true;
    }
}
