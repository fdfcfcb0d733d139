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
        // every state stored: with symmetry the six philosophers' room is too small to stop half way
        ExploreResult full = Explorer.explore(PHILOSOPHERS, ExploreOptions.defaults().withSymmetry(false));
        assertTrue(full.complete());
        assertTrue(full.states() > 10_000, "too small to stop half way: " + full.states());
        long limit = full.storeBytes() / 2;
        ExploreOptions half = ExploreOptions.defaults().withSymmetry(false).withMaxBytes(limit);
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
    void aStateWithThousandsOfTasksStopsWithinTheBudgetNotAtTheArenasEnd() {
        // each expansion of a 2,000-task state adds 2,000 states: checked per state added, the store stops
        // a state's worth past the limit instead of running into its 2 GiB arena limit
        Program many = ExploreVerdictTest.compile("""
                scenario "many" {
                  mutex m
                  process p[i in 0..1999] {
                    lock m
                    unlock m
                  }
                }
                """);
        long limit = 8L << 20;
        ExploreResult r = Explorer.explore(many, ExploreOptions.defaults().withMaxBytes(limit));
        assertEquals(ExploreOptions.memoryBudget(limit), r.stoppedBy());
        assertTrue(r.storeBytes() < limit + (1L << 20), "overshot: " + r.storeBytes());
    }

    @Test
    void theStoreCountsItsBytesAsItGrows() {
        Model model = new Model(PHILOSOPHERS, 64);
        StateStore store = new StateStore(model);
        assertEquals(store.bytesCounted(), store.bytes());
        int[] s = model.initial();
        for (int i = 0; i < 100_000; i++) {
            s[model.base(0) + Model.PC] = Model.ALIVE + i; // a new state each time: the first task's pc
            store.add(s, i - 1);
            if (i % 9_999 == 0) {
                assertEquals(store.bytesCounted(), store.bytes(), "after " + i + " states");
            }
        }
        assertEquals(store.bytesCounted(), store.bytes());
    }

    @Test
    void namesTheBudgetInTheUnitItWasWrittenIn() {
        assertEquals("memory budget 256 MiB", ExploreOptions.memoryBudget(256L << 20));
        assertEquals("memory budget 96 KiB", ExploreOptions.memoryBudget(96L << 10));
        assertEquals("memory budget 1000 bytes", ExploreOptions.memoryBudget(1000));
    }
}
