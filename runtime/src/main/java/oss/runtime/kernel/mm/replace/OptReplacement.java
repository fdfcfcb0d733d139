package oss.runtime.kernel.mm.replace;

import java.util.LinkedHashSet;

/**
 * Belady's OPT (MIN): evict the page whose next use is farthest in the
 * future. Unrealisable online, but the lower bound every other policy is
 * measured against; the simulator can run it because it knows the whole
 * reference string. Ties (typically several pages never used again) go to
 * the page loaded earliest, so results do not depend on hashing.
 */
public final class OptReplacement implements ReplacementPolicy {
    /** Resident pages in load order, the tie-break order. */
    private final LinkedHashSet<Long> loadOrder = new LinkedHashSet<>();

    @Override
    public String name() {
        return "opt";
    }

    @Override
    public void loaded(long page) {
        if (!loadOrder.add(page)) {
            throw new IllegalStateException("page " + page + " already resident");
        }
    }

    @Override
    public void referenced(long page) {
        // OPT looks forward, never back.
    }

    @Override
    public long victim(FutureReferences future) {
        if (loadOrder.isEmpty()) {
            throw new IllegalStateException("no resident page to evict");
        }
        long victim = -1;
        long farthest = -1;
        for (long page : loadOrder) {
            long next = future.nextUse(page);
            if (next > farthest) { // strictly: an equal distance keeps the earlier-loaded page
                farthest = next;
                victim = page;
            }
        }
        return victim;
    }

    @Override
    public void removed(long page) {
        loadOrder.remove(page);
    }

    @Override
    public int resident() {
        return loadOrder.size();
    }
}
