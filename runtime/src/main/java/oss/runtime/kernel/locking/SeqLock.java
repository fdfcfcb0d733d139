package oss.runtime.kernel.locking;

import oss.ir.program.Span;

/**
 * A seqlock: writers exclude each other (sleeping, FIFO handoff) and make
 * the sequence odd while they write; readers never block writers, they
 * busy-wait while the sequence is odd and retry when it changed.
 */
public final class SeqLock {
    public final String name;
    public long sequence;
    /** pid of the writer inside, 0 when none. */
    public int writer;
    public Span writeLockedAt = Span.NONE;
    /** Writers asleep waiting for the writer inside. */
    public final WaitQueue writers = new WaitQueue();
    /** Readers busy-waiting in read_seqbegin for the sequence to become even. */
    public final WaitQueue spinners = new WaitQueue();

    public SeqLock(String name) {
        this.name = name;
    }

    public boolean writing() {
        return (sequence & 1) == 1;
    }
}
