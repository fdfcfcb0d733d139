package oss.runtime.hw.mem;

import oss.ir.program.TlbSpec;

/**
 * The address-translation hardware tying the pieces together: the CPU's TLB
 * first, and on a miss a page walk whose every table read is a memory access
 * through the cache hierarchy, so page-walk cost shows up in cache
 * statistics and cycles as it does on real hardware.
 *
 * <p>The MMU only reports faults; the kernel decides what they mean (demand
 * paging, copy-on-write, segfault), fixes the page table and retries. On a
 * successful translation it sets ACCESSED, and DIRTY on a write, in the leaf
 * PTE in memory, which is what page replacement later reads. That A/D update
 * costs no extra cycles: the PTE's line was just read (on a TLB hit with a
 * write to a clean page, the update is likewise modelled as free).
 *
 * <p>A walk first asks the CPU's {@link PagingStructureCache}: a hit there
 * names a lower table to start at, and only the levels from there on are
 * read (and cost cycles).
 *
 * <p>Cycles count translation only; the data access itself is the caller's
 * to make through {@link CacheHierarchy}.
 */
public final class Mmu {
    public enum Fault {
        /** Translated. */
        NONE,
        /** Some entry on the way was not present: demand paging, swap-in, or a bad address. */
        NOT_PRESENT,
        /** Present but the access is not allowed: a write to a read-only (perhaps copy-on-write) page, or user to kernel. */
        PROTECTION
    }

    /**
     * {@code walk} is null when the TLB supplied the translation;
     * {@code paddr} is -1 unless {@code fault} is NONE; {@code pte} is the
     * leaf entry as it was used (with the A/D bits just set), or as found
     * when faulting (0 if the walk stopped above the leaf).
     */
    public record Translation(boolean tlbHit, PageTable.Walk walk, long pte, long paddr, long cycles, Fault fault) {}

    private final PhysicalMemory mem;
    private final Tlb[] tlbs;
    private final CacheHierarchy caches;

    public Mmu(PhysicalMemory mem, Tlb[] tlbs, CacheHierarchy caches) {
        this.mem = mem;
        this.tlbs = tlbs.clone();
        this.caches = caches;
    }

    /** Builds one TLB per CPU from a spec. */
    public static Tlb[] tlbs(TlbSpec spec, int cpus) {
        Tlb[] t = new Tlb[cpus];
        for (int i = 0; i < cpus; i++) {
            t[i] = new Tlb(spec);
        }
        return t;
    }

    public Tlb tlb(int cpu) {
        return tlbs[cpu];
    }

    /** Translation with kernel-mode permissions: only PRESENT and, for writes, WRITABLE are checked. */
    public Translation translate(int cpu, int asid, PageTable pt, long va, boolean write) {
        return translate(cpu, asid, pt, va, write, false);
    }

    /** As above; when {@code user}, every level must also carry USER. */
    public Translation translate(int cpu, int asid, PageTable pt, long va, boolean write, boolean user) {
        Fault fault = translateInPlace(cpu, asid, pt, va, write, user);
        return new Translation(lastTlbHit, lastTlbHit ? null : lastWalk(pt, va), lastPte, lastPaddr, lastCycles,
                fault);
    }

    // ---- the same translation without a Translation: the kernel's hot path ---------------------------

    private boolean lastTlbHit;
    private long lastPte;
    private long lastPaddr;
    private long lastCycles;
    private int lastLevels;
    /** The walk level the last walk started at: 0 = the root, more when a paging-structure cache hit. */
    private int lastStart;
    /** Whether the last walk's entries above {@link #lastStart} are still to be read (see {@link #upper}). */
    private boolean upperPending;
    private PageTable lastPt;
    private long lastVa;
    private final long[] upperScratch = new long[4];
    private final long[] lastEntries = new long[4];

    /**
     * Translates exactly as {@link #translate(int, int, PageTable, long, boolean, boolean)}
     * (same TLB, cache and page-table effects) but leaves the outcome in this
     * MMU, to be read with {@link #lastTlbHit()}, {@link #lastPte()},
     * {@link #lastPaddr()}, {@link #lastCycles()} and {@link #lastWalk},
     * until the next translation. Returns the fault.
     */
    public Fault translateInPlace(int cpu, int asid, PageTable pt, long va, boolean write, boolean user) {
        Tlb tlb = tlbs[cpu];
        long vpn = va >>> PageTable.PAGE_SHIFT;
        long offset = va & (PageTable.PAGE_SIZE - 1);
        long cached = tlb.lookup(asid, vpn);
        if (cached != -1) {
            lastTlbHit = true;
            lastCycles = 0;
            lastLevels = 0;
            if (!allowed(cached, write, user)) {
                return done(cached, -1, Fault.PROTECTION);
            }
            if (write && !Pte.has(cached, Pte.DIRTY)) {
                cached = pt.pte(va) | Pte.ACCESSED | Pte.DIRTY;
                pt.setPte(va, cached);
                tlb.insert(asid, vpn, cached);
            }
            return done(cached, frameAddress(cached) | offset, Fault.NONE);
        }

        lastTlbHit = false;
        long[] entries = lastEntries;
        PagingStructureCache psc = tlb.psc();
        int start = psc.enabled() ? psc.lookup(asid, va) : 0;
        int n;
        if (start > 0 && !user) {
            // As the hardware does, the walk reads only from the cached table on (the kernel invalidates
            // whenever it changes an upper entry, so that table is the one memory holds): the entries above
            // are read when someone asks for the walk.
            n = pt.walkEntriesFrom(va, start, psc.lastTable(), entries);
            upperPending = true;
        } else {
            // a user-mode walk checks U/S at every level, which these caches do not keep
            n = pt.walkEntries(va, entries);
            start = Math.min(start, n);
            upperPending = false;
        }
        lastLevels = n;
        lastStart = start;
        lastPt = pt;
        lastVa = va;
        long cycles = 0;
        boolean permitted = true;
        int pteBytes = pt.mode().pteBytes;
        int bits = pt.mode().indexBits;
        int levels = pt.mode().levels;
        long mask = (1L << bits) - 1;
        long pageSize = mem.pageSize();
        long table = upperPending ? psc.lastTable()
                : start == 0 ? pt.root() : Pte.frame(entries[start - 1], PageTable.PAGE_SHIFT);
        for (int level = start; level < n; level++) {
            long index = (va >>> (PageTable.PAGE_SHIFT + bits * (levels - 1 - level))) & mask;
            cycles += caches.accessCycles(cpu, table * pageSize + index * pteBytes, false);
            table = Pte.frame(entries[level], PageTable.PAGE_SHIFT);
        }
        if (user) {
            for (int level = 0; level < n; level++) {
                permitted &= Pte.has(entries[level], Pte.USER);
            }
        }
        if (psc.enabled()) {
            psc.fill(asid, va, entries, start, n);
        }
        lastCycles = cycles;
        boolean leaf = n == levels;
        long found = leaf ? entries[n - 1] : 0;
        if (!leaf || !Pte.has(found, Pte.PRESENT)) {
            return done(found, -1, Fault.NOT_PRESENT);
        }
        if (!permitted || !allowed(found, write, user)) {
            return done(found, -1, Fault.PROTECTION);
        }
        long pte = found | Pte.ACCESSED | (write ? Pte.DIRTY : 0);
        if (pte != found) {
            pt.setPte(va, pte);
        }
        tlb.insert(asid, vpn, pte);
        return done(pte, frameAddress(pte) | offset, Fault.NONE);
    }

    private Fault done(long pte, long paddr, Fault fault) {
        lastPte = pte;
        lastPaddr = paddr;
        return fault;
    }

    /** Whether the last translation came from the TLB (no walk). */
    public boolean lastTlbHit() {
        return lastTlbHit;
    }

    /** The leaf PTE of the last translation, as {@link Translation#pte()}. */
    public long lastPte() {
        return lastPte;
    }

    /** The physical address of the last translation, -1 unless it succeeded. */
    public long lastPaddr() {
        return lastPaddr;
    }

    /** The cycles the last translation cost (its walk's memory reads). */
    public long lastCycles() {
        return lastCycles;
    }

    /** The last translation's page walk, built now; null when the TLB supplied it. {@code pt} and {@code va} are the ones translated. */
    public PageTable.Walk lastWalk(PageTable pt, long va) {
        upper();
        return lastTlbHit ? null : pt.walkOf(va, lastEntries, lastLevels, lastStart, tlbs[0].psc().enabled());
    }

    /** Reads the entries a cached walk did not (they are present and unchanged: the caches held them). */
    private void upper() {
        if (upperPending && !lastTlbHit) {
            lastPt.walkEntries(lastVa, upperScratch);
            System.arraycopy(upperScratch, 0, lastEntries, 0, lastStart);
            upperPending = false;
        }
    }

    /** The walk level the last walk started at (0 = the root), more when a paging-structure cache supplied a table. */
    public int lastStart() {
        return lastStart;
    }

    /** Copies the last translation's walk entries (root first) into {@code out}; returns how many (0 on a TLB hit). */
    public int lastEntries(long[] out) {
        upper();
        int n = lastTlbHit ? 0 : lastLevels;
        System.arraycopy(lastEntries, 0, out, 0, n);
        return n;
    }

    private static boolean allowed(long pte, boolean write, boolean user) {
        return (!write || Pte.has(pte, Pte.WRITABLE)) && (!user || Pte.has(pte, Pte.USER));
    }

    private static long frameAddress(long pte) {
        return Pte.frame(pte, PageTable.PAGE_SHIFT) << PageTable.PAGE_SHIFT;
    }
}
