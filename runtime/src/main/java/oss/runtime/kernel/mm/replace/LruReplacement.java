package oss.runtime.kernel.mm.replace;

import java.util.LinkedHashSet;

/**
 * Exact LRU: evict the page whose last reference is oldest. Real kernels only
 * approximate it (reference bits, active/inactive lists) because moving a
 * page on every access is too costly in hardware terms; a simulator can
 * afford the exact version, which is a stack algorithm and so immune to
 * Belady's anomaly.
 */
public final class LruReplacement implements ReplacementPolicy {
    /** Resident pages from least to most recently referenced. */
    private final LinkedHashSet<Long> recency = new LinkedHashSet<>();

    @Override
    public String name() {
        return "lru";
    }

    @Override
    public void loaded(long page) {
        if (!recency.add(page)) {
            throw new IllegalStateException("page " + page + " already resident");
        }
    }

    @Override
    public void referenced(long page) {
        if (recency.remove(page)) {
            recency.add(page);
        }
    }

    @Override
    public long victim(FutureReferences future) {
        if (recency.isEmpty()) {
            throw new IllegalStateException("no resident page to evict");
        }
        return recency.iterator().next();
    }

    @Override
    public void removed(long page) {
        recency.remove(page);
    }

    @Override
    public int resident() {
        return recency.size();
    }
}
