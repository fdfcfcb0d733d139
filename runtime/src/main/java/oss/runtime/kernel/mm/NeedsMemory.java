package oss.runtime.kernel.mm;

import oss.ir.program.Op;

/**
 * Whether an op itself touches memory or address spaces (its nested bodies aside), for
 * {@link MemorySyscalls#uses}: a new kind of op must say, or this fails to compile.
 */
final class NeedsMemory implements Op.Visitor<Boolean> {
    static final NeedsMemory INSTANCE = new NeedsMemory();

    private NeedsMemory() {}

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
        return false;
    }

    @Override
    public Boolean visitLock(Op.Lock op) {
        return false;
    }

    @Override
    public Boolean visitUnlock(Op.Unlock op) {
        return false;
    }

    @Override
    public Boolean visitTryLock(Op.TryLock op) {
        return false;
    }

    @Override
    public Boolean visitSemWait(Op.SemWait op) {
        return false;
    }

    @Override
    public Boolean visitSemPost(Op.SemPost op) {
        return false;
    }

    @Override
    public Boolean visitClaim(Op.Claim op) {
        return false;
    }

    @Override
    public Boolean visitRequest(Op.Request op) {
        return false;
    }

    @Override
    public Boolean visitRelease(Op.Release op) {
        return false;
    }

    @Override
    public Boolean visitFork(Op.Fork op) {
        return false;
    }

    @Override
    public Boolean visitWaitChild(Op.WaitChild op) {
        return false;
    }

    @Override
    public Boolean visitWaitAny(Op.WaitAny op) {
        return false;
    }

    @Override
    public Boolean visitExit(Op.Exit op) {
        return false;
    }

    @Override
    public Boolean visitMmap(Op.Mmap op) {
        return true;
    }

    @Override
    public Boolean visitMunmap(Op.Munmap op) {
        return true;
    }

    @Override
    public Boolean visitMsync(Op.Msync op) {
        return true;
    }

    @Override
    public Boolean visitMalloc(Op.Malloc op) {
        return true;
    }

    @Override
    public Boolean visitFree(Op.Free op) {
        return true;
    }

    @Override
    public Boolean visitBrk(Op.Brk op) {
        return true;
    }

    @Override
    public Boolean visitMemAccess(Op.MemAccess op) {
        return true;
    }

    @Override
    public Boolean visitLibraryAccess(Op.LibraryAccess op) {
        return true;
    }

    @Override
    public Boolean visitPageRefs(Op.PageRefs op) {
        return true;
    }

    @Override
    public Boolean visitTouch(Op.Touch op) {
        return true;
    }

    @Override
    public Boolean visitSnapshot(Op.Snapshot op) {
        return true;
    }

    @Override
    public Boolean visitVFork(Op.VFork op) {
        return true;
    }

    @Override
    public Boolean visitExec(Op.Exec op) {
        return true;
    }

    @Override
    public Boolean visitThread(Op.Thread op) {
        return true;
    }

    @Override
    public Boolean visitJoin(Op.Join op) {
        return false;
    }

    @Override
    public Boolean visitClone(Op.Clone op) {
        return true;
    }

    @Override
    public Boolean visitSpinLock(Op.SpinLock op) {
        return false;
    }

    @Override
    public Boolean visitSpinUnlock(Op.SpinUnlock op) {
        return false;
    }

    @Override
    public Boolean visitReadLock(Op.ReadLock op) {
        return false;
    }

    @Override
    public Boolean visitReadUnlock(Op.ReadUnlock op) {
        return false;
    }

    @Override
    public Boolean visitWriteLock(Op.WriteLock op) {
        return false;
    }

    @Override
    public Boolean visitWriteUnlock(Op.WriteUnlock op) {
        return false;
    }

    @Override
    public Boolean visitSeqWrite(Op.SeqWrite op) {
        return false;
    }

    @Override
    public Boolean visitSeqRead(Op.SeqRead op) {
        return false;
    }

    @Override
    public Boolean visitCondWait(Op.CondWait op) {
        return false;
    }

    @Override
    public Boolean visitCondSignal(Op.CondSignal op) {
        return false;
    }

    @Override
    public Boolean visitCondBroadcast(Op.CondBroadcast op) {
        return false;
    }

    @Override
    public Boolean visitBarrierWait(Op.BarrierWait op) {
        return false;
    }

    @Override
    public Boolean visitSemOp(Op.SemOp op) {
        return false;
    }

    @Override
    public Boolean visitChoose(Op.Choose op) {
        return false;
    }

    @Override
    public Boolean visitAssign(Op.Assign op) {
        return false; // variables are not simulated through the MMU
    }

    @Override
    public Boolean visitLoad(Op.Load op) {
        return false; // variables are not simulated through the MMU
    }

    @Override
    public Boolean visitStore(Op.Store op) {
        return false; // variables are not simulated through the MMU
    }

    @Override
    public Boolean visitRmw(Op.Rmw op) {
        return false; // variables are not simulated through the MMU
    }

    @Override
    public Boolean visitAtomic(Op.Atomic op) {
        return false; // variables are not simulated through the MMU
    }

    @Override
    public Boolean visitIf(Op.If op) {
        return false; // variables are not simulated through the MMU
    }

    @Override
    public Boolean visitLoop(Op.Loop op) {
        return false; // variables are not simulated through the MMU
    }

    @Override
    public Boolean visitBreak(Op.Break op) {
        return false; // variables are not simulated through the MMU
    }

    @Override
    public Boolean visitAssert(Op.Assert op) {
        return false; // variables are not simulated through the MMU
    }

    @Override
    public Boolean visitAwait(Op.Await op) {
        return false; // variables are not simulated through the MMU
    }

    @Override
    public Boolean visitFence(Op.Fence op) {
        return false; // variables are not simulated through the MMU
    }
    @Override
    public Boolean visitFd(Op.Fd op) {
        // a file an open may create is read and written through the page cache, the memory manager's
        return op.call() instanceof oss.ir.program.FdOp.Open o && (o.flags() & oss.ir.program.FdOp.O_CREAT) != 0;
    }

    /** Shared memory attaches and detaches segments. */
    @Override
    public Boolean visitIpc(Op.Ipc op) {
        return oss.ir.program.IpcOp.isShm(op.call()); // segments and /dev/shm objects are shmem objects of the mm
    }

    @Override
    public Boolean visitSig(Op.Sig op) {
        return false;
    }

    @Override
    public Boolean visitIoModel(Op.IoModel op) {
        return false;
    }
}
