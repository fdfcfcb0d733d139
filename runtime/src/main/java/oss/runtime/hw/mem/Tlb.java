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
    private final boolean[] valid;
    private final int[] asid;
    private final long[] vpn;
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
        valid = new boolean[n];
        asid = new int[n];
        vpn = new long[n];
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
        valid[slot] = true;
        this.asid[slot] = asid;
        this.vpn[slot] = vpn;
        this.pte[slot] = pte;
        lastUse[slot] = ++clock;
    }

    /** invlpg: drops one page's translation, after the kernel changed its PTE, and the PCID's paging-structure cache entries. */
    public void invalidate(int asid, long vpn) {
        int slot = find(asid, vpn);
        if (slot >= 0) {
            valid[slot] = false;
        }
        psc.invalidatePage(asid);
    }

    /** Drops everything: what a CR3 write does without PCID. */
    public void flushAll() {
        java.util.Arrays.fill(valid, false);
        psc.flushAll();
    }

    /** Drops one address space's translations, e.g. when its ASID is reused. */
    public void flushAsid(int asid) {
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] && this.asid[i] == asid) {
                valid[i] = false;
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
        for (boolean v : valid) {
            n += v ? 1 : 0;
        }
        return n;
    }

    /** The contents set by set, way by way, for a /proc-like view. */
    public String describe() {
        StringBuilder s = new StringBuilder(String.format("TLB %d entries, %d sets x %d ways, pcid %s: %d hits, %d misses\n",
                valid.length, sets, ways, spec.pcid() ? "on" : "off", hits, misses));
        for (int set = 0; set < sets; set++) {
            s.append("  set ").append(set).append(':');
            boolean any = false;
            for (int way = 0; way < ways; way++) {
                int i = set * ways + way;
                if (valid[i]) {
                    s.append(String.format(" [asid %d vpn %#x -> %s]", asid[i], vpn[i], Pte.describe(pte[i])));
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

    private int find(int asid, long vpn) {
        int base = setOf(vpn) * ways;
        for (int i = base; i < base + ways; i++) {
            if (valid[i] && this.vpn[i] == vpn && this.asid[i] == asid) {
                return i;
            }
        }
        return -1;
    }

    private int victim(int set) {
        int base = set * ways;
        int lru = base;
        for (int i = base; i < base + ways; i++) {
            if (!valid[i]) {
                return i;
            }
            if (lastUse[i] < lastUse[lru]) {
                lru = i;
            }
        }
        return lru;
    }
}
