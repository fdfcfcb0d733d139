package oss.runtime.kernel.mm;

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

    /**
     * frame number → its Page, or null: a directory of chunks of
     * {@link #CHUNK} frames, grown and filled on demand, so a lookup on the
     * MMU's hot path is two array reads.
     */
    private Page[][] pages = new Page[0][];
    private int inUse;
    private static final int CHUNK_SHIFT = 10;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    public Page get(long frame) {
        Page[] chunk = chunk(frame, true);
        int i = (int) (frame & (CHUNK - 1));
        Page p = chunk[i];
        if (p == null) {
            p = chunk[i] = new Page();
            inUse++;
        }
        return p;
    }

    public Page peek(long frame) {
        Page[] chunk = chunk(frame, false);
        return chunk == null ? null : chunk[(int) (frame & (CHUNK - 1))];
    }

    /** Drops the bookkeeping; true when nothing holds the frame any more and it may be freed. */
    public boolean releaseIfUnused(long frame) {
        Page p = peek(frame);
        if (p == null) {
            return true;
        }
        if (p.mapCount <= 0 && p.cacheKey == null) {
            chunk(frame, false)[(int) (frame & (CHUNK - 1))] = null;
            inUse--;
            return true;
        }
        return false;
    }

    public int inUse() {
        return inUse;
    }

    private Page[] chunk(long frame, boolean create) {
        if (frame < 0) {
            throw new IllegalArgumentException("negative frame " + frame);
        }
        int c = Math.toIntExact(frame >>> CHUNK_SHIFT);
        if (c >= pages.length) {
            if (!create) {
                return null;
            }
            pages = java.util.Arrays.copyOf(pages, Math.max(c + 1, pages.length * 2));
        }
        Page[] chunk = pages[c];
        if (chunk == null && create) {
            chunk = pages[c] = new Page[CHUNK];
        }
        return chunk;
    }
}
