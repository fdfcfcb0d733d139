package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/** One statement of a process body; one record per alternative of the grammar's {@code statement}. */
public sealed interface Stmt extends Node {

    record Compute(Quantity time, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCompute(this);
        }
    }

    record Sleep(Quantity time, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSleep(this);
        }
    }

    record Io(Quantity time, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIo(this);
        }
    }

    record Repeat(Expr count, Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRepeat(this);
        }
    }

    record For(Name variable, Range range, Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFor(this);
        }
    }

    record Lock(Ref mutex, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLock(this);
        }
    }

    record Unlock(Ref mutex, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitUnlock(this);
        }
    }

    /** {@code trylock m}, optionally with a block for success and an {@code else} block. */
    record TryLock(Ref mutex, Optional<Block> then, Optional<Block> otherwise, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTryLock(this);
        }
    }

    record WaitAny(Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWaitAny(this);
        }
    }

    /** {@code wait X}: a child (fork variable) or a semaphore, decided by the checker. */
    record Wait(Ref target, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWait(this);
        }
    }

    record Post(Ref semaphore, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPost(this);
        }
    }

    /** {@code P(s)} or {@code V(s)}; the callee is kept as written. */
    record Call(Name callee, Ref argument, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCall(this);
        }
    }

    record Claim(List<Amount> amounts, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitClaim(this);
        }
        public Claim {
            amounts = List.copyOf(amounts);
        }
    }

    record Request(List<Amount> amounts, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRequest(this);
        }
        public Request {
            amounts = List.copyOf(amounts);
        }
    }

    record Release(List<Amount> amounts, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRelease(this);
        }
        public Release {
            amounts = List.copyOf(amounts);
        }
    }

    /** {@code c = fork { ... }} or a bare {@code fork { ... }}. */
    record Fork(Optional<Name> variable, Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFork(this);
        }
    }

    record Exit(Optional<Expr> status, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitExit(this);
        }
    }

    // ---- memory

    /**
     * {@code x = mmap 16 KiB anon private rw} ({@code file} empty, {@code size} present) or
     * {@code f = mmap "/data/log" [SIZE] shared r} or {@code m = mmap fd [SIZE] shared rw} ({@code
     * descriptor}: a POSIX shared-memory object from {@code shm_open}); optional {@code at ADDRESS} (MAP_FIXED).
     */
    record Mmap(Name variable, Optional<Quantity> size, Optional<Text> file, Optional<Name> descriptor, boolean shared,
                Name prot, Optional<Expr> address, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMmap(this);
        }
    }

    record Malloc(Name variable, Quantity size, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMalloc(this);
        }
    }

    record Munmap(Name region, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMunmap(this);
        }
    }

    record Msync(Name region, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMsync(this);
        }
    }

    record Free(Name block, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFree(this);
        }
    }

    /** {@code brk +16 KiB} ({@code grow}) or {@code brk -4 KiB}. */
    record Brk(boolean grow, Quantity size, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBrk(this);
        }
    }

    /** {@code read x[A]}, {@code write x[A .. B] step S}: byte offsets into the region; B is exclusive. */
    record MemAccess(boolean write, Name region, Quantity from, Optional<Quantity> to, Optional<Quantity> step,
                     Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMemAccess(this);
        }
    }

    /** {@code read "libc.so.6"[4 KiB]}: an offset into a declared library's mapping in this process. */
    record LibraryAccess(boolean write, Text library, Quantity from, Optional<Quantity> to, Optional<Quantity> step,
                         Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLibraryAccess(this);
        }
    }

    /** {@code read at 0x0}: an absolute virtual address. */
    record AddressAccess(boolean write, Expr address, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAddressAccess(this);
        }
    }

    /** {@code access x pages [7, 0, 1] [write]}: a page reference string over the region. */
    record PageRefs(Name region, List<Expr> pages, boolean write, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPageRefs(this);
        }
        public PageRefs {
            pages = List.copyOf(pages);
        }
    }

    record Touch(Name region, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTouch(this);
        }
    }

    record Snapshot(Text label, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSnapshot(this);
        }
    }

    // ---- process creation beyond fork

    record VFork(Optional<Name> variable, Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitVFork(this);
        }
    }

    record Exec(Text program, Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitExec(this);
        }
    }

    record Thread(Optional<Name> variable, Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitThread(this);
        }
    }

    record Join(Name thread, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitJoin(this);
        }
    }

    /** {@code c = clone vm files fs sighand { }}: flags as written, checked by the lowering. */
    record Clone(Optional<Name> variable, List<Name> flags, Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitClone(this);
        }
        public Clone {
            flags = List.copyOf(flags);
        }
    }

    // ---- more synchronisation

    record SpinLock(Ref lock, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSpinLock(this);
        }
    }

    record SpinUnlock(Ref lock, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSpinUnlock(this);
        }
    }

    record ReadLock(Ref rwlock, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitReadLock(this);
        }
    }

    record ReadUnlock(Ref rwlock, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitReadUnlock(this);
        }
    }

    record WriteLock(Ref rwlock, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWriteLock(this);
        }
    }

    record WriteUnlock(Ref rwlock, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWriteUnlock(this);
        }
    }

    /** {@code seq_write q { ... }}: the block runs as the seqlock's writer. */
    record SeqWrite(Ref seqlock, Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSeqWrite(this);
        }
    }

    /** {@code seq_read q { ... }}: the block is the read section, run again when a writer interfered. */
    record SeqRead(Ref seqlock, Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSeqRead(this);
        }
    }

    /** {@code cond_wait c m}: a condition variable and the mutex it releases while waiting. */
    record CondWait(Ref cond, Ref mutex, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCondWait(this);
        }
    }

    record Signal(Ref cond, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSignal(this);
        }
    }

    record Broadcast(Ref cond, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBroadcast(this);
        }
    }

    /** {@code barrier b}: the statement; the declaration is a {@link Declaration} of kind BARRIER. */
    record BarrierWait(Ref barrier, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBarrierWait(this);
        }
    }

    /** {@code semop s[0] -1, s[2] +1}: applied atomically, all on one set (checked by the lowering). */
    record SemOp(List<SemOpItem> items, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSemOp(this);
        }
        public SemOp {
            items = List.copyOf(items);
        }
    }

    /** {@code choose { } or { } ...}: one branch per block, in order (the lowering wants at least two). */
    record Choose(List<Block> branches, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitChoose(this);
        }
        public Choose {
            branches = List.copyOf(branches);
        }
    }

    // ---- data (docs/language.md, "Shared data")

    /** {@code int x = e}, {@code int a[4]}, {@code int a[2] = {0, 1}} in a body: a local, set where it stands. */
    record Var(Name name, Optional<Expr> size, Optional<Expr> value, List<Expr> initial, Span span) implements Stmt {
        public Var {
            initial = List.copyOf(initial);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitVar(this);
        }
    }

    /**
     * {@code x = e}, {@code a[i] = e}, {@code x += e}, {@code x -= e} ({@code value} present), {@code x++},
     * {@code x--} (absent); {@code op} as written.
     */
    record Assign(Ref target, String op, Optional<Expr> value, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAssign(this);
        }
    }

    /** {@code if (c) { } else if (d) { } else { }}: at most one of {@code elseIf} and {@code otherwise}. */
    record If(Expr condition, Block then, Optional<If> elseIf, Optional<Block> otherwise, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIf(this);
        }
    }

    record While(Expr condition, Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWhile(this);
        }
    }

    record Break(Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBreak(this);
        }
    }

    record Assert(Expr condition, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAssert(this);
        }
    }

    record Await(Expr condition, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAwait(this);
        }
    }

    /** {@code atomic { ... }}: the block as one step. */
    record Atomic(Block body, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAtomic(this);
        }
    }

    /** {@code atomic_inc(x)}, {@code fetch_add(x, 1)}, ... as a statement (a result is dropped). */
    record AtomicOp(Expr.Atomic operation, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAtomicOp(this);
        }
    }

    /** {@code mb()}, {@code smp_wmb()}, ...: {@code name} as written, without the parentheses. */
    record Fence(String name, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFence(this);
        }
    }

    /** A descriptor or pipe call ({@link FdCall}), and the variable {@code v = ...} that keeps its result. */
    record Fd(Optional<Name> variable, FdCall call, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFd(this);
        }
    }

    /** A message-queue or shared-memory call ({@link IpcCall}), and the variable that keeps its result. */
    record Ipc(Optional<Name> variable, IpcCall call, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIpc(this);
        }
    }

    /** A signal call ({@link SigCall}); a handler's body is a block of it. */
    record Sig(SigCall call, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSig(this);
        }
    }

    /** A call of the I/O models ({@link IoCall}), and the variable {@code v = ...} that keeps its result. */
    record IoModel(Optional<Name> variable, IoCall call, Span span) implements Stmt {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIoModel(this);
        }
    }

    <R> R accept(Visitor<R> visitor);

    /**
     * One method per kind of {@link Stmt}, none with a default: a kind added to this interface
     * without its method here, or a visitor that forgets one, fails to compile.
     */
    interface Visitor<R> {
        R visitCompute(Compute s);
        R visitSleep(Sleep s);
        R visitIo(Io s);
        R visitRepeat(Repeat s);
        R visitFor(For s);
        R visitLock(Lock s);
        R visitUnlock(Unlock s);
        R visitTryLock(TryLock s);
        R visitWaitAny(WaitAny s);
        R visitWait(Wait s);
        R visitPost(Post s);
        R visitCall(Call s);
        R visitClaim(Claim s);
        R visitRequest(Request s);
        R visitRelease(Release s);
        R visitFork(Fork s);
        R visitExit(Exit s);
        R visitMmap(Mmap s);
        R visitMalloc(Malloc s);
        R visitMunmap(Munmap s);
        R visitMsync(Msync s);
        R visitFree(Free s);
        R visitBrk(Brk s);
        R visitMemAccess(MemAccess s);
        R visitLibraryAccess(LibraryAccess s);
        R visitAddressAccess(AddressAccess s);
        R visitPageRefs(PageRefs s);
        R visitTouch(Touch s);
        R visitSnapshot(Snapshot s);
        R visitVFork(VFork s);
        R visitExec(Exec s);
        R visitThread(Thread s);
        R visitJoin(Join s);
        R visitClone(Clone s);
        R visitSpinLock(SpinLock s);
        R visitSpinUnlock(SpinUnlock s);
        R visitReadLock(ReadLock s);
        R visitReadUnlock(ReadUnlock s);
        R visitWriteLock(WriteLock s);
        R visitWriteUnlock(WriteUnlock s);
        R visitSeqWrite(SeqWrite s);
        R visitSeqRead(SeqRead s);
        R visitCondWait(CondWait s);
        R visitSignal(Signal s);
        R visitBroadcast(Broadcast s);
        R visitBarrierWait(BarrierWait s);
        R visitSemOp(SemOp s);
        R visitChoose(Choose s);
        R visitVar(Var s);
        R visitAssign(Assign s);
        R visitIf(If s);
        R visitWhile(While s);
        R visitBreak(Break s);
        R visitAssert(Assert s);
        R visitAwait(Await s);
        R visitAtomic(Atomic s);
        R visitAtomicOp(AtomicOp s);
        R visitFence(Fence s);
        R visitFd(Fd s);
        R visitIpc(Ipc s);
        R visitSig(Sig s);
        R visitIoModel(IoModel s);
    }
}
