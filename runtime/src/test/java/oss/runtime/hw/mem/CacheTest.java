package oss.runtime.hw.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import oss.ir.program.CacheSpec;

/** 256 bytes, 2-way, 64-byte lines: 2 sets; set = (addr / 64) mod 2. */
class CacheTest {
    private final Cache cache = new Cache(new CacheSpec("t", 256, 2, 64, 1, false));

    @Test
    void handCountedSequence() {
        assertEquals(2, cache.sets());
        assertFalse(cache.access(0x000, false)); // line 0, set 0: miss          set0 {0}
        assertFalse(cache.access(0x040, false)); // line 1, set 1: miss          set1 {1}
        assertFalse(cache.access(0x080, false)); // line 2, set 0: miss          set0 {0 2}
        assertTrue(cache.access(0x010, false));  // line 0: hit                  LRU of set0 is 2
        assertFalse(cache.access(0x100, false)); // line 4, set 0: evicts 2      set0 {0 4}
        assertFalse(cache.access(0x0BF, false)); // line 2: evicts 0 (LRU)       set0 {4 2}
        assertFalse(cache.access(0x03F, false)); // line 0: evicts 4             set0 {2 0}
        assertTrue(cache.access(0x07F, false));  // line 1, set 1: hit
        assertEquals(2, cache.hits());
        assertEquals(6, cache.misses());
        assertEquals(0, cache.writebacks());
    }

    @Test
    void evictingADirtyLineIsAWriteback() {
        cache.access(0x000, true);  // line 0 miss, allocated dirty (write-allocate)
        cache.access(0x080, false); // line 2 miss           set0 {0* 2}
        cache.access(0x100, false); // line 4 evicts dirty 0 -> writeback 1
        assertEquals(1, cache.writebacks());
        assertEquals(0x000, cache.lastWriteback());
        cache.access(0x180, false); // line 6 evicts clean 2
        assertEquals(1, cache.writebacks());
        assertEquals(-1, cache.lastWriteback());
        cache.access(0x100, true);  // write hit: line 4 now dirty
        cache.access(0x000, false); // line 0 evicts 6 (LRU, clean)   set0 {4* 0}
        cache.access(0x080, false); // line 2 evicts dirty 4
        assertEquals(2, cache.writebacks());
        assertEquals(0x100, cache.lastWriteback());
    }

    @Test
    void absorbedWritebackIsNeitherHitNorMiss() {
        cache.absorbWriteback(0x040);
        assertEquals(0, cache.hits() + cache.misses());
        assertTrue(cache.access(0x040, false));
        cache.access(0x0C0, false); // line 3, set 1
        cache.access(0x140, false); // line 5, set 1 evicts LRU line 1, which is dirty
        assertEquals(1, cache.writebacks());
    }

    @Test
    void geometryMustBeWholeSets() {
        assertThrows(IllegalArgumentException.class, () -> new Cache(new CacheSpec("bad", 200, 2, 64, 1, false)));
        assertEquals("t", cache.name());
    }
}
