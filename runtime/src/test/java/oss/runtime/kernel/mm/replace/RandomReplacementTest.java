package oss.runtime.kernel.mm.replace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.mm.replace.Strings.SILBERSCHATZ;
import static oss.runtime.kernel.mm.replace.Strings.run;
import static oss.runtime.kernel.mm.replace.Strings.seeded;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RandomReplacementTest {

    @Test
    void sameSeedSameRun() {
        var a = run(3, new RandomReplacement(seeded(42)), SILBERSCHATZ);
        var b = run(3, new RandomReplacement(seeded(42)), SILBERSCHATZ);
        assertEquals(a.faults(), b.faults());
        assertArrayEquals(a.faulted(), b.faulted());
        for (int i = 0; i < SILBERSCHATZ.length; i++) {
            assertArrayEquals(a.framesAfter(i), b.framesAfter(i));
        }
    }

    @Test
    void neverBeatsOpt() {
        // OPT makes 9 faults on this string (worked in OptReplacementTest); nothing online can do better.
        for (long seed = 0; seed < 50; seed++) {
            int faults = run(3, new RandomReplacement(seeded(seed)), SILBERSCHATZ).faults();
            assertTrue(faults >= 9, "seed " + seed + ": " + faults);
        }
    }

    @Test
    void theSeedMatters() {
        var outcomes = new TreeSet<Integer>();
        for (long seed = 0; seed < 50; seed++) {
            outcomes.add(run(3, new RandomReplacement(seeded(seed)), SILBERSCHATZ).faults());
        }
        assertTrue(outcomes.size() > 1, "50 seeds all gave " + outcomes);
    }

    @Test
    void victimIsAlwaysResident() {
        var p = new RandomReplacement(seeded(7));
        p.loaded(5);
        p.loaded(6);
        p.removed(5);
        for (int i = 0; i < 20; i++) {
            assertEquals(6, p.victim(FutureReferences.UNKNOWN));
        }
    }
}
