package oss.runtime.kernel.mm.replace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import oss.ir.program.ReplacementKind;

class ReplacementPoliciesTest {

    @Test
    void eachKindGetsItsPolicy() {
        var rng = Strings.seeded(1);
        assertInstanceOf(FifoReplacement.class, ReplacementPolicies.create(ReplacementKind.FIFO, rng));
        assertInstanceOf(LruReplacement.class, ReplacementPolicies.create(ReplacementKind.LRU, rng));
        assertInstanceOf(ClockReplacement.class, ReplacementPolicies.create(ReplacementKind.CLOCK, rng));
        assertInstanceOf(OptReplacement.class, ReplacementPolicies.create(ReplacementKind.OPT, rng));
        assertInstanceOf(RandomReplacement.class, ReplacementPolicies.create(ReplacementKind.RANDOM, rng));
        assertEquals("clock", ReplacementPolicies.create(ReplacementKind.CLOCK, rng).name());
    }

    @Test
    void simulatorRejectsTheEmptyMarkerAsAPage() {
        assertThrows(IllegalArgumentException.class,
                () -> ReferenceStringSimulator.run(2, new FifoReplacement(), new long[] {1, ReferenceStringSimulator.EMPTY}));
    }

    @Test
    void simulatorFillsTheLowestFreeFrameFirst() {
        var r = ReferenceStringSimulator.run(3, new FifoReplacement(), new long[] {4, 5});
        assertEquals(2, r.faults());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {4, 5, ReferenceStringSimulator.EMPTY}, r.framesAfter(1));
    }
}
