package oss.runtime.hw;

import java.util.Arrays;

/**
 * The simulation's clock: a binary min-heap of events ordered by
 * (time, priority, sequence number). Hand-written rather than
 * java.util.PriorityQueue so ordering needs no comparator call and the
 * sequence number is assigned here, in one place.
 */
public final class EventQueue {
    private Event[] heap = new Event[64];
    private int size;
    private long nextSeq;

    public Event schedule(long time, Event.Kind kind, int target, long generation) {
        Event e = new Event(time, kind, nextSeq++, target, generation);
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!e.before(heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = e;
        return e;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Time of the earliest event; only when not empty. */
    public long peekTime() {
        return heap[0].time;
    }

    public Event poll() {
        Event top = heap[0];
        Event last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1].before(heap[child])) {
                    child++;
                }
                if (!heap[child].before(last)) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = last;
        }
        return top;
    }
}
