package oss.runtime.hw.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import oss.ir.program.CacheSpec;
import oss.ir.program.Paging;
import oss.ir.program.PscSpec;
import oss.ir.program.TlbSpec;

/**
 * The MMU with paging-structure caches in front of the walk. va 0x400000 (4 MiB) is PML4 0,
 * PDPT 0, PD 2, PT 0; tables are frames 1 (root), 2, 3, 4 as in MmuTest, so a walk from the root
 * reads four different lines: 4 × (4 + 12 + 200) cycles cold. A one-entry TLB makes every other
 * page a TLB miss.
 */
class PagingStructureCacheTest {
    private static final long PWU = Pte.PRESENT | Pte.WRITABLE | Pte.USER;
    private static final long COLD = 4 + 12 + 200;

    private final PhysicalMemory mem = new PhysicalMemory(64L << 20, 4096);
    private final PageTable pt = new PageTable(Paging.X86_64, mem, new CountingFrames());
    private final CacheHierarchy caches = new CacheHierarchy(List.of(
            new CacheSpec("L1d", 32 << 10, 8, 64, 4, false),
            new CacheSpec("L2", 1 << 20, 16, 64, 12, true)), 1, 200);
    private final PagingStructureCache psc = new PagingStructureCache(PscSpec.on(2, 4, 32, 0), Paging.X86_64);
    private final Tlb tlb = new Tlb(new TlbSpec(1, 1, false), psc);
    private final Mmu mmu = new Mmu(mem, new Tlb[] {tlb}, caches);

    @Test
    void aPdeCacheHitReadsOnlyThePte() {
        pt.map(0x40_0000, 0x1a3, PWU);
        pt.map(0x40_1000, 0x1a4, PWU); // the same PT (frame 4), entry 1: the same line as entry 0
        Mmu.Translation first = mmu.translate(0, 1, pt, 0x40_0000, false);
        assertEquals(4 * COLD, first.cycles());
        assertEquals(0, first.walk().start());
        assertEquals("paging-structure caches missed: walk starts at the PML4, 4 reads", first.walk().cacheNote());
        assertEquals(List.of(1L, 1L, 1L), misses()); // each cache asked once, deepest first, and empty

        Mmu.Translation second = mmu.translate(0, 1, pt, 0x40_1000, false); // a TLB miss: its one entry holds 0x400000
        assertFalse(second.tlbHit());
        assertEquals(4, second.cycles()); // PT entry 1, in L1d since entry 0 was read
        assertEquals(3, second.walk().start());
        assertEquals(1, second.walk().reads());
        assertEquals("PDE cache hit: walk starts at the PT, 1 read", second.walk().cacheNote());
        // the tlb view: each cache's entries by the address they cover and the table they name
        String view = psc.describe();
        assertTrue(view.contains("PML4E cache 2 entries, 1 sets x 2 ways: 0 hits, 1 misses\n"
                + "  [asid 1 va 0x0 -> table frame 0x2]\n"), view);
        assertTrue(view.contains("PDE cache 32 entries, 1 sets x 32 ways: 1 hits, 1 misses\n"
                + "  [asid 1 va 0x400000 -> table frame 0x4]\n"), view);
        assertEquals(0x1a4000L, second.paddr());
        assertEquals(1, psc.hits(2));
    }

    @Test
    void theCachesAreAskedDeepestFirstAndFilledWithWhatTheWalkRead() {
        pt.map(0x40_0000, 0x1a3, PWU);
        pt.map(0x60_0000, 0x1a5, PWU); // PD 3: another PDE, the same PDPTE
        pt.map(0x4000_0000, 0x1a6, PWU); // 1 GiB: PDPT 1, another PDPTE, the same PML4E
        mmu.translate(0, 1, pt, 0x40_0000, false);
        PageTable.Walk pd = mmu.translate(0, 1, pt, 0x60_0000, false).walk();
        assertEquals("PDPTE cache hit: walk starts at the PD, 2 reads", pd.cacheNote());
        PageTable.Walk pdpt = mmu.translate(0, 1, pt, 0x4000_0000, false).walk();
        assertEquals("PML4E cache hit: walk starts at the PDPT, 3 reads", pdpt.cacheNote());
        assertTrue(pdpt.describe().contains("PML4 table frame 0x1 [0] = frame 0x2 P W U (not read: cached)"),
                pdpt.describe());
        assertEquals(3, mmu.translate(0, 1, pt, 0x40_0000, false).walk().start());
        // lookups: PDE 4 (1 hit), PDPTE on the 3 PDE misses (1 hit), PML4E on the 2 PDPTE misses (1 hit)
        assertEquals(List.of(1L, 1L, 1L), hits());
        assertEquals(List.of(1L, 2L, 3L), misses());
    }

    @Test
    void aNonPresentEntryIsNeverCached() {
        Mmu.Translation t = mmu.translate(0, 1, pt, 0x40_0000, false); // only the root exists
        assertEquals(Mmu.Fault.NOT_PRESENT, t.fault());
        assertEquals(1, t.walk().reads());
        pt.map(0x40_0000, 0x1a3, PWU); // the fault handler makes the PDPT, PD and PT
        Mmu.Translation retry = mmu.translate(0, 1, pt, 0x40_0000, false);
        assertEquals(Mmu.Fault.NONE, retry.fault());
        assertEquals(0, retry.walk().start()); // nothing was cached from the empty root entry
        assertEquals(4, retry.walk().reads());
    }

    @Test
    void invlpgDropsEveryEntryOfTheAddressSpaceAndCr3WithoutPcidEverything() {
        pt.map(0x40_0000, 0x1a3, PWU);
        pt.map(0x40_1000, 0x1a4, PWU);
        mmu.translate(0, 1, pt, 0x40_0000, false);
        tlb.invalidate(1, 0x7_0000); // another page: INVLPG still drops all of PCID 1's entries (SDM §4.10.4.1)
        assertEquals(0, mmu.translate(0, 1, pt, 0x40_1000, false).walk().start());
        tlb.invalidate(2, 0x40); // another address space's INVLPG leaves these alone
        assertEquals(3, mmu.translate(0, 1, pt, 0x40_0000, false).walk().start());
        tlb.flushAll();
        assertEquals(0, mmu.translate(0, 1, pt, 0x40_1000, false).walk().start());
        tlb.flushAsid(1);
        assertEquals(0, mmu.translate(0, 1, pt, 0x40_0000, false).walk().start());
    }

    @Test
    void entriesAreTaggedByAddressSpace() {
        FrameSource high = new FrameSource() {
            private long next = 1000;

            @Override
            public long allocateFrame() {
                return next++;
            }

            @Override
            public void freeFrame(long frame) {}
        };
        PageTable other = new PageTable(Paging.X86_64, mem, high);
        pt.map(0x40_0000, 0x1a3, PWU);
        other.map(0x40_0000, 0x1b3, PWU);
        mmu.translate(0, 1, pt, 0x40_0000, false);
        Mmu.Translation t = mmu.translate(0, 2, other, 0x40_0000, false);
        assertEquals(0, t.walk().start()); // ASID 2 has no entries yet
        assertEquals(0x1b3000L, t.paddr());
    }

    @Test
    void aFullSetEvictsItsLeastRecentlyUsedEntry() {
        PagingStructureCache small = new PagingStructureCache(PscSpec.on(0, 0, 2, 0), Paging.X86_64);
        long[] entries = {Pte.make(2, PWU, 12), Pte.make(3, PWU, 12), Pte.make(4, PWU, 12), 0};
        small.fill(1, 0x00_0000, entries, 0, 4); // PDE tag 0
        small.fill(1, 0x20_0000, entries, 0, 4); // tag 1
        assertEquals(3, small.lookup(1, 0x00_0000)); // tag 0 is now the most recent
        small.fill(1, 0x40_0000, entries, 0, 4); // tag 2 evicts tag 1
        assertEquals(0, small.lookup(1, 0x20_0000));
        assertEquals(3, small.lookup(1, 0x00_0000));
        assertEquals(3, small.lookup(1, 0x40_0000));
        assertEquals(4, small.lastTable());
    }

    @Test
    void thirtyTwoBitPagingHasAPdeCacheOnly() {
        PagingStructureCache p32 = new PagingStructureCache(PscSpec.on(2, 4, 8, 0), Paging.X86_32);
        assertEquals(1, p32.levels());
        assertEquals("PDE", p32.name(0));
        long[] entries = {Pte.make(7, PWU, 12), Pte.make(9, PWU, 12)};
        p32.fill(1, 0x0040_0000, entries, 0, 2); // VA[31:22] = 1
        assertEquals(1, p32.lookup(1, 0x007f_f000)); // the same 4 MiB: walk starts at the PT
        assertEquals(7, p32.lastTable());
        assertEquals(0, p32.lookup(1, 0x0080_0000));
        assertFalse(new PagingStructureCache(PscSpec.defaults(Paging.X86_32), Paging.X86_32).enabled());
        assertTrue(new PagingStructureCache(PscSpec.defaults(Paging.X86_64), Paging.X86_64).enabled());
    }

    @Test
    void aThirtyTwoBitWalkStartsAtThePtOnAPdeCacheHit() {
        PageTable pt32 = new PageTable(Paging.X86_32, mem, new CountingFrames());
        PagingStructureCache pde = new PagingStructureCache(PscSpec.on(0, 0, 4, 0), Paging.X86_32);
        Mmu m = new Mmu(mem, new Tlb[] {new Tlb(new TlbSpec(1, 1, false), pde)}, caches);
        pt32.map(0x0040_0000, 0x1a3, PWU);
        pt32.map(0x0040_1000, 0x1a4, PWU);
        assertEquals("paging-structure caches missed: walk starts at the PD, 2 reads",
                m.translate(0, 1, pt32, 0x0040_0000, false).walk().cacheNote());
        Mmu.Translation t = m.translate(0, 1, pt32, 0x0040_1000, false);
        assertEquals("PDE cache hit: walk starts at the PT, 1 read", t.walk().cacheNote());
        assertEquals(0x1a4000L, t.paddr());
        assertEquals(2, t.walk().levels().size()); // the PD entry, read when the walk is asked for
    }

    @Test
    void waysMustSplitTheEntriesIntoPowerOfTwoSets() {
        assertThrows(IllegalArgumentException.class,
                () -> new PagingStructureCache(PscSpec.on(2, 4, 24, 8), Paging.X86_64));
        PagingStructureCache ok = new PagingStructureCache(PscSpec.on(2, 4, 32, 4), Paging.X86_64);
        assertTrue(ok.describe().contains("PML4E cache 2 entries, 1 sets x 2 ways"));
        assertTrue(ok.describe().contains("PDE cache 32 entries, 8 sets x 4 ways"));
    }

    /**
     * The caches only decide where a walk starts: over a random mix of maps, unmaps (each
     * followed by the kernel's INVLPG) and translations, every translation equals the page
     * table's own walk, and the cached table a walk starts at is the one memory holds.
     */
    @Test
    void aCachedTableIsAlwaysTheOneInMemory() {
        SplittableRandom rnd = new SplittableRandom(3);
        long[] pages = new long[64];
        for (int i = 0; i < pages.length; i++) {
            // spread over 2 MiB, 1 GiB and 512 GiB regions
            pages[i] = ((long) rnd.nextInt(4) << 39) | ((long) rnd.nextInt(4) << 30) | ((long) rnd.nextInt(4) << 21)
                    | ((long) rnd.nextInt(8) << 12);
        }
        PagingStructureCache bare = new PagingStructureCache(PscSpec.on(2, 4, 8, 2), Paging.X86_64);
        Mmu m = new Mmu(mem, new Tlb[] {new Tlb(new TlbSpec(2, 2, false), bare)}, caches);
        for (int step = 0; step < 5000; step++) {
            long va = pages[rnd.nextInt(pages.length)];
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    if (pt.pte(va) == 0) {
                        pt.map(va, 0x100 + rnd.nextInt(100), PWU); // not present -> present: no INVLPG, as in Linux
                    }
                }
                case 1 -> {
                    pt.unmap(va); // may free tables on the way up
                    m.tlb(0).invalidate(1, va >>> 12);
                }
                default -> {
                    PageTable.Walk truth = pt.walk(va); // before the MMU sets ACCESSED in the leaf
                    Mmu.Translation t = m.translate(0, 1, pt, va, false);
                    if (t.tlbHit()) {
                        continue;
                    }
                    assertEquals(truth.levels(), t.walk().levels());
                    assertEquals(truth.paddr(), t.paddr());
                    int start = t.walk().start();
                    if (start > 0 && bare.lastHitLevel() >= 0) {
                        assertEquals(truth.levels().get(start).tableFrame(), bare.lastTable());
                    }
                }
            }
        }
        assertTrue(bare.hits(2) > 0 && bare.hits(1) > 0 && bare.hits(0) > 0, bare.describe());
    }

    @Test
    void offMeansNoLookupAndNoNote() {
        Mmu plain = new Mmu(mem, Mmu.tlbs(new TlbSpec(1, 1, false), 1), caches);
        pt.map(0x40_0000, 0x1a3, PWU);
        Mmu.Translation t = plain.translate(0, 1, pt, 0x40_0000, false);
        assertNull(t.walk().cacheNote());
        assertEquals(0, t.walk().start());
    }

    private List<Long> hits() {
        return List.of(psc.hits(0), psc.hits(1), psc.hits(2));
    }

    private List<Long> misses() {
        return List.of(psc.misses(0), psc.misses(1), psc.misses(2));
    }
}
