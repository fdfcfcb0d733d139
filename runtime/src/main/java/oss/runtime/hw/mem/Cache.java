package oss.runtime.hw.mem;

import oss.ir.program.CacheSpec;

/**
 * One set-associative cache: a line of {@code lineBytes} can live only in set
 * {@code (paddr / lineBytes) mod sets}, LRU within the set. Write-back with
 * write-allocate: a write marks the line dirty and memory is only updated
 * when a dirty line is evicted (a writeback).
 *
 * <p>Recency is an order, not the clock, so runs are reproducible: a set is
 * {@code ways} adjacent longs kept in recency order, the most recently used
 * first, each the line number plus one (0 for an empty way) and a dirty bit.
 * A hit moves its line to the front, a miss shifts the set down by one and
 * puts the new line first, dropping the last way: the least recently used
 * line, or an empty way while the set is not full. Lines are never
 * invalidated, so the empty ways are always the last ones and this is
 * exactly LRU with "first empty way, else the least recently used" filling.
 * A lookup reads the set from its most recent line on, so the lines a page
 * walk reads again and again are found at once. Caches of more than
 * {@link #MAX_RANKED_WAYS} ways keep per-way timestamps instead (a shift
 * would cost as much as their scan).
 */
public final class Cache {
    /** The widest set kept in recency order. */
    static final int MAX_RANKED_WAYS = 255;
    private static final long DIRTY = 1L << 54;
    private static final long TAG_MASK = DIRTY - 1;

    private final CacheSpec spec;
    private final int sets;
    private final int ways;
    /** Ordered mode: set s's ways are words[s*ways .. s*ways+ways-1], the most recent first. */
    private final long[] words;
    /** Timestamp mode (more ways than ranks can tell apart). */
    private final boolean[] valid;
    private final boolean[] dirty;
    private final long[] line;
    private final long[] lastUse;
    private long clock;
    private long hits;
    private long misses;
    private long writebacks;
    private long lastWriteback = -1;
    /** The line the last access or absorbed writeback touched (it is first in its set) and that slot. */
    private long lastLine = -1;
    private int lastSlot;
    /** log2 of the line size when it is a power of two, else -1 (then lines are found by division). */
    private final int lineShift;
    /** sets - 1 when the set count is a power of two, else -1. */
    private final long setMask;
    private final int lineBytes;

    public Cache(CacheSpec spec) {
        long lineSpan = (long) spec.lineBytes() * spec.ways();
        if (spec.lineBytes() <= 0 || spec.ways() <= 0 || spec.sizeBytes() <= 0 || spec.sizeBytes() % lineSpan != 0) {
            throw new IllegalArgumentException("cache " + spec.name() + ": " + spec.sizeBytes() + " bytes is not a whole number of "
                    + spec.ways() + "-way sets of " + spec.lineBytes() + "-byte lines");
        }
        this.spec = spec;
        this.ways = spec.ways();
        this.sets = Math.toIntExact(spec.sizeBytes() / lineSpan);
        int n = sets * ways;
        if (ways <= MAX_RANKED_WAYS) {
            words = new long[n];
            valid = null;
            dirty = null;
            line = null;
            lastUse = null;
        } else {
            words = null;
            valid = new boolean[n];
            dirty = new boolean[n];
            line = new long[n];
            lastUse = new long[n];
        }
        lineBytes = spec.lineBytes();
        lineShift = Integer.bitCount(lineBytes) == 1 ? Integer.numberOfTrailingZeros(lineBytes) : -1;
        setMask = Integer.bitCount(sets) == 1 ? sets - 1 : -1;
    }

    private long lineOf(long paddr) {
        return lineShift >= 0 && paddr >= 0 ? paddr >>> lineShift : paddr / lineBytes;
    }

    private int setOf(long l) {
        return setMask >= 0 ? (int) (l & setMask) : (int) Long.remainderUnsigned(l, sets);
    }

    /** Reads or writes one address; true on a hit. A miss brings the line in, evicting the set's LRU line. */
    public boolean access(long paddr, boolean write) {
        lastWriteback = -1;
        long l = lineOf(paddr);
        if (words == null) {
            return stampedAccess(l, write);
        }
        if (l == lastLine) {
            // the most recent line of its set again: already first
            hits++;
            if (write) {
                words[lastSlot] |= DIRTY;
            }
            return true;
        }
        checkLine(l);
        int base = setOf(l) * ways;
        long[] w = words;
        long want = l + 1;
        lastLine = l;
        lastSlot = base;
        long first = w[base];
        if ((first & TAG_MASK) == want) {
            hits++;
            if (write) {
                w[base] = first | DIRTY;
            }
            return true;
        }
        int end = base + ways;
        for (int i = base + 1; i < end; i++) {
            long wi = w[i];
            if ((wi & TAG_MASK) == want) {
                hits++;
                shiftDown(w, base, i);
                w[base] = write ? wi | DIRTY : wi;
                return true;
            }
        }
        misses++;
        evictLast(w, end);
        shiftDown(w, base, end - 1);
        w[base] = write ? want | DIRTY : want;
        return false;
    }

    /**
     * Takes a dirty line written back by the level above: marks it dirty if
     * present, else allocates it dirty. Not a demand access, so it counts as
     * neither hit nor miss, but it may evict (and write back) a line here.
     */
    public void absorbWriteback(long paddr) {
        lastWriteback = -1;
        long l = lineOf(paddr);
        if (words == null) {
            stampedAbsorb(l);
            return;
        }
        checkLine(l);
        int base = setOf(l) * ways;
        long[] w = words;
        long want = l + 1;
        int end = base + ways;
        int at = end - 1;
        for (int i = base; i < end; i++) {
            if ((w[i] & TAG_MASK) == want) {
                at = i;
                break;
            }
        }
        if ((w[at] & TAG_MASK) != want) {
            evictLast(w, end);
        }
        shiftDown(w, base, at);
        w[base] = want | DIRTY;
        lastLine = l;
        lastSlot = base;
    }

    /** The address of the dirty line the last access or absorbed writeback pushed out, or -1 if none. */
    public long lastWriteback() {
        return lastWriteback;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    public long writebacks() {
        return writebacks;
    }

    public String name() {
        return spec.name();
    }

    public CacheSpec spec() {
        return spec;
    }

    public int sets() {
        return sets;
    }

    // ---- sets in recency order ------------------------------------------------------------------------

    private static void checkLine(long l) {
        if (l < 0 || l >= TAG_MASK) {
            throw new IllegalArgumentException(String.format("line %#x outside what a cache can tag", l));
        }
    }

    /** Moves the ways {@code base .. to-1} one down (to {@code base+1 .. to}), freeing the first. */
    private static void shiftDown(long[] w, int base, int to) {
        System.arraycopy(w, base, w, base + 1, to - base);
    }

    /** The last way of a set leaves it: written back if it holds a dirty line. */
    private void evictLast(long[] w, int end) {
        long old = w[end - 1];
        if ((old & DIRTY) != 0) {
            writebacks++;
            lastWriteback = ((old & TAG_MASK) - 1) * lineBytes;
        }
    }

    // ---- timestamped sets (very wide caches) ----------------------------------------------------------

    private boolean stampedAccess(long l, boolean write) {
        int slot = stampedFind(l);
        boolean hit = slot >= 0;
        if (hit) {
            hits++;
        } else {
            misses++;
            slot = stampedFill(l);
        }
        lastUse[slot] = ++clock;
        dirty[slot] |= write;
        return hit;
    }

    private void stampedAbsorb(long l) {
        int slot = stampedFind(l);
        if (slot < 0) {
            slot = stampedFill(l);
        }
        lastUse[slot] = ++clock;
        dirty[slot] = true;
    }

    private int stampedFill(long l) {
        int slot = stampedVictim(setOf(l));
        if (valid[slot] && dirty[slot]) {
            writebacks++;
            lastWriteback = line[slot] * lineBytes;
        }
        valid[slot] = true;
        dirty[slot] = false;
        line[slot] = l;
        return slot;
    }

    private int stampedFind(long l) {
        int base = setOf(l) * ways;
        for (int i = base; i < base + ways; i++) {
            if (line[i] == l && valid[i]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The way to fill: the first invalid way, else the least recently used.
     * Lines are never invalidated here, so a way is invalid exactly when its
     * {@code lastUse} is still 0 (every use stamps at least 1): the first
     * way with the smallest stamp is that way, found in one pass.
     */
    private int stampedVictim(int set) {
        int base = set * ways;
        int lru = base;
        long oldest = lastUse[base];
        for (int i = base + 1; i < base + ways; i++) {
            long u = lastUse[i];
            if (u < oldest) {
                oldest = u;
                lru = i;
            }
        }
        return lru;
    }
}
