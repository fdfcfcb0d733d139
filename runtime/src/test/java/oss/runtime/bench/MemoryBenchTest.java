package oss.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * What the memory bench simulates, with and without the paging-structure caches, is fixed by the
 * model, not by how fast the simulator computes it: a change made for speed must leave every counter
 * as it was. The values are those the bench printed for 200,000 references when the caches came in
 * (before any speed work on the MMU path).
 */
class MemoryBenchTest {
    private static final long REFERENCES = 200_000;

    @Test
    void randomTrace() {
        assertEquals("tlb 754/199246, L1d 23578/375711, L2 177912/197799, psc 199246/0 (hits/misses), 199246 walks,"
                + " 45665488 cycles", MemoryBench.run(MemoryBench.Trace.RANDOM, REFERENCES, true).simulated());
        assertEquals("tlb 754/199246, L1d 621026/375958, L2 178173/197785, psc 0/0 (hits/misses), 199246 walks,"
                + " 48056432 cycles", MemoryBench.run(MemoryBench.Trace.RANDOM, REFERENCES, false).simulated());
    }

    @Test
    void sequentialTrace() {
        assertEquals("tlb 199609/391, L1d 175341/25052, L2 33/25019, psc 391/0 (hits/misses), 391 walks,"
                + " 6105996 cycles", MemoryBench.run(MemoryBench.Trace.SEQUENTIAL, REFERENCES, true).simulated());
        assertEquals("tlb 199609/391, L1d 176512/25052, L2 33/25019, psc 0/0 (hits/misses), 391 walks,"
                + " 6110680 cycles", MemoryBench.run(MemoryBench.Trace.SEQUENTIAL, REFERENCES, false).simulated());
    }
}
