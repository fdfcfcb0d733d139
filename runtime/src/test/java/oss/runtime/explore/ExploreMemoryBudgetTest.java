package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.ir.program.Program;

/** The explorer's own byte limit (a grading budget): counted by the store, so the stop is deterministic. */
class ExploreMemoryBudgetTest {
    private static final Program PHILOSOPHERS = ExploreVerdictTest.compile(ExploreVerdictTest.philosophers(6, "room"));

    @Test
    void withoutALimitTheOldConstructorExploresEverything() {
        ExploreOptions old = new ExploreOptions(5_000_000, 60, true, 64, 3);
        assertEquals(Long.MAX_VALUE, old.maxBytes());
        assertEquals(Long.MAX_VALUE, old.withMaxStates(10).withPor(false).withMaxSeconds(5).maxBytes());
        assertTrue(Explorer.explore(PHILOSOPHERS, old).complete());
    }

    @Test
    void stopsOnceTheStorePassesTheLimitAndSaysSo() {
        ExploreResult full = Explorer.explore(PHILOSOPHERS, ExploreOptions.defaults());
        assertTrue(full.complete());
        assertTrue(full.states() > 10_000, "too small to stop half way: " + full.states());
        long limit = full.storeBytes() / 2;
        ExploreOptions half = ExploreOptions.defaults().withMaxBytes(limit);
        ExploreResult stopped = Explorer.explore(PHILOSOPHERS, half);
        assertFalse(stopped.complete());
        assertEquals(ExploreOptions.memoryBudget(limit), stopped.stoppedBy());
        assertTrue(stopped.storeBytes() > limit, "stopped before the limit was passed");
        assertTrue(stopped.states() < full.states());
        assertTrue(stopped.summary().contains("memory budget"), stopped.summary());
        // the same state on every run: the store counts bytes, not the JVM's heap
        assertEquals(stopped.states(), Explorer.explore(PHILOSOPHERS, half).states());
    }

    @Test
    void namesTheBudgetInTheUnitItWasWrittenIn() {
        assertEquals("memory budget 256 MiB", ExploreOptions.memoryBudget(256L << 20));
        assertEquals("memory budget 96 KiB", ExploreOptions.memoryBudget(96L << 10));
        assertEquals("memory budget 1000 bytes", ExploreOptions.memoryBudget(1000));
    }
}
