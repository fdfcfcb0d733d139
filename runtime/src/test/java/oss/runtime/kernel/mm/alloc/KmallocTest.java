package oss.runtime.kernel.mm.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KmallocTest {

    private static long active(Kmalloc k, String name) {
        return k.caches().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().activeObjects();
    }

    @Test
    void hundredBytesLandInKmalloc128() {
        var k = new Kmalloc(new ScriptedFrames(100));
        long a = k.kmalloc(100);
        assertEquals(1, active(k, "kmalloc-128"));
        assertEquals(0, active(k, "kmalloc-96"));
        assertEquals(0, active(k, "kmalloc-192"));
        k.kfree(a);
        assertEquals(0, active(k, "kmalloc-128"));
    }

    @Test
    void sizeClassBoundaries() {
        var k = new Kmalloc(new ScriptedFrames(100));
        assertEquals("kmalloc-8", k.cacheFor(1).name());
        assertEquals("kmalloc-8", k.cacheFor(8).name());
        assertEquals("kmalloc-16", k.cacheFor(9).name());
        assertEquals("kmalloc-96", k.cacheFor(65).name());
        assertEquals("kmalloc-96", k.cacheFor(96).name());
        assertEquals("kmalloc-128", k.cacheFor(97).name());
        assertEquals("kmalloc-192", k.cacheFor(129).name());
        assertEquals("kmalloc-256", k.cacheFor(193).name());
        assertEquals("kmalloc-1k", k.cacheFor(513).name());
        assertEquals("kmalloc-2k", k.cacheFor(1025).name());
        assertEquals("kmalloc-4k", k.cacheFor(4096).name());
        assertEquals("kmalloc-8k", k.cacheFor(4097).name());
        assertEquals("kmalloc-8k", k.cacheFor(8192).name());
        assertNull(k.cacheFor(8193));
        assertEquals(13, k.caches().size());
    }

    @Test
    void eightKUsesTwoFrameSlabs() {
        var frames = new ScriptedFrames(100);
        var k = new Kmalloc(frames);
        long a = k.kmalloc(5000);
        assertEquals(List.of(2), frames.runRequests);
        assertEquals(1, active(k, "kmalloc-8k"));
        k.kfree(a);
        assertEquals(0, active(k, "kmalloc-8k"));
    }

    @Test
    void beyondEightKGoesToThePageAllocator() {
        var frames = new ScriptedFrames(100);
        var k = new Kmalloc(frames);
        long a = k.kmalloc(10_000); // 3 pages, rounded to an order-2 run of 4
        assertEquals(List.of(4), frames.runRequests);
        assertEquals(1000 * 4096L, a);
        k.kfree(a);
        assertEquals(List.of(1000L, 1001L, 1002L, 1003L), frames.freed);
        assertThrows(IllegalArgumentException.class, () -> k.kfree(a)); // gone now
    }

    @Test
    void zeroSizeAndNullAreHarmless() {
        var frames = new ScriptedFrames(100);
        var k = new Kmalloc(frames);
        assertEquals(Kmalloc.ZERO_SIZE_PTR, k.kmalloc(0));
        k.kfree(Kmalloc.ZERO_SIZE_PTR);
        k.kfree(0);
        assertEquals(0, frames.allocations);
    }

    @Test
    void kfreeOfAnAddressKmallocNeverGaveIsRejected() {
        var k = new Kmalloc(new ScriptedFrames(100));
        k.kmalloc(32);
        assertThrows(IllegalArgumentException.class, () -> k.kfree(5 * 4096L));
        assertThrows(IllegalArgumentException.class, () -> k.kfree(100 * 4096L + 1)); // inside a kmalloc-32 object
    }

    @Test
    void slabinfoLargestFirst() {
        String[] lines = new Kmalloc(new ScriptedFrames(100)).slabinfo().split("\n");
        assertEquals(13, lines.length);
        assertTrue(lines[0].startsWith("kmalloc-8k "), lines[0]);
        assertTrue(lines[12].startsWith("kmalloc-8 "), lines[12]);
    }
}
