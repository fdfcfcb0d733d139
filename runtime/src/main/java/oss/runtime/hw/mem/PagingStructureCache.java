package oss.runtime.hw.mem;

import oss.ir.program.Paging;
import oss.ir.program.PscSpec;

/**
 * One CPU's paging-structure caches, as Intel's SDM vol. 3A §4.10.3 describes
 * them: beside the TLB, which caches whole translations, the MMU caches the
 * upper-level entries a walk read, each keyed by the address bits that
 * selected it and holding the physical frame of the next table. Under x86_64
 * the PML4E cache is keyed by VA[47:39], the PDPTE cache by VA[47:30] and the
 * PDE cache by VA[47:21]; 32-bit paging has only the PDE cache, keyed by
 * VA[31:22].
 *
 * <p>On a TLB miss the MMU asks the PDE cache first, then the PDPTE cache,
 * then the PML4E cache (§4.10.3.2): the first hit names the table the walk
 * starts at, so a PDE-cache hit leaves one read, the PTE. After the walk,
 * every present upper-level entry it read is cached (§4.10.3.1: never a
 * non-present one, so a table the kernel creates later is found by the next
 * walk).
 *
 * <p>Invalidation follows §4.10.4.1: INVLPG drops every entry of the current
 * PCID, whatever its address (the instruction cannot know which upper-level
 * entries the kernel changed); a CR3 write without PCID drops everything.
 * Entries carry the address space's ASID as TLB entries do.
 *
 * <p>Each cache is set-associative with LRU in a set, recency an access
 * counter, not the clock, so runs are reproducible.
 */
public final class PagingStructureCache {
    private static final String[] NAMES_64 = {"PML4E", "PDPTE", "PDE"};
    private static final String[] NAMES_32 = {"PDE"};

    private final Paging paging;
    /** Per walk level (0 = the root's entries), or null where that cache is absent. */
    private final Level[] levels;
    private final boolean enabled;
    /** The walk level of the last {@link #lookup} hit, or -1 when every cache missed. */
    private int lastHitLevel = -1;
    private long lastTable;

    /**
     * One cache: entries keyed by (asid, tag), holding a table frame. A slot's key is
     * {@code asid << 40 | tag}, plus one, in one long (0: empty), so a lookup compares one word per way.
     */
    private static final class Level {
        final int shift;
        final long tagMask;
        final int sets;
        final int ways;
        final long setMask;
        final long[] key;
        final long[] frame;
        final long[] lastUse;
        /**
         * Where each tag was last put, by its low bits: a hint that spares a wide set's scan when it is
         * right (a wrong or stale one costs the scan the set would need anyway), so the cache finds and
         * replaces exactly as without it.
         */
        final int[] hint;
        final int hintMask;
        long clock;
        long hits;
        long misses;

        Level(int entries, int ways, int shift, long tagMask) {
            this.ways = ways;
            this.sets = entries / ways;
            this.shift = shift;
            this.tagMask = tagMask;
            this.setMask = sets - 1;
            key = new long[entries];
            frame = new long[entries];
            lastUse = new long[entries];
            int h = Integer.highestOneBit(Math.max(1, entries - 1)) << 2;
            hint = new int[h];
            hintMask = h - 1;
        }

        /** Tags are at most 36 bits (VA[47:12] would be), ASIDs below 2^23: the key never overflows. */
        static long key(int asid, long tag) {
            return ((long) asid << 40 | tag) + 1;
        }

        int find(long k, long t) {
            int h = hint[(int) (t & hintMask)];
            if (key[h] == k) {
                return h;
            }
            int base = (int) (t & setMask) * ways;
            long[] keys = key;
            for (int i = base; i < base + ways; i++) {
                if (keys[i] == k) {
                    return i;
                }
            }
            return -1;
        }

        void insert(int asid, long t, long table) {
            long k = key(asid, t);
            int slot = find(k, t);
            if (slot < 0) {
                int base = (int) (t & setMask) * ways;
                slot = base;
                for (int i = base; i < base + ways; i++) {
                    if (key[i] == 0) {
                        slot = i;
                        break;
                    }
                    if (lastUse[i] < lastUse[slot]) {
                        slot = i;
                    }
                }
            }
            key[slot] = k;
            frame[slot] = table;
            lastUse[slot] = ++clock;
            hint[(int) (t & hintMask)] = slot;
        }

        boolean valid(int slot) {
            return key[slot] != 0;
        }

        int asid(int slot) {
            return (int) ((key[slot] - 1) >>> 40);
        }

        long tag(int slot) {
            return (key[slot] - 1) & ((1L << 40) - 1);
        }

        void dropAsid(int asid) {
            for (int i = 0; i < key.length; i++) {
                if (key[i] != 0 && asid(i) == asid) {
                    key[i] = 0;
                }
            }
        }
    }

    /**
     * Throws IllegalArgumentException when a cache's ways do not divide its
     * entries into a power-of-two number of sets (the compiler reports that
     * as OSS1371 before a run starts).
     */
    public PagingStructureCache(PscSpec spec, Paging paging) {
        this.paging = paging;
        this.levels = new Level[paging.levels - 1];
        long addressMask = paging.addressBits >= 64 ? -1L : (1L << paging.addressBits) - 1;
        for (int level = 0; level < levels.length; level++) {
            int entries = spec.entries(paging, level);
            if (entries == 0) {
                continue;
            }
            // a cache no larger than the ways is fully associative (the compiler's rule too)
            int ways = spec.ways() == 0 ? entries : Math.min(spec.ways(), entries);
            if (entries < 0 || ways <= 0 || entries % ways != 0 || Integer.bitCount(entries / ways) != 1) {
                throw new IllegalArgumentException("a " + name(level) + " cache of " + entries
                        + " entries cannot be " + ways + "-way");
            }
            // the entry read at this level is selected by every index bit above the next level's
            int shift = PageTable.PAGE_SHIFT + paging.indexBits * (paging.levels - 1 - level);
            levels[level] = new Level(entries, ways, shift, addressMask >>> shift);
        }
        this.enabled = java.util.Arrays.stream(levels).anyMatch(java.util.Objects::nonNull);
    }

    /** False when no cache is configured: the MMU then walks from the root every time. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Looks {@code va} up, deepest cache first. Returns the walk level to
     * start at (0 = the root, on a miss everywhere); on a hit the table
     * there is {@link #lastTable()}. Every cache asked counts a hit or a miss.
     */
    public int lookup(int asid, long va) {
        for (int level = levels.length - 1; level >= 0; level--) {
            Level l = levels[level];
            if (l == null) {
                continue;
            }
            long t = (va >>> l.shift) & l.tagMask;
            int slot = l.find(Level.key(asid, t), t);
            if (slot >= 0) {
                l.hits++;
                l.lastUse[slot] = ++l.clock;
                lastHitLevel = level;
                lastTable = l.frame[slot];
                return level + 1;
            }
            l.misses++;
        }
        lastHitLevel = -1;
        return 0;
    }

    /** The frame of the table the last hit's walk starts at. */
    public long lastTable() {
        return lastTable;
    }

    /** The walk level whose cache hit in the last lookup, or -1. */
    public int lastHitLevel() {
        return lastHitLevel;
    }

    /**
     * Caches the upper-level entries a walk read: {@code entries[from .. n-1]}
     * (root first, as {@link PageTable#walkEntries} gives them), those that
     * are present and point at a next table.
     */
    public void fill(int asid, long va, long[] entries, int from, int n) {
        int last = Math.min(n, levels.length);
        for (int level = from; level < last; level++) {
            long e = entries[level];
            if (!Pte.has(e, Pte.PRESENT)) {
                return;
            }
            Level l = levels[level];
            if (l != null) {
                l.insert(asid, (va >>> l.shift) & l.tagMask, Pte.frame(e, PageTable.PAGE_SHIFT));
            }
        }
    }

    /** INVLPG: every entry of this address space goes, whatever its address (SDM §4.10.4.1). */
    public void invalidatePage(int asid) {
        flushAsid(asid);
    }

    /** Drops one address space's entries (its ASID is reused, or its tables changed wholesale). */
    public void flushAsid(int asid) {
        for (Level l : levels) {
            if (l != null) {
                l.dropAsid(asid);
            }
        }
    }

    /** A CR3 write without PCID. */
    public void flushAll() {
        for (Level l : levels) {
            if (l != null) {
                java.util.Arrays.fill(l.key, 0);
            }
        }
    }

    /** The cache for the entries read at walk level {@code level}: "PML4E", "PDPTE", "PDE". */
    public String name(int level) {
        return (paging.levels == 4 ? NAMES_64 : NAMES_32)[level];
    }

    /** Walk levels that can have a cache (3 under x86_64, 1 under x86_32). */
    public int levels() {
        return levels.length;
    }

    /** Whether walk level {@code level} has a cache. */
    public boolean has(int level) {
        return levels[level] != null;
    }

    public long hits(int level) {
        return levels[level] == null ? 0 : levels[level].hits;
    }

    public long misses(int level) {
        return levels[level] == null ? 0 : levels[level].misses;
    }

    /** Each present cache's hits and misses over every CPU, root's entries first. */
    public static java.util.List<oss.runtime.observe.PscStats> stats(Tlb[] tlbs) {
        java.util.List<oss.runtime.observe.PscStats> out = new java.util.ArrayList<>();
        PagingStructureCache first = tlbs[0].psc();
        for (int level = 0; level < first.levels.length; level++) {
            if (first.levels[level] == null) {
                continue;
            }
            long hits = 0;
            long misses = 0;
            for (Tlb t : tlbs) {
                hits += t.psc().hits(level);
                misses += t.psc().misses(level);
            }
            out.add(new oss.runtime.observe.PscStats(first.name(level), hits, misses));
        }
        return out;
    }

    /** The contents, cache by cache, for the {@code tlb} view. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (int level = 0; level < levels.length; level++) {
            Level l = levels[level];
            if (l == null) {
                continue;
            }
            s.append(String.format("%s cache %d entries, %d sets x %d ways: %d hits, %d misses\n", name(level),
                    l.key.length, l.sets, l.ways, l.hits, l.misses));
            boolean any = false;
            for (int i = 0; i < l.key.length; i++) {
                if (l.valid(i)) {
                    s.append(String.format("  [asid %d va %#x -> table frame %#x]\n", l.asid(i), l.tag(i) << l.shift,
                            l.frame[i]));
                    any = true;
                }
            }
            if (!any) {
                s.append("  empty\n");
            }
        }
        return s.toString();
    }
}
