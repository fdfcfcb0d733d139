package oss.runtime.hw.mem;

import oss.runtime.program.TlbSpec;

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
        Tlb tlb = tlbs[cpu];
        long vpn = va >>> PageTable.PAGE_SHIFT;
        long offset = va & (PageTable.PAGE_SIZE - 1);
        long cached = tlb.lookup(asid, vpn);
        if (cached != -1) {
            if (!allowed(cached, write, user)) {
                return new Translation(true, null, cached, -1, 0, Fault.PROTECTION);
            }
            if (write && !Pte.has(cached, Pte.DIRTY)) {
                cached = pt.pte(va) | Pte.ACCESSED | Pte.DIRTY;
                pt.setPte(va, cached);
                tlb.insert(asid, vpn, cached);
            }
            return new Translation(true, null, cached, frameAddress(cached) | offset, 0, Fault.NONE);
        }

        PageTable.Walk walk = pt.walk(va);
        long cycles = 0;
        boolean permitted = true;
        int pteBytes = pt.mode().pteBytes;
        for (PageTable.Level level : walk.levels()) {
            cycles += caches.access(cpu, level.tableFrame() * mem.pageSize() + (long) level.index() * pteBytes, false).cycles();
            permitted &= !user || Pte.has(level.entry(), Pte.USER);
        }
        if (!walk.present()) {
            return new Translation(false, walk, walk.pte(), -1, cycles, Fault.NOT_PRESENT);
        }
        if (!permitted || !allowed(walk.pte(), write, user)) {
            return new Translation(false, walk, walk.pte(), -1, cycles, Fault.PROTECTION);
        }
        long pte = walk.pte() | Pte.ACCESSED | (write ? Pte.DIRTY : 0);
        if (pte != walk.pte()) {
            pt.setPte(va, pte);
        }
        tlb.insert(asid, vpn, pte);
        return new Translation(false, walk, pte, frameAddress(pte) | offset, cycles, Fault.NONE);
    }

    private static boolean allowed(long pte, boolean write, boolean user) {
        return (!write || Pte.has(pte, Pte.WRITABLE)) && (!user || Pte.has(pte, Pte.USER));
    }

    private static long frameAddress(long pte) {
        return Pte.frame(pte, PageTable.PAGE_SHIFT) << PageTable.PAGE_SHIFT;
    }
}
