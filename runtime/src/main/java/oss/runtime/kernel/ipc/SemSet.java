package oss.runtime.kernel.ipc;

import oss.runtime.kernel.locking.WaitQueue;

/**
 * A System V semaphore set. A semop applies all of its operations or none:
 * it waits until every negative delta can be subtracted without going below
 * zero and every zero delta finds its semaphore at zero.
 */
public final class SemSet {
    public final String name;
    public final int[] values;
    public final WaitQueue waiters = new WaitQueue();

    public SemSet(String name, int[] initial) {
        this.name = name;
        this.values = initial.clone();
    }

    /** The values after applying {@code delta} at {@code index}, in order; null when the semop must wait. */
    public int[] after(int[] index, int[] delta) {
        int[] v = values.clone();
        for (int i = 0; i < index.length; i++) {
            int at = index[i];
            if (at < 0 || at >= v.length) {
                continue;
            }
            if (delta[i] == 0 ? v[at] != 0 : v[at] + delta[i] < 0) {
                return null;
            }
            v[at] += delta[i];
        }
        return v;
    }
}
