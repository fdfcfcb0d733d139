package oss.runtime.kernel.locking;

/** A reusable barrier: the N-th arrival releases the N-1 sleepers and starts a new generation. */
public final class Barrier {
    public final String name;
    public final int parties;
    public final WaitQueue arrived = new WaitQueue();
    /** Arrivals released while a handler ran in them (they were not asleep): they step past it on return. */
    public final WaitQueue released = new WaitQueue();
    /** How many times it has released its parties. */
    public long generation;

    public Barrier(String name, int parties) {
        this.name = name;
        this.parties = parties;
    }
}
