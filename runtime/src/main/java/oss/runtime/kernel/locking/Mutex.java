package oss.runtime.kernel.locking;

import oss.ir.program.Span;

/**
 * A sleeping lock with an owner. Unlock hands the lock straight to the
 * longest waiter (FIFO handoff), so a waiter cannot be overtaken and the
 * schedule does not depend on who runs first after the unlock.
 */
public final class Mutex {
    public final String name;
    /** pid of the holder, 0 when free. */
    public int owner;
    /** Where the holder took it, for "exited holding" and deadlock reports. */
    public Span lockedAt = Span.NONE;
    /** When the holder got it. */
    public long lockedSince;
    public final WaitQueue waiters = new WaitQueue();

    public Mutex(String name) {
        this.name = name;
    }

    public boolean isFree() {
        return owner == 0;
    }
}
