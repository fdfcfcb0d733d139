package oss.runtime.kernel.mm.malloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.mm.malloc.FakeMemory.HEAP_START;
import static oss.runtime.kernel.mm.malloc.FakeMemory.MMAP_TOP;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ptmalloc against hand-computed glibc arithmetic (x86_64: SIZE_SZ 8, chunks
 * 16-aligned, MINSIZE 32, top_pad and trim threshold 128 KiB, pages of 4096).
 * H is the initial break; a heap chunk at c has user address c + 16.
 */
class PtmallocTest {
    private static final long K = 1024;
    private static final long H = HEAP_START;

    private final FakeMemory mem = new FakeMemory();
    private final Ptmalloc p = new Ptmalloc(mem, 4096, 128 * K);

    @Test
    void request2sizeAddsEightAndRoundsToSixteenAtLeast32() {
        assertEquals(32, Ptmalloc.request2size(0));
        assertEquals(32, Ptmalloc.request2size(24)); // 24 + 8 = 32
        assertEquals(48, Ptmalloc.request2size(25)); // 33 -> 48
        assertEquals(112, Ptmalloc.request2size(100)); // 108 -> 112
        assertEquals(1040, Ptmalloc.request2size(1032)); // the largest tcache size
        assertEquals(1056, Ptmalloc.request2size(1033));
    }

    @Test
    void firstMallocSbrksTheChunkPlusTopPadRoundedToPages() {
        // nb 112 + top_pad 131072 + MINSIZE 32 = 131216 -> 33 pages = 135168.
        assertEquals(H + 16, p.malloc(100));
        assertEquals(List.of("sbrk(135168)"), mem.take());
        // The next one splits the top right after the first chunk.
        assertEquals(H + 112 + 16, p.malloc(100));
        assertEquals(List.of(), mem.take());
        String d = p.describe();
        // Top: 135168 - 224 = 134944 = 0x20f20, PREV_INUSE -> 0x20f21.
        assertTrue(d.contains(String.format("chunk 0x%x size 134944 (0x20f21, PREV_INUSE) mem 0x%x  top", H + 224,
                H + 240)), d);
        assertTrue(d.contains(String.format("chunk 0x%x size 112 (0x71, PREV_INUSE) mem 0x%x  in use (100 requested)",
                H, H + 16)), d);
    }

    @Test
    void largeRequestIsMmappedAndMunmappedOnFree() {
        // 200 KiB: nb = 204800 + 8 -> 204816; mapping align_up(204816 + 8) = 51 pages = 208896.
        long big = p.malloc(200 * K);
        long chunk = MMAP_TOP - 208896;
        assertEquals(chunk + 16, big);
        assertEquals(List.of("mmap(208896)"), mem.take());
        assertEquals(List.of(new Block(big, 200 * K, true)), p.liveBlocks());
        assertEquals(FreeResult.OK, p.free(big));
        assertEquals(List.of(String.format("munmap(0x%x, 208896)", chunk)), mem.take());
        assertEquals(List.of(), p.liveBlocks());
        assertFalse(p.inFreedBlock(big), "unmapped memory is not a freed heap block");
    }

    @Test
    void dynamicThresholdServesTheSecondLargeMallocFromTheHeap() {
        long big = p.malloc(200 * K);
        p.free(big);
        mem.take();
        // The freed mapping (208896) was above the threshold 131072: it becomes the threshold.
        assertEquals(208896, p.mmapThreshold());
        assertEquals(2 * 208896, p.trimThreshold());
        // nb 204816 < 208896 -> brk: 204816 + 131072 + 32 = 335920 -> 83 pages = 339968.
        assertEquals(H + 16, p.malloc(200 * K));
        assertEquals(List.of("sbrk(339968)"), mem.take());
    }

    @Test
    void thresholdIsCheckedOnlyWhenTheTopCannotServe() {
        Ptmalloc q = new Ptmalloc(mem, 4096, 64 * K);
        q.malloc(100); // top 135168 - 112 = 135056
        mem.take();
        // 64 KiB: nb 65552 >= threshold 65536, but the top has 135056 >= 65552 + 32.
        assertEquals(H + 112 + 16, q.malloc(64 * K));
        assertEquals(List.of(), mem.take());
        // 100 KiB: nb 102416; the top has 135056 - 65552 = 69504 < 102448 -> sysmalloc -> mmap
        // align_up(102424) = 26 pages = 106496.
        q.malloc(100 * K);
        assertEquals(List.of("mmap(106496)"), mem.take());
    }

    @Test
    void tcacheReturnsTheLastFreedChunkOfThatSize() {
        long a = p.malloc(100);
        long b = p.malloc(100);
        p.free(a);
        assertEquals(a, p.malloc(100));
        p.free(a);
        p.free(b);
        assertEquals(List.of(b, a), p.tcacheBin(112));
        assertEquals(b, p.malloc(100)); // LIFO
        assertEquals(a, p.malloc(100));
        p.free(a);
        // A different size class does not take it: 200 -> 208, from the top after b.
        assertEquals(H + 224 + 16, p.malloc(200));
        assertEquals(List.of("sbrk(135168)"), mem.take());
    }

    /** c0..c8 = malloc(40) (48-byte chunks at H + 48i) and a guard at H + 432, then all nine freed. */
    private long[] nineFreedFortyEights() {
        long[] c = new long[9];
        for (int i = 0; i < 9; i++) {
            c[i] = p.malloc(40);
            assertEquals(H + 48L * i + 16, c[i]);
        }
        p.malloc(40);
        for (int i = 0; i < 9; i++) {
            assertEquals(FreeResult.OK, p.free(c[i]));
        }
        return c;
    }

    @Test
    void eighthFreeOfASizeGoesToTheFastbinWhichRefillsTheTcache() {
        long[] c = nineFreedFortyEights();
        // c0..c6 fill tcache (7); c7 then c8 go to fastbin[1] (48), c8 on top.
        String d = p.describe();
        assertTrue(d.contains(String.format("fastbin[1] size 48: 0x%x 0x%x", H + 8 * 48, H + 7 * 48)), d);
        assertTrue(d.contains("tcache[1] size 48 (7/7):"), d);
        for (int i = 6; i >= 0; i--) {
            assertEquals(c[i], p.malloc(40));
        }
        // tcache empty: the fastbin's head c8; c7 is stashed into the tcache.
        assertEquals(c[8], p.malloc(40));
        assertEquals(List.of(c[7]), p.tcacheBin(48));
        assertEquals(c[7], p.malloc(40));
    }

    @Test
    void largeRequestConsolidatesFastbinChunks() {
        long[] c = nineFreedFortyEights();
        // malloc(2000): nb 2016 is large, so fastbins are consolidated: c8 (neighbours c7 in a
        // fastbin and the guard: both count as in use) goes alone to the unsorted bin, then c7
        // merges with it: one 96-byte chunk at H + 336, sorted into small bin 6. Nothing fits
        // 2016, so the top (at H + 480) is split.
        assertEquals(H + 480 + 16, p.malloc(2000));
        String d = p.describe();
        assertTrue(d.contains(String.format("smallbin[6] size 96: 0x%x(96)", H + 336)), d);
        // malloc(80): nb 96, no tcache or fastbin entry -> small bin 6: the merged chunk.
        assertEquals(c[7], p.malloc(80));
    }

    @Test
    void freedNeighboursCoalesceAndALargerRequestSplitsThem() {
        // 1100 -> 1120-byte chunks: too big for tcache (max 1040) and fastbins.
        long a = p.malloc(1100);
        long b = p.malloc(1100);
        long c = p.malloc(1100);
        p.malloc(1100); // guard against the top
        p.free(a);
        p.free(b); // merges with a: 2240 at H
        assertTrue(p.describe().contains(String.format("unsorted: 0x%x(2240)", H)), p.describe());
        // malloc(2000): nb 2016; the 2240 is sorted into large bin 83 (2240 >> 6 = 35, 48 + 35),
        // its own bin 79 (2016 >> 6 = 31) is empty, the binmap search finds 83: split, and the
        // 224 left goes to the unsorted bin.
        assertEquals(a, p.malloc(2000));
        assertTrue(p.describe().contains(String.format("unsorted: 0x%x(224)", H + 2016)), p.describe());
        p.free(c); // 224 before it is free: 224 + 1120 = 1344 at H + 2016
        assertTrue(p.describe().contains(String.format("unsorted: 0x%x(1344)", H + 2016)), p.describe());
        // b's old address now lies inside the live 2016-byte chunk handed out at a: not free, but
        // freeing the old pointer b again is still the program's double free.
        assertFalse(p.inFreedBlock(b));
        assertTrue(p.inFreedBlock(c));
        assertEquals(FreeResult.DOUBLE_FREE, p.free(b));
    }

    @Test
    void chunkNextToTheTopMergesIntoIt() {
        long a = p.malloc(2000);
        mem.take();
        p.free(a);
        // The top is back at H with all 135168 bytes (0x21000 | PREV_INUSE). That is >= 64 KiB and
        // >= the trim threshold, so systrim runs, but 135168 - 33 - 131072 = 4063 < one page.
        assertTrue(p.describe().contains(String.format("chunk 0x%x size 135168 (0x21001, PREV_INUSE) mem 0x%x  top",
                H, H + 16)), p.describe());
        assertEquals(List.of(), mem.take());
        assertEquals(a, p.malloc(2000));
    }

    @Test
    void topIsTrimmedWithNegativeSbrk() {
        long p1 = p.malloc(100); // sbrk(135168); top 135056
        // 120 KiB: nb 122896, fits the top: top 12160, at H + 123008.
        long p2 = p.malloc(120 * K);
        // 60 KiB: nb 61456 > 12160 - 32: sysmalloc 61456 + 131072 + 32 - 12160 = 180400
        // -> 45 pages = 184320; top 196480, split: top 135024.
        long p3 = p.malloc(60 * K);
        assertEquals(H + 123008 + 16, p3);
        assertEquals(List.of("sbrk(135168)", "sbrk(184320)"), mem.take());
        // free(p3) merges into the top: 196480 >= 131072 -> systrim: 196480 - 33 - 131072 = 65375
        // -> 15 pages = 61440.
        p.free(p3);
        assertEquals(List.of("sbrk(-61440)"), mem.take());
        // free(p2): top 135040 + 122896 = 257936: 257936 - 33 - 131072 = 126831 -> 30 pages.
        p.free(p2);
        assertEquals(List.of("sbrk(-122880)"), mem.take());
        assertEquals(H + 135168, mem.brk);
        assertTrue(p.describe().contains("[0x" + Long.toHexString(H) + ", 0x" + Long.toHexString(H + 135168)
                + ") 135168 bytes"), p.describe());
        assertEquals(List.of(new Block(p1, 100, false)), p.liveBlocks());
    }

    @Test
    void doubleFreeIsDetectedInEveryBin() {
        long a = p.malloc(100); // tcache size
        long x = p.malloc(2000); // unsorted-bin size
        p.malloc(100); // guard: x does not merge into the top
        long big = p.malloc(200 * K); // mmapped
        assertEquals(FreeResult.OK, p.free(a));
        assertEquals(FreeResult.DOUBLE_FREE, p.free(a));
        assertEquals(FreeResult.OK, p.free(x));
        assertEquals(FreeResult.DOUBLE_FREE, p.free(x));
        assertEquals(FreeResult.OK, p.free(big));
        mem.take();
        assertEquals(FreeResult.DOUBLE_FREE, p.free(big));
        assertEquals(List.of(), mem.take(), "no second munmap");
        // Handed out again, freeing is fine again.
        assertEquals(a, p.malloc(100));
        assertEquals(FreeResult.OK, p.free(a));
    }

    @Test
    void fastbinDoubleFreeIsDetectedToo() {
        long[] c = nineFreedFortyEights();
        assertEquals(FreeResult.DOUBLE_FREE, p.free(c[7])); // not the fastbin top: glibc would miss it
        assertEquals(FreeResult.DOUBLE_FREE, p.free(c[8]));
    }

    @Test
    void invalidPointers() {
        long a = p.malloc(100);
        assertEquals(FreeResult.INVALID_POINTER, p.free(a + 8));
        assertEquals(FreeResult.INVALID_POINTER, p.free(H + 5000)); // inside the top
        assertEquals(FreeResult.INVALID_POINTER, p.free(42));
        assertEquals(FreeResult.OK, p.free(0));
        assertEquals(FreeResult.OK, p.free(a));
    }

    @Test
    void inFreedBlockForUseAfterFree() {
        long a = p.malloc(100);
        long b = p.malloc(100);
        assertFalse(p.inFreedBlock(a));
        p.free(a);
        assertTrue(p.inFreedBlock(a));
        assertTrue(p.inFreedBlock(a + 50));
        assertFalse(p.inFreedBlock(b));
        assertTrue(p.inFreedBlock(b + 200), "the top is free memory");
        assertFalse(p.inFreedBlock(H + 135168), "beyond the break");
        assertEquals(a, p.malloc(100));
        assertFalse(p.inFreedBlock(a));
    }

    @Test
    void liveBlocksListExactlyWhatWasNotFreed() {
        long a = p.malloc(100);
        long b = p.malloc(200);
        long big = p.malloc(300 * K);
        long d = p.malloc(5000);
        p.free(b);
        p.free(d);
        assertEquals(List.of(new Block(a, 100, false), new Block(big, 300 * K, true)), p.liveBlocks());
    }

    @Test
    void outOfMemoryReturnsZero() {
        mem.freeze();
        mem.refuseMmap = true;
        assertEquals(0, p.malloc(100));
        assertEquals(List.of("sbrk(135168)"), mem.take());
        // mmap refused, then the heap is tried: 204816 + 131072 + 32 = 335920 -> 339968.
        assertEquals(0, p.malloc(200 * K));
        assertEquals(List.of("mmap(208896)", "sbrk(339968)"), mem.take());
    }

    @Test
    void misalignedFirstBreakIsCorrectedWithASecondSbrk() {
        FakeMemory m = new FakeMemory(H + 8);
        Ptmalloc q = new Ptmalloc(m, 4096, 128 * K);
        // sbrk(135168) returns H + 8: chunk2mem misaligned by 8 -> correction 8, the heap starts
        // at H + 16; the end H + 8 + 135168 + 8 = H + 135184 is rounded to the page H + 139264,
        // 4080 more: sbrk(4088).
        assertEquals(H + 16 + 16, q.malloc(100));
        assertEquals(List.of("sbrk(135168)", "sbrk(4088)"), m.take());
        assertEquals(H + 139264, m.brk);
        // The top ends at the break: the next growth extends it.
        // Top = 139248 - 112 = 139136; malloc(130000): nb 130016 fits.
        assertNotEquals(0, q.malloc(130000));
        assertEquals(List.of(), m.take());
    }

    @Test
    void forkCopyIsIndependent() {
        long a = p.malloc(100);
        FakeMemory childMem = new FakeMemory(mem.brk);
        UserAllocator child = p.copyFor(childMem);
        assertEquals(FreeResult.OK, child.free(a));
        assertEquals(List.of(new Block(a, 100, false)), p.liveBlocks());
        assertEquals(a, child.malloc(100));
        assertEquals(a + 112, p.malloc(100));
        child.malloc(200 * K);
        assertEquals(List.of("mmap(208896)"), childMem.take());
        assertEquals(List.of("sbrk(135168)"), mem.take());
    }

    @Test
    void sysmallocAsksForMinsizeBeyondTheRequestAndTopPad() {
        // malloc(4072): nb 4080; 4080 + 131072 + 32 = 135184 is 16 bytes past 33 pages -> 34 pages.
        // (Without glibc's MINSIZE it would be 135152 -> 33 pages.)
        p.malloc(4072);
        assertEquals(List.of("sbrk(139264)"), mem.take());
    }

    @Test
    void largeBinTakesTheSecondOfEqualSizedChunks() {
        long a = p.malloc(1100); // 1120-byte chunks, kept apart by guards
        p.malloc(100);
        long b = p.malloc(1100);
        p.malloc(100);
        p.free(a);
        p.free(b); // unsorted, head first: b, a
        // malloc(1096): nb 1104, large bin 48 + (1104 >> 6) = 65, the bin of 1120 too. The unsorted
        // bin is taken from its tail: a goes into bin 65, then b, equal in size, in the second
        // position: [a, b]. The best fit is 1120; of the two, glibc takes the second, b. The 16
        // bytes left are less than MINSIZE, so b is handed out whole.
        assertEquals(b, p.malloc(1096));
        assertTrue(p.describe().contains(String.format("largebin[65]: 0x%x(1120)", a - 16)), p.describe());
    }

    @Test
    void mmappedChunkReservesEightBytesMoreThanTheChunk() {
        // malloc(131064): nb = 131072 = the threshold -> mmap; 131072 + 8 spills into a 33rd page.
        long x = p.malloc(128 * K - 8);
        assertEquals(List.of("mmap(135168)"), mem.take());
        assertEquals(MMAP_TOP - 135168 + 16, x);
    }

    @Test
    void smallBinIsFirstInFirstOut() {
        // 136 -> 144-byte chunks: above the fastbin limit (128), each followed by a guard.
        long[] s = new long[9];
        for (int i = 0; i < 9; i++) {
            s[i] = p.malloc(136);
            p.malloc(10);
        }
        for (int i = 0; i < 9; i++) {
            p.free(s[i]); // s0..s6 fill the tcache, s7 then s8 go to the unsorted bin
        }
        p.malloc(2000); // a large request sorts s7, then s8, into small bin 9 and uses the top
        for (int i = 6; i >= 0; i--) {
            assertEquals(s[i], p.malloc(136));
        }
        assertEquals(s[7], p.malloc(136)); // the oldest in the small bin; s8 is stashed in the tcache
        assertEquals(List.of(s[8]), p.tcacheBin(144));
    }

    @Test
    void smallRequestSplitsTheLastRemainderBeforeSearchingTheBins() {
        long[] t = new long[8];
        for (int i = 0; i < 8; i++) {
            t[i] = p.malloc(200); // 208-byte chunks at H + 208i
        }
        p.malloc(10); // guard at H + 1664 (32 bytes)
        long x = p.malloc(1100); // 1120 at H + 1696
        p.malloc(10); // guard
        for (long c : t) {
            p.free(c); // t0..t6 to the tcache, t7 to the unsorted bin
        }
        p.free(x);
        // malloc(296), nb 304: t7 goes to small bin 13, x to large bin 65; the binmap search from
        // bin 20 finds x: split, the 816 left (at H + 2000) is the last remainder.
        assertEquals(x, p.malloc(296));
        // malloc(100), nb 112: the unsorted bin holds only the last remainder, bigger than
        // 112 + 32: it is split (704 left at H + 2112) although t7 in bin 13 would fit better.
        assertEquals(H + 2000 + 16, p.malloc(100));
        assertTrue(p.describe().contains(String.format("unsorted: 0x%x(704)", H + 2112)), p.describe());
        assertTrue(p.describe().contains(String.format("smallbin[13] size 208: 0x%x(208)", t[7] - 16)),
                p.describe());
    }
}
