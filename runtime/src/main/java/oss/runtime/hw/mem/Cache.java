package oss.runtime.hw.mem;

import oss.ir.program.CacheSpec;

/**
 * One set-associative cache: a line of {@code lineBytes} can live only in set
 * {@code (paddr / lineBytes) mod sets}, LRU within the set. Write-back with
 * write-allocate: a write marks the line dirty and memory is only updated
 * when a dirty line is evicted (a writeback).
 *
 * <p>Recency is an order, not the clock, so runs are reproducible: each way
 * of a set holds one word, the line number plus one (0 for an empty way), a
 * dirty bit and the way's recency rank in its set (0 for the most recently
 * used). A set is thus {@code ways} adjacent longs, which the simulator's
 * own host reads as one or two cache lines. Lines are never invalidated, so
 * the filled ways of a set are always its first ones and the fill order
 * (first empty way, else the least recently used) is exactly that of a
 * per-access timestamp. Caches of more than {@link #MAX_RANKED_WAYS} ways
 * keep per-way timestamps instead.
 */
public final class Cache {
    /** Ranks take 8 bits; 255 marks an empty way. */
    static final int MAX_RANKED_WAYS = 255;
    private static final int RANK_SHIFT = 55;
    private static final long RANK_ONE = 1L << RANK_SHIFT;
    private static final long EMPTY_RANK = 255;
    private static final long DIRTY = 1L << 54;
    private static final long TAG_MASK = DIRTY - 1;
    private static final long EMPTY_WORD = EMPTY_RANK << RANK_SHIFT;

    private final CacheSpec spec;
    private final int sets;
    private final int ways;
    /** Ranked mode: set s's ways are words[s*ways .. s*ways+ways-1]. */
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
    /** The line the last access or absorbed writeback touched (it is its set's most recent) and its slot. */
    private long lastLine = -1;
    private int lastSlot;
    /**
     * Per set, the slot of its most recent line (rank 0), or -1. A page walk
     * reads the same upper-level entries again and again between other
     * accesses; checking this one way first spares the full scan.
     */
    private final int[] mruSlot;
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
        this.mruSlot = new int[sets];
        java.util.Arrays.fill(mruSlot, -1);
        if (ways <= MAX_RANKED_WAYS) {
            words = new long[n];
            java.util.Arrays.fill(words, EMPTY_WORD);
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
            // The most recent line of its set again: its rank is already 0.
            hits++;
            if (write) {
                words[lastSlot] |= DIRTY;
            }
            return true;
        }
        checkLine(l);
        int set = setOf(l);
        int base = set * ways;
        int m = mruSlot[set];
        if (m >= 0 && (words[m] & TAG_MASK) == l + 1) {
            // already its set's most recent line: a hit that changes no rank
            hits++;
            if (write) {
                words[m] |= DIRTY;
            }
            lastLine = l;
            lastSlot = m;
            return true;
        }
        int slot = findOrVictim(base, l);
        boolean hit = slot >= 0;
        if (hit) {
            hits++;
        } else {
            misses++;
            slot = fill(-1 - slot, l);
        }
        touch(base, slot);
        if (write) {
            words[slot] |= DIRTY;
        }
        lastLine = l;
        lastSlot = slot;
        return hit;
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
        int slot = findOrVictim(base, l);
        if (slot < 0) {
            slot = fill(-1 - slot, l);
        }
        touch(base, slot);
        words[slot] |= DIRTY;
        lastLine = l;
        lastSlot = slot;
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

    // ---- ranked sets ----------------------------------------------------------------------------------

    private static void checkLine(long l) {
        if (l < 0 || l >= TAG_MASK) {
            throw new IllegalArgumentException(String.format("line %#x outside what a cache can tag", l));
        }
    }

    /**
     * The slot holding line {@code l} in the set at {@code base}; when it is
     * not there, {@code -1 - victim}, the way to fill: the first empty way,
     * else the least recently used. Empty ways come after the filled ones and
     * rank 255, and only a full set has a way of rank {@code ways - 1}, so
     * the victim is the first way ranked {@code ways - 1} or more. One pass
     * over the set, without branching on each way.
     */
    private int findOrVictim(int base, long l) {
        long[] w = words;
        long want = l + 1;
        long last = ways - 1;
        int found = -1;
        int victim = base;
        for (int i = base + ways - 1; i >= base; i--) {
            long wi = w[i];
            found = (wi & TAG_MASK) == want ? i : found;
            victim = (wi >>> RANK_SHIFT) >= last ? i : victim;
        }
        return found >= 0 ? found : -1 - victim;
    }

    /** Makes {@code slot} its set's most recent: every way more recent than it ages by one. */
    private void touch(int base, int slot) {
        mruSlot[base / ways] = slot;
        long[] w = words;
        long rank = w[slot] >>> RANK_SHIFT;
        if (rank == 0) {
            return;
        }
        for (int i = base; i < base + ways; i++) {
            long wi = w[i];
            // + one rank exactly when this way's rank is below the touched one's (the difference is negative)
            w[i] = wi + ((((wi >>> RANK_SHIFT) - rank) >>> 63) << RANK_SHIFT);
        }
        w[slot] &= ~(-RANK_ONE);
    }

    /**
     * Puts line {@code l} in way {@code slot}, writing the old line back if
     * dirty. The new line keeps the victim's rank until {@link #touch}.
     */
    private int fill(int slot, long l) {
        long[] w = words;
        long old = w[slot];
        if ((old & DIRTY) != 0 && (old & TAG_MASK) != 0) {
            writebacks++;
            lastWriteback = ((old & TAG_MASK) - 1) * lineBytes;
        }
        w[slot] = (old & ~(DIRTY | TAG_MASK)) | (l + 1);
        return slot;
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
