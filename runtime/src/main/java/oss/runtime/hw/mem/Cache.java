package oss.runtime.hw.mem;

import oss.runtime.program.CacheSpec;

/**
 * One set-associative cache: a line of {@code lineBytes} can live only in set
 * {@code (paddr / lineBytes) mod sets}, LRU within the set. Write-back with
 * write-allocate: a write marks the line dirty and memory is only updated
 * when a dirty line is evicted (a writeback).
 *
 * <p>Recency is an access counter, not the clock, so runs are reproducible.
 */
public final class Cache {
    private final CacheSpec spec;
    private final int sets;
    private final int ways;
    private final boolean[] valid;
    private final boolean[] dirty;
    private final long[] line;
    private final long[] lastUse;
    private long clock;
    private long hits;
    private long misses;
    private long writebacks;
    private long lastWriteback = -1;
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
        valid = new boolean[n];
        dirty = new boolean[n];
        line = new long[n];
        lastUse = new long[n];
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
        int slot = find(l);
        boolean hit = slot >= 0;
        if (hit) {
            hits++;
        } else {
            misses++;
            slot = fill(l);
        }
        lastUse[slot] = ++clock;
        dirty[slot] |= write;
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
        int slot = find(l);
        if (slot < 0) {
            slot = fill(l);
        }
        lastUse[slot] = ++clock;
        dirty[slot] = true;
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

    private int fill(long l) {
        int slot = victim(setOf(l));
        if (valid[slot] && dirty[slot]) {
            writebacks++;
            lastWriteback = line[slot] * lineBytes;
        }
        valid[slot] = true;
        dirty[slot] = false;
        line[slot] = l;
        return slot;
    }

    private int find(long l) {
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
    private int victim(int set) {
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
