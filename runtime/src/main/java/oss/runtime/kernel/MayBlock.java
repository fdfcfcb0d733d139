package oss.runtime.kernel;

import oss.ir.program.Op;

/**
 * Ops after which the task's next CPU burst may start later, because they can block or end the
 * task; the scheduler's burst estimate (SJF, STCF) stops summing at them. A new kind of op must
 * say, or this fails to compile.
 */
final class MayBlock implements Op.Visitor<Boolean> {
    static final MayBlock INSTANCE = new MayBlock();

    private MayBlock() {}

    @Override
    public Boolean visitCompute(Op.Compute op) {
        return false;
    }

    @Override
    public Boolean visitSleep(Op.Sleep op) {
        return true;
    }

    @Override
    public Boolean visitIo(Op.Io op) {
        return true;
    }

    @Override
    public Boolean visitRepeat(Op.Repeat op) {
        return false;
    }

    @Override
    public Boolean visitLock(Op.Lock op) {
        return true;
    }

    @Override
    public Boolean visitUnlock(Op.Unlock op) {
        return false;
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
        return false;
    }

    @Override
    public Boolean visitClaim(Op.Claim op) {
        return false;
    }

    @Override
    public Boolean visitRequest(Op.Request op) {
        return true;
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
        return false;
    }

    @Override
    public Boolean visitExec(Op.Exec op) {
        return false;
    }

    @Override
    public Boolean visitThread(Op.Thread op) {
        return false;
    }

    @Override
    public Boolean visitJoin(Op.Join op) {
        return false;
    }

    @Override
    public Boolean visitClone(Op.Clone op) {
        return false;
    }

    @Override
    public Boolean visitSpinLock(Op.SpinLock op) {
        return true;
    }

    @Override
    public Boolean visitSpinUnlock(Op.SpinUnlock op) {
        return false;
    }

    @Override
    public Boolean visitReadLock(Op.ReadLock op) {
        return true;
    }

    @Override
    public Boolean visitReadUnlock(Op.ReadUnlock op) {
        return false;
    }

    @Override
    public Boolean visitWriteLock(Op.WriteLock op) {
        return true;
    }

    @Override
    public Boolean visitWriteUnlock(Op.WriteUnlock op) {
        return false;
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
        return false;
    }

    @Override
    public Boolean visitCondBroadcast(Op.CondBroadcast op) {
        return false;
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
        return false;
    }

    @Override
    public Boolean visitStore(Op.Store op) {
        return false;
    }

    @Override
    public Boolean visitRmw(Op.Rmw op) {
        return false;
    }

    @Override
    public Boolean visitAtomic(Op.Atomic op) {
        return false;
    }

    @Override
    public Boolean visitIf(Op.If op) {
        return true; // a branch may hold anything
    }

    @Override
    public Boolean visitLoop(Op.Loop op) {
        return true; // it may not end before the next burst, and its body may hold anything
    }

    @Override
    public Boolean visitBreak(Op.Break op) {
        return false;
    }

    @Override
    public Boolean visitAssert(Op.Assert op) {
        return true; // a false one ends the task
    }

    @Override
    public Boolean visitAwait(Op.Await op) {
        return true;
    }

    @Override
    public Boolean visitFence(Op.Fence op) {
        return false;
    }
    @Override
    public Boolean visitFd(Op.Fd op) {
        return oss.ir.program.Calls.mayBlock(op);
    }

    @Override
    public Boolean visitIpc(Op.Ipc op) {
        return oss.ir.program.Calls.mayBlock(op);
    }

    @Override
    public Boolean visitSig(Op.Sig op) {
        return oss.ir.program.Calls.mayBlock(op);
    }

    @Override
    public Boolean visitIoModel(Op.IoModel op) {
        return oss.ir.program.Calls.mayBlock(op);
    }
}
