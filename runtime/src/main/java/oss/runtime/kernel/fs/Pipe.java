package oss.runtime.kernel.fs;

import java.util.ArrayDeque;
import oss.runtime.kernel.locking.WaitQueue;

/**
 * A pipe (Linux's pipe_inode_info): a bounded buffer of bytes, the number of open files reading and
 * writing it, and who sleeps on it. What a write of an int puts in is kept as a 4-byte piece with
 * its value, so a reader gets the value back; bytes written with a size are pieces nobody looks
 * into. A FIFO is a pipe with a name whose ends are opened with open(2).
 */
public final class Pipe {
    /** PIPE_BUF: a write of at most this many bytes is atomic (pipe(7)). */
    public static final long PIPE_BUF = 4096;

    /** Its index among the run's pipes and FIFOs (the blocker index of who sleeps on it). */
    public final int id;
    /** "pipe p" or "FIFO "chan"". */
    public final String name;
    public final long capacity;
    public final boolean fifo;
    /** The pieces in order: {bytes, value, 1 when it holds a value}. */
    private final ArrayDeque<long[]> pieces = new ArrayDeque<>();
    private long bytes;
    /** Open files that read, that write (pipe->readers, pipe->writers). */
    int readers;
    int writers;
    /** Opens of each end so far (r_counter, w_counter): fifo_open waits for the other one to move. */
    long readOpens;
    long writeOpens;
    final WaitQueue readWait = new WaitQueue();
    final WaitQueue writeWait = new WaitQueue();
    final WaitQueue openWait = new WaitQueue();

    Pipe(int id, String name, long capacity, boolean fifo) {
        this.id = id;
        this.name = name;
        this.capacity = capacity;
        this.fifo = fifo;
    }

    public long bytes() {
        return bytes;
    }

    public long space() {
        return capacity - bytes;
    }

    public int readers() {
        return readers;
    }

    public int writers() {
        return writers;
    }

    /** Appends {@code n} bytes, or one int {@code value} when {@code isValue} (n is then 4). */
    void put(long n, int value, boolean isValue) {
        if (n <= 0) {
            return;
        }
        long[] last = pieces.peekLast();
        if (!isValue && last != null && last[2] == 0) {
            last[0] += n;
        } else {
            pieces.addLast(new long[] {n, value, isValue ? 1 : 0});
        }
        bytes += n;
    }

    /**
     * Takes up to {@code n} bytes from the front; returns {bytes taken, value, 1 when the bytes were
     * exactly one whole int written as a value}.
     */
    long[] take(long n) {
        long taken = 0;
        long value = 0;
        boolean whole = false;
        while (taken < n && !pieces.isEmpty()) {
            long[] p = pieces.peekFirst();
            long k = Math.min(p[0], n - taken);
            if (taken == 0 && k == p[0] && p[2] == 1) {
                whole = true;
                value = p[1];
            } else {
                whole = false;
            }
            p[0] -= k;
            if (p[0] == 0) {
                pieces.pollFirst();
            } else {
                p[2] = 0; // a value cut in two is only bytes now
            }
            taken += k;
        }
        bytes -= taken;
        return new long[] {taken, value, whole && taken == 4 ? 1 : 0};
    }

    /** Every byte dropped: the last end of a FIFO closed (its buffer is freed, the name stays). */
    void drop() {
        pieces.clear();
        bytes = 0;
    }

    /** "12 KiB of 64 KiB buffered", for hovers and messages. */
    public String fill() {
        return size(bytes) + " of " + size(capacity) + " buffered";
    }

    static String size(long b) {
        if (b >= 1024 && b % 1024 == 0) {
            return b / 1024 + " KiB";
        }
        return b + " B";
    }
}
