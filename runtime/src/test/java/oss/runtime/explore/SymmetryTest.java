package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.program.Program;
import oss.runtime.observe.RunResult;

/**
 * Symmetry reduction stores one state per orbit: the counts below are orbits worked out by hand
 * (or by Burnside's lemma from fixed points worked out by hand), every example keeps its verdict
 * with and without it, and every schedule it reports is a real schedule of the original processes.
 */
class SymmetryTest {
    private static ExploreResult explore(String text, boolean por, boolean symmetry) {
        return explore(ExploreVerdictTest.compile(text), por, symmetry);
    }

    private static ExploreResult explore(Program p, boolean por, boolean symmetry) {
        return Explorer.explore(p, ExploreOptions.defaults().withPor(por).withSymmetry(symmetry).withMaxStates(400_000)
                .withMaxSeconds(60));
    }

    private static String workers(int n, String mutex) {
        return "scenario \"w\" {\n  mutex m" + (mutex.equals("m[i]") ? "[" + n + "]" : "") + "\n  process worker[i in 0.."
                + (n - 1) + "] {\n    lock " + mutex + "\n    unlock " + mutex + "\n  }\n}\n";
    }

    /**
     * A worker's own states: a (at its lock), b (holding m, at its unlock), c (at its end), d (exited).
     * With one mutex m at most one worker is in b. Without symmetry, states are tuples: for two
     * workers 3^2 with no b plus 2 * 3 with one, 15; for three, 3^3 + 3 * 3^2 = 54. With any order
     * of identical workers a state is a multiset: for two, C(4, 2) = 6 with no b plus 3 with one,
     * 9; for three, C(5, 3) = 10 plus C(4, 2) = 6, 16.
     */
    @Test
    void identicalWorkersAreStoredAsMultisets() {
        assertEquals(15, explore(workers(2, "m"), false, false).states());
        assertEquals(9, explore(workers(2, "m"), false, true).states());
        assertEquals(54, explore(workers(3, "m"), false, false).states());
        ExploreResult three = explore(workers(3, "m"), false, true);
        assertEquals(16, three.states());
        assertEquals("any order of worker[0..2]", three.symmetry());
    }

    /**
     * Worker i locks its own m[i]: 4^3 = 64 states, no constraint between them. The code names
     * m[i], so only rotations (worker i to i + 1 with m[i] to m[i + 1]) are symmetries, not every
     * order. Burnside: the identity fixes 64 states, each of the two proper rotations fixes the 4
     * where all three workers are in the same state: (64 + 4 + 4) / 3 = 24 orbits (any order would
     * give C(6, 3) = 20).
     */
    @Test
    void aRingIsStoredByRotation() {
        assertEquals(64, explore(workers(3, "m[i]"), false, false).states());
        ExploreResult ring = explore(workers(3, "m[i]"), false, true);
        assertEquals(24, ring.states());
        assertEquals("rotations of worker[0..2] with m[0..2]", ring.symmetry());
    }

    /**
     * examples/dining-philosophers.oss under rotation: a rotation other than the identity fixes a
     * state only when all five philosophers are in the same place: all before their first lock, all
     * holding their left fork (the deadlock), all at their end, or all exited, four states. (All
     * holding both forks is impossible, and all having put the right fork down again cannot be
     * reached: philosopher i must put fork i + 1 down before philosopher i + 1 takes it for good,
     * round the whole ring.) Burnside: orbits = (states + 4 * 4) / 5.
     */
    @Test
    void diningPhilosophersOrbitsFollowBurnside() throws IOException {
        Program p = ExploreVerdictTest.compile(Files.readString(PipeReplayTest.EXAMPLES.resolve("dining-philosophers.oss")));
        ExploreResult all = explore(p, false, false);
        ExploreResult orbits = explore(p, false, true);
        assertTrue(all.complete() && orbits.complete());
        assertEquals(all.states() + 4 * 4, 5 * orbits.states(), all.states() + " states, " + orbits.states() + " orbits");
        assertEquals("rotations of philosopher[0..4] with fork[0..4]", orbits.symmetry());
    }

    @Test
    void onlyTheSymmetryTheCodeHasIsUsed() {
        // the ordered variant: the last philosopher takes fork[0] first, which no rotation keeps
        assertNull(explore(ExploreVerdictTest.philosophers(5, "ordered"), true, true).symmetry());
        assertEquals("rotations of phil[0..4] with fork[0..4]",
                explore(ExploreVerdictTest.philosophers(5, "room"), true, true).symmetry());
        // a process outside the ring names fork[0]: rotating the ring would move it under that process
        String intruder = ExploreVerdictTest.philosophers(4, "left").replace("}\n}\n",
                "}\n  process waiter {\n    lock fork[0]\n    unlock fork[0]\n  }\n}\n");
        assertNull(explore(intruder, true, true).symmetry(), intruder);
        // the index used as data (a lock word holding i + 1): the workers are not interchangeable
        assertNull(explore("""
                scenario "ids" {
                  int owner = 0
                  process w[i in 0..2] {
                    while (cmpxchg(owner, 0, i + 1) != 0) {
                    }
                    xchg(owner, 0)
                  }
                }
                """, true, true).symmetry());
        // a fork numbers its child by when it runs: no symmetry is used with forks
        assertNull(explore("""
                scenario "forks" {
                  process p[i in 0..1] {
                    fork {
                      compute 1 ms
                    }
                    wait any
                  }
                }
                """, true, true).symmetry());
        assertNull(explore(workers(3, "m"), false, false).symmetry(), "--no-symmetry");
    }

    /** The deadlock found among representatives is reached by a real schedule, which the run follows into the deadlock. */
    @Test
    void counterexamplesAreSchedulesOfTheOriginalProcesses() {
        for (int n = 3; n <= 6; n++) {
            Program p = ExploreVerdictTest.compile(ExploreVerdictTest.philosophers(n, "left"));
            for (boolean por : new boolean[] {true, false}) {
                ExploreResult x = explore(p, por, true);
                assertTrue(x.symmetry() != null && x.deadlockFound(), "N=" + n);
                Schedule s = x.findings().get(0).schedule();
                assertEquals(n, s.steps().size(), "each philosopher takes its left fork: " + s.format());
                RunResult run = Replayed.run(p, s, "N=" + n);
                assertTrue(run.deadlocked(), s.format());
            }
        }
    }

    /**
     * Every example: the same verdict, kinds of finding and expect lines with and without symmetry,
     * and every schedule found with it followed by the run.
     */
    @TestFactory
    Stream<DynamicTest> everyExampleKeepsItsVerdict() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(PipeReplayTest.EXAMPLES)) {
            files = s.filter(f -> f.toString().endsWith(".oss")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Compilation c = Compiler.compile(f.getFileName().toString(), Files.readString(f));
            if (c.program().isEmpty() || c.isAssignment()) {
                return; // an assignment or a file that shows a compile error: nothing to explore
            }
            Program p = c.program().get();
            ExploreResult with = explore(p, true, true);
            ExploreResult without = explore(p, true, false);
            if (!with.complete() || !without.complete()) {
                return; // a budget decides nothing to compare
            }
            String name = f.getFileName() + " (" + with.symmetry() + ")";
            assertEquals(without.verdict(), with.verdict(), name);
            assertEquals(DataExploreTest.codes(without), DataExploreTest.codes(with), name);
            assertEquals(DataExploreTest.outcomes(without), DataExploreTest.outcomes(with), name);
            if (with.symmetry() == null) {
                assertEquals(without.states(), with.states(), name);
                return;
            }
            assertTrue(with.states() <= without.states(), name);
            for (ExploreFinding x : with.findings()) {
                if (!x.schedule().steps().isEmpty()) {
                    Replayed.run(p, x.schedule(), name);
                }
            }
        }));
    }
}
