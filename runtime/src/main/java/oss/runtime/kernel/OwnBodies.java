package oss.runtime.kernel;

import java.util.List;
import oss.ir.program.Op;

/**
 * The nested bodies a task runs itself (a repeat's, both arms of a trylock, a seqlock section,
 * every branch of a choose), not its children's (fork, vfork, thread, clone), for
 * {@link Task#mayReach}: who could still post a semaphore or signal a condition. A new kind of op
 * with a body must say whether its body is the task's own, or this fails to compile.
 */
final class OwnBodies implements Op.Visitor<List<List<Op>>> {
    static final OwnBodies INSTANCE = new OwnBodies();

    private OwnBodies() {}

    @Override
    public List<List<Op>> visitCompute(Op.Compute op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitSleep(Op.Sleep op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitIo(Op.Io op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitRepeat(Op.Repeat op) {
        return List.of(op.body());
    }

    @Override
    public List<List<Op>> visitLock(Op.Lock op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitUnlock(Op.Unlock op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitTryLock(Op.TryLock op) {
        return List.of(op.onSuccess(), op.onFailure());
    }

    @Override
    public List<List<Op>> visitSemWait(Op.SemWait op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitSemPost(Op.SemPost op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitClaim(Op.Claim op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitRequest(Op.Request op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitRelease(Op.Release op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitFork(Op.Fork op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitWaitChild(Op.WaitChild op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitWaitAny(Op.WaitAny op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitExit(Op.Exit op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitMmap(Op.Mmap op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitMunmap(Op.Munmap op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitMsync(Op.Msync op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitMalloc(Op.Malloc op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitFree(Op.Free op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitBrk(Op.Brk op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitMemAccess(Op.MemAccess op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitLibraryAccess(Op.LibraryAccess op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitPageRefs(Op.PageRefs op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitTouch(Op.Touch op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitSnapshot(Op.Snapshot op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitVFork(Op.VFork op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitExec(Op.Exec op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitThread(Op.Thread op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitJoin(Op.Join op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitClone(Op.Clone op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitSpinLock(Op.SpinLock op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitSpinUnlock(Op.SpinUnlock op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitReadLock(Op.ReadLock op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitReadUnlock(Op.ReadUnlock op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitWriteLock(Op.WriteLock op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitWriteUnlock(Op.WriteUnlock op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitSeqWrite(Op.SeqWrite op) {
        return List.of(op.body());
    }

    @Override
    public List<List<Op>> visitSeqRead(Op.SeqRead op) {
        return List.of(op.body());
    }

    @Override
    public List<List<Op>> visitCondWait(Op.CondWait op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitCondSignal(Op.CondSignal op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitCondBroadcast(Op.CondBroadcast op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitBarrierWait(Op.BarrierWait op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitSemOp(Op.SemOp op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitChoose(Op.Choose op) {
        return op.branches();
    }

    @Override
    public List<List<Op>> visitAssign(Op.Assign op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitLoad(Op.Load op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitStore(Op.Store op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitRmw(Op.Rmw op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitAtomic(Op.Atomic op) {
        return List.of(op.body());
    }

    @Override
    public List<List<Op>> visitIf(Op.If op) {
        return List.of(op.then(), op.otherwise());
    }

    @Override
    public List<List<Op>> visitLoop(Op.Loop op) {
        return List.of(op.body());
    }

    @Override
    public List<List<Op>> visitBreak(Op.Break op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitAssert(Op.Assert op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitAwait(Op.Await op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitFence(Op.Fence op) {
        return List.of();
    }
    @Override
    public List<List<Op>> visitFd(Op.Fd op) {
        return List.of();
    }

    @Override
    public List<List<Op>> visitIpc(Op.Ipc op) {
        return List.of();
    }

    /** A handler runs in the task that installed it. */
    @Override
    public List<List<Op>> visitSig(Op.Sig op) {
        return oss.ir.program.OpBodies.of(op);
    }

    @Override
    public List<List<Op>> visitIoModel(Op.IoModel op) {
        return List.of();
    }
}
