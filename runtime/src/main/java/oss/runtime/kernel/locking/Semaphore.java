package oss.runtime.kernel.locking;

/**
 * A counting semaphore (Dijkstra's P and V). A V with sleepers wakes the
 * longest one and passes the unit to it instead of raising the count, so a
 * task arriving later cannot steal it.
 */
public final class Semaphore {
    public final String name;
    public int value;
    public final WaitQueue waiters = new WaitQueue();

    public Semaphore(String name, int initial) {
        this.name = name;
        this.value = initial;
    }
}
