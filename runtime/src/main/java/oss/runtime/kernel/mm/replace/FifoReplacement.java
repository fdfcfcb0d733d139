package oss.runtime.kernel.mm.replace;

import java.util.LinkedHashSet;

/**
 * FIFO: evict the page that has been resident longest, whatever its use.
 * Cheap and history-free, and the classic example of Belady's anomaly
 * (more frames can mean more faults), because it is not a stack algorithm.
 */
public final class FifoReplacement implements ReplacementPolicy {
    /** Resident pages in load order; a LinkedHashSet so unmapping any page is O(1). */
    private final LinkedHashSet<Long> queue = new LinkedHashSet<>();

    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public void loaded(long page) {
        if (!queue.add(page)) {
            throw new IllegalStateException("page " + page + " already resident");
        }
    }

    @Override
    public void referenced(long page) {
        // Use does not matter to FIFO: that is its whole weakness.
    }

    @Override
    public long victim(FutureReferences future) {
        if (queue.isEmpty()) {
            throw new IllegalStateException("no resident page to evict");
        }
        return queue.iterator().next();
    }

    @Override
    public void removed(long page) {
        queue.remove(page);
    }

    @Override
    public int resident() {
        return queue.size();
    }
}
