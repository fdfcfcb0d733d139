package oss.runtime.hw;

import java.util.Arrays;

/**
 * The simulation's clock: a binary min-heap of events ordered by
 * (time, priority, sequence number). The heap keeps its events in parallel
 * primitive arrays rather than as objects: a run schedules millions of
 * events, and comparing fields in arrays avoids an allocation and a pointer
 * chase per event. Priority and sequence number share one long, priority in
 * the top bits, so the order is two long comparisons.
 */
public final class EventQueue {
    private static final int SEQ_BITS = 56;
    private static final Event.Kind[] KINDS = Event.Kind.values();

    private long[] time = new long[256];
    private long[] order = new long[256];
    private int[] target = new int[256];
    private long[] generation = new long[256];
    private byte[] kind = new byte[256];
    private int size;
    private long nextSeq;

    public void schedule(long at, Event.Kind k, int tgt, long gen) {
        if (size == time.length) {
            grow();
        }
        long ord = ((long) k.priority.ordinal() << SEQ_BITS) | nextSeq++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(at, ord, time[parent], order[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        time[i] = at;
        order[i] = ord;
        target[i] = tgt;
        generation[i] = gen;
        kind[i] = (byte) k.ordinal();
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Time of the earliest event; only when not empty. */
    public long peekTime() {
        return time[0];
    }

    /** Removes the earliest event and copies it into {@code out}; only when not empty. */
    public void poll(Event out) {
        out.time = time[0];
        out.kind = KINDS[kind[0]];
        out.seq = order[0] & ((1L << SEQ_BITS) - 1);
        out.target = target[0];
        out.generation = generation[0];
        int last = --size;
        if (last == 0) {
            return;
        }
        long lt = time[last];
        long lo = order[last];
        int ltarget = target[last];
        long lgen = generation[last];
        byte lkind = kind[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(time[child + 1], order[child + 1], time[child], order[child])) {
                child++;
            }
            if (!less(time[child], order[child], lt, lo)) {
                break;
            }
            move(child, i);
            i = child;
        }
        time[i] = lt;
        order[i] = lo;
        target[i] = ltarget;
        generation[i] = lgen;
        kind[i] = lkind;
    }

    private static boolean less(long t1, long o1, long t2, long o2) {
        return t1 < t2 || (t1 == t2 && o1 < o2);
    }

    private void move(int from, int to) {
        time[to] = time[from];
        order[to] = order[from];
        target[to] = target[from];
        generation[to] = generation[from];
        kind[to] = kind[from];
    }

    private void grow() {
        int n = time.length * 2;
        time = Arrays.copyOf(time, n);
        order = Arrays.copyOf(order, n);
        target = Arrays.copyOf(target, n);
        generation = Arrays.copyOf(generation, n);
        kind = Arrays.copyOf(kind, n);
    }
}
