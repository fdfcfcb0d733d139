package oss.runtime.hw.mem;

import oss.ir.program.TlbSpec;

/**
 * One CPU's translation lookaside buffer: a small set-associative cache of
 * virtual page number → PTE. A vpn can only live in set {@code vpn mod sets};
 * within a set the least recently used entry is replaced. Entries carry the
 * address space's ASID, so with PCID the kernel may keep them across a
 * switch; without it the kernel must {@link #flushAll} on every switch.
 *
 * <p>Recency is an access counter, not the clock, so runs are reproducible.
 */
public final class Tlb {
    private final TlbSpec spec;
    private final int sets;
    private final int ways;
    /** Per way: {@code asid << 40 | vpn}, plus one (0: empty), so a lookup compares one word per way. */
    private final long[] key;
    private final long[] pte;
    private final long[] lastUse;
    private long clock;
    private long hits;
    private long misses;
    /** sets - 1 when the set count is a power of two, else -1. */
    private final long setMask;
    /** This CPU's paging-structure caches: every flush of the TLB flushes them too, as the hardware does. */
    private final PagingStructureCache psc;

    /** A TLB without paging-structure caches. */
    public Tlb(TlbSpec spec) {
        this(spec, new PagingStructureCache(oss.ir.program.PscSpec.OFF, oss.ir.program.Paging.X86_64));
    }

    public Tlb(TlbSpec spec, PagingStructureCache psc) {
        this.psc = psc;
        if (spec.entries() <= 0 || spec.ways() <= 0 || spec.entries() % spec.ways() != 0) {
            throw new IllegalArgumentException("a TLB of " + spec.entries() + " entries cannot be " + spec.ways() + "-way");
        }
        this.spec = spec;
        this.ways = spec.ways();
        this.sets = spec.entries() / ways;
        int n = spec.entries();
        key = new long[n];
        pte = new long[n];
        lastUse = new long[n];
        setMask = Integer.bitCount(sets) == 1 ? sets - 1 : -1;
    }

    /** The cached PTE for this page of this address space, or -1 on a miss. */
    public long lookup(int asid, long vpn) {
        int slot = find(asid, vpn);
        if (slot < 0) {
            misses++;
            return -1;
        }
        hits++;
        lastUse[slot] = ++clock;
        return pte[slot];
    }

    /** Caches a translation, replacing an older one for the same page, else a free way, else the LRU way. */
    public void insert(int asid, long vpn, long pte) {
        int slot = find(asid, vpn);
        if (slot < 0) {
            slot = victim(setOf(vpn));
        }
        key[slot] = key(asid, vpn);
        this.pte[slot] = pte;
        lastUse[slot] = ++clock;
    }

    /** invlpg: drops one page's translation, after the kernel changed its PTE, and the PCID's paging-structure cache entries. */
    public void invalidate(int asid, long vpn) {
        int slot = find(asid, vpn);
        if (slot >= 0) {
            key[slot] = 0;
        }
        psc.invalidatePage(asid);
    }

    /** Drops everything: what a CR3 write does without PCID. */
    public void flushAll() {
        java.util.Arrays.fill(key, 0);
        psc.flushAll();
    }

    /** Drops one address space's translations, e.g. when its ASID is reused. */
    public void flushAsid(int asid) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] != 0 && asidOf(i) == asid) {
                key[i] = 0;
            }
        }
        psc.flushAsid(asid);
    }

    /** The paging-structure caches flushed with this TLB. */
    public PagingStructureCache psc() {
        return psc;
    }

    /** True when entries survive an address-space switch (tagged by ASID). */
    public boolean pcid() {
        return spec.pcid();
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    public int sets() {
        return sets;
    }

    public int ways() {
        return ways;
    }

    /** How many entries currently hold a translation. */
    public int validEntries() {
        int n = 0;
        for (long k : key) {
            n += k != 0 ? 1 : 0;
        }
        return n;
    }

    /** The contents set by set, way by way, for a /proc-like view. */
    public String describe() {
        StringBuilder s = new StringBuilder(String.format("TLB %d entries, %d sets x %d ways, pcid %s: %d hits, %d misses\n",
                key.length, sets, ways, spec.pcid() ? "on" : "off", hits, misses));
        for (int set = 0; set < sets; set++) {
            s.append("  set ").append(set).append(':');
            boolean any = false;
            for (int way = 0; way < ways; way++) {
                int i = set * ways + way;
                if (key[i] != 0) {
                    s.append(String.format(" [asid %d vpn %#x -> %s]", asidOf(i), (key[i] - 1) & VPN_MASK,
                            Pte.describe(pte[i])));
                    any = true;
                }
            }
            s.append(any ? "\n" : " empty\n");
        }
        return s.toString();
    }

    private int setOf(long vpn) {
        return setMask >= 0 ? (int) (vpn & setMask) : (int) Long.remainderUnsigned(vpn, sets);
    }

    private static final long VPN_MASK = (1L << 40) - 1;

    /** Page numbers have at most 36 bits (48-bit addresses), ASIDs stay far below 2^23. */
    private static long key(int asid, long vpn) {
        return ((long) asid << 40 | vpn) + 1;
    }

    private int asidOf(int slot) {
        return (int) ((key[slot] - 1) >>> 40);
    }

    private int find(int asid, long vpn) {
        int base = setOf(vpn) * ways;
        long k = key(asid, vpn);
        long[] keys = key;
        for (int i = base; i < base + ways; i++) {
            if (keys[i] == k) {
                return i;
            }
        }
        return -1;
    }

    /** The first empty way, else the least recently used (the first of equal stamps). */
    private int victim(int set) {
        int base = set * ways;
        int lru = base;
        long oldest = Long.MAX_VALUE;
        for (int i = base; i < base + ways; i++) {
            if (key[i] == 0) {
                return i;
            }
            long u = lastUse[i];
            lru = u < oldest ? i : lru;
            oldest = Math.min(u, oldest);
        }
        return lru;
    }
}
