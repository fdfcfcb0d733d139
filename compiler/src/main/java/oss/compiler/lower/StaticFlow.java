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

    void check(List<Op> body) {
        locks(body, new BitSet(), true);
        claims(body, null);
        held(body, new long[resources.size()], true);
    }

    private static final long UNBOUNDED = Long.MAX_VALUE;

    // ------------------------------------------------------------ shapes of ops with bodies

    /** The body of an op that runs once or more in place ({@code repeat}, {@code seq_read}), else null. */
    private static List<Op> loopBody(Op op) {
        if (op instanceof Op.Repeat r) {
            return r.body();
        }
        if (op instanceof Op.SeqRead r) {
            return r.body();
        }
        return null;
    }

    /** The body of an op that runs exactly once in place ({@code seq_write}), else null. */
    private static List<Op> onceBody(Op op) {
        if (op instanceof Op.SeqWrite w) {
            return w.body();
        }
        return null;
    }

    /** The alternative bodies of a branching op other than trylock ({@code choose}), else null. */
    private static List<List<Op>> branches(Op op) {
        if (op instanceof Op.Choose c) {
            return c.branches();
        }
        return null;
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
        long[] ub = in.clone();
        for (Op op : ops) {
            oss.ir.Deadline.check();
            if (op instanceof Op.Request r) {
                for (int i = 0; i < ub.length && i < r.amounts().length; i++) {
                    ub[i] = ub[i] == UNBOUNDED ? UNBOUNDED : ub[i] + r.amounts()[i];
                }
            } else if (op instanceof Op.Release r) {
                for (int i = 0; i < ub.length && i < r.amounts().length; i++) {
                    int amount = r.amounts()[i];
                    if (amount > ub[i] && report) {
                        diags.report(Code.RELEASE_NOT_HELD, r.span(), "release of " + amount + " `"
                                + resources.get(i).name() + "` is more than this process can hold here (at most "
                                + ub[i] + ", from the requests before it)");
                    }
                    ub[i] = ub[i] == UNBOUNDED ? UNBOUNDED : Math.max(0, ub[i] - amount);
                }
            } else if (op instanceof Op.TryLock t) {
                ub = heldAny(List.of(t.onSuccess(), t.onFailure()), ub, report);
            } else if (branches(op) != null) {
                ub = heldAny(branches(op), ub, report);
            } else if (onceBody(op) != null) {
                ub = held(onceBody(op), ub, report);
            } else if (loopBody(op) != null) {
                List<Op> body = loopBody(op);
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
            } else if (childBody(op) != null) {
                held(childBody(op), new long[resources.size()], report);
            }
        }
        return ub;
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
        BitSet held = (BitSet) in.clone();
        for (Op op : ops) {
            oss.ir.Deadline.check();
            if (op instanceof Op.Lock l) {
                held.set(mutexBit(l.mutex()));
            } else if (op instanceof Op.Unlock u) {
                unlock(held, mutexBit(u.mutex()), report, op, mutexes.get(u.mutex()).name(), "lock", "unlock");
            } else if (op instanceof Op.SpinLock l) {
                held.set(spinBit(l.lock()));
            } else if (op instanceof Op.SpinUnlock u) {
                unlock(held, spinBit(u.lock()), report, op, spinlocks.get(u.lock()).name(), "spin_lock", "spin_unlock");
            } else if (op instanceof Op.ReadLock l) {
                held.set(readBit(l.rwlock()));
            } else if (op instanceof Op.ReadUnlock u) {
                unlock(held, readBit(u.rwlock()), report, op, rwlocks.get(u.rwlock()).name(), "read_lock", "read_unlock");
            } else if (op instanceof Op.WriteLock l) {
                held.set(writeBit(l.rwlock()));
            } else if (op instanceof Op.WriteUnlock u) {
                unlock(held, writeBit(u.rwlock()), report, op, rwlocks.get(u.rwlock()).name(), "write_lock",
                        "write_unlock");
            } else if (op instanceof Op.TryLock t) {
                BitSet success = (BitSet) held.clone();
                success.set(mutexBit(t.mutex()));
                BitSet a = locks(t.onSuccess(), success, report);
                BitSet b = locks(t.onFailure(), held, report);
                held = a;
                held.or(b);
            } else if (branches(op) != null) {
                BitSet any = new BitSet();
                for (List<Op> alt : branches(op)) {
                    any.or(locks(alt, held, report));
                }
                held = any;
            } else if (onceBody(op) != null) {
                held = locks(onceBody(op), held, report);
            } else if (loopBody(op) != null) {
                List<Op> body = loopBody(op);
                BitSet entry = (BitSet) held.clone();
                for (int guard = 0; guard <= lockCount() + 1; guard++) {
                    BitSet out = locks(body, entry, false);
                    out.or(entry);
                    if (out.equals(entry)) {
                        break;
                    }
                    entry = out;
                }
                held = locks(body, entry, report);
            } else if (childBody(op) != null) {
                locks(childBody(op), held, report);
            }
        }
        return held;
    }

    // ------------------------------------------------------------ claims

    /** {@code claim} is the claim in force, or null when unknown. Returns the claim after {@code ops}. */
    private int[] claims(List<Op> ops, int[] claim) {
        int[] current = claim;
        for (Op op : ops) {
            if (op instanceof Op.Claim c) {
                current = c.max();
            } else if (op instanceof Op.Request r) {
                if (current != null) {
                    for (int i = 0; i < r.amounts().length && i < current.length; i++) {
                        if (r.amounts()[i] > current[i]) {
                            diags.report(Code.REQUEST_ABOVE_CLAIM, r.span(), "request of " + r.amounts()[i] + " `"
                                    + resources.get(i).name() + "` is more than this process claimed ("
                                    + current[i] + ")");
                        }
                    }
                }
            } else if (loopBody(op) != null) {
                current = nested(loopBody(op), current);
            } else if (onceBody(op) != null) {
                current = nested(onceBody(op), current);
            } else if (op instanceof Op.TryLock t) {
                current = nestedAll(List.of(t.onSuccess(), t.onFailure()), current);
            } else if (branches(op) != null) {
                current = nestedAll(branches(op), current);
            } else if (childBody(op) != null) {
                claims(childBody(op), null);
            }
        }
        return current;
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

    /** The body of an op that starts another task or program (fork, vfork, thread, clone, exec), else null. */
    private static List<Op> childBody(Op op) {
        if (op instanceof Op.Fork f) {
            return f.body();
        }
        if (op instanceof Op.VFork f) {
            return f.body();
        }
        if (op instanceof Op.Thread f) {
            return f.body();
        }
        if (op instanceof Op.Clone f) {
            return f.body();
        }
        if (op instanceof Op.Exec f) {
            return f.body();
        }
        return null;
    }
}
