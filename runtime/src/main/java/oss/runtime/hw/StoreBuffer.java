package oss.runtime.hw;

import java.util.ArrayList;
import java.util.List;
import oss.ir.program.Span;

/**
 * A store buffer: stores a CPU made that memory has not seen yet, oldest first, as x86's (and, not
 * FIFO, a weaker machine's) write buffer between the core and its cache. oss gives each task its
 * own, as if each ran on its own CPU, so that a schedule the explorer found replays exactly. A
 * {@code wmb()} leaves a marker between the stores before it and those after it; under the
 * relaxed model no store may overtake a marker.
 */
public final class StoreBuffer {

    /** One buffered store (or, with {@code fence} set, a {@code wmb()} marker). */
    public record Entry(long key, String variable, int value, Span span, boolean fence) {}

    private final ArrayList<Entry> entries = new ArrayList<>();
    private int stores;

    /** Stores waiting for memory, markers not counted. */
    public int size() {
        return stores;
    }

    public boolean isEmpty() {
        return stores == 0;
    }

    public void add(long key, String variable, int value, Span span) {
        entries.add(new Entry(key, variable, value, span, false));
        stores++;
    }

    /** {@code wmb()}: later stores may not reach memory before earlier ones. Nothing to order when empty. */
    public void addWriteBarrier() {
        if (stores > 0 && !entries.get(entries.size() - 1).fence()) {
            entries.add(new Entry(-1, "", 0, Span.NONE, true));
        }
    }

    /** The newest buffered store to {@code key}, which the task's own loads read; null when none. */
    public Entry newest(long key) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (!e.fence() && e.key() == key) {
                return e;
            }
        }
        return null;
    }

    /** The oldest store, which a FIFO (x86-TSO) buffer commits next; null when empty. */
    public Entry oldest() {
        dropLeadingFences();
        return entries.isEmpty() ? null : entries.get(0);
    }

    /** Takes the oldest store out (it is being committed). */
    public Entry removeOldest() {
        dropLeadingFences();
        Entry e = entries.remove(0);
        stores--;
        dropLeadingFences();
        return e;
    }

    /**
     * The oldest store made at {@code line:column} that the relaxed model may commit now: no older
     * store to the same variable and no {@code wmb()} marker before it; null when there is none.
     * (A store statement in a loop may have several entries; the explorer offers the oldest that may go.)
     */
    public Entry committable(int line, int column) {
        dropLeadingFences();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.fence()) {
                return null; // everything after a marker waits for the stores before it
            }
            if (e.span().line() == line && e.span().column() == column && !olderToSameVariable(i)) {
                return e;
            }
        }
        return null;
    }

    private boolean olderToSameVariable(int i) {
        for (int j = 0; j < i; j++) {
            if (entries.get(j).key() == entries.get(i).key()) {
                return true;
            }
        }
        return false;
    }

    /** Takes {@code e} (from {@link #committable}) out. */
    public void remove(Entry e) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == e) {
                entries.remove(i);
                stores--;
                dropLeadingFences();
                return;
            }
        }
        throw new IllegalArgumentException("not in the buffer: " + e);
    }

    /** The stores in order, oldest first, for messages. */
    public List<Entry> stores() {
        return entries.stream().filter(e -> !e.fence()).toList();
    }

    private void dropLeadingFences() {
        while (!entries.isEmpty() && entries.get(0).fence()) {
            entries.remove(0); // a marker with no store before it orders nothing
        }
    }
}
