package oss.compiler.lockorder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import oss.ir.program.Span;

/**
 * What one task may and must hold at a point of its body. Exclusive holds
 * (mutex, spinlock, rwlock for writing, seqlock writer) are two sets; read
 * holds of rwlocks are counted, as an interval [lo, hi] per rwlock, because
 * read locks nest. {@code taken} remembers, per possibly held lock, the
 * acquisitions that may be the reason it is held, for messages.
 *
 * <p>The transfer of every statement touches one lock and depends on that
 * lock only, so a loop reaches its fixed point in a few passes.
 */
final class Held {
    /** A read count at or above this means "any number". */
    static final int MANY = 3;

    static final Comparator<Span> POSITION = Comparator.comparingInt(Span::line)
            .thenComparingInt(Span::column)
            .thenComparingInt(Span::endLine)
            .thenComparingInt(Span::endColumn);

    private final int rwBase;
    final BitSet mayW;
    final BitSet mustW;
    private final int[] readLo;
    private final int[] readHi;
    private final TreeMap<Integer, List<Span>> taken;
    /**
     * The semaphores the task has passed {@code P} on, on every path, without its {@code V} yet: a
     * semaphore of initial value 1 used this way is a lock for Eraser's check ({@link Lockset}). Not a
     * lock for the lock order: a semaphore may be posted by any task.
     */
    final BitSet mustSem;
    /**
     * How many children the task may have started and not yet reaped (at most {@link #MANY}: any
     * number): while it is 0, the task's accesses happen while none of its family runs beside it.
     */
    int children;
    /** The hand-built spinlocks ({@link HandLock}) the task holds on every path, by their number in {@link Lockset}. */
    final BitSet mustHand = new BitSet();

    private Held(int rwBase, BitSet mayW, BitSet mustW, int[] readLo, int[] readHi, TreeMap<Integer, List<Span>> taken,
                 BitSet mustSem) {
        this.mustSem = mustSem;
        this.rwBase = rwBase;
        this.mayW = mayW;
        this.mustW = mustW;
        this.readLo = readLo;
        this.readHi = readHi;
        this.taken = taken;
    }

    static Held empty(Locks locks) {
        return new Held(locks.rwBase, new BitSet(), new BitSet(), new int[locks.rwCount()], new int[locks.rwCount()],
                new TreeMap<>(), new BitSet());
    }

    Held copy() {
        Held h = new Held(rwBase, (BitSet) mayW.clone(), (BitSet) mustW.clone(), readLo.clone(), readHi.clone(),
                new TreeMap<>(taken), (BitSet) mustSem.clone());
        h.children = children;
        h.mustHand.or(mustHand);
        return h;
    }

    // ---- queries -------------------------------------------------------------------------------------

    boolean mayRead(int id) {
        int r = id - rwBase;
        return r >= 0 && r < readHi.length && readHi[r] > 0;
    }

    boolean mustRead(int id) {
        int r = id - rwBase;
        return r >= 0 && r < readLo.length && readLo[r] > 0;
    }

    boolean mayHold(int id) {
        return mayW.get(id) || mayRead(id);
    }

    boolean mustHold(int id) {
        return mustW.get(id) || mustRead(id);
    }

    /** The locks that may be held, in increasing number. */
    List<Integer> mayHeld() {
        List<Integer> out = new ArrayList<>();
        for (Integer id : taken.keySet()) {
            if (mayHold(id)) {
                out.add(id);
            }
        }
        return out;
    }

    boolean isEmpty() {
        return taken.isEmpty();
    }

    List<Span> takenAt(int id) {
        return taken.getOrDefault(id, List.of());
    }

    // ---- transfer -------------------------------------------------------------------------------------

    /** An exclusive acquisition that succeeded here. */
    void acquire(int id, Span at) {
        mayW.set(id);
        mustW.set(id);
        taken.put(id, List.of(at));
    }

    /** An exclusive acquisition that keeps the previous record when the lock may already be held (cond_wait). */
    void reacquire(int id, Span at) {
        boolean had = mayW.get(id);
        mayW.set(id);
        mustW.set(id);
        if (!had || !taken.containsKey(id)) {
            taken.put(id, List.of(at));
        }
    }

    void releaseExclusive(int id) {
        mayW.clear(id);
        mustW.clear(id);
        forgetIfFree(id);
    }

    void acquireRead(int id, Span at) {
        int r = id - rwBase;
        readLo[r] = Math.min(MANY, readLo[r] + 1);
        readHi[r] = Math.min(MANY, readHi[r] + 1);
        List<Span> before = taken.get(id);
        taken.put(id, before == null ? List.of(at) : union(before, List.of(at)));
    }

    void releaseRead(int id) {
        int r = id - rwBase;
        readLo[r] = Math.max(0, readLo[r] - 1);
        readHi[r] = readHi[r] >= MANY ? MANY : Math.max(0, readHi[r] - 1);
        forgetIfFree(id);
    }

    private void forgetIfFree(int id) {
        if (!mayHold(id)) {
            taken.remove(id);
        }
    }

    /** A child started: one more may be running. */
    Held startedOne() {
        children = Math.min(MANY, children + 1);
        return this;
    }

    /** A child reaped (join, wait): one fewer, unless any number may be running. */
    Held reapedOne() {
        if (children < MANY) {
            children = Math.max(0, children - 1);
        }
        return this;
    }

    // ---- lattice --------------------------------------------------------------------------------------

    /** The join of two states; null stands for "unreachable". */
    static Held merge(Held a, Held b) {
        if (a == null) {
            return b == null ? null : b.copy();
        }
        if (b == null) {
            return a.copy();
        }
        Held m = a.copy();
        m.mayW.or(b.mayW);
        m.mustW.and(b.mustW);
        m.mustSem.and(b.mustSem);
        m.children = Math.max(a.children, b.children);
        m.mustHand.and(b.mustHand);
        for (int i = 0; i < m.readLo.length; i++) {
            m.readLo[i] = Math.min(a.readLo[i], b.readLo[i]);
            m.readHi[i] = Math.max(a.readHi[i], b.readHi[i]);
        }
        for (Map.Entry<Integer, List<Span>> e : b.taken.entrySet()) {
            m.taken.merge(e.getKey(), e.getValue(), Held::union);
        }
        return m;
    }

    private static List<Span> union(List<Span> a, List<Span> b) {
        if (a.equals(b)) {
            return a;
        }
        List<Span> out = new ArrayList<>(a);
        for (Span s : b) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        out.sort(POSITION);
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Held h && mayW.equals(h.mayW) && mustW.equals(h.mustW)
                && Arrays.equals(readLo, h.readLo) && Arrays.equals(readHi, h.readHi) && taken.equals(h.taken)
                && mustSem.equals(h.mustSem) && children == h.children && mustHand.equals(h.mustHand);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mayW, mustW, Arrays.hashCode(readLo), Arrays.hashCode(readHi), taken, mustSem, children,
                mustHand);
    }
}
