package oss.runtime.kernel.locking;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Tasks sleeping on one object, woken in the order they arrived (FIFO), as
 * the kernel's wait queues do for exclusive waiters. Holds pids.
 */
public final class WaitQueue implements Iterable<Integer> {
    private final ArrayDeque<Integer> waiters = new ArrayDeque<>();

    public void add(int pid) {
        waiters.addLast(pid);
    }

    /** The longest waiter, removed; -1 when nobody waits. */
    public int poll() {
        Integer pid = waiters.pollFirst();
        return pid == null ? -1 : pid;
    }

    public boolean isEmpty() {
        return waiters.isEmpty();
    }

    public int size() {
        return waiters.size();
    }

    public boolean contains(int pid) {
        return waiters.contains(pid);
    }

    public void clear() {
        waiters.clear();
    }

    public boolean remove(int pid) {
        return waiters.remove(pid);
    }

    @Override
    public Iterator<Integer> iterator() {
        return waiters.iterator();
    }
}
