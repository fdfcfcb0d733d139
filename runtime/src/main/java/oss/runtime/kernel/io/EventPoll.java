package oss.runtime.kernel.io;

import java.util.ArrayDeque;
import java.util.TreeMap;
import oss.runtime.kernel.locking.WaitQueue;

/**
 * An epoll instance (fs/eventpoll.c's struct eventpoll): the interest list, one {@link Item} per
 * descriptor added, and the ready list (rdllist) that arrivals fill and epoll_wait empties. A
 * level-triggered item goes back on the ready list each time epoll_wait reports it, so it is
 * reported while it has data; an edge-triggered one only when new data arrives (epoll(7)).
 */
public final class EventPoll extends IoFile {
    /** Its index among the run's epoll instances, the blocker index of a task asleep in epoll_wait. */
    final int id;
    /** The interest list by descriptor number, so listings are in descriptor order. */
    final TreeMap<Long, Item> interest = new TreeMap<>();
    /** The ready list, in the order the items became ready. */
    final ArrayDeque<Item> ready = new ArrayDeque<>();
    /** Tasks asleep in epoll_wait on it. */
    final WaitQueue waiters = new WaitQueue();

    EventPoll(int id) {
        this.id = id;
    }

    /** One descriptor on the interest list (struct epitem); {@code device} null for a file always ready. */
    static final class Item {
        final EventPoll owner;
        final long fd;
        final CharDevice device;
        final boolean edge;
        boolean onReady;

        Item(EventPoll owner, long fd, CharDevice device, boolean edge) {
            this.owner = owner;
            this.fd = fd;
            this.device = device;
            this.edge = edge;
        }

        boolean ready() {
            return device == null || device.ready();
        }
    }

    /** Puts {@code item} on the ready list unless it is there (ep_poll_callback). */
    void makeReady(Item item) {
        if (!item.onReady) {
            item.onReady = true;
            ready.addLast(item);
        }
    }

    @Override
    public String path() {
        return "anon_inode:[eventpoll]";
    }

    @Override
    public String describe(boolean nonblock) {
        return "epoll instance " + id + " (" + interest.size() + " watched, " + ready.size() + " on the ready list)";
    }
}
