package oss.runtime.kernel.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Span;
import oss.runtime.kernel.Task;

/**
 * Data races in the run, found with vector clocks as ThreadSanitizer finds them (with FastTrack's
 * epochs for the last write). Each task has a clock with one entry per task; a release (unlock,
 * post, signal, a barrier arrival, an atomic operation) joins the task's clock into the object's
 * and ticks the task's own entry; an acquire (lock, wait, the wake-up, the next atomic operation
 * on that variable) joins the object's clock into the task's. An access races with an earlier one
 * of another task when the earlier one's epoch is not in the later task's clock: nothing ordered
 * them. Two atomic accesses never race.
 */
final class RaceDetector {
    /** Beyond this many tasks (a fork bomb) the clocks would cost quadratic memory: detection stops. */
    static final int MAX_TASKS = 4096;

    /** What a cell's last write and the reads since were: task, epoch, statement, atomic. */
    private static final class Shadow {
        int writer;
        int writeEpoch;
        Span writeAt;
        boolean writeAtomic;
        int[] readers = new int[2];
        int[] readEpochs = new int[2];
        Span[] readAt = new Span[2];
        boolean[] readAtomic = new boolean[2];
        int reads;
    }

    private final DataHost k;
    private int[][] clocks = new int[16][];
    private final Map<Long, int[]> syncClocks = new HashMap<>();
    private final Map<Integer, int[]> exitClocks = new HashMap<>();
    /** Shared cells' shadows by index (the hot path), group cells' by key. */
    private Shadow[] sharedShadows = new Shadow[16];
    private final Map<Long, Shadow> groupShadows = new HashMap<>();
    private final Set<List<Span>> reported = new HashSet<>();
    private boolean off;

    RaceDetector(DataHost k) {
        this.k = k;
    }

    private int[] clock(int pid) {
        if (pid >= clocks.length) {
            clocks = Arrays.copyOf(clocks, Math.max(pid + 1, clocks.length * 2));
        }
        int[] c = clocks[pid];
        if (c == null) {
            c = new int[pid + 1];
            c[pid] = 1;
            clocks[pid] = c;
        }
        return c;
    }

    private static int at(int[] c, int pid) {
        return pid < c.length ? c[pid] : 0;
    }

    private static int[] join(int[] into, int[] from) {
        int[] out = into.length >= from.length ? into : Arrays.copyOf(into, from.length);
        for (int i = 0; i < from.length; i++) {
            out[i] = Math.max(out[i], from[i]);
        }
        return out;
    }

    private boolean disabled(Task t) {
        if (t.pid >= MAX_TASKS) {
            off = true;
        }
        return off;
    }

    /** {@code t} releases sync object {@code sync}: what it did so far happens before the next acquire. */
    void release(Task t, long sync) {
        if (disabled(t)) {
            return;
        }
        int[] c = clock(t.pid);
        syncClocks.merge(sync, c.clone(), RaceDetector::join);
        c[t.pid]++;
    }

    /** {@code t} acquires sync object {@code sync}: every release before it happens before what {@code t} does next. */
    void acquire(Task t, long sync) {
        if (disabled(t)) {
            return;
        }
        int[] l = syncClocks.get(sync);
        if (l != null) {
            clocks[t.pid] = join(clock(t.pid), l);
        }
    }

    /** fork, vfork, thread, clone: what the parent did before happens before all the child does. */
    void forked(Task parent, Task child) {
        if (disabled(child)) {
            return;
        }
        int[] p = clock(parent.pid);
        int[] c = Arrays.copyOf(p, Math.max(p.length, child.pid + 1));
        c[child.pid] = 1;
        if (child.pid >= clocks.length) {
            clock(child.pid);
        }
        clocks[child.pid] = c;
        p[parent.pid]++;
    }

    void exited(Task t) {
        if (!disabled(t) && t.pid < clocks.length && clocks[t.pid] != null) {
            exitClocks.put(t.pid, clocks[t.pid]);
            clocks[t.pid] = null;
        }
    }

    /** wait, join: everything the child did happens before what the parent does next. */
    void reaped(Task parent, Task child) {
        int[] c = exitClocks.remove(child.pid);
        if (c != null && !disabled(parent)) {
            clocks[parent.pid] = join(clock(parent.pid), c);
        }
    }

    void read(Task t, long key, String variable, Span at, boolean atomic) {
        if (disabled(t)) {
            return;
        }
        int[] c = clock(t.pid);
        Shadow s = shadow(key);
        if (s.writeAt != null && s.writer != t.pid && !(atomic && s.writeAtomic) && s.writeEpoch > at(c, s.writer)) {
            race(variable, s.writer, s.writeAt, true, t, at, false);
        }
        for (int i = 0; i < s.reads; i++) {
            if (s.readers[i] == t.pid) {
                s.readEpochs[i] = c[t.pid];
                s.readAt[i] = at;
                s.readAtomic[i] = atomic;
                return;
            }
        }
        if (s.reads == s.readers.length) {
            int n = s.reads * 2;
            s.readers = Arrays.copyOf(s.readers, n);
            s.readEpochs = Arrays.copyOf(s.readEpochs, n);
            s.readAt = Arrays.copyOf(s.readAt, n);
            s.readAtomic = Arrays.copyOf(s.readAtomic, n);
        }
        s.readers[s.reads] = t.pid;
        s.readEpochs[s.reads] = c[t.pid];
        s.readAt[s.reads] = at;
        s.readAtomic[s.reads] = atomic;
        s.reads++;
    }

    void write(Task t, long key, String variable, Span at, boolean atomic) {
        if (disabled(t)) {
            return;
        }
        int[] c = clock(t.pid);
        Shadow s = shadow(key);
        if (s.writeAt != null && s.writer != t.pid && !(atomic && s.writeAtomic) && s.writeEpoch > at(c, s.writer)) {
            race(variable, s.writer, s.writeAt, true, t, at, true);
        }
        for (int i = 0; i < s.reads; i++) {
            if (s.readers[i] != t.pid && !(atomic && s.readAtomic[i]) && s.readEpochs[i] > at(c, s.readers[i])) {
                race(variable, s.readers[i], s.readAt[i], false, t, at, true);
            }
        }
        s.writer = t.pid;
        s.writeEpoch = c[t.pid];
        s.writeAt = at;
        s.writeAtomic = atomic;
        s.reads = 0;
    }

    private Shadow shadow(long key) {
        if (key >>> 32 != 0) {
            return groupShadows.computeIfAbsent(key, x -> new Shadow());
        }
        int i = (int) key;
        if (i >= sharedShadows.length) {
            sharedShadows = Arrays.copyOf(sharedShadows, Math.max(i + 1, sharedShadows.length * 2));
        }
        Shadow s = sharedShadows[i];
        if (s == null) {
            s = new Shadow();
            sharedShadows[i] = s;
        }
        return s;
    }

    private void race(String variable, int earlierPid, Span earlierAt, boolean earlierWrote, Task later, Span laterAt,
            boolean laterWrites) {
        List<Span> pair = earlierAt.line() < laterAt.line()
                || earlierAt.line() == laterAt.line() && earlierAt.column() <= laterAt.column()
                ? List.of(earlierAt, laterAt) : List.of(laterAt, earlierAt);
        if (!reported.add(pair)) {
            return;
        }
        Task earlier = k.task(earlierPid);
        String message = "data race on " + variable + ": " + later + (laterWrites ? " writes" : " reads") + " it here,"
                + " and " + earlier + (earlierWrote ? " wrote" : " read") + " it at " + earlierAt + " with nothing"
                + " ordering the two (no lock, semaphore, fork or wait, barrier, signal or atomic operation between"
                + " them); the value " + (laterWrites ? "stored" : "read") + " depends on the interleaving";
        k.findings().add(new Diagnostic(Code.DATA_RACE, Code.DATA_RACE.severity(), message, laterAt,
                List.of(new Related(earlierAt, earlier + (earlierWrote ? " writes " : " reads ") + variable + " here")),
                ""));
    }
}
