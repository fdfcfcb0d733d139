package oss.runtime.explore;

import java.util.ArrayList;
import java.util.List;
import oss.ir.program.Op;
import oss.ir.program.OpBodies;
import oss.ir.program.Span;
import oss.ir.program.Visibility;

/**
 * One body turned into flat code for the explorer: one instruction per
 * visible operation plus loop and jump instructions. Invisible statements
 * (compute, sleep, io, memory) leave nothing behind, and a loop with no
 * visible statement in it disappears, so a task's program counter always
 * rests on a visible instruction or on {@link #END}.
 */
final class FlatCode {
    // visible instructions
    static final int LOCK = 1, UNLOCK = 2, TRYLOCK = 3, P = 4, V = 5, CLAIM = 6, REQUEST = 7, RELEASE = 8,
            FORK = 9, WAIT_CHILD = 10, WAIT_ANY = 11, EXIT = 12, VFORK = 13, EXEC = 14, THREAD = 15,
            SPIN_LOCK = 17, SPIN_UNLOCK = 18, READ_LOCK = 19, READ_UNLOCK = 20, WRITE_LOCK = 21, WRITE_UNLOCK = 22,
            SEQW_BEGIN = 23, SEQW_END = 24, SEQR_BEGIN = 25, SEQR_END = 26, COND_WAIT = 27, SIGNAL = 28,
            BROADCAST = 29, BARRIER = 30, SEMOP = 31, CHOOSE = 32, END = 33;
    // control, never a resting place
    static final int REP_INIT = 40, REP_END = 41, JUMP = 42;

    final int id;
    /** The declared process this code belongs to (a child is named after its process, as in a run). */
    int root;
    /** Where the task exits when it runs off the end: the process's or the fork's span. */
    final Span endSpan;
    int[] kind = new int[16];
    /** First operand: the object index, the loop depth, or the child code. */
    int[] a = new int[16];
    /** Second operand: the mutex of a cond_wait, the repeat count, the fork's slot, exit status. */
    int[] b = new int[16];
    /** Jump target: else-branch of trylock, loop start, retry point of seq_read. */
    int[] target = new int[16];
    int[][] branches = new int[16][];
    Op[] op = new Op[16];
    Span[] span = new Span[16];
    int size;
    /** Deepest repeat nesting, so the task record knows how many loop counters it needs. */
    int depth;

    FlatCode(int id, Span endSpan) {
        this.id = id;
        this.root = id;
        this.endSpan = endSpan;
    }

    int emit(int k, int a0, int b0, Op source, Span at) {
        if (size == kind.length) {
            int n = size * 2;
            kind = java.util.Arrays.copyOf(kind, n);
            a = java.util.Arrays.copyOf(a, n);
            b = java.util.Arrays.copyOf(b, n);
            target = java.util.Arrays.copyOf(target, n);
            branches = java.util.Arrays.copyOf(branches, n);
            op = java.util.Arrays.copyOf(op, n);
            span = java.util.Arrays.copyOf(span, n);
        }
        kind[size] = k;
        a[size] = a0;
        b[size] = b0;
        op[size] = source;
        span[size] = at;
        return size++;
    }

    boolean isControl(int pc) {
        return kind[pc] >= REP_INIT;
    }

    /**
     * Does any statement in {@code ops} (or nested in it) take part in the interleaving? An exec
     * is a step of the explorer's own, and the statements in its body count too.
     */
    static boolean anyVisible(List<Op> ops) {
        for (Op op : ops) {
            if (Visibility.isVisible(op)) {
                return true;
            }
            for (List<Op> body : OpBodies.of(op)) {
                if (anyVisible(body)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Compiles bodies; child bodies (fork, thread, ...) become codes of their own. */
    static final class Compiler {
        final List<FlatCode> codes = new ArrayList<>();

        FlatCode body(List<Op> ops, Span endSpan) {
            FlatCode c = new FlatCode(codes.size(), endSpan);
            codes.add(c);
            ops(c, ops, 0);
            c.emit(END, 0, 0, null, endSpan);
            return c;
        }

        private void ops(FlatCode c, List<Op> ops, int depth) {
            for (Op op : ops) {
                op(c, op, depth);
            }
        }

        private void op(FlatCode c, Op op, int depth) {
            Span s = op.span();
            if (op instanceof Op.Repeat r) {
                if (r.count() <= 0 || !anyVisible(r.body())) {
                    return;
                }
                c.depth = Math.max(c.depth, depth + 1);
                c.emit(REP_INIT, depth, (int) Math.min(Integer.MAX_VALUE, r.count()), op, s);
                int start = c.size;
                ops(c, r.body(), depth + 1);
                int end = c.emit(REP_END, depth, 0, op, s);
                c.target[end] = start;
            } else if (op instanceof Op.Lock l) {
                c.emit(LOCK, l.mutex(), 0, op, s);
            } else if (op instanceof Op.Unlock u) {
                c.emit(UNLOCK, u.mutex(), 0, op, s);
            } else if (op instanceof Op.TryLock t) {
                int at = c.emit(TRYLOCK, t.mutex(), 0, op, s);
                ops(c, t.onSuccess(), depth);
                int jump = c.emit(JUMP, 0, 0, op, s);
                c.target[at] = c.size;
                ops(c, t.onFailure(), depth);
                c.target[jump] = c.size;
            } else if (op instanceof Op.SemWait p) {
                c.emit(P, p.sem(), 0, op, s);
            } else if (op instanceof Op.SemPost v) {
                c.emit(V, v.sem(), 0, op, s);
            } else if (op instanceof Op.Claim) {
                c.emit(CLAIM, 0, 0, op, s);
            } else if (op instanceof Op.Request) {
                c.emit(REQUEST, 0, 0, op, s);
            } else if (op instanceof Op.Release) {
                c.emit(RELEASE, 0, 0, op, s);
            } else if (op instanceof Op.Fork f) {
                child(c, FORK, f.slot(), f.body(), op);
            } else if (op instanceof Op.Thread t) {
                child(c, THREAD, t.slot(), t.body(), op);
            } else if (op instanceof Op.Clone cl) {
                // without CLONE_THREAD the child leads a thread group of its own, as after fork
                child(c, FORK, cl.slot(), cl.body(), op);
            } else if (op instanceof Op.VFork v) {
                child(c, VFORK, v.slot(), v.body(), op);
            } else if (op instanceof Op.WaitChild w) {
                c.emit(WAIT_CHILD, w.slot(), 0, op, s);
            } else if (op instanceof Op.Join j) {
                c.emit(WAIT_CHILD, j.slot(), 0, op, s);
            } else if (op instanceof Op.WaitAny) {
                c.emit(WAIT_ANY, 0, 0, op, s);
            } else if (op instanceof Op.Exit e) {
                c.emit(EXIT, 0, e.status(), op, s);
            } else if (op instanceof Op.Exec x) {
                c.emit(EXEC, 0, 0, op, s);
                ops(c, x.body(), depth);
                c.emit(END, 0, 0, null, c.endSpan);
            } else if (op instanceof Op.SpinLock l) {
                c.emit(SPIN_LOCK, l.lock(), 0, op, s);
            } else if (op instanceof Op.SpinUnlock u) {
                c.emit(SPIN_UNLOCK, u.lock(), 0, op, s);
            } else if (op instanceof Op.ReadLock r) {
                c.emit(READ_LOCK, r.rwlock(), 0, op, s);
            } else if (op instanceof Op.ReadUnlock r) {
                c.emit(READ_UNLOCK, r.rwlock(), 0, op, s);
            } else if (op instanceof Op.WriteLock w) {
                c.emit(WRITE_LOCK, w.rwlock(), 0, op, s);
            } else if (op instanceof Op.WriteUnlock w) {
                c.emit(WRITE_UNLOCK, w.rwlock(), 0, op, s);
            } else if (op instanceof Op.SeqWrite w) {
                c.emit(SEQW_BEGIN, w.seqlock(), 0, op, s);
                ops(c, w.body(), depth);
                c.emit(SEQW_END, w.seqlock(), 0, op, s);
            } else if (op instanceof Op.SeqRead r) {
                int begin = c.emit(SEQR_BEGIN, r.seqlock(), 0, op, s);
                ops(c, r.body(), depth);
                int end = c.emit(SEQR_END, r.seqlock(), 0, op, s);
                c.target[end] = begin;
            } else if (op instanceof Op.CondWait w) {
                c.emit(COND_WAIT, w.cond(), w.mutex(), op, s);
            } else if (op instanceof Op.CondSignal sg) {
                c.emit(SIGNAL, sg.cond(), 0, op, s);
            } else if (op instanceof Op.CondBroadcast bc) {
                c.emit(BROADCAST, bc.cond(), 0, op, s);
            } else if (op instanceof Op.BarrierWait bw) {
                c.emit(BARRIER, bw.barrier(), 0, op, s);
            } else if (op instanceof Op.SemOp so) {
                c.emit(SEMOP, so.set(), 0, op, s);
            } else if (op instanceof Op.Choose ch) {
                int at = c.emit(CHOOSE, 0, 0, op, s);
                int[] starts = new int[ch.branches().size()];
                int[] jumps = new int[starts.length];
                for (int i = 0; i < starts.length; i++) {
                    starts[i] = c.size;
                    ops(c, ch.branches().get(i), depth);
                    jumps[i] = c.emit(JUMP, 0, 0, op, s);
                }
                for (int j : jumps) {
                    c.target[j] = c.size;
                }
                c.branches[at] = starts;
            }
            // everything else is local work: nothing to interleave
        }

        private void child(FlatCode c, int kind, int slot, List<Op> body, Op op) {
            int at = c.emit(kind, 0, slot, op, op.span());
            FlatCode child = new FlatCode(codes.size(), op.span());
            child.root = c.root;
            codes.add(child);
            ops(child, body, 0);
            child.emit(END, 0, 0, null, op.span());
            c.a[at] = child.id;
        }
    }
}
