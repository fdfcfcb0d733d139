package oss.runtime.kernel.mm.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlabCacheTest {
    private static final long PAGE = 4096;

    private static void assertLists(SlabCache c, int full, int partial, int empty) {
        assertEquals(List.of(full, partial, empty), List.of(c.fullSlabs(), c.partialSlabs(), c.emptySlabs()),
                "full / partial / empty slabs");
    }

    @Test
    void sixteenObjectsPerSlabThenASecondSlab() {
        var frames = new ScriptedFrames(100);
        var c = new SlabCache("test-256", 256, frames);
        assertEquals(16, c.objectsPerSlab()); // 4096 / 256
        for (int i = 0; i < 16; i++) {
            assertEquals(100 * PAGE + i * 256, c.alloc());
        }
        assertEquals(1, c.slabs());
        assertLists(c, 1, 0, 0);
        assertEquals(101 * PAGE, c.alloc()); // the 17th opens a slab on the next frame
        assertEquals(2, c.slabs());
        assertLists(c, 1, 1, 0);
        assertEquals(17, c.activeObjects());
        assertEquals(32, c.totalObjects());
        assertEquals(2, frames.allocations);
    }

    @Test
    void freeMovesSlabsBetweenLists() {
        var c = new SlabCache("test-256", 256, new ScriptedFrames(100));
        for (int i = 0; i < 17; i++) {
            c.alloc();
        }
        c.free(101 * PAGE); // the second slab's only object: it becomes the cached empty slab
        assertLists(c, 1, 0, 1);
        c.free(100 * PAGE + 5 * 256); // a hole in the full slab
        assertLists(c, 0, 1, 1);
        assertEquals(100 * PAGE + 5 * 256, c.alloc()); // partial before empty, lowest free object first
        assertLists(c, 1, 0, 1);
        assertEquals(101 * PAGE, c.alloc()); // then the cached empty slab, no new frame
        assertLists(c, 1, 1, 0);
    }

    @Test
    void firstPartialSlabKeepsBeingUsed() {
        var c = new SlabCache("test-256", 256, new ScriptedFrames(100));
        for (int i = 0; i < 32; i++) {
            c.alloc();
        }
        c.free(100 * PAGE + 3 * 256);
        c.free(100 * PAGE + 4 * 256);
        c.free(101 * PAGE + 7 * 256);
        // Slab 100 went partial first; it should serve both of the next two, not alternate with slab 101.
        assertEquals(100 * PAGE + 3 * 256, c.alloc());
        assertEquals(100 * PAGE + 4 * 256, c.alloc());
        assertEquals(101 * PAGE + 7 * 256, c.alloc());
    }

    @Test
    void onlyOneEmptySlabIsCached() {
        var frames = new ScriptedFrames(100);
        var c = new SlabCache("test-256", 256, frames);
        for (int i = 0; i < 32; i++) {
            c.alloc();
        }
        for (int i = 0; i < 16; i++) {
            c.free(100 * PAGE + i * 256);
        }
        assertEquals(List.of(), frames.freed);
        for (int i = 0; i < 16; i++) {
            c.free(101 * PAGE + i * 256);
        }
        assertEquals(List.of(101L), frames.freed); // the second empty slab goes back
        assertEquals(1, c.slabs());
        assertLists(c, 0, 0, 1);
        assertEquals(100 * PAGE, c.alloc()); // from the cached slab, no new frame
        assertEquals(2, frames.allocations);
    }

    @Test
    void shrinkReturnsTheCachedEmptySlab() {
        var frames = new ScriptedFrames(100);
        var c = new SlabCache("test-256", 256, frames);
        c.free(c.alloc());
        c.shrink();
        assertEquals(List.of(100L), frames.freed);
        assertEquals(0, c.slabs());
    }

    @Test
    void badFreesAreRejected() {
        var c = new SlabCache("test-256", 256, new ScriptedFrames(100));
        long a = c.alloc();
        c.alloc();
        assertThrows(IllegalArgumentException.class, () -> c.free(a + 1)); // inside an object
        assertThrows(IllegalArgumentException.class, () -> c.free(5 * PAGE)); // not this cache's memory
        c.free(a);
        assertThrows(IllegalArgumentException.class, () -> c.free(a)); // double free
    }

    @Test
    void objectBiggerThanAPageUsesAContiguousRun() {
        var frames = new ScriptedFrames(100);
        var c = new SlabCache("big", 8192, frames);
        assertEquals(2, c.pagesPerSlab());
        assertEquals(1, c.objectsPerSlab());
        long a = c.alloc();
        assertEquals(List.of(2), frames.runRequests);
        assertEquals(1000 * PAGE, a); // the scripted run counter starts at frame 1000
        c.alloc();
        c.free(a);
        c.free(1002 * PAGE);
        assertEquals(List.of(1002L, 1003L), frames.freed); // second empty slab returned, both its frames
    }

    @Test
    void oddSizesRoundTheSlabUpToAPowerOfTwoPages() {
        var c = new SlabCache("odd", 9792, new ScriptedFrames(100));
        assertEquals(4, c.pagesPerSlab()); // 3 pages needed, slabs are 2^k pages
        assertEquals(1, c.objectsPerSlab()); // 16384 / 9792
        var d = new SlabCache("odd2", 3000, new ScriptedFrames(100));
        assertEquals(1, d.pagesPerSlab());
        assertEquals(1, d.objectsPerSlab());
    }

    @Test
    void outOfFramesIsMinusOne() {
        var c = new SlabCache("test-2048", 2048, ScriptedFrames.of(7));
        assertEquals(7 * PAGE, c.alloc());
        assertEquals(7 * PAGE + 2048, c.alloc());
        assertEquals(-1, c.alloc());
        assertEquals(2, c.activeObjects());
    }

    @Test
    void slabinfoLine() {
        var c = new SlabCache("test-256", 256, new ScriptedFrames(100));
        for (int i = 0; i < 17; i++) {
            c.alloc();
        }
        // "%-17s %6lu %6lu %6u %4u %4d": name padded to 17, then 17 active, 32 total, 256 bytes, 16 per slab, 1 page.
        assertEquals("test-256" + " ".repeat(9) + " " + "    17" + " " + "    32" + " " + "   256" + " " + "  16" + " " + "   1",
                c.slabinfo());
    }
}
