package oss.compiler.lower;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import oss.compiler.check.Diags;
import oss.ir.diag.Code;
import oss.ir.program.MutexDecl;
import oss.ir.program.Op;
import oss.ir.program.ResourceDecl;
import oss.ir.program.SyncObjects;

/**
 * Static checks over one lowered body. Conservative: a problem is reported
 * only when it happens on every path.
 *
 * <ul>
 * <li>UNLOCK_NOT_HELD: the set of locks (mutexes, spinlocks, and rwlocks
 * for reading and for writing apart) that may be held at each point (a
 * {@code trylock} may have taken its mutex in its success block; a
 * {@code repeat} body is iterated to a fixed point); an unlock of a lock
 * outside that set is certainly wrong.</li>
 * <li>REQUEST_ABOVE_CLAIM: a single request larger than the claim made
 * earlier in the same body.</li>
 * <li>RELEASE_NOT_HELD: an upper bound of the instances held at each point
 * (requests add, releases subtract, a branch takes the larger side, a
 * {@code repeat} that may accumulate makes it unbounded); a release above
 * that bound is certainly more than the process holds. A forked child
 * starts holding nothing: instances belong to the task that requested them.
 * The bodies of vfork, thread, clone and exec are checked as a fork's.</li>
 * </ul>
 *
 * Blocks that carry ops are walked by what they mean for the path: a
 * {@code seq_write} body runs once, in place; a {@code seq_read} body runs
 * once or more, as a {@code repeat}'s; the branches of {@code trylock} and
 * {@code choose} are alternatives.
 */
final class StaticFlow {
    private final Diags diags;
    private final List<MutexDecl> mutexes;
    private final List<ResourceDecl> resources;
    private final List<SyncObjects.SpinlockDecl> spinlocks;
    private final List<SyncObjects.RwLockDecl> rwlocks;
    /**
     * The walks that do not report depend only on the body and the state they start from: each is
     * done once. Without this a repeat's body was walked twice per level (the fixed point, then
     * the reporting pass), 2^depth walks for nested repeats: 20 deep took 2 s, 100 deep never ended.
     */
    private final Map<List<Op>, Map<BitSet, BitSet>> quietLocks = new IdentityHashMap<>();
    private final Map<List<Op>, Map<List<Long>, long[]>> quietHeld = new IdentityHashMap<>();

    StaticFlow(Diags diags, List<MutexDecl> mutexes, List<ResourceDecl> resources) {
        this(diags, mutexes, resources, List.of(), List.of());
    }

    StaticFlow(Diags diags, List<MutexDecl> mutexes, List<ResourceDecl> resources,
               List<SyncObjects.SpinlockDecl> spinlocks, List<SyncObjects.RwLockDecl> rwlocks) {
        this.diags = diags;
        this.mutexes = mutexes;
        this.resources = resources;
        this.spinlocks = spinlocks;
        this.rwlocks = rwlocks;
    }

    /** Per loop, the ways out of it, made once so the walks' memos (by list identity) keep working. */
    private final Map<Op.Loop, List<List<Op>>> exits = new IdentityHashMap<>();

    /**
     * The paths that leave {@code loop}: for each top-level op of its body that holds a {@code break}, the body up
     * to that op, on the first pass or after more passes (a {@code Repeat} of the body stands for those).
     */
    private List<List<Op>> loopExits(Op.Loop loop) {
        return exits.computeIfAbsent(loop, l -> {
            List<List<Op>> out = new ArrayList<>();
            List<Op> body = l.body();
            for (int k = 0; k < body.size(); k++) {
                if (breaks(body.get(k))) {
                    List<Op> prefix = body.subList(0, k + 1);
                    out.add(List.copyOf(prefix));
                    List<Op> later = new ArrayList<>();
                    later.add(new Op.Repeat(1, body, l.span()));
                    later.addAll(prefix);
                    out.add(List.copyOf(later));
                }
            }
            return List.copyOf(out);
        });
    }

    /** Whether {@code op} may leave the loop around it: a {@code break} in it, not in a loop of its own. */
    static boolean breaks(Op op) {
        if (op instanceof Op.Break) {
            return true;
        }
        if (op instanceof Op.Loop) {
            return false;
        }
        for (List<Op> inner : oss.ir.program.OpBodies.of(op)) {
            for (Op o : inner) {
                if (breaks(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    void check(List<Op> body) {
        locks(body, new BitSet(), true);
        claims(body, null);
        held(body, new long[resources.size()], true);
    }

    private static final long UNBOUNDED = Long.MAX_VALUE;

    // ------------------------------------------------------------ what an op means to the checks

    /**
     * One walk over a body: each op is sent to what it means to the checks here (a lock taken or
     * released, a claim, a request, a release, blocks run once, in a loop, as alternatives or in
     * another task), and {@code state} follows the ops. A visitor, so a new op cannot be left out of
     * the static checks; each walk handles every meaning, so a new meaning cannot be left out of one.
     */
    private abstract class Walk<S> implements Op.Visitor<S> {
        S state;

        Walk(S state) {
            this.state = state;
        }

        S walk(List<Op> ops) {
            for (Op op : ops) {
                oss.ir.Deadline.check();
                state = op.accept(this);
            }
            return state;
        }

        /** An op that none of these checks follows. */
        abstract S none();

        abstract S lock(int bit);

        abstract S unlock(int bit, Op op, String name, String lockWord, String unlockWord);

        abstract S claim(Op.Claim c);

        abstract S request(Op.Request r);

        abstract S release(Op.Release r);

        /** The success block runs holding the mutex, the failure block without it. */
        abstract S tryLock(Op.TryLock t);

        /** Blocks of which one runs ({@code choose}). */
        abstract S alternatives(List<List<Op>> branches);

        /** A block that runs exactly once in place ({@code seq_write}). */
        abstract S once(List<Op> body);

        /** A block that runs once or more in place ({@code repeat}, {@code seq_read}). */
        abstract S loop(List<Op> body);

        /** The body of another task or program (fork, vfork, thread, clone, exec). */
        abstract S child(List<Op> body);

        /**
         * A {@code while} loop: left at one of its {@code break}s, after some passes. A loop without one
         * never ends; what follows is walked as after a {@code repeat}, which keeps every lock it may hold.
         */
        private S leave(Op.Loop op) {
            List<List<Op>> exits = loopExits(op);
            return exits.isEmpty() ? loop(op.body()) : alternatives(exits);
        }

        @Override
        public final S visitLock(Op.Lock op) {
            return lock(mutexBit(op.mutex()));
        }

        @Override
        public final S visitUnlock(Op.Unlock op) {
            return unlock(mutexBit(op.mutex()), op, mutexes.get(op.mutex()).name(), "lock", "unlock");
        }

        @Override
        public final S visitSpinLock(Op.SpinLock op) {
            return lock(spinBit(op.lock()));
        }

        @Override
        public final S visitSpinUnlock(Op.SpinUnlock op) {
            return unlock(spinBit(op.lock()), op, spinlocks.get(op.lock()).name(), "spin_lock", "spin_unlock");
        }

        @Override
        public final S visitReadLock(Op.ReadLock op) {
            return lock(readBit(op.rwlock()));
        }

        @Override
        public final S visitReadUnlock(Op.ReadUnlock op) {
            return unlock(readBit(op.rwlock()), op, rwlocks.get(op.rwlock()).name(), "read_lock", "read_unlock");
        }

        @Override
        public final S visitWriteLock(Op.WriteLock op) {
            return lock(writeBit(op.rwlock()));
        }

        @Override
        public final S visitWriteUnlock(Op.WriteUnlock op) {
            return unlock(writeBit(op.rwlock()), op, rwlocks.get(op.rwlock()).name(), "write_lock", "write_unlock");
        }

        @Override
        public final S visitTryLock(Op.TryLock op) {
            return tryLock(op);
        }

        @Override
        public final S visitClaim(Op.Claim op) {
            return claim(op);
        }

        @Override
        public final S visitRequest(Op.Request op) {
            return request(op);
        }

        @Override
        public final S visitRelease(Op.Release op) {
            return release(op);
        }

        @Override
        public final S visitChoose(Op.Choose op) {
            return alternatives(op.branches());
        }

        @Override
        public final S visitAssign(Op.Assign op) {
            return none();
        }

        @Override
        public final S visitLoad(Op.Load op) {
            return none();
        }

        @Override
        public final S visitStore(Op.Store op) {
            return none();
        }

        @Override
        public final S visitRmw(Op.Rmw op) {
            return none();
        }

        @Override
        public final S visitAtomic(Op.Atomic op) {
            return once(op.body());
        }

        @Override
        public final S visitIf(Op.If op) {
            return alternatives(List.of(op.then(), op.otherwise()));
        }

        @Override
        public final S visitLoop(Op.Loop op) {
            return leave(op);
        }

        @Override
        public final S visitBreak(Op.Break op) {
            return none();
        }

        @Override
        public final S visitAssert(Op.Assert op) {
            return none();
        }

        @Override
        public final S visitAwait(Op.Await op) {
            return none();
        }

        @Override
        public final S visitFence(Op.Fence op) {
            return none();
        }

        @Override
        public final S visitFd(Op.Fd op) {
            return none();
        }

        @Override
        public final S visitIpc(Op.Ipc op) {
            return none();
        }

        /** A handler's body runs when a signal arrives, at no fixed place in this flow. */
        @Override
        public final S visitSig(Op.Sig op) {
            return none();
        }

        @Override
        public final S visitIoModel(Op.IoModel op) {
            return none();
        }

        @Override
        public final S visitSeqWrite(Op.SeqWrite op) {
            return once(op.body());
        }

        @Override
        public final S visitRepeat(Op.Repeat op) {
            return loop(op.body());
        }

        @Override
        public final S visitSeqRead(Op.SeqRead op) {
            return loop(op.body());
        }

        @Override
        public final S visitFork(Op.Fork op) {
            return child(op.body());
        }

        @Override
        public final S visitVFork(Op.VFork op) {
            return child(op.body());
        }

        @Override
        public final S visitThread(Op.Thread op) {
            return child(op.body());
        }

        @Override
        public final S visitClone(Op.Clone op) {
            return child(op.body());
        }

        @Override
        public final S visitExec(Op.Exec op) {
            return child(op.body());
        }

        @Override
        public final S visitCompute(Op.Compute op) {
            return none();
        }

        @Override
        public final S visitSleep(Op.Sleep op) {
            return none();
        }

        @Override
        public final S visitIo(Op.Io op) {
            return none();
        }

        @Override
        public final S visitSemWait(Op.SemWait op) {
            return none();
        }

        @Override
        public final S visitSemPost(Op.SemPost op) {
            return none();
        }

        @Override
        public final S visitWaitChild(Op.WaitChild op) {
            return none();
        }

        @Override
        public final S visitWaitAny(Op.WaitAny op) {
            return none();
        }

        @Override
        public final S visitExit(Op.Exit op) {
            return none();
        }

        @Override
        public final S visitMmap(Op.Mmap op) {
            return none();
        }

        @Override
        public final S visitMunmap(Op.Munmap op) {
            return none();
        }

        @Override
        public final S visitMsync(Op.Msync op) {
            return none();
        }

        @Override
        public final S visitMalloc(Op.Malloc op) {
            return none();
        }

        @Override
        public final S visitFree(Op.Free op) {
            return none();
        }

        @Override
        public final S visitBrk(Op.Brk op) {
            return none();
        }

        @Override
        public final S visitMemAccess(Op.MemAccess op) {
            return none();
        }

        @Override
        public final S visitLibraryAccess(Op.LibraryAccess op) {
            return none();
        }

        @Override
        public final S visitPageRefs(Op.PageRefs op) {
            return none();
        }

        @Override
        public final S visitTouch(Op.Touch op) {
            return none();
        }

        @Override
        public final S visitSnapshot(Op.Snapshot op) {
            return none();
        }

        @Override
        public final S visitJoin(Op.Join op) {
            return none();
        }

        @Override
        public final S visitCondWait(Op.CondWait op) {
            return none();
        }

        @Override
        public final S visitCondSignal(Op.CondSignal op) {
            return none();
        }

        @Override
        public final S visitCondBroadcast(Op.CondBroadcast op) {
            return none();
        }

        @Override
        public final S visitBarrierWait(Op.BarrierWait op) {
            return none();
        }

        @Override
        public final S visitSemOp(Op.SemOp op) {
            return none();
        }
    }

    // ------------------------------------------------------------ resources held

    /** Returns the upper bound of instances held after {@code ops}, per resource class. */
    private long[] held(List<Op> ops, long[] in, boolean report) {
        if (report) {
            return heldWalk(ops, in, true);
        }
        Map<List<Long>, long[]> known = quietHeld.computeIfAbsent(ops, k -> new HashMap<>());
        List<Long> key = Arrays.stream(in).boxed().toList();
        long[] out = known.get(key);
        if (out == null) {
            out = heldWalk(ops, in, false);
            known.put(key, out.clone());
        }
        return out.clone();
    }

    private long[] heldWalk(List<Op> ops, long[] in, boolean report) {
        return new HeldWalk(in.clone(), report).walk(ops);
    }

    /** The upper bound of instances held, per resource class. */
    private final class HeldWalk extends Walk<long[]> {
        private final boolean report;

        HeldWalk(long[] in, boolean report) {
            super(in);
            this.report = report;
        }

        @Override
        long[] request(Op.Request r) {
            long[] ub = state;
            for (int i = 0; i < ub.length && i < r.amounts().length; i++) {
                ub[i] = ub[i] == UNBOUNDED ? UNBOUNDED : ub[i] + r.amounts()[i];
            }
            return ub;
        }

        @Override
        long[] release(Op.Release r) {
            long[] ub = state;
            for (int i = 0; i < ub.length && i < r.amounts().length; i++) {
                int amount = r.amounts()[i];
                if (amount > ub[i] && report) {
                    diags.report(Code.RELEASE_NOT_HELD, r.span(), "release of " + amount + " `"
                            + resources.get(i).name() + "` is more than this process can hold here (at most "
                            + ub[i] + ", from the requests before it)");
                }
                ub[i] = ub[i] == UNBOUNDED ? UNBOUNDED : Math.max(0, ub[i] - amount);
            }
            return ub;
        }

        @Override
        long[] tryLock(Op.TryLock t) {
            return heldAny(List.of(t.onSuccess(), t.onFailure()), state, report);
        }

        @Override
        long[] alternatives(List<List<Op>> branches) {
            return heldAny(branches, state, report);
        }

        @Override
        long[] once(List<Op> body) {
            return held(body, state, report);
        }

        @Override
        long[] loop(List<Op> body) {
            long[] ub = state;
            long[] out = held(body, ub, false);
            long[] entry = ub.clone();
            for (int i = 0; i < ub.length; i++) {
                if (out[i] > ub[i]) {
                    // each pass may keep more: after many passes, any amount
                    entry[i] = UNBOUNDED;
                }
            }
            long[] after = held(body, entry, report);
            for (int i = 0; i < ub.length; i++) {
                ub[i] = Math.max(entry[i], after[i]);
            }
            return ub;
        }

        @Override
        long[] child(List<Op> body) {
            held(body, new long[resources.size()], report);
            return state;
        }

        @Override
        long[] none() {
            return state;
        }

        @Override
        long[] lock(int bit) {
            return state;
        }

        @Override
        long[] unlock(int bit, Op op, String name, String lockWord, String unlockWord) {
            return state;
        }

        @Override
        long[] claim(Op.Claim c) {
            return state;
        }
    }

    /** After one of several alternatives: the larger bound of any. */
    private long[] heldAny(List<List<Op>> alternatives, long[] in, boolean report) {
        long[] ub = new long[in.length];
        for (List<Op> alt : alternatives) {
            long[] a = held(alt, in, report);
            for (int i = 0; i < ub.length; i++) {
                ub[i] = Math.max(ub[i], a[i]);
            }
        }
        return ub;
    }

    // ------------------------------------------------------------ locks that may be held

    /** The bit of a lock in the may-held sets: mutexes, then spinlocks, rwlocks read, rwlocks written. */
    private int mutexBit(int m) {
        return m;
    }

    private int spinBit(int s) {
        return mutexes.size() + s;
    }

    private int readBit(int r) {
        return mutexes.size() + spinlocks.size() + r;
    }

    private int writeBit(int r) {
        return mutexes.size() + spinlocks.size() + rwlocks.size() + r;
    }

    private int lockCount() {
        return mutexes.size() + spinlocks.size() + 2 * rwlocks.size();
    }

    private void unlock(BitSet held, int bit, boolean report, Op op, String name, String lockWord, String unlockWord) {
        if (!held.get(bit) && report) {
            diags.report(Code.UNLOCK_NOT_HELD, op.span(), "`" + name + "` is not held here: no `" + lockWord + " "
                    + name + "` comes before this `" + unlockWord + "` on any path");
        }
        held.clear(bit);
    }

    /** Returns the may-held set after {@code ops}; reports only when {@code report}. */
    private BitSet locks(List<Op> ops, BitSet in, boolean report) {
        if (report) {
            return locksWalk(ops, in, true);
        }
        Map<BitSet, BitSet> known = quietLocks.computeIfAbsent(ops, k -> new HashMap<>());
        BitSet out = known.get(in);
        if (out == null) {
            out = locksWalk(ops, in, false);
            known.put((BitSet) in.clone(), (BitSet) out.clone());
        }
        return (BitSet) out.clone();
    }

    private BitSet locksWalk(List<Op> ops, BitSet in, boolean report) {
        return new LocksWalk((BitSet) in.clone(), report).walk(ops);
    }

    /** The locks that may be held. */
    private final class LocksWalk extends Walk<BitSet> {
        private final boolean report;

        LocksWalk(BitSet in, boolean report) {
            super(in);
            this.report = report;
        }

        @Override
        BitSet lock(int bit) {
            state.set(bit);
            return state;
        }

        @Override
        BitSet unlock(int bit, Op op, String name, String lockWord, String unlockWord) {
            StaticFlow.this.unlock(state, bit, report, op, name, lockWord, unlockWord);
            return state;
        }

        @Override
        BitSet tryLock(Op.TryLock t) {
            BitSet success = (BitSet) state.clone();
            success.set(mutexBit(t.mutex()));
            BitSet a = locks(t.onSuccess(), success, report);
            BitSet b = locks(t.onFailure(), state, report);
            a.or(b);
            return a;
        }

        @Override
        BitSet alternatives(List<List<Op>> branches) {
            BitSet any = new BitSet();
            for (List<Op> alt : branches) {
                any.or(locks(alt, state, report));
            }
            return any;
        }

        @Override
        BitSet once(List<Op> body) {
            return locks(body, state, report);
        }

        @Override
        BitSet loop(List<Op> body) {
            BitSet entry = (BitSet) state.clone();
            for (int guard = 0; guard <= lockCount() + 1; guard++) {
                BitSet out = locks(body, entry, false);
                out.or(entry);
                if (out.equals(entry)) {
                    break;
                }
                entry = out;
            }
            return locks(body, entry, report);
        }

        @Override
        BitSet child(List<Op> body) {
            locks(body, state, report);
            return state;
        }

        @Override
        BitSet none() {
            return state;
        }

        @Override
        BitSet claim(Op.Claim c) {
            return state;
        }

        @Override
        BitSet request(Op.Request r) {
            return state;
        }

        @Override
        BitSet release(Op.Release r) {
            return state;
        }
    }

    // ------------------------------------------------------------ claims

    /** {@code claim} is the claim in force, or null when unknown. Returns the claim after {@code ops}. */
    private int[] claims(List<Op> ops, int[] claim) {
        ClaimsWalk walk = new ClaimsWalk(claim);
        for (Op op : ops) {
            walk.state = op.accept(walk);
        }
        return walk.state;
    }

    /** The claim in force, or null when unknown. */
    private final class ClaimsWalk extends Walk<int[]> {
        ClaimsWalk(int[] claim) {
            super(claim);
        }

        @Override
        int[] claim(Op.Claim c) {
            return c.max();
        }

        @Override
        int[] request(Op.Request r) {
            int[] current = state;
            if (current != null) {
                for (int i = 0; i < r.amounts().length && i < current.length; i++) {
                    if (r.amounts()[i] > current[i]) {
                        diags.report(Code.REQUEST_ABOVE_CLAIM, r.span(), "request of " + r.amounts()[i] + " `"
                                + resources.get(i).name() + "` is more than this process claimed ("
                                + current[i] + ")");
                    }
                }
            }
            return current;
        }

        @Override
        int[] loop(List<Op> body) {
            return nested(body, state);
        }

        @Override
        int[] once(List<Op> body) {
            return nested(body, state);
        }

        @Override
        int[] tryLock(Op.TryLock t) {
            return nestedAll(List.of(t.onSuccess(), t.onFailure()), state);
        }

        @Override
        int[] alternatives(List<List<Op>> branches) {
            return nestedAll(branches, state);
        }

        @Override
        int[] child(List<Op> body) {
            claims(body, null);
            return state;
        }

        @Override
        int[] none() {
            return state;
        }

        @Override
        int[] lock(int bit) {
            return state;
        }

        @Override
        int[] unlock(int bit, Op op, String name, String lockWord, String unlockWord) {
            return state;
        }

        @Override
        int[] release(Op.Release r) {
            return state;
        }
    }

    private int[] nested(List<Op> body, int[] claim) {
        int[] after = claims(body, claim);
        return after == claim ? claim : null;
    }

    /** After alternatives: the claim in force when none of them changed it, else unknown. */
    private int[] nestedAll(List<List<Op>> alternatives, int[] claim) {
        boolean same = true;
        for (List<Op> alt : alternatives) {
            same &= nested(alt, claim) == claim;
        }
        return same ? claim : null;
    }
}
