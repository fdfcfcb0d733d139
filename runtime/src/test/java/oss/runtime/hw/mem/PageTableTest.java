package oss.runtime.hw.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import oss.ir.program.Paging;

/**
 * Frames come from {@link CountingFrames}, so the root is frame 1 and each
 * new table takes the next number; every expected entry is worked out by
 * hand below.
 */
class PageTableTest {
    private static final long PWU = Pte.PRESENT | Pte.WRITABLE | Pte.USER;

    // 0x7f12_3456_7abc = 0111 1111 0|001 0010 00|11 0100 010|1 0110 0111| 1010 1011 1100
    //   PML4 0b011111110 = 254, PDPT 0b001001000 = 72, PD 0b110100010 = 418, PT 0b101100111 = 359, offset 0xabc
    private static final long VA = 0x7f12_3456_7000L;

    private final PhysicalMemory mem = new PhysicalMemory(64L << 20, 4096);
    private final CountingFrames frames = new CountingFrames();

    @Test
    void x86_64IndexSplit() {
        long va = 0x0000_7f12_3456_7abcL;
        assertEquals(254, PageTable.index(Paging.X86_64, va, 0));
        assertEquals(72, PageTable.index(Paging.X86_64, va, 1));
        assertEquals(418, PageTable.index(Paging.X86_64, va, 2));
        assertEquals(359, PageTable.index(Paging.X86_64, va, 3));
    }

    @Test
    void x86_32IndexSplit() {
        // 0xC0801234 = 1100 0000 10|00 0000 0001| 0010 0011 0100: PD 0x302, PT 0x001, offset 0x234
        assertEquals(0x302, PageTable.index(Paging.X86_32, 0xC080_1234L, 0));
        assertEquals(0x001, PageTable.index(Paging.X86_32, 0xC080_1234L, 1));
        assertThrows(IllegalArgumentException.class, () -> PageTable.index(Paging.X86_32, 0, 2));
    }

    @Test
    void mappingOnePageBuildsRootPlusThreeTablesInMemory() {
        PageTable pt = new PageTable(Paging.X86_64, mem, frames);
        assertEquals(1, pt.root());
        assertEquals(1, pt.tableFrames());
        assertTrue(pt.map(VA, 0x1a3, PWU));
        assertEquals(4, pt.tableFrames());
        assertEquals(List.of(1L, 2L, 3L, 4L), new ArrayList<>(frames.live));
        // root frame 1, entry 254 -> PDPT frame 2 with P W U (0x7)
        assertEquals(0x2007L, mem.readWord(1 * 4096 + 254 * 8));
        assertEquals(0x3007L, mem.readWord(2 * 4096 + 72 * 8));
        assertEquals(0x4007L, mem.readWord(3 * 4096 + 418 * 8));
        assertEquals(0x1a3007L, mem.readWord(4 * 4096 + 359 * 8));
        assertEquals(0x1a3007L, pt.pte(VA));
    }

    @Test
    void neighbouringPageSharesTablesAndOneGiBAwayNeedsTwo() {
        PageTable pt = new PageTable(Paging.X86_64, mem, frames);
        pt.map(VA, 0x1a3, PWU);
        assertTrue(pt.map(VA + 0x1000, 0x1a4, PWU)); // PT index 360, same 2 MiB region
        assertEquals(4, pt.tableFrames());
        assertTrue(pt.map(VA + (1L << 30), 0x1b0, PWU)); // PDPT index 73: new PD (5) and PT (6)
        assertEquals(6, pt.tableFrames());
        assertEquals(0x5007L, mem.readWord(2 * 4096 + 73 * 8));
        assertEquals(0x6007L, mem.readWord(5 * 4096 + 418 * 8));
        assertEquals(0x1a4007L, mem.readWord(4 * 4096 + 360 * 8));
    }

    @Test
    void unmapFreesEmptiedTablesButNeverTheRoot() {
        PageTable pt = new PageTable(Paging.X86_64, mem, frames);
        pt.map(VA, 0x1a3, PWU);
        pt.map(VA + 0x1000, 0x1a4, PWU);
        pt.map(VA + (1L << 30), 0x1b0, PWU);

        assertEquals(0x1b0007L, pt.unmap(VA + (1L << 30)));
        assertEquals(List.of(6L, 5L), frames.freed); // its PT, then its PD
        assertEquals(4, pt.tableFrames());
        assertEquals(0, mem.readWord(2 * 4096 + 73 * 8));

        assertEquals(0x1a3007L, pt.unmap(VA));
        assertEquals(4, pt.tableFrames()); // the PT still maps VA + 0x1000
        assertEquals(0, pt.pte(VA));

        pt.unmap(VA + 0x1000);
        assertEquals(List.of(6L, 5L, 4L, 3L, 2L), frames.freed);
        assertEquals(1, pt.tableFrames());
        assertEquals(List.of(1L), new ArrayList<>(frames.live));
        assertEquals(0, mem.readWord(1 * 4096 + 254 * 8));
        assertEquals(0, pt.unmap(VA)); // nothing there any more
    }

    @Test
    void destroyFreesEveryTableIncludingTheRoot() {
        PageTable pt = new PageTable(Paging.X86_64, mem, frames);
        pt.map(VA, 0x1a3, PWU);
        pt.map(VA + (1L << 30), 0x1b0, PWU);
        pt.map(0x1000, 0x1c0, PWU);
        pt.destroy();
        assertTrue(frames.live.isEmpty());
        assertEquals(0, pt.tableFrames());
        assertEquals(0, mem.storedFrames()); // table frames are handed back clean
        assertThrows(IllegalStateException.class, pt::root);
    }

    @Test
    void mapFailsCleanlyWhenFramesRunOut() {
        CountingFrames three = new CountingFrames(3); // root + 2, one short of a first mapping
        PageTable pt = new PageTable(Paging.X86_64, mem, three);
        assertFalse(pt.map(VA, 0x1a3, PWU));
        assertEquals(1, pt.tableFrames());
        assertEquals(List.of(1L), new ArrayList<>(three.live));
        assertEquals(0, mem.readWord(1 * 4096 + 254 * 8));
    }

    @Test
    void recycledFramesAreZeroedBeforeBecomingTables() {
        mem.writeWord(2 * 4096 + 5 * 8, 0x9007L); // garbage left in frame 2 by its last owner
        PageTable pt = new PageTable(Paging.X86_64, mem, frames);
        pt.map(VA, 0x1a3, PWU); // frame 2 becomes the PDPT under PML4 index 254
        // PML4 254, PDPT 5: 254 << 39 = 0x7f00_0000_0000, 5 << 30 = 0x1_4000_0000
        PageTable.Walk w = pt.walk(0x7f01_4000_0000L);
        assertFalse(w.present());
        assertEquals(2, w.levels().size());
        assertEquals(0, w.levels().get(1).entry());
    }

    @Test
    void walkReadsEachLevelAndDescribesIt() {
        PageTable pt = new PageTable(Paging.X86_64, mem, frames);
        pt.map(VA, 0x1a3, PWU);
        PageTable.Walk w = pt.walk(VA + 0xabc);
        assertTrue(w.present());
        assertEquals(0x1a3abcL, w.paddr());
        assertEquals(List.of("PML4", "PDPT", "PD", "PT"), w.levels().stream().map(PageTable.Level::name).toList());
        assertEquals(List.of(254, 72, 418, 359), w.levels().stream().map(PageTable.Level::index).toList());
        assertEquals("""
                va 0x7f1234567abc
                  PML4 table frame 0x1 [254] = frame 0x2 P W U
                  PDPT table frame 0x2 [72] = frame 0x3 P W U
                  PD   table frame 0x3 [418] = frame 0x4 P W U
                  PT   table frame 0x4 [359] = frame 0x1a3 P W U
                  -> frame 0x1a3 + offset 0xabc = paddr 0x1a3abc
                """, w.describe());
    }

    @Test
    void walkStopsAtTheFirstMissingTable() {
        PageTable pt = new PageTable(Paging.X86_64, mem, frames);
        pt.map(VA, 0x1a3, PWU);
        PageTable.Walk w = pt.walk(VA + (1L << 30)); // PDPT index 73 is empty
        assertFalse(w.present());
        assertEquals(2, w.levels().size());
        assertEquals(0, w.pte());
        assertEquals(-1, w.paddr());
        assertTrue(w.describe().endsWith("  -> page fault: PDPT entry not present\n"));
    }

    @Test
    void nonCanonicalAddressesAreRejected() {
        PageTable pt = new PageTable(Paging.X86_64, mem, frames);
        assertThrows(IllegalArgumentException.class, () -> pt.walk(0x0000_8000_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> pt.map(0x0000_8000_0000_0000L, 1, PWU));
        assertThrows(IllegalArgumentException.class, () -> pt.walk(0xFFFF_7FFF_FFFF_F000L));
        assertTrue(pt.map(0xFFFF_8000_0000_0000L, 0x1d0, Pte.PRESENT)); // kernel half: PML4 index 256
        assertEquals(0x1d0001L, mem.readWord(4 * 4096)); // tables 2, 3, 4; PDPT, PD and PT index 0
        assertEquals(0x2007L, mem.readWord(1 * 4096 + 256 * 8));
    }

    @Test
    void forEachMappedGoesInAscendingAddressOrder() {
        PageTable pt = new PageTable(Paging.X86_64, mem, frames);
        pt.map(0xFFFF_8000_0000_0000L, 0x30, Pte.PRESENT);
        pt.map(VA, 0x20, PWU);
        pt.map(0x1000, 0x10, PWU);
        pt.setPte(0x1000 + 0x1000, 0x5000); // a non-present entry the kernel keeps (e.g. a swap slot)
        List<String> seen = new ArrayList<>();
        pt.forEachMapped((va, pte) -> seen.add(Long.toHexString(va) + "=" + Long.toHexString(pte)));
        assertEquals(List.of("1000=10007", "2000=5000", "7f1234567000=20007", "ffff800000000000=30001"), seen);
    }

    @Test
    void setPteNeedsAnExistingLeafTable() {
        PageTable pt = new PageTable(Paging.X86_64, mem, frames);
        assertThrows(IllegalStateException.class, () -> pt.setPte(VA, 0x1a3001L));
        pt.map(VA, 0x1a3, PWU);
        pt.setPte(VA, 0x1a3001L);
        assertEquals(0x1a3001L, mem.readWord(4 * 4096 + 359 * 8));
    }

    @Test
    void x86_32UsesTwoLevelsOfFourByteEntries() {
        PageTable pt = new PageTable(Paging.X86_32, mem, frames);
        assertTrue(pt.map(0xC080_1000L, 0x55, Pte.PRESENT | Pte.WRITABLE));
        assertEquals(2, pt.tableFrames()); // PD (root 1) + PT (2)
        assertEquals(0x2007L, mem.readInt(1 * 4096 + 0x302 * 4));
        assertEquals(0x55003L, mem.readInt(2 * 4096 + 1 * 4));
        assertTrue(pt.map(0xC0C0_1000L, 0x56, Pte.PRESENT)); // PD index 0x303, new PT 3
        assertEquals(0x3007L, mem.readInt(1 * 4096 + 0x303 * 4));
        // Entries 0x302 and 0x303 share one 8-byte word: 0x302 * 4 = 3080 is 8-aligned
        assertEquals(0x0000_3007_0000_2007L, mem.readWord(1 * 4096 + 0x302 * 4));

        PageTable.Walk w = pt.walk(0xC080_1234L);
        assertEquals(List.of("PD", "PT"), w.levels().stream().map(PageTable.Level::name).toList());
        assertEquals(0x55234L, w.paddr());
        assertThrows(IllegalArgumentException.class, () -> pt.walk(0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> pt.map(0x1000, 1L << 20, Pte.PRESENT)); // frame beyond 32 bits
    }
}
