package oss.runtime.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Symmetry reduction: the explorer stores one state per orbit of the scenario's symmetry group
 * (Emerson and Sistla's quotient; Murphi's scalarsets, SPIN's SymmSpin), so N philosophers who
 * differ only by which forks they hold are explored once, not N times.
 *
 * <p>The group is read off the code, never assumed from the declaration: a process array
 * {@code p[i in 0..N-1]} contributes
 * <ul>
 *   <li>every permutation of its instances when their codes are identical (the index is not used),
 *   <li>the rotations of a ring when instance {@code j + 1}'s code is instance {@code j}'s with
 *       every element of some mutex, semaphore or spinlock arrays of length N moved on by the same
 *       step ({@code fork[i]}, {@code fork[(i + 1) % N]}), and no other process names those
 *       elements,
 *   <li>nothing otherwise (one philosopher reversed breaks the ring: no symmetry is used).
 * </ul>
 * Only scenarios whose state names tasks in places this class remaps qualify: the holders of
 * locks and rwlock readers. Forks, waits for children, signals, descriptors, queues and exec name
 * tasks or codes elsewhere, and with any of them the explorer runs without symmetry.
 *
 * <p>{@link #canonical} maps a state to its orbit's representative: its least image over every
 * rotation (records first, {@link #compareImages}), or with arrays of identical processes, the
 * least (int by int) over every rotation with each such array sorted by record. Sorting may leave
 * two states of one orbit with different representatives (ties among equal records), which costs
 * reduction, never soundness: every representative is a real state of the orbit.
 *
 * <p>Call order: {@link SymmetryGroup#detect} once the initial state is settled, then {@link #canonical} on
 * every state before it is stored.
 */
final class Symmetry {
    /** One group element: where each task's record goes and where each mutex, semaphore and spinlock goes. */
    record Perm(int[] task, int[] mutex, int[] sem, int[] spin, int[] taskInv, int[] mutexInv, int[] semInv,
            int[] spinInv) {
        Perm(int[] task, int[] mutex, int[] sem, int[] spin) {
            this(task, mutex, sem, spin, inverse(task), inverse(mutex), inverse(sem), inverse(spin));
        }
    }

    private static int[] inverse(int[] map) {
        if (map == null) {
            return null;
        }
        int[] inv = new int[map.length];
        for (int i = 0; i < map.length; i++) {
            inv[map[i]] = i;
        }
        return inv;
    }

    private final Model m;
    private final StateStore store;
    /** Every element of the product of the rings' rotation groups, the identity first. */
    private final Perm[] rotations;
    /** Task positions of each array of identical processes. */
    private final int[][] fullSets;
    /** The group in words, for the report: "rotations of phil[0..4] with fork[0..4]". */
    final String description;
    private final int[] cand, sorted, best, perm, bestPerm, sortPerm, order;
    /** The identity maps of tasks and mutexes, for comparing images without a case for the identity. */
    private final int[] idTask, idMutex;
    /** Per task: the one before it in its array of identical processes, or -1. */
    private final int[] previous;

    Symmetry(Model m, StateStore store, Perm[] rotations, int[][] fullSets, String description) {
        this.m = m;
        this.store = store;
        this.rotations = rotations;
        this.fullSets = fullSets;
        this.description = description;
        int cap = m.capacity();
        cand = new int[cap];
        sorted = new int[cap];
        best = new int[cap];
        perm = new int[m.processes];
        bestPerm = new int[m.processes];
        sortPerm = new int[m.processes];
        order = new int[m.processes];
        idTask = SymmetryGroup.identity(m.processes);
        idMutex = SymmetryGroup.identity(m.mutexes);
        previous = new int[m.processes];
        Arrays.fill(previous, -1);
        for (int[] set : fullSets) {
            for (int i = 1; i < set.length; i++) {
                previous[set[i]] = set[i - 1];
            }
        }
    }

    /**
     * The task before {@code t} in its array of identical processes when the two are twins in the
     * representative {@code s}: equal records and neither named by a lock. Swapping them leaves
     * {@code s} as it is, so their steps lead to states of one orbit and the explorer takes only the
     * first's. -1 otherwise. With two thousand identical workers in four places, that is four steps
     * per state to canonicalise instead of two thousand.
     */
    int twinBefore(int[] s, int t) {
        int u = previous[t];
        if (u < 0 || compareRecords(s, u, t) != 0 || named(s, t + 1) || named(s, u + 1)) {
            return -1;
        }
        return u;
    }

    /** Is task {@code holder - 1} a lock's holder or an rwlock's reader in {@code s}? */
    private boolean named(int[] s, int holder) {
        for (int i = m.mutexBase; i < m.mutexBase + m.mutexes; i++) {
            if (s[i] == holder) {
                return true;
            }
        }
        for (int i = m.spinBase; i < m.spinBase + m.spins; i++) {
            if (s[i] == holder) {
                return true;
            }
        }
        for (int k = 0; k < m.rws; k++) {
            if (s[m.rwWriterBase + k] == holder || (s[m.rwReadersBase + k] & 1 << (holder - 1)) != 0) {
                return true;
            }
        }
        for (int k = 0; k < m.seqs; k++) {
            if (s[m.seqWriterBase + k] == holder) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rewrites {@code s} as its orbit's representative and returns where each task of {@code s}
     * went (task {@code t} is task {@code result[t]} of the representative). The array is reused by
     * the next call.
     */
    int[] canonical(int[] s) {
        int n = s[0];
        if (mayHoldLeftovers(s, n)) {
            store.normalize(s);
        }
        int used = m.base(n);
        if (fullSets.length == 0) {
            return leastRotation(s, n, used);
        }
        boolean first = true; // with arrays of identical processes, s itself (unsorted) is no candidate
        for (Perm g : rotations) {
            int[] c = s;
            if (g.task != null) {
                permute(s, g.task, g.mutex, g.sem, g.spin, cand);
                c = cand;
            }
            for (int t = 0; t < n; t++) {
                perm[t] = g.task == null ? t : g.task[t];
            }
            if (fullSets.length > 0) {
                sortFull(c);
                for (int t = 0; t < n; t++) {
                    perm[t] = sortPerm[perm[t]];
                }
                c = sorted;
            }
            if (first || Arrays.compare(c, 0, used, best, 0, used) < 0) {
                first = false;
                System.arraycopy(c, 0, best, 0, used);
                System.arraycopy(perm, 0, bestPerm, 0, n);
            }
        }
        System.arraycopy(best, 0, s, 0, used);
        return bestPerm;
    }

    /**
     * The task maps of the rotations that leave the representative {@code s} as it is (its
     * stabiliser among the rings' elements), the identity first. A schedule to {@code s} renamed by
     * any of them still ends in {@code s}: {@link Explorer} picks the one that reads most naturally.
     */
    List<int[]> stabiliser(int[] s) {
        int used = m.base(s[0]);
        List<int[]> out = new ArrayList<>();
        for (Perm g : rotations) {
            if (g.task == null) {
                int[] id = new int[s[0]];
                for (int t = 0; t < id.length; t++) {
                    id[t] = t;
                }
                out.add(0, id);
                continue;
            }
            permute(s, g.task, g.mutex, g.sem, g.spin, cand);
            if (Arrays.equals(s, 0, used, cand, 0, used)) {
                out.add(g.task);
            }
        }
        return out;
    }

    /**
     * Can {@code s} hold fields the store leaves out, which would make two equal states compare
     * unequal? Only an ended task's record and store-buffer entries past the count can, in the
     * scenarios that qualify; every other field of a live task is stored.
     */
    private boolean mayHoldLeftovers(int[] s, int n) {
        if (m.buffered) {
            return true;
        }
        for (int t = 0; t < n; t++) {
            if (s[m.base(t) + Model.PC] < Model.ALIVE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Rings only: the least image of {@code s} in {@link #compareImages}'s order, each image read
     * through its element's maps without being written out.
     */
    private int[] leastRotation(int[] s, int n, int used) {
        Perm least = rotations[0];
        for (int r = 1; r < rotations.length; r++) {
            if (compareImages(s, rotations[r], least, n) < 0) {
                least = rotations[r];
            }
        }
        if (least.task == null) {
            for (int t = 0; t < n; t++) {
                bestPerm[t] = t;
            }
            return bestPerm;
        }
        permute(s, least.task, least.mutex, least.sem, least.spin, cand);
        System.arraycopy(cand, 0, s, 0, used);
        System.arraycopy(least.task, 0, bestPerm, 0, n);
        return bestPerm;
    }

    /**
     * Orders the images of {@code s} under {@code g} and {@code h}: the task records first, position
     * by position, then the lock words, then the rest of the shared part. Any total order on the
     * images gives one representative per orbit; this one mostly decides at the first position,
     * whose record is a different task's in each rotation.
     */
    private int compareImages(int[] s, Perm g, Perm h, int n) {
        int[] gi = g.taskInv == null ? idTask : g.taskInv;
        int[] hi = h.taskInv == null ? idTask : h.taskInv;
        for (int p = 0; p < n; p++) {
            int bg = m.base(gi[p]);
            int bh = m.base(hi[p]);
            if (bg == bh) {
                continue;
            }
            for (int f = 0; f < m.record; f++) {
                int x = s[bg + f];
                int y = s[bh + f];
                if (x != y && f != Model.CODE) { // the code goes with the position: the same in both images
                    return x < y ? -1 : 1;
                }
            }
        }
        int[] gt = g.task == null ? idTask : g.task;
        int[] ht = h.task == null ? idTask : h.task;
        int[] gm = g.mutexInv == null ? idMutex : g.mutexInv;
        int[] hm = h.mutexInv == null ? idMutex : h.mutexInv;
        for (int k = 0, at = m.mutexBase; k < m.mutexes; k++) {
            int x = holder(s[at + gm[k]], gt);
            int y = holder(s[at + hm[k]], ht);
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        for (int i = m.semBase; i < m.taskBase; i++) { // semaphores, spinlocks and the rest, as imageAt reads them
            int x = imageAt(s, g, i);
            int y = imageAt(s, h, i);
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return 0;
    }

    /** Field {@code i} of the image of {@code s} under {@code g}: what {@link #permute} would write there. */
    private int imageAt(int[] s, Perm g, int i) {
        if (g.task == null) {
            return s[i];
        }
        if (i >= m.taskBase) {
            int p = (i - m.taskBase) / m.record;
            int f = i - m.taskBase - p * m.record;
            return f == Model.CODE ? p : s[m.base(g.taskInv[p]) + f];
        }
        if (i >= m.mutexBase && i < m.mutexBase + m.mutexes) {
            return holder(s[m.mutexBase + g.mutexInv[i - m.mutexBase]], g.task);
        }
        if (i >= m.semBase && i < m.semBase + m.sems) {
            return s[m.semBase + g.semInv[i - m.semBase]];
        }
        if (i >= m.spinBase && i < m.spinBase + m.spins) {
            return holder(s[m.spinBase + g.spinInv[i - m.spinBase]], g.task);
        }
        if (i >= m.rwWriterBase && i < m.rwWriterBase + m.rws || i >= m.seqWriterBase && i < m.seqWriterBase + m.seqs) {
            return holder(s[i], g.task);
        }
        if (i >= m.rwReadersBase && i < m.rwReadersBase + m.rws) {
            int moved = 0;
            for (int t = 0; t < s[0]; t++) {
                if ((s[i] & 1 << t) != 0) {
                    moved |= 1 << g.task[t];
                }
            }
            return moved;
        }
        return s[i];
    }

    /** Sorts each array of identical processes in {@code c} by record into {@link #sorted}; {@link #sortPerm} says where each went. */
    private void sortFull(int[] c) {
        int n = c[0];
        for (int t = 0; t < n; t++) {
            sortPerm[t] = t;
        }
        for (int[] set : fullSets) {
            int k = set.length;
            for (int i = 0; i < k; i++) {
                order[i] = set[i];
            }
            for (int i = 1; i < k; i++) { // insertion sort: stable, and arrays are small
                int x = order[i];
                int j = i - 1;
                while (j >= 0 && compareRecords(c, order[j], x) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = x;
            }
            for (int i = 0; i < k; i++) {
                sortPerm[order[i]] = set[i];
            }
        }
        permute(c, sortPerm, null, null, null, sorted);
    }

    /** Two tasks' records, their code (which goes with the position) aside. */
    private int compareRecords(int[] s, int t, int u) {
        int bt = m.base(t);
        int bu = m.base(u);
        for (int i = 0; i < m.record; i++) {
            if (i == Model.CODE) {
                continue;
            }
            int d = Integer.compare(s[bt + i], s[bu + i]);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    /**
     * {@code out} = the state {@code s} with task {@code t}'s record at {@code task[t]} (running that
     * position's code) and object {@code k} of each kind at its map's {@code k} (null: in place);
     * lock holders and rwlock readers follow their tasks.
     */
    private void permute(int[] s, int[] task, int[] mutex, int[] sem, int[] spin, int[] out) {
        int n = s[0];
        System.arraycopy(s, 0, out, 0, m.taskBase);
        for (int k = 0; k < m.mutexes; k++) {
            out[m.mutexBase + (mutex == null ? k : mutex[k])] = holder(s[m.mutexBase + k], task);
        }
        for (int k = 0; k < m.sems; k++) {
            out[m.semBase + (sem == null ? k : sem[k])] = s[m.semBase + k];
        }
        for (int k = 0; k < m.spins; k++) {
            out[m.spinBase + (spin == null ? k : spin[k])] = holder(s[m.spinBase + k], task);
        }
        for (int k = 0; k < m.rws; k++) {
            out[m.rwWriterBase + k] = holder(s[m.rwWriterBase + k], task);
            int readers = s[m.rwReadersBase + k];
            int moved = 0;
            for (int t = 0; t < n; t++) {
                if ((readers & 1 << t) != 0) {
                    moved |= 1 << task[t];
                }
            }
            out[m.rwReadersBase + k] = moved;
        }
        for (int k = 0; k < m.seqs; k++) {
            out[m.seqWriterBase + k] = holder(s[m.seqWriterBase + k], task);
        }
        for (int t = 0; t < n; t++) {
            int to = m.base(task[t]);
            System.arraycopy(s, m.base(t), out, to, m.record);
            out[to + Model.CODE] = task[s[m.base(t) + Model.CODE]]; // a declared process's code is its number
        }
    }

    private static int holder(int v, int[] task) {
        return v == 0 ? 0 : task[v - 1] + 1;
    }

    /**
     * Is the settled initial state {@code init} its own image under every element? Otherwise the
     * quotient would not be sound (a semaphore array whose elements start at different values).
     */
    boolean fixes(int[] init) {
        int[] start = Arrays.copyOf(init, init.length);
        store.normalize(start);
        int used = m.base(start[0]);
        for (Perm g : rotations) {
            if (g.task != null) {
                permute(start, g.task, g.mutex, g.sem, g.spin, cand);
                if (!Arrays.equals(start, 0, used, cand, 0, used)) {
                    return false;
                }
            }
        }
        if (fullSets.length > 0) {
            sortFull(start);
            return Arrays.equals(start, 0, used, sorted, 0, used);
        }
        return true;
    }
}
