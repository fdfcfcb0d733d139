package oss.runtime.explore;

import static oss.runtime.explore.Instr.*;
import static oss.runtime.explore.Model.*;

import java.util.BitSet;

/**
 * Partial-order reduction by stubborn sets (Valmari), computed per task: a
 * set of tasks closed under two rules. A task in the set whose next step is
 * enabled pulls in every task whose future may touch an object that step
 * touches (so no step outside the set can interfere with it); a blocked
 * task pulls in the tasks that can unblock it (the holder of the lock, the
 * tasks that may post the semaphore, the child it waits for). Only the set's
 * steps are explored from the state. Among the sets grown from each enabled
 * task the smallest is taken.
 *
 * <p>Conflicts distinguish reads from writes: two steps conflict when one
 * writes an object the other touches (synchronisation objects are always
 * written; each shared cell is an object, and a task's buffered stores are
 * writes in its future until flushed).
 *
 * <p>Stubborn sets keep every deadlock state reachable. Without while loops
 * the state graph is acyclic and no step can be postponed forever; with them
 * the explorer adds the cycle proviso (Explorer.expand).
 */
final class StubbornSets {
    private final Model m;
    private final Semantics sem;
    /**
     * Object sets as bit words: the instruction's own accesses (and writes) and everything it may
     * touch (and write) from there on. Two steps conflict when one writes what the other touches.
     */
    private final long[][][] access, accessW;
    private final long[][][] future, futureW;
    private final int words;
    private final long[] released;
    /** The current state's future of each task (and its writes), {@code words} longs per task; zero for ended tasks. */
    private final long[] futures, futuresW;
    /** Per task, the cells of its buffered stores (flushes write them); buffered models only. */
    private final long[] flushes;
    private final boolean[] in;
    private final int[] stack;
    private final boolean[] best;

    StubbornSets(Model m, Semantics sem) {
        this.m = m;
        this.sem = sem;
        this.words = (m.objects + 63) / 64;
        this.access = new long[m.codes.length][][];
        this.accessW = new long[m.codes.length][][];
        this.future = new long[m.codes.length][][];
        this.futureW = new long[m.codes.length][][];
        for (FlatCode c : m.codes) {
            access[c.id] = new long[c.size][];
            accessW[c.id] = new long[c.size][];
            future[c.id] = new long[c.size][];
            futureW[c.id] = new long[c.size][];
            for (int pc = 0; pc < c.size; pc++) {
                BitSet own = new BitSet(m.objects);
                BitSet writes = new BitSet(m.objects);
                m.accesses(c, pc, own, writes);
                access[c.id][pc] = java.util.Arrays.copyOf(own.toLongArray(), words);
                accessW[c.id][pc] = java.util.Arrays.copyOf(writes.toLongArray(), words);
                future[c.id][pc] = java.util.Arrays.copyOf(m.future[c.id][pc].toLongArray(), words);
                futureW[c.id][pc] = java.util.Arrays.copyOf(m.futureWrites[c.id][pc].toLongArray(), words);
            }
        }
        this.released = new long[words];
        this.futures = new long[m.maxTasks * words];
        // without data every object is written, so the write sets are the sets themselves
        this.futuresW = m.hasData ? new long[m.maxTasks * words] : futures;
        this.flushes = new long[m.buffered ? m.maxTasks * words : 0];
        this.in = new boolean[m.maxTasks];
        this.stack = new int[m.maxTasks];
        this.best = new boolean[m.maxTasks];
    }

    /**
     * Marks in {@code expand} the tasks whose steps to explore from {@code s},
     * given which tasks can step ({@code choices[t] > 0}); returns how many.
     */
    int choose(int[] s, int[] choices, boolean[] expand) {
        int n = s[0];
        // each live task's future, looked up once per state rather than once per closure
        for (int u = 0; u < n; u++) {
            int ub = m.base(u);
            boolean alive = Semantics.alive(s, ub);
            long[] f = alive ? future[s[ub + CODE]][s[ub + PC] - ALIVE] : null;
            long[] fw = alive ? futureW[s[ub + CODE]][s[ub + PC] - ALIVE] : null;
            for (int w = 0; w < words; w++) {
                futures[u * words + w] = f == null ? 0 : f[w];
            }
            if (futuresW != futures) {
                for (int w = 0; w < words; w++) {
                    futuresW[u * words + w] = fw == null ? 0 : fw[w];
                }
            }
            if (m.buffered) {
                // buffered stores are writes still to come, whatever the code does next
                java.util.Arrays.fill(flushes, u * words, (u + 1) * words, 0);
                int k = alive ? sem.data.buffered(s, u) : 0;
                for (int i = 0; i < k; i++) {
                    int id = sem.data.entryCell(s, u, i);
                    int obj = id < m.sharedCells ? m.objShared + id : m.objGroup + (id - m.sharedCells);
                    flushes[u * words + (obj >>> 6)] |= 1L << obj;
                }
                for (int w = 0; w < words; w++) {
                    futures[u * words + w] |= flushes[u * words + w];
                    futuresW[u * words + w] |= flushes[u * words + w];
                }
            }
        }
        int bestSize = Integer.MAX_VALUE;
        for (int p = 0; p < n; p++) {
            if (choices[p] == 0) {
                continue;
            }
            int size = closure(s, choices, p, bestSize);
            if (size < bestSize) {
                bestSize = size;
                System.arraycopy(in, 0, best, 0, n);
                if (size == 1) {
                    break;
                }
            }
        }
        int steps = 0;
        for (int t = 0; t < n; t++) {
            expand[t] = best[t] && choices[t] > 0;
            steps += expand[t] ? 1 : 0;
        }
        return steps;
    }

    private int size;
    private int top;

    private int closure(int[] s, int[] choices, int p, int limit) {
        int n = s[0];
        java.util.Arrays.fill(in, 0, n, false);
        size = 0;
        top = 0;
        add(p);
        while (top > 0 && size < limit) {
            int q = stack[--top];
            int b = m.base(q);
            FlatCode c = m.codes[s[b + CODE]];
            int pc = s[b + PC] - ALIVE;
            if (!m.buffered) {
                if (choices[q] > 0) {
                    enabledRule(s, q, b, c, pc);
                } else {
                    blockedRule(s, q, b, c, pc);
                }
                continue;
            }
            // a task's instruction and its flushes are steps of one task: each brings in its own
            if (sem.stepChoices(s, q) > 0) {
                enabledRule(s, q, b, c, pc);
            } else {
                blockedRule(s, q, b, c, pc);
            }
            if (s[b + m.bufCount] > 0) {
                long[] own = java.util.Arrays.copyOfRange(flushes, q * words, (q + 1) * words);
                addFutures(s, q, own, own);
            }
        }
        return size;
    }

    private void add(int t) {
        if (!in[t]) {
            in[t] = true;
            size++;
            stack[top++] = t;
        }
    }

    private void enabledRule(int[] s, int q, int b, FlatCode c, int pc) {
        long[] touched = access[c.id][pc];
        if (!isEmpty(touched)) {
            addFutures(s, q, touched, accessW[c.id][pc]);
        }
        Instr k = c.kind[pc];
        if (k == END || k == EXIT) {
            lifecycleOfExit(s, q, b);
        } else if (k == WAIT_ANY) {
            addChildren(s, q);
        } else if (k == EXEC) {
            addVforkParent(s, q);
            if (m.hasThreads) {
                // de_thread ends the other threads and may hand this task's place to its leader:
                // it touches every task, so nothing may be postponed past it
                for (int u = 0; u < s[0]; u++) {
                    if (Semantics.alive(s, m.base(u))) {
                        add(u);
                    }
                }
            }
        }
    }

    private void lifecycleOfExit(int[] s, int q, int b) {
        int parent = s[b + PARENT] - 1;
        if (parent >= 0) {
            add(parent);
        }
        addChildren(s, q);
        addVforkParent(s, q);
        if (m.hasThreads && s[b + GROUP] == 0) {
            for (int u = 0; u < s[0]; u++) {
                if (s[m.base(u) + GROUP] == q + 1 && Semantics.alive(s, m.base(u))) {
                    add(u);
                }
            }
        }
        // what it holds is given back: spinlocks, rwlocks, seqlocks and resources
        java.util.Arrays.fill(released, 0);
        for (int i = 0; i < m.spins; i++) {
            if (s[m.spinBase + i] == q + 1) {
                set(released, m.objSpin + i);
            }
        }
        for (int i = 0; i < m.rws; i++) {
            if (s[m.rwWriterBase + i] == q + 1 || (s[m.rwReadersBase + i] & (1 << q)) != 0) {
                set(released, m.objRw + i);
            }
        }
        for (int i = 0; i < m.seqs; i++) {
            if (s[m.seqWriterBase + i] == q + 1) {
                set(released, m.objSeq + i);
            }
        }
        for (int r = 0; r < m.resources; r++) {
            if (s[b + m.allocBase + r] != 0 || s[b + m.claimBase + r] != 0) {
                set(released, m.objResource + r);
            }
        }
        if (!isEmpty(released)) {
            addFutures(s, q, released, released);
        }
    }

    private void blockedRule(int[] s, int q, int b, FlatCode c, int pc) {
        if (s[b + PHASE] == PH_VFORK) {
            add(s[b + AUX] - 1);
            return;
        }
        int a = c.a[pc];
        switch (c.kind[pc]) {
            case LOCK -> addOwner(s, s[m.mutexBase + a]);
            case SPIN_LOCK -> addOwner(s, s[m.spinBase + a]);
            case COND_WAIT -> {
                if (s[b + PHASE] == PH_WOKEN) {
                    addOwner(s, s[m.mutexBase + c.b[pc]]);
                } else {
                    addFutures(s, q, access[c.id][pc], accessW[c.id][pc]);
                }
            }
            case SEQW_BEGIN, SEQR_BEGIN -> addOwner(s, s[m.seqWriterBase + a]);
            case READ_LOCK, WRITE_LOCK -> {
                addOwner(s, s[m.rwWriterBase + a]);
                int readers = s[m.rwReadersBase + a];
                for (int u = 0; u < s[0]; u++) {
                    if ((readers & (1 << u)) != 0 || sem.waitsOn(s, u, WRITE_LOCK, a)) {
                        add(u);
                    }
                }
            }
            case WAIT_CHILD -> {
                int pid = s[b + m.slotBase + a];
                if (pid >= 2) {
                    add(pid - 2);
                }
            }
            case WAIT_ANY -> addChildren(s, q);
            // P, semop, barrier, request: anyone who may act on it; await: anyone who may write what it reads;
            // an instruction waiting for its own buffer to drain (a full barrier, a store into a full
            // buffer): only its own flushes, which the caller adds
            default -> addFutures(s, q, access[c.id][pc], access[c.id][pc]);
        }
    }

    private void addOwner(int[] s, int owner) {
        if (owner > 0 && Semantics.alive(s, m.base(owner - 1))) {
            add(owner - 1);
        }
    }

    /**
     * Brings in every task whose future conflicts with a step touching {@code objects} and writing
     * {@code writes}: it writes something the step touches, or touches something the step writes.
     */
    private void addFutures(int[] s, int q, long[] objects, long[] writes) {
        int n = s[0];
        if (words == 1) {
            long o = objects[0];
            long wr = writes[0];
            for (int u = 0; u < n; u++) {
                if (((futuresW[u] & o) | (futures[u] & wr)) != 0 && u != q) {
                    add(u);
                }
            }
            return;
        }
        for (int u = 0; u < n; u++) {
            if (u == q || in[u]) {
                continue;
            }
            for (int w = 0; w < words; w++) {
                if (((futuresW[u * words + w] & objects[w]) | (futures[u * words + w] & writes[w])) != 0) {
                    add(u);
                    break;
                }
            }
        }
    }

    private static boolean isEmpty(long[] set) {
        for (long w : set) {
            if (w != 0) {
                return false;
            }
        }
        return true;
    }

    private static void set(long[] set, int bit) {
        set[bit >>> 6] |= 1L << bit;
    }

    private void addChildren(int[] s, int q) {
        for (int u = 0; u < s[0]; u++) {
            int ub = m.base(u);
            if (s[ub + PARENT] == q + 1 && Semantics.alive(s, ub)) {
                add(u);
            }
        }
    }

    private void addVforkParent(int[] s, int q) {
        for (int u = 0; u < s[0]; u++) {
            int ub = m.base(u);
            if (Semantics.alive(s, ub) && s[ub + PHASE] == PH_VFORK && s[ub + AUX] == q + 1) {
                add(u);
            }
        }
    }
}
