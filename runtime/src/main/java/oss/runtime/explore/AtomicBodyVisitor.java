package oss.runtime.explore;

import oss.ir.program.Op;

/**
 * A visitor for the ops an {@code atomic} block may hold (its body runs as one step, so the
 * explorer interprets it instead of flattening it). Every other kind of op is the front end's
 * mistake and fails loudly; the data kinds stay abstract, so a visitor must say what each does.
 */
abstract class AtomicBodyVisitor<R> implements Op.Visitor<R> {
    private static IllegalStateException notInAtomic(Op op) {
        return new IllegalStateException("an atomic block holds only data ops, not " + op);
    }

    @Override
    public final R visitCompute(Op.Compute op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitSleep(Op.Sleep op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitIo(Op.Io op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitRepeat(Op.Repeat op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitLock(Op.Lock op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitUnlock(Op.Unlock op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitTryLock(Op.TryLock op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitSemWait(Op.SemWait op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitSemPost(Op.SemPost op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitClaim(Op.Claim op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitRequest(Op.Request op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitRelease(Op.Release op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitFork(Op.Fork op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitWaitChild(Op.WaitChild op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitWaitAny(Op.WaitAny op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitExit(Op.Exit op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitMmap(Op.Mmap op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitMunmap(Op.Munmap op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitMsync(Op.Msync op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitMalloc(Op.Malloc op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitFree(Op.Free op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitBrk(Op.Brk op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitMemAccess(Op.MemAccess op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitLibraryAccess(Op.LibraryAccess op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitPageRefs(Op.PageRefs op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitTouch(Op.Touch op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitSnapshot(Op.Snapshot op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitVFork(Op.VFork op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitExec(Op.Exec op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitThread(Op.Thread op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitJoin(Op.Join op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitClone(Op.Clone op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitSpinLock(Op.SpinLock op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitSpinUnlock(Op.SpinUnlock op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitReadLock(Op.ReadLock op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitReadUnlock(Op.ReadUnlock op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitWriteLock(Op.WriteLock op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitWriteUnlock(Op.WriteUnlock op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitSeqWrite(Op.SeqWrite op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitSeqRead(Op.SeqRead op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitCondWait(Op.CondWait op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitCondSignal(Op.CondSignal op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitCondBroadcast(Op.CondBroadcast op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitBarrierWait(Op.BarrierWait op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitSemOp(Op.SemOp op) {
        throw notInAtomic(op);
    }

    @Override
    public final R visitChoose(Op.Choose op) {
        throw notInAtomic(op);
    }
    // not final: a family whose calls carry data (a pipe's value, a message's) says so in DataRefs

    @Override
    public R visitFd(Op.Fd op) {
        throw notInAtomic(op);
    }

    @Override
    public R visitIpc(Op.Ipc op) {
        throw notInAtomic(op);
    }

    @Override
    public R visitSig(Op.Sig op) {
        throw notInAtomic(op);
    }

    @Override
    public R visitIoModel(Op.IoModel op) {
        throw notInAtomic(op);
    }
}
