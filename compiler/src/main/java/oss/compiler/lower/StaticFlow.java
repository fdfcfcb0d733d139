package oss.compiler.lower;

import java.util.BitSet;
import java.util.List;
import oss.compiler.check.Diags;
import oss.runtime.diag.Code;
import oss.runtime.program.MutexDecl;
import oss.runtime.program.Op;
import oss.runtime.program.ResourceDecl;

/**
 * Static checks over one lowered body. Conservative: a problem is reported
 * only when it happens on every path.
 *
 * <ul>
 * <li>UNLOCK_NOT_HELD: the set of mutexes that may be held at each point
 * (a {@code trylock} may have taken its mutex in its success block; a
 * {@code repeat} body is iterated to a fixed point); an unlock of a mutex
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
 */
final class StaticFlow {
    private final Diags diags;
    private final List<MutexDecl> mutexes;
    private final List<ResourceDecl> resources;

    StaticFlow(Diags diags, List<MutexDecl> mutexes, List<ResourceDecl> resources) {
        this.diags = diags;
        this.mutexes = mutexes;
        this.resources = resources;
    }

    void check(List<Op> body) {
        locks(body, new BitSet(), true);
        claims(body, null);
        held(body, new long[resources.size()], true);
    }

    private static final long UNBOUNDED = Long.MAX_VALUE;

    /** Returns the upper bound of instances held after {@code ops}, per resource class. */
    private long[] held(List<Op> ops, long[] in, boolean report) {
        long[] ub = in.clone();
        for (Op op : ops) {
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
                long[] a = held(t.onSuccess(), ub, report);
                long[] b = held(t.onFailure(), ub, report);
                for (int i = 0; i < ub.length; i++) {
                    ub[i] = Math.max(a[i], b[i]);
                }
            } else if (op instanceof Op.Repeat r) {
                long[] out = held(r.body(), ub, false);
                long[] entry = ub.clone();
                for (int i = 0; i < ub.length; i++) {
                    if (out[i] > ub[i]) {
                        // each pass may keep more: after many passes, any amount
                        entry[i] = UNBOUNDED;
                    }
                }
                long[] after = held(r.body(), entry, report);
                for (int i = 0; i < ub.length; i++) {
                    ub[i] = Math.max(entry[i], after[i]);
                }
            } else if (childBody(op) != null) {
                held(childBody(op), new long[resources.size()], report);
            }
        }
        return ub;
    }

    /** Returns the may-held set after {@code ops}; reports only when {@code report}. */
    private BitSet locks(List<Op> ops, BitSet in, boolean report) {
        BitSet held = (BitSet) in.clone();
        for (Op op : ops) {
            if (op instanceof Op.Lock l) {
                held.set(l.mutex());
            } else if (op instanceof Op.Unlock u) {
                    if (!held.get(u.mutex()) && report) {
                        String name = mutexes.get(u.mutex()).name();
                        diags.report(Code.UNLOCK_NOT_HELD, u.span(), "`" + name + "` is not held here: no `lock "
                                + name + "` comes before this `unlock` on any path");
                    }
                    held.clear(u.mutex());
            } else if (op instanceof Op.TryLock t) {
                    BitSet success = (BitSet) held.clone();
                    success.set(t.mutex());
                    BitSet a = locks(t.onSuccess(), success, report);
                    BitSet b = locks(t.onFailure(), held, report);
                    held = a;
                    held.or(b);
            } else if (op instanceof Op.Repeat r) {
                    BitSet entry = (BitSet) held.clone();
                    for (int guard = 0; guard <= mutexes.size() + 1; guard++) {
                        BitSet out = locks(r.body(), entry, false);
                        out.or(entry);
                        if (out.equals(entry)) {
                            break;
                        }
                        entry = out;
                    }
                    held = locks(r.body(), entry, report);
            } else if (childBody(op) != null) {
                locks(childBody(op), held, report);
            }
        }
        return held;
    }

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
            } else if (op instanceof Op.Repeat r) {
                current = nested(r.body(), current);
            } else if (op instanceof Op.TryLock t) {
                    int[] a = nested(t.onSuccess(), current);
                    int[] b = nested(t.onFailure(), current);
                    current = a == current && b == current ? current : null;
            } else if (childBody(op) != null) {
                claims(childBody(op), null);
            }
        }
        return current;
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

    private int[] nested(List<Op> body, int[] claim) {
        int[] after = claims(body, claim);
        return after == claim ? claim : null;
    }
}
