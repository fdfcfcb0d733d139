package oss.runtime.kernel.mm;

import java.util.HashMap;
import java.util.Map;

/**
 * The kernel's struct page array, kept only for frames in use: how many
 * page-table entries map each frame (the map count that decides whether a
 * copy-on-write fault may reuse the frame) and whether the page cache holds
 * it. A frame is given back to the buddy allocator when nobody holds it.
 */
public final class FrameTable {
    /** One frame's bookkeeping. */
    public static final class Page {
        public int mapCount;
        /** Held by the page cache as (file or library key, page index), or null. */
        public String cacheKey;
        public boolean dirty;
    }

    private final Map<Long, Page> pages = new HashMap<>();

    public Page get(long frame) {
        return pages.computeIfAbsent(frame, f -> new Page());
    }

    public Page peek(long frame) {
        return pages.get(frame);
    }

    /** Drops the bookkeeping; true when nothing holds the frame any more and it may be freed. */
    public boolean releaseIfUnused(long frame) {
        Page p = pages.get(frame);
        if (p == null || (p.mapCount <= 0 && p.cacheKey == null)) {
            pages.remove(frame);
            return true;
        }
        return false;
    }

    public int inUse() {
        return pages.size();
    }
}
