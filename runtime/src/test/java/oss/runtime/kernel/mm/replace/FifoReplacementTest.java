package oss.runtime.kernel.mm.replace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static oss.runtime.kernel.mm.replace.Strings.BELADY;
import static oss.runtime.kernel.mm.replace.Strings.SILBERSCHATZ;
import static oss.runtime.kernel.mm.replace.Strings.run;

import org.junit.jupiter.api.Test;

class FifoReplacementTest {

    @Test
    void silberschatzStringFifteenFaults() {
        // By hand, queue oldest first:
        // 7F[7] 0F[7 0] 1F[7 0 1] 2F-7[0 1 2] 0h 3F-0[1 2 3] 0F-1[2 3 0] 4F-2[3 0 4] 2F-3[0 4 2]
        // 3F-0[4 2 3] 0F-4[2 3 0] 3h 2h 1F-2[3 0 1] 2F-3[0 1 2] 0h 1h 7F-0[1 2 7] 0F-1[2 7 0] 1F-2[7 0 1]
        // -> 15 faults, the textbook's number.
        var r = run(3, new FifoReplacement(), SILBERSCHATZ);
        assertEquals(15, r.faults());
        // The textbook's frame rows: after the 6th reference (3) the frames hold 2 3 1, at the end 7 0 1.
        assertArrayEquals(new long[] {2, 3, 1}, r.framesAfter(5));
        assertArrayEquals(new long[] {4, 2, 3}, r.framesAfter(9)); // after the second 3 (a fault): 4 2 3
        assertArrayEquals(new long[] {7, 0, 1}, r.framesAfter(19));
    }

    @Test
    void beladysAnomalyMoreFramesMoreFaults() {
        // 3 frames: 1F 2F 3F 4F-1 1F-2 2F-3 5F-4 1h 2h 3F-1 4F-2 5h -> 9.
        // 4 frames: 1F 2F 3F 4F 1h 2h 5F-1 1F-2 2F-3 3F-4 4F-5 5F-1 -> 10.
        assertEquals(9, run(3, new FifoReplacement(), BELADY).faults());
        assertEquals(10, run(4, new FifoReplacement(), BELADY).faults());
    }

    @Test
    void referencesDoNotProtectAPage() {
        var p = new FifoReplacement();
        p.loaded(1);
        p.loaded(2);
        p.referenced(1);
        p.referenced(1);
        assertEquals(1, p.victim(FutureReferences.UNKNOWN));
    }

    @Test
    void unmappedPageLeavesTheQueue() {
        var p = new FifoReplacement();
        p.loaded(1);
        p.loaded(2);
        p.loaded(3);
        p.removed(1);
        assertEquals(2, p.resident());
        assertEquals(2, p.victim(FutureReferences.UNKNOWN));
    }
}
