package oss.runtime.hw.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import oss.ir.program.CacheSpec;
import oss.ir.program.Paging;
import oss.ir.program.TlbSpec;

/**
 * va 0x400000 (4 MiB) splits into PML4 0, PDPT 0, PD 2, PT 0. Tables are
 * frames 1 (root), 2, 3, 4, so the walk reads physical addresses 0x1000,
 * 0x2000, 0x3010 and 0x4000: four different cache lines.
 * L1d hit 4 cycles, L2 hit 12, memory 200.
 */
class MmuTest {
    private static final long PWU = Pte.PRESENT | Pte.WRITABLE | Pte.USER;

    private final PhysicalMemory mem = new PhysicalMemory(16L << 20, 4096);
    private final PageTable pt = new PageTable(Paging.X86_64, mem, new CountingFrames());
    private final CacheHierarchy caches = new CacheHierarchy(List.of(
            new CacheSpec("L1d", 32 << 10, 8, 64, 4, false),
            new CacheSpec("L2", 1 << 20, 16, 64, 12, true)), 1, 200);
    private final Mmu mmu = new Mmu(mem, Mmu.tlbs(new TlbSpec(4, 4, false), 1), caches);

    @Test
    void missWalksThroughTheCachesThenTheTlbHits() {
        pt.map(0x40_0000, 0x1a3, PWU);
        Mmu.Translation t = mmu.translate(0, 1, pt, 0x40_0123, false);
        assertFalse(t.tlbHit());
        assertNotNull(t.walk());
        assertEquals(Mmu.Fault.NONE, t.fault());
        assertEquals(0x1a3123L, t.paddr());
        assertEquals(4 * (4 + 12 + 200), t.cycles()); // four cold lines
        assertEquals(0x1a3027L, t.pte()); // P W U + ACCESSED (0x20)
        assertEquals(0x1a3027L, mem.readWord(4 * 4096)); // written back into the page table

        Mmu.Translation again = mmu.translate(0, 1, pt, 0x40_0fff, false);
        assertTrue(again.tlbHit());
        assertNull(again.walk());
        assertEquals(0, again.cycles());
        assertEquals(0x1a3fffL, again.paddr());
        assertEquals(1, mmu.tlb(0).hits());
        assertEquals(1, mmu.tlb(0).misses());

        mmu.tlb(0).flushAll(); // an address-space switch without PCID
        assertEquals(4 * 4, mmu.translate(0, 1, pt, 0x40_0000, false).cycles()); // PTE lines now in L1d
    }

    @Test
    void aWriteSetsDirtyEvenWhenTheTlbHits() {
        pt.map(0x40_0000, 0x1a3, PWU);
        mmu.translate(0, 1, pt, 0x40_0000, false);
        Mmu.Translation w = mmu.translate(0, 1, pt, 0x40_0008, true);
        assertTrue(w.tlbHit());
        assertEquals(0x1a3067L, w.pte()); // + DIRTY (0x40)
        assertEquals(0x1a3067L, mem.readWord(4 * 4096));
        assertEquals(0x1a3067L, mmu.tlb(0).lookup(1, 0x400));
    }

    @Test
    void missingTableIsANotPresentFaultAndFillsNothing() {
        pt.map(0x40_0000, 0x1a3, PWU);
        mmu.translate(0, 1, pt, 0x40_0000, false); // warms the lines
        // 0x800000: PD index 4, empty; its entry at 0x3020 shares the line of 0x3010
        Mmu.Translation t = mmu.translate(0, 1, pt, 0x80_0000, false);
        assertEquals(Mmu.Fault.NOT_PRESENT, t.fault());
        assertEquals(3, t.walk().levels().size());
        assertEquals(3 * 4, t.cycles());
        assertEquals(-1, t.paddr());
        assertEquals(1, mmu.tlb(0).validEntries());
    }

    @Test
    void writeToReadOnlyPageIsAProtectionFault() {
        pt.map(0x40_1000, 0x1b0, Pte.PRESENT | Pte.USER | Pte.COW); // copy-on-write: read-only
        Mmu.Translation t = mmu.translate(0, 1, pt, 0x40_1000, true);
        assertEquals(Mmu.Fault.PROTECTION, t.fault());
        assertTrue(Pte.has(t.pte(), Pte.COW));
        assertEquals(0x1b0205L, mem.readWord(4 * 4096 + 8)); // untouched: no A, no D
        assertEquals(0, mmu.tlb(0).validEntries());

        assertEquals(Mmu.Fault.NONE, mmu.translate(0, 1, pt, 0x40_1000, false).fault()); // reading is fine
        Mmu.Translation hit = mmu.translate(0, 1, pt, 0x40_1000, true);
        assertTrue(hit.tlbHit());
        assertEquals(Mmu.Fault.PROTECTION, hit.fault()); // the cached entry is read-only too
    }

    @Test
    void userAccessNeedsTheUserBit() {
        pt.map(0x40_2000, 0x1c0, Pte.PRESENT | Pte.WRITABLE); // kernel page
        assertEquals(Mmu.Fault.PROTECTION, mmu.translate(0, 1, pt, 0x40_2000, false, true).fault());
        assertEquals(Mmu.Fault.NONE, mmu.translate(0, 1, pt, 0x40_2000, false).fault());
    }

    @Test
    void userBitIsNeededAtEveryLevelNotJustTheLeaf() {
        pt.map(0x40_2000, 0x1c0, PWU);
        mem.writeWord(2 * 4096, 0x3003L); // PDPT entry 0 -> PD frame 3, but P W only: kernel-only region
        assertEquals(Mmu.Fault.PROTECTION, mmu.translate(0, 1, pt, 0x40_2000, false, true).fault());
        assertEquals(Mmu.Fault.NONE, mmu.translate(0, 2, pt, 0x40_2000, false).fault());
    }
}
