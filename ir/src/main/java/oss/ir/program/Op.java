package oss.ir.program;

import java.util.List;

/**
 * One statement of a process body, lowered from the AST. Names are already
 * resolved to indexes into the {@link Program}'s declaration lists, array
 * indexes and loop variables are folded, `for` loops are unrolled; `repeat`
 * stays a loop so a long repetition costs no memory.
 */
public sealed interface Op {
    Span span();

    /** Run on the CPU for {@code ns} of CPU time. */
    record Compute(long ns, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCompute(this);
        }
    }

    /** Block on a timer for {@code ns} (voluntary switch). */
    record Sleep(long ns, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSleep(this);
        }
    }

    /** Block on a device for {@code ns} (voluntary switch, counted as I/O wait). */
    record Io(long ns, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIo(this);
        }
    }

    record Repeat(long count, List<Op> body, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRepeat(this);
        }
    }

    /** Acquire mutex {@code mutex} (index into {@link Program#mutexes()}), blocking in FIFO order. */
    record Lock(int mutex, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLock(this);
        }
    }

    record Unlock(int mutex, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitUnlock(this);
        }
    }

    /** Acquire if free without blocking; then run {@code onSuccess} or {@code onFailure}. */
    record TryLock(int mutex, List<Op> onSuccess, List<Op> onFailure, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTryLock(this);
        }
    }

    /** P / wait / down on semaphore {@code sem} (index into {@link Program#semaphores()}). */
    record SemWait(int sem, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSemWait(this);
        }
    }

    /** V / post / up. */
    record SemPost(int sem, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSemPost(this);
        }
    }

    /** Declare the maximum need, one entry per {@link Program#resources()} (banker's Max row). */
    record Claim(int[] max, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitClaim(this);
        }
    }

    /** Ask for instances, one entry per resource; blocks until granted. */
    record Request(int[] amounts, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRequest(this);
        }
    }

    record Release(int[] amounts, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRelease(this);
        }
    }

    /**
     * fork(): the child starts with a copy of the parent's local slots and
     * runs {@code body}, then exits 0. The parent stores the child's pid in
     * local slot {@code slot} (-1: not kept).
     */
    record Fork(int slot, List<Op> body, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFork(this);
        }
    }

    /** waitpid on the pid held in local slot {@code slot}. */
    record WaitChild(int slot, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWaitChild(this);
        }
    }

    /** wait(): reap any child, blocking while none is a zombie. */
    record WaitAny(Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWaitAny(this);
        }
    }

    record Exit(int status, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitExit(this);
        }
    }

    // ---- memory ----------------------------------------------------------------------------------

    /** Protection bits of a mapping, as mmap's PROT_*. */
    int PROT_READ = 1;
    int PROT_WRITE = 2;
    int PROT_EXEC = 4;

    /**
     * {@code x = mmap SIZE anon|"file" private|shared rw [at ADDR]}: a new VMA
     * of {@code bytes} (rounded up to pages); its start address goes to local
     * slot {@code slot}. {@code file} indexes {@link Program#files()}, -1 for
     * anonymous memory; {@code fixedAddress} is -1 unless MAP_FIXED. {@code object} is the slot
     * holding a POSIX shared-memory object's descriptor ({@code mmap fd ...}), -1 otherwise.
     */
    record Mmap(int slot, long bytes, int file, boolean shared, int prot, long fixedAddress, int object, Span span)
            implements Op {
        public Mmap(int slot, long bytes, int file, boolean shared, int prot, long fixedAddress, Span span) {
            this(slot, bytes, file, shared, prot, fixedAddress, -1, span);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMmap(this);
        }
    }

    /** munmap of the whole mapping whose start is in {@code slot}. */
    record Munmap(int slot, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMunmap(this);
        }
    }

    /** msync: dirty pages of the file mapping in {@code slot} are written back. */
    record Msync(int slot, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMsync(this);
        }
    }

    /** {@code x = malloc SIZE}: the user-space allocator's address goes to {@code slot}. */
    record Malloc(int slot, long bytes, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMalloc(this);
        }
    }

    /** {@code free x}. */
    record Free(int slot, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFree(this);
        }
    }

    /** {@code brk +SIZE} / {@code brk -SIZE}: move the program break. */
    record Brk(long deltaBytes, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBrk(this);
        }
    }

    /**
     * {@code read x[A]}, {@code write x[A]}, {@code write x[A .. B] step S}:
     * byte offsets from the address in {@code slot}, accessed at from,
     * from + step, ... up to and including {@code to}, the last offset
     * accessed (the compiler turns the exclusive end B into it); a single
     * access has {@code to == from}. {@code slot} -1 means absolute addresses.
     */
    record MemAccess(int slot, long from, long to, long step, boolean write, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMemAccess(this);
        }
    }

    /**
     * {@code read "libc.so.6"[A .. B] step S}: offsets into library {@code library}
     * (an index into {@link Program#libraries()}) as mapped in this process; from,
     * to (the last offset accessed) and step as in {@link MemAccess}.
     */
    record LibraryAccess(int library, long from, long to, long step, boolean write, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLibraryAccess(this);
        }
    }

    /** {@code access x pages [7, 0, 1, ...]}: one access per listed page of the region, in order. */
    record PageRefs(int slot, long[] pages, boolean write, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPageRefs(this);
        }
    }

    /** {@code touch x}: read every page of the region once. */
    record Touch(int slot, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTouch(this);
        }
    }

    /** {@code snapshot "label"}: record the /proc-style views at this instant. */
    record Snapshot(String label, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSnapshot(this);
        }
    }

    // ---- process creation beyond fork ---------------------------------------------------------------

    /** vfork: the parent sleeps until the child execs or exits; the child borrows the address space. */
    record VFork(int slot, List<Op> body, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitVFork(this);
        }
    }

    /** exec: replace the address space with a fresh one for {@code program} and run {@code body}. */
    record Exec(String program, List<Op> body, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitExec(this);
        }
    }

    /** {@code t = thread { }}: a task sharing the caller's address space, files and handlers. */
    record Thread(int slot, List<Op> body, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitThread(this);
        }
    }

    /** {@code join t}. */
    record Join(int slot, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitJoin(this);
        }
    }

    /** {@code c = clone vm files fs sighand { }}: share exactly what is named. */
    record Clone(int slot, boolean vm, boolean files, boolean fs, boolean sighand, List<Op> body, Span span)
            implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitClone(this);
        }
    }

    // ---- more synchronisation (indexes into Program#sync() lists) -------------------------------------

    /** {@code spin_lock s}: busy-waits on the CPU until the spinlock is free (ticket order). */
    record SpinLock(int lock, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSpinLock(this);
        }
    }

    record SpinUnlock(int lock, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSpinUnlock(this);
        }
    }

    /** {@code read_lock r}: shared; waits while a writer holds it (or, writer-preferring, waits too). */
    record ReadLock(int rwlock, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitReadLock(this);
        }
    }

    record ReadUnlock(int rwlock, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitReadUnlock(this);
        }
    }

    /** {@code write_lock r}: exclusive. */
    record WriteLock(int rwlock, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWriteLock(this);
        }
    }

    record WriteUnlock(int rwlock, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWriteUnlock(this);
        }
    }

    /**
     * {@code seq_write s { body }}: write_seqlock (writers exclude each other;
     * the sequence becomes odd), body, write_sequnlock (even again).
     */
    record SeqWrite(int seqlock, List<Op> body, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSeqWrite(this);
        }
    }

    /**
     * {@code seq_read s { body }}: read_seqbegin (waits while the sequence is
     * odd), body, read_seqretry: if the sequence changed the body runs again.
     */
    record SeqRead(int seqlock, List<Op> body, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSeqRead(this);
        }
    }

    /** {@code cond_wait c m}: atomically release mutex {@code mutex} and sleep on {@code cond}; re-acquire on wake-up (Mesa). */
    record CondWait(int cond, int mutex, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCondWait(this);
        }
    }

    /** {@code signal c}: wake the longest waiter, if any (the signal is lost otherwise). */
    record CondSignal(int cond, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCondSignal(this);
        }
    }

    /** {@code broadcast c}: wake every waiter. */
    record CondBroadcast(int cond, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCondBroadcast(this);
        }
    }

    /** {@code barrier b}: wait until the barrier's N parties have arrived; the last one releases them all. */
    record BarrierWait(int barrier, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBarrierWait(this);
        }
    }

    /**
     * {@code semop s[0] -1, s[2] +1}: System V semop on semaphore set
     * {@code set}, applied atomically: it blocks until every negative delta can
     * be subtracted and every zero delta finds its semaphore at zero.
     */
    record SemOp(int set, int[] index, int[] delta, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSemOp(this);
        }
    }

    /** {@code choose { } or { }}: a nondeterministic branch; the explorer takes every branch. */
    record Choose(List<List<Op>> branches, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitChoose(this);
        }
    }

    <R> R accept(Visitor<R> visitor);

    // ---- data (docs/language.md, "Shared data") ------------------------------------------------------

    /** {@code target := value} where target is a private cell: a local or a temporary. Never a step. */
    record Assign(Cell target, Val value, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAssign(this);
        }
    }

    /** A plain load of a shared or group cell into private slot {@code slot}: one step. */
    record Load(int slot, Cell source, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLoad(this);
        }
    }

    /**
     * A plain store to a shared or group cell: one step. Under {@code tso} and {@code relaxed} the
     * value goes into the task's store buffer and reaches memory at a later flush step.
     */
    record Store(Cell target, Val value, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitStore(this);
        }
    }

    /** The atomic read-modify-write instructions, as the kernel and C11 name them. */
    enum RmwKind {
        /** atomic_inc, atomic_dec, fetch_add: the cell grows by {@code operand}. */
        FETCH_ADD,
        /** xchg: the cell becomes {@code operand}. */
        XCHG,
        /** cmpxchg: the cell becomes {@code replacement} if it held {@code operand}. */
        CMPXCHG,
        /** test_and_set: the cell becomes 1. */
        TEST_AND_SET
    }

    /**
     * An atomic read-modify-write: one step and a full barrier (the task's store buffer is empty
     * before it, as with x86's lock prefix). The old value goes to private slot {@code slot} (-1:
     * not kept). {@code replacement} is null except for CMPXCHG.
     */
    record Rmw(RmwKind kind, int slot, Cell target, Val operand, Val replacement, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRmw(this);
        }
    }

    /**
     * {@code atomic { ... }}: the body (Assign, Store, Rmw, If, Assert; its values may read shared
     * cells) runs as one step with no other task in between, and a full barrier.
     */
    record Atomic(List<Op> body, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAtomic(this);
        }
    }

    /** Control flow on private cells: never a step. */
    record If(Val condition, List<Op> then, List<Op> otherwise, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIf(this);
        }
    }

    /** Runs {@code body} again and again until a {@link Break} leaves it; never a step itself. */
    record Loop(List<Op> body, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLoop(this);
        }
    }

    /** Leaves the innermost {@link Loop}. */
    record Break(Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBreak(this);
        }
    }

    /** {@code assert cond} on private cells (shared reads were loaded before it); false is a finding. */
    record Assert(Val condition, String text, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAssert(this);
        }
    }

    /** {@code await cond}: blocks until the condition, read in one step, holds (Promela's guard). */
    record Await(Val condition, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAwait(this);
        }
    }

    enum FenceKind {
        /** mb(), smp_mb(): every earlier load and store before any later one. */
        MB,
        /** rmb(), smp_rmb(): earlier loads before later loads. */
        RMB,
        /** wmb(), smp_wmb(): earlier stores before later stores. */
        WMB
    }

    /** A memory barrier: one step (nothing to do under {@code sc}). */
    record Fence(FenceKind kind, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFence(this);
        }
    }

    // ---- processes that talk (docs/language.md): each family dispatches on its own sealed calls ----

    /** A call on descriptors and pipes; {@code kernel.fs} and {@code kernel.ipc} carry it out. */
    record Fd(FdOp call, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFd(this);
        }
    }

    /** A message-queue or shared-memory call; {@code kernel.ipc}. */
    record Ipc(IpcOp call, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIpc(this);
        }
    }

    /** A signal call; {@code kernel.signal}. A handler's body is a body of it ({@link OpBodies}). */
    record Sig(SigOp call, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSig(this);
        }
    }

    /** A call of the I/O models (select, poll, epoll, fcntl O_ASYNC, aio); {@code kernel.io}. */
    record IoModel(IoOp call, Span span) implements Op {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitIoModel(this);
        }
    }


    /**
     * One method per kind of {@link Op}, none with a default: a kind added to this interface
     * without its method here, or a visitor that forgets one, fails to compile.
     */
    interface Visitor<R> {
        R visitCompute(Compute op);
        R visitSleep(Sleep op);
        R visitIo(Io op);
        R visitRepeat(Repeat op);
        R visitLock(Lock op);
        R visitUnlock(Unlock op);
        R visitTryLock(TryLock op);
        R visitSemWait(SemWait op);
        R visitSemPost(SemPost op);
        R visitClaim(Claim op);
        R visitRequest(Request op);
        R visitRelease(Release op);
        R visitFork(Fork op);
        R visitWaitChild(WaitChild op);
        R visitWaitAny(WaitAny op);
        R visitExit(Exit op);
        R visitMmap(Mmap op);
        R visitMunmap(Munmap op);
        R visitMsync(Msync op);
        R visitMalloc(Malloc op);
        R visitFree(Free op);
        R visitBrk(Brk op);
        R visitMemAccess(MemAccess op);
        R visitLibraryAccess(LibraryAccess op);
        R visitPageRefs(PageRefs op);
        R visitTouch(Touch op);
        R visitSnapshot(Snapshot op);
        R visitVFork(VFork op);
        R visitExec(Exec op);
        R visitThread(Thread op);
        R visitJoin(Join op);
        R visitClone(Clone op);
        R visitSpinLock(SpinLock op);
        R visitSpinUnlock(SpinUnlock op);
        R visitReadLock(ReadLock op);
        R visitReadUnlock(ReadUnlock op);
        R visitWriteLock(WriteLock op);
        R visitWriteUnlock(WriteUnlock op);
        R visitSeqWrite(SeqWrite op);
        R visitSeqRead(SeqRead op);
        R visitCondWait(CondWait op);
        R visitCondSignal(CondSignal op);
        R visitCondBroadcast(CondBroadcast op);
        R visitBarrierWait(BarrierWait op);
        R visitSemOp(SemOp op);
        R visitChoose(Choose op);
        R visitAssign(Assign op);
        R visitLoad(Load op);
        R visitStore(Store op);
        R visitRmw(Rmw op);
        R visitAtomic(Atomic op);
        R visitIf(If op);
        R visitLoop(Loop op);
        R visitBreak(Break op);
        R visitAssert(Assert op);
        R visitAwait(Await op);
        R visitFence(Fence op);
        R visitFd(Fd op);
        R visitIpc(Ipc op);
        R visitSig(Sig op);
        R visitIoModel(IoModel op);
    }
}
