package oss.runtime.kernel.mm.malloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.mm.malloc.FakeMemory.HEAP_START;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.program.MallocSpec;
import oss.ir.program.MallocSpec.Fit;

/**
 * The free-list allocator against hand-worked placements. Block = 8-byte header
 * + payload rounded up to 8 (at least 8); split when 16+ bytes are left.
 */
class FreeListAllocatorTest {
    private static final long K = 1024;
    private static final int PAGE = 4096;

    /**
     * Silberschatz §9.2.2's holes of 100, 500, 200, 300, 600 KiB. Hole i is a
     * malloc(size*K - 8), whose block is exactly size*K with its 8-byte header,
     * followed by a malloc(8) separator (block 16) that stays live so the holes
     * never merge. After the build the tail of the heap is a free block of 4016
     * bytes (see {@link #textbookBuildGrowsTheHeapPageByPage}) and the break is
     * frozen, so a request that fits no hole fails.
     */
    private record Textbook(FreeListAllocator a, FakeMemory mem, long[] hole) {}

    private static Textbook textbook(Fit fit) {
        FakeMemory mem = new FakeMemory();
        FreeListAllocator a = new FreeListAllocator(mem, PAGE, fit, true);
        long[] sizes = {100, 500, 200, 300, 600};
        long[] user = new long[5];
        long[] hole = new long[5];
        for (int i = 0; i < 5; i++) {
            user[i] = a.malloc(sizes[i] * K - 8);
            hole[i] = user[i] - 8;
            assertNotEquals(0, a.malloc(8));
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(FreeResult.OK, a.free(user[i]));
        }
        mem.freeze();
        return new Textbook(a, mem, hole);
    }

    /** The textbook heap with the build's sbrk calls already taken. */
    private static Textbook textbookBuilt(Fit fit) {
        Textbook t = textbook(fit);
        t.mem.take();
        return t;
    }

    // The four requests as blocks: 212 KiB -> 217088 + 8 = 217096, 417 KiB -> 427016,
    // 112 KiB -> 114696, 426 KiB -> 436232.
    private static final long R212 = 212 * K;
    private static final long R417 = 417 * K;
    private static final long R112 = 112 * K;
    private static final long R426 = 426 * K;

    @Test
    void blockSizesFollowTheHeaderAndAlignmentRule() {
        assertEquals(16, FreeListAllocator.blockSize(0));
        assertEquals(16, FreeListAllocator.blockSize(1));
        assertEquals(16, FreeListAllocator.blockSize(8));
        assertEquals(24, FreeListAllocator.blockSize(9));
        assertEquals(112, FreeListAllocator.blockSize(100));
    }

    @Test
    void textbookBuildGrowsTheHeapPageByPage() {
        Textbook t = textbook(Fit.FIRST);
        // H1 102400 = 25 pages exactly. S1 (16) fits nowhere: one more page, 4080 left.
        // H2 512000: the free 4080 at the end is extended by align_up(512000 - 4080) = 125 pages
        // = 512000, 4080 left again; S2 leaves 4064. H3 204800: align_up(204800 - 4064 = 200736)
        // = 50 pages = 204800; S3 leaves 4048. H4: align_up(307200 - 4048) = 75 pages = 307200;
        // S4 leaves 4032. H5: align_up(614400 - 4032) = 150 pages = 614400; S5 leaves 4016.
        assertEquals(List.of("sbrk(102400)", "sbrk(4096)", "sbrk(512000)", "sbrk(204800)", "sbrk(307200)",
                "sbrk(614400)"), t.mem.take());
        long[] sizes = {100, 500, 200, 300, 600};
        assertEquals(HEAP_START, t.hole[0]);
        for (int i = 0; i < 4; i++) {
            assertEquals(t.hole[i] + sizes[i] * K + 16, t.hole[i + 1], "hole " + (i + 1));
        }
        long tail = t.hole[4] + 600 * K + 16;
        String d = t.a.describe();
        assertTrue(d.contains(String.format("[0x%x, 0x%x) free 4016", tail, tail + 4016)), d);
        assertTrue(d.contains(String.format("[0x%x, 0x%x) free %d", t.hole[1], t.hole[1] + 500 * K, 500 * K)), d);
        assertTrue(d.contains(String.format("[0x%x, 0x%x) used 16", t.hole[0] + 100 * K, t.hole[0] + 100 * K + 16)), d);
    }

    @Test
    void firstFit() {
        Textbook t = textbookBuilt(Fit.FIRST);
        long[] h = t.hole;
        // 212K: 100 too small, 500 fits -> hole 2; leaves 512000 - 217096 = 294904 (288K - 8).
        assertEquals(h[1] + 8, t.a.malloc(R212));
        // 417K (427016): 100, 294904, 200K, 300K too small -> 600K.
        assertEquals(h[4] + 8, t.a.malloc(R417));
        // 112K (114696): 100K no, the 288K - 8 leftover of the 500 yes, right after the 212K block.
        assertEquals(h[1] + 217096 + 8, t.a.malloc(R112));
        // 426K (436232): the largest hole now is 300K -> nothing fits. The heap would grow by
        // align_up(436232 - 4016 free tail) = 106 pages = 434176, which the kernel refuses.
        assertEquals(0, t.a.malloc(R426));
        assertEquals(List.of("sbrk(434176)"), t.mem.take());
    }

    @Test
    void bestFit() {
        Textbook t = textbookBuilt(Fit.BEST);
        long[] h = t.hole;
        // 212K (217096): fits 500, 300, 600 -> smallest 300; leaves 307200 - 217096 = 90104.
        assertEquals(h[3] + 8, t.a.malloc(R212));
        // 417K (427016): fits 500, 600 -> 500; leaves 84984.
        assertEquals(h[1] + 8, t.a.malloc(R417));
        // 112K (114696): 100K, 90104, 84984 too small; fits 200, 600 -> 200.
        assertEquals(h[2] + 8, t.a.malloc(R112));
        // 426K (436232): only 600 fits.
        assertEquals(h[4] + 8, t.a.malloc(R426));
        assertEquals(List.of(), t.mem.take());
    }

    @Test
    void worstFit() {
        Textbook t = textbookBuilt(Fit.WORST);
        long[] h = t.hole;
        // 212K -> largest, 600; leaves 614400 - 217096 = 397304 (388K - 8).
        assertEquals(h[4] + 8, t.a.malloc(R212));
        // 417K -> largest is now 500 (512000 > 397304); leaves 84984.
        assertEquals(h[1] + 8, t.a.malloc(R417));
        // 112K -> largest is the 388K - 8 leftover of the 600.
        assertEquals(h[4] + 217096 + 8, t.a.malloc(R112));
        // 426K: the largest left is 300K (307200; the 600's leftover is 397304 - 114696 = 282608).
        assertEquals(0, t.a.malloc(R426));
        assertEquals(List.of("sbrk(434176)"), t.mem.take());
    }

    @Test
    void nextFitContinuesWhereTheLastSearchEndedAndDiffersFromFirstFit() {
        Textbook t = textbookBuilt(Fit.NEXT);
        long[] h = t.hole;
        // The last malloc of the build was separator 5, so the search starts at the free tail
        // (4016, too small) and wraps: 100 no, 500 yes -> same as first fit.
        assertEquals(h[1] + 8, t.a.malloc(R212));
        // From the 500's leftover (294904): 294904, 200K, 300K no -> 600.
        assertEquals(h[4] + 8, t.a.malloc(R417));
        // From the 600's leftover (614400 - 427016 = 187384 >= 114696): it goes right after
        // the 417K block, where first fit (test above) went back to the 500's leftover.
        assertEquals(h[4] + 427016 + 8, t.a.malloc(R112));
        // 426K: nothing fits anywhere; the kernel refuses the growth.
        assertEquals(0, t.a.malloc(R426));
    }

    /** Three 1008-byte blocks a, b, c and a guard of 1072 fill exactly one page; then the break is frozen. */
    private static long[] threeBlocks(FreeListAllocator a, FakeMemory mem) {
        long pa = a.malloc(1000);
        long pb = a.malloc(1000);
        long pc = a.malloc(1000);
        long g = a.malloc(1064); // 4096 - 3 * 1008 = 1072 = 8 + 1064: the page is exactly full
        assertEquals(List.of("sbrk(4096)"), mem.take());
        mem.freeze();
        return new long[] {pa, pb, pc, g};
    }

    @Test
    void coalescingLetsALargeRequestFitInTwoFreedNeighbours() {
        FakeMemory mem = new FakeMemory();
        FreeListAllocator a = new FreeListAllocator(mem, PAGE, Fit.FIRST, true);
        long[] p = threeBlocks(a, mem);
        a.free(p[0]);
        a.free(p[1]);
        // a + b = 2016 free; malloc(2000) needs 2008; 8 left < 16, so the whole 2016 is given.
        assertEquals(p[0], a.malloc(2000));
        assertTrue(a.describe().contains(String.format("[0x%x, 0x%x) used 2016", HEAP_START, HEAP_START + 2016)),
                a.describe());
        assertEquals(List.of(), mem.take());
    }

    @Test
    void withoutCoalescingTheSameRequestDoesNotFit() {
        FakeMemory mem = new FakeMemory();
        FreeListAllocator a = new FreeListAllocator(mem, PAGE, Fit.FIRST, false);
        long[] p = threeBlocks(a, mem);
        a.free(p[0]);
        a.free(p[1]);
        // Two separate 1008-byte holes; 2008 fits neither; growing needs a fresh page: refused.
        assertEquals(0, a.malloc(2000));
        assertEquals(List.of("sbrk(4096)"), mem.take());
        String d = a.describe();
        assertTrue(d.contains(String.format("[0x%x, 0x%x) free 1008", HEAP_START, HEAP_START + 1008)), d);
        assertTrue(d.contains(String.format("[0x%x, 0x%x) free 1008", HEAP_START + 1008, HEAP_START + 2016)), d);
    }

    @Test
    void freeMergesWithBothNeighbours() {
        FakeMemory mem = new FakeMemory();
        FreeListAllocator a = new FreeListAllocator(mem, PAGE, Fit.FIRST, true);
        long[] p = threeBlocks(a, mem);
        a.free(p[0]);
        a.free(p[2]);
        a.free(p[1]); // joins a (before) and c (after): 3 * 1008 = 3024
        String d = a.describe();
        assertTrue(d.contains(String.format("[0x%x, 0x%x) free 3024%n", HEAP_START, HEAP_START + 3024)), d);
        assertTrue(d.contains(String.format("free list: 0x%x(3024)%n", HEAP_START)), d);
    }

    @Test
    void splitsOnlyWhenAHeaderAndEightBytesRemain() {
        FakeMemory mem = new FakeMemory();
        FreeListAllocator a = new FreeListAllocator(mem, PAGE, Fit.FIRST, true);
        long x = a.malloc(40); // block 48 at the heap start
        a.malloc(8); // guard
        a.free(x);
        // malloc(24): block 32, 16 left -> split.
        assertEquals(x, a.malloc(24));
        assertTrue(a.describe().contains(String.format("[0x%x, 0x%x) free 16", HEAP_START + 32, HEAP_START + 48)));
        a.free(x);
        // malloc(32): block 40, 8 left -> the whole 48 is given.
        assertEquals(x, a.malloc(32));
        assertTrue(a.describe().contains(String.format("[0x%x, 0x%x) used 48", HEAP_START, HEAP_START + 48)),
                a.describe());
    }

    @Test
    void doubleFreeInvalidPointerAndUseAfterFree() {
        FakeMemory mem = new FakeMemory();
        FreeListAllocator a = new FreeListAllocator(mem, PAGE, Fit.FIRST, true);
        long x = a.malloc(100);
        long y = a.malloc(100);
        assertFalse(a.inFreedBlock(x + 50));
        assertEquals(FreeResult.OK, a.free(x));
        assertTrue(a.inFreedBlock(x));
        assertTrue(a.inFreedBlock(x + 50));
        assertFalse(a.inFreedBlock(y));
        assertEquals(FreeResult.DOUBLE_FREE, a.free(x));
        assertEquals(FreeResult.INVALID_POINTER, a.free(y + 8));
        assertEquals(FreeResult.INVALID_POINTER, a.free(12345));
        assertEquals(FreeResult.OK, a.free(0));
        // y is freed and merges with x's block: a second free of y is still a double free.
        assertEquals(FreeResult.OK, a.free(y));
        assertEquals(FreeResult.DOUBLE_FREE, a.free(y));
        // Handed out again: no longer freed.
        assertEquals(x, a.malloc(100));
        assertFalse(a.inFreedBlock(x));
        assertEquals(FreeResult.OK, a.free(x));
    }

    @Test
    void liveBlocksListExactlyWhatWasNotFreed() {
        FreeListAllocator a = new FreeListAllocator(new FakeMemory(), PAGE, Fit.BEST, true);
        long x = a.malloc(10);
        long y = a.malloc(300);
        long z = a.malloc(7);
        a.free(y);
        assertEquals(List.of(new Block(x, 10, false), new Block(z, 7, false)), a.liveBlocks());
        a.free(x);
        a.free(z);
        assertEquals(List.of(), a.liveBlocks());
    }

    @Test
    void outOfMemoryReturnsZero() {
        FakeMemory mem = new FakeMemory();
        mem.freeze();
        FreeListAllocator a = new FreeListAllocator(mem, PAGE, Fit.FIRST, true);
        assertEquals(0, a.malloc(1));
        assertEquals(List.of("sbrk(4096)"), mem.take());
    }

    @Test
    void forkCopyIsIndependent() {
        FakeMemory parentMem = new FakeMemory();
        FreeListAllocator parent = new FreeListAllocator(parentMem, PAGE, Fit.FIRST, true);
        long x = parent.malloc(100);
        FakeMemory childMem = new FakeMemory(parentMem.brk);
        UserAllocator child = parent.copyFor(childMem);
        assertEquals(FreeResult.OK, child.free(x));
        assertEquals(List.of(new Block(x, 100, false)), parent.liveBlocks());
        assertEquals(List.of(), child.liveBlocks());
        child.malloc(10000); // grows the child's heap only
        assertEquals(List.of("sbrk(4096)"), parentMem.take());
        assertEquals(List.of("sbrk(8192)"), childMem.take());
    }

    @Test
    void factoryBuildsTheConfiguredAllocator() {
        UserAllocator a = UserAllocators.create(new MallocSpec(MallocSpec.Kind.FREELIST, 0, Fit.WORST, false),
                new FakeMemory(), PAGE);
        assertEquals("freelist worst fit, no coalescing", a.name());
        assertEquals("ptmalloc", UserAllocators.create(MallocSpec.defaults(), new FakeMemory(), PAGE).name());
    }

    @Test
    void bestAndWorstFitBreakTiesByLowestAddress() {
        for (Fit fit : new Fit[] {Fit.BEST, Fit.WORST}) {
            FakeMemory mem = new FakeMemory();
            FreeListAllocator a = new FreeListAllocator(mem, PAGE, fit, true);
            long[] p = threeBlocks(a, mem);
            a.free(p[2]);
            a.free(p[0]); // two 1008-byte holes, a and c, b between them live
            assertEquals(p[0], a.malloc(1000), fit.name());
            assertEquals(p[2], a.malloc(1000), fit.name());
        }
    }

    @Test
    void nextFitStartsAfterTheLastPlacedBlockWhereFirstFitRestarts() {
        // One page: x = malloc(100) takes block [0, 112), the rest [112, 4096) stays free.
        // After free(x) (no coalescing: two free blocks), malloc(100) again: first fit goes back
        // to 0, next fit continues at 112, where the last search ended.
        for (Fit fit : new Fit[] {Fit.FIRST, Fit.NEXT}) {
            FreeListAllocator a = new FreeListAllocator(new FakeMemory(), PAGE, fit, false);
            long x = a.malloc(100);
            a.free(x);
            assertEquals(fit == Fit.FIRST ? HEAP_START + 8 : HEAP_START + 112 + 8, a.malloc(100), fit.name());
        }
    }
}
