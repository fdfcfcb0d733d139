package oss.runtime.hw.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import oss.runtime.observe.CacheStats;
import oss.ir.program.CacheSpec;

class CacheHierarchyTest {
    private static final CacheSpec L1 = new CacheSpec("L1d", 32 << 10, 8, 64, 4, false);
    private static final CacheSpec L2 = new CacheSpec("L2", 1 << 20, 16, 64, 12, true);

    @Test
    void cyclesAddUpLevelByLevel() {
        CacheHierarchy h = new CacheHierarchy(List.of(L1, L2), 2, 200);
        assertEquals(new CacheHierarchy.Outcome("memory", 4 + 12 + 200), h.access(0, 0x1000, false));
        assertEquals(new CacheHierarchy.Outcome("L1d", 4), h.access(0, 0x1008, false)); // same line, filled on the way back
        // CPU 1 has its own L1d, but L2 is shared and already holds the line
        assertEquals(new CacheHierarchy.Outcome("L2", 4 + 12), h.access(1, 0x1000, false));
        assertEquals(new CacheHierarchy.Outcome("L1d", 4), h.access(1, 0x1000, true));
    }

    @Test
    void statsSumPrivateCopiesNearestFirst() {
        CacheHierarchy h = new CacheHierarchy(List.of(L1, L2), 2, 200);
        h.access(0, 0x1000, false); // L1d(0) miss, L2 miss
        h.access(0, 0x1000, false); // L1d(0) hit
        h.access(1, 0x1000, false); // L1d(1) miss, L2 hit
        h.access(1, 0x2000, false); // L1d(1) miss, L2 miss
        assertEquals(List.of(new CacheStats("L1d", 1, 3, 0), new CacheStats("L2", 1, 2, 0)), h.stats());
    }

    @Test
    void noCachesMeansEveryAccessGoesToMemory() {
        CacheHierarchy h = new CacheHierarchy(List.of(), 1, 200);
        assertEquals(new CacheHierarchy.Outcome("memory", 200), h.access(0, 0x40, true));
        assertEquals(List.of(), h.stats());
    }

    @Test
    void dirtyLinesAreWrittenBackIntoTheNextLevel() {
        // L1: one 64-byte line. L2: one set of two lines.
        CacheHierarchy h = new CacheHierarchy(List.of(
                new CacheSpec("L1", 64, 1, 64, 1, false),
                new CacheSpec("L2", 128, 2, 64, 10, true)), 1, 100);
        assertEquals(new CacheHierarchy.Outcome("memory", 111), h.access(0, 0x00, true)); // A: L1 {A*}, L2 {A}
        h.access(0, 0x40, false); // B: L1 evicts A* (wb), L2 fills B, then absorbs A: L2 {A* B}, A most recent
        h.access(0, 0x80, false); // C: L1 evicts B clean; L2 evicts LRU B (clean): L2 {A* C}
        h.access(0, 0xC0, false); // D: L1 evicts C clean; L2 evicts LRU A*: L2 writeback
        assertEquals(List.of(new CacheStats("L1", 0, 4, 1), new CacheStats("L2", 0, 4, 1)), h.stats());
    }
}
