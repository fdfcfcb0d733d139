package oss.compiler.ast;

import java.util.List;
import java.util.stream.Stream;

/**
 * The blocks nested in a statement (a loop's body, both arms of a trylock, every branch of a
 * choose), so that a walker that cares about a few kinds of statement still reaches all of them;
 * a visitor, so a new kind of statement with a body cannot be forgotten here.
 */
public final class Blocks implements Stmt.Visitor<List<Block>> {
    private static final Blocks INSTANCE = new Blocks();

    private Blocks() {}

    /** The nested bodies of {@code s}, in source order; empty for a simple statement. */
    public static List<Block> of(Stmt s) {
        return s.accept(INSTANCE);
    }

    @Override
    public List<Block> visitCompute(Stmt.Compute s) {
        return List.of();
    }

    @Override
    public List<Block> visitSleep(Stmt.Sleep s) {
        return List.of();
    }

    @Override
    public List<Block> visitIo(Stmt.Io s) {
        return List.of();
    }

    @Override
    public List<Block> visitRepeat(Stmt.Repeat s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitFor(Stmt.For s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitLock(Stmt.Lock s) {
        return List.of();
    }

    @Override
    public List<Block> visitUnlock(Stmt.Unlock s) {
        return List.of();
    }

    @Override
    public List<Block> visitTryLock(Stmt.TryLock s) {
        return Stream.of(s.then().stream().toList(), s.otherwise().stream().toList()).flatMap(List::stream).toList();
    }

    @Override
    public List<Block> visitWaitAny(Stmt.WaitAny s) {
        return List.of();
    }

    @Override
    public List<Block> visitWait(Stmt.Wait s) {
        return List.of();
    }

    @Override
    public List<Block> visitPost(Stmt.Post s) {
        return List.of();
    }

    @Override
    public List<Block> visitCall(Stmt.Call s) {
        return List.of();
    }

    @Override
    public List<Block> visitClaim(Stmt.Claim s) {
        return List.of();
    }

    @Override
    public List<Block> visitRequest(Stmt.Request s) {
        return List.of();
    }

    @Override
    public List<Block> visitRelease(Stmt.Release s) {
        return List.of();
    }

    @Override
    public List<Block> visitFork(Stmt.Fork s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitExit(Stmt.Exit s) {
        return List.of();
    }

    @Override
    public List<Block> visitMmap(Stmt.Mmap s) {
        return List.of();
    }

    @Override
    public List<Block> visitMalloc(Stmt.Malloc s) {
        return List.of();
    }

    @Override
    public List<Block> visitMunmap(Stmt.Munmap s) {
        return List.of();
    }

    @Override
    public List<Block> visitMsync(Stmt.Msync s) {
        return List.of();
    }

    @Override
    public List<Block> visitFree(Stmt.Free s) {
        return List.of();
    }

    @Override
    public List<Block> visitBrk(Stmt.Brk s) {
        return List.of();
    }

    @Override
    public List<Block> visitMemAccess(Stmt.MemAccess s) {
        return List.of();
    }

    @Override
    public List<Block> visitLibraryAccess(Stmt.LibraryAccess s) {
        return List.of();
    }

    @Override
    public List<Block> visitAddressAccess(Stmt.AddressAccess s) {
        return List.of();
    }

    @Override
    public List<Block> visitPageRefs(Stmt.PageRefs s) {
        return List.of();
    }

    @Override
    public List<Block> visitTouch(Stmt.Touch s) {
        return List.of();
    }

    @Override
    public List<Block> visitSnapshot(Stmt.Snapshot s) {
        return List.of();
    }

    @Override
    public List<Block> visitVFork(Stmt.VFork s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitExec(Stmt.Exec s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitThread(Stmt.Thread s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitJoin(Stmt.Join s) {
        return List.of();
    }

    @Override
    public List<Block> visitClone(Stmt.Clone s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitSpinLock(Stmt.SpinLock s) {
        return List.of();
    }

    @Override
    public List<Block> visitSpinUnlock(Stmt.SpinUnlock s) {
        return List.of();
    }

    @Override
    public List<Block> visitReadLock(Stmt.ReadLock s) {
        return List.of();
    }

    @Override
    public List<Block> visitReadUnlock(Stmt.ReadUnlock s) {
        return List.of();
    }

    @Override
    public List<Block> visitWriteLock(Stmt.WriteLock s) {
        return List.of();
    }

    @Override
    public List<Block> visitWriteUnlock(Stmt.WriteUnlock s) {
        return List.of();
    }

    @Override
    public List<Block> visitSeqWrite(Stmt.SeqWrite s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitSeqRead(Stmt.SeqRead s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitCondWait(Stmt.CondWait s) {
        return List.of();
    }

    @Override
    public List<Block> visitSignal(Stmt.Signal s) {
        return List.of();
    }

    @Override
    public List<Block> visitBroadcast(Stmt.Broadcast s) {
        return List.of();
    }

    @Override
    public List<Block> visitBarrierWait(Stmt.BarrierWait s) {
        return List.of();
    }

    @Override
    public List<Block> visitSemOp(Stmt.SemOp s) {
        return List.of();
    }

    @Override
    public List<Block> visitChoose(Stmt.Choose s) {
        return s.branches();
    }

    @Override
    public List<Block> visitVar(Stmt.Var s) {
        return List.of();
    }

    @Override
    public List<Block> visitAssign(Stmt.Assign s) {
        return List.of();
    }

    /** The blocks of the whole chain: {@code then}, each {@code else if}'s, and the last {@code else}. */
    @Override
    public List<Block> visitIf(Stmt.If s) {
        List<Block> out = new java.util.ArrayList<>();
        out.add(s.then());
        s.elseIf().ifPresent(e -> out.addAll(visitIf(e)));
        s.otherwise().ifPresent(out::add);
        return List.copyOf(out);
    }

    @Override
    public List<Block> visitWhile(Stmt.While s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitBreak(Stmt.Break s) {
        return List.of();
    }

    @Override
    public List<Block> visitAssert(Stmt.Assert s) {
        return List.of();
    }

    @Override
    public List<Block> visitAwait(Stmt.Await s) {
        return List.of();
    }

    @Override
    public List<Block> visitAtomic(Stmt.Atomic s) {
        return List.of(s.body());
    }

    @Override
    public List<Block> visitAtomicOp(Stmt.AtomicOp s) {
        return List.of();
    }

    @Override
    public List<Block> visitFence(Stmt.Fence s) {
        return List.of();
    }

    @Override
    public List<Block> visitFd(Stmt.Fd s) {
        return List.of();
    }

    @Override
    public List<Block> visitIpc(Stmt.Ipc s) {
        return List.of();
    }

    @Override
    public List<Block> visitSig(Stmt.Sig s) {
        return s.call().accept(HandlerBlock.INSTANCE).stream().toList();
    }

    @Override
    public List<Block> visitIoModel(Stmt.IoModel s) {
        return List.of();
    }
}
