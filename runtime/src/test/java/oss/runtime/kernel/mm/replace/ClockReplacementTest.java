package oss.runtime.kernel.mm.replace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.mm.replace.Strings.SILBERSCHATZ;
import static oss.runtime.kernel.mm.replace.Strings.run;

import org.junit.jupiter.api.Test;

class ClockReplacementTest {

    @Test
    void silberschatzStringFourteenFaults() {
        // By hand; the circle is written from the hand, * = reference bit set, new pages go behind the hand with *.
        // 7F[7*] 0F[7* 0*] 1F[7* 0* 1*]
        // 2F: clear 7,0,1 and come round, evict 7 -> [0 1 2*]      0h -> [0* 1 2*]
        // 3F: clear 0, evict 1 -> [2* 0 3*]                           0h -> [2* 0* 3*]
        // 4F: clear 2,0,3, evict 2 -> [0 3 4*]
        // 2F: evict 0 -> [3 4* 2*]                                    3h -> [3* 4* 2*]
        // 0F: clear 3,4,2, evict 3 -> [4 2 0*]
        // 3F: evict 4 -> [2 0* 3*]                                    2h -> [2* 0* 3*]
        // 1F: clear 2,0,3, evict 2 -> [0 3 1*]
        // 2F: evict 0 -> [3 1* 2*]
        // 0F: evict 3 -> [1* 2* 0*]                                   1h
        // 7F: clear 1,2,0, evict 1 -> [2 0 7*]                        0h -> [2 0* 7*]
        // 1F: evict 2 -> [0* 7* 1*]
        // -> 14 faults (between LRU's 12 and FIFO's 15).
        var r = run(3, new ClockReplacement(), SILBERSCHATZ);
        assertEquals(14, r.faults());
        boolean[] expected = {true, true, true, true, false, true, false, true, true, false,
            true, true, false, true, true, true, false, true, false, true};
        assertArrayEquals(expected, r.faulted());
        // Frames (the new page takes its victim's frame): 2 evicts 7 -> 2 0 1, 3 evicts 1 -> 2 0 3,
        // 4 evicts 2 -> 4 0 3, 2 evicts 0 -> 4 2 3, 0 evicts 3 -> 4 2 0, 3 evicts 4 -> 3 2 0,
        // 1 evicts 2 -> 3 1 0, 2 evicts 0 -> 3 1 2, 0 evicts 3 -> 0 1 2, 7 evicts 1 -> 0 7 2, 1 evicts 2 -> 0 7 1.
        assertArrayEquals(new long[] {3, 2, 0}, r.framesAfter(11));
        assertArrayEquals(new long[] {0, 7, 1}, r.framesAfter(19));
    }

    @Test
    void newPageArrivesWithItsBitSet() {
        var p = new ClockReplacement();
        p.loaded(1);
        p.loaded(2);
        assertTrue(p.referenceBit(1), "loaded alone sets the bit");
        // All bits set: the hand clears both and comes back to the oldest, 1.
        assertEquals(1, p.victim(FutureReferences.UNKNOWN));
        assertFalse(p.referenceBit(1));
        assertFalse(p.referenceBit(2));
        p.removed(1);
        p.loaded(3); // behind the hand: circle from the hand is 2, 3*
        assertEquals(2, p.hand());
        // 2's bit is clear, so 2 goes even though 3 was loaded later; had 3 arrived with a clear bit
        // and sat under the hand, it would have gone instead.
        assertEquals(2, p.victim(FutureReferences.UNKNOWN));
    }

    @Test
    void secondChanceSparesAReferencedPage() {
        var p = new ClockReplacement();
        p.loaded(1);
        p.loaded(2);
        p.loaded(3);
        p.victim(FutureReferences.UNKNOWN); // clears every bit, returns 1 with the hand on it
        p.referenced(1);
        // 1 gets its second chance; the hand moves to 2 whose bit is clear.
        assertEquals(2, p.victim(FutureReferences.UNKNOWN));
        assertEquals(2, p.hand());
        assertFalse(p.referenceBit(1));
    }
}
