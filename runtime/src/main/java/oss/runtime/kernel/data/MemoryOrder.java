package oss.runtime.kernel.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oss.ir.program.SharedData.MemoryModel;
import oss.ir.program.Span;
import oss.runtime.hw.StoreBuffer;
import oss.runtime.kernel.Task;
import oss.runtime.observe.ValueEvent;

/**
 * Memory as each task sees it under the scenario's memory model (docs/language.md, "Memory
 * models"): the committed value of every cell, each task's store buffer, and what the relaxed
 * model needs to let a load read a value one store old (the previous committed value of each
 * cell, and per task which version of a cell it has seen and when it last passed a read barrier).
 *
 * <p>In a run, buffered stores drain in order at the points {@link DataCalls} calls
 * {@link #drain}; while a schedule is replayed they reach memory only at its flush steps and at
 * full barriers (which the explorer reaches with an empty buffer), so the values are the
 * explorer's.
 */
final class MemoryOrder {

    /** A cell's history: what the relaxed model's stale read may still return, and when it changed. */
    private static final class CellMeta {
        int previous;
        /** Commits to it so far: 0 while it holds its initial value. */
        int version;
        /** {@link #commits} when it last changed. */
        long seq;
    }

    /** One task's view: its buffer and, for the relaxed model, its coherence. */
    private static final class View {
        final StoreBuffer buffer = new StoreBuffer();
        /** Per cell, the newest version this task has read or committed itself. */
        final Map<Long, Integer> seen = new HashMap<>();
        /** {@link #commits} when it last passed rmb(), mb() or another full barrier. */
        long readBarrierSeq;
    }

    /** Told of every commit (awaiters re-check, busy-waiters wake). */
    interface CommitListener {
        void committed(long key);
    }

    private final DataHost k;
    private final MemoryModel model;
    private final int bufferSize;
    private final int[] shared;
    /** Shared cells' histories by index (the hot path), group cells' by key. */
    private final CellMeta[] sharedMeta;
    private final Map<Long, CellMeta> groupMeta = new HashMap<>();
    private final List<View> views = new ArrayList<>();
    private final ValueLog log;
    private CommitListener listener = key -> { };
    /** Commits to any cell so far: a clock for "changed since". */
    long commits;

    MemoryOrder(DataHost k, MemoryModel model, int bufferSize, int[] initial, ValueLog log) {
        this.k = k;
        this.model = model;
        this.bufferSize = Math.max(1, bufferSize);
        this.shared = initial.clone();
        this.sharedMeta = new CellMeta[initial.length];
        this.log = log;
    }

    void listen(CommitListener l) {
        this.listener = l;
    }

    MemoryModel model() {
        return model;
    }

    int[] sharedCells() {
        return shared.clone();
    }

    /** A shared cell's key is its index; a group cell's is its home task's pid and its slot. */
    static long key(boolean shared, int home, int at) {
        return shared ? at : ((long) home << 32) | at;
    }

    /** The value in memory, ignoring every store buffer. */
    int committed(long key) {
        int home = (int) (key >>> 32);
        return home == 0 ? shared[(int) key] : (int) k.task(home).slots[(int) key];
    }

    /** When {@code key} last changed in memory ({@link #commits} then), 0 if never. */
    long changedAt(long key) {
        CellMeta m = meta(key);
        return m == null ? 0 : m.seq;
    }

    /** What {@code t} would read from {@code key} now, its own newest buffered store first; changes nothing. */
    int peek(Task t, long key) {
        if (!bufferEmpty(t)) {
            StoreBuffer.Entry own = view(t).buffer.newest(key);
            if (own != null) {
                return own.value();
            }
        }
        return committed(key);
    }

    /**
     * What {@code t}'s load of {@code key} reads: its own newest buffered store, else memory, or
     * with {@code stale} the value one store old (only when {@link #mayReadStale} allows it).
     */
    int load(Task t, long key, boolean stale) {
        View v = view(t);
        StoreBuffer.Entry own = v.buffer.newest(key);
        if (own != null) {
            return own.value();
        }
        CellMeta m = meta(key);
        if (stale) {
            return m.previous;
        }
        if (m != null && model == MemoryModel.RELAXED) {
            v.seen.put(key, m.version);
        }
        return committed(key);
    }

    /**
     * Whether the relaxed model lets {@code t} read {@code key}'s value from one store before the
     * newest: not its own buffered store, an older value exists, {@code t} has not seen the newest
     * yet (coherence), and no read barrier of {@code t} came after the newest reached memory.
     */
    String whyNotStale(Task t, long key) {
        if (model != MemoryModel.RELAXED) {
            return "only the relaxed memory model lets a load read an older value";
        }
        View v = view(t);
        CellMeta m = meta(key);
        if (v.buffer.newest(key) != null) {
            return t + " has its own store to it in its buffer, and reads that";
        }
        if (key >>> 32 != 0) {
            return "only top-level variables have an older value to read (a process variable its threads share is"
                    + " read at its newest)";
        }
        if (m == null || m.version == 0) {
            return "it has held only its initial value";
        }
        if (v.seen.getOrDefault(key, 0) >= m.version) {
            return t + " has already seen the newest value (coherence)";
        }
        if (v.readBarrierSeq >= m.seq) {
            return t + " passed a read barrier after the newest value reached memory";
        }
        return null;
    }

    /** A plain store: into memory at once under sc, into the task's buffer otherwise. */
    void store(Task t, long key, String variable, int value, Span at) {
        if (model == MemoryModel.SC) {
            commit(t, key, variable, value, at);
            return;
        }
        View v = view(t);
        if (v.buffer.size() >= bufferSize) {
            // the CPU stalls until its oldest store drains: that store reaches memory now
            StoreBuffer.Entry e = v.buffer.removeOldest();
            commit(t, e.key(), e.variable(), e.value(), e.span());
        }
        v.buffer.add(key, variable, value, at);
    }

    /** {@code t} writes memory directly: a commit of its buffer, an atomic write, a store under sc. */
    void commit(Task t, long key, String variable, int value, Span at) {
        CellMeta m = meta(key);
        if (m == null) {
            m = new CellMeta();
            if (key >>> 32 == 0) {
                sharedMeta[(int) key] = m;
            } else {
                groupMeta.put(key, m);
            }
        }
        m.previous = committed(key);
        m.version++;
        m.seq = ++commits;
        int home = (int) (key >>> 32);
        if (home == 0) {
            shared[(int) key] = value;
        } else {
            k.task(home).slots[(int) key] = value;
        }
        view(t).seen.put(key, m.version); // a task sees its own stores
        if (model != MemoryModel.SC) {
            log.add(at, t.pid, k.now(), ValueEvent.Access.COMMIT, variable, value);
        }
        listener.committed(key);
    }

    /** A new task (fork, thread, clone): the fork was a full barrier, so it has seen every value in memory. */
    void forked(Task child) {
        view(child).readBarrierSeq = commits;
    }

    private CellMeta meta(long key) {
        return key >>> 32 == 0 ? sharedMeta[(int) key] : groupMeta.get(key);
    }

    boolean bufferEmpty(Task t) {
        return t.pid >= views.size() || views.get(t.pid) == null || view(t).buffer.isEmpty();
    }

    /** Every buffered store of {@code t} reaches memory, oldest first. */
    void drain(Task t) {
        if (bufferEmpty(t)) {
            return;
        }
        StoreBuffer b = view(t).buffer;
        while (!b.isEmpty()) {
            StoreBuffer.Entry e = b.removeOldest();
            commit(t, e.key(), e.variable(), e.value(), e.span());
        }
    }

    /** mb(), an atomic operation, a system call: the buffer drains and later loads read the newest values. */
    void fullBarrier(Task t) {
        drain(t);
        readBarrier(t);
    }

    void readBarrier(Task t) {
        if (model == MemoryModel.RELAXED) {
            view(t).readBarrierSeq = commits;
        }
    }

    void writeBarrier(Task t) {
        if (model == MemoryModel.RELAXED) {
            view(t).buffer.addWriteBarrier();
        }
    }

    /**
     * A schedule's flush step: {@code t}'s buffered store made at {@code line:column} reaches
     * memory (under tso it must be the oldest; under relaxed, the oldest from that statement that
     * may overtake the stores before it). Null when done, else why it cannot be.
     */
    String flush(Task t, int line, int column) {
        if (bufferEmpty(t)) {
            return t + " has no buffered store";
        }
        StoreBuffer b = view(t).buffer;
        StoreBuffer.Entry e = model == MemoryModel.TSO ? b.oldest() : b.committable(line, column);
        if (e == null || e.span().line() != line || e.span().column() != column) {
            return t + "'s store buffer holds " + b.stores().stream().map(s -> s.variable() + " = " + s.value()
                    + " (" + s.span() + ")").toList() + ", and none from " + line + ":" + column + " may reach memory"
                    + " next" + (model == MemoryModel.TSO ? " (tso commits the oldest first)" : "");
        }
        if (model == MemoryModel.TSO) {
            b.removeOldest();
        } else {
            b.remove(e);
        }
        commit(t, e.key(), e.variable(), e.value(), e.span());
        return null;
    }

    private View view(Task t) {
        while (views.size() <= t.pid) {
            views.add(null);
        }
        View v = views.get(t.pid);
        if (v == null) {
            v = new View();
            views.set(t.pid, v);
        }
        return v;
    }
}
