package oss.runtime.kernel.mm.replace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.mm.replace.Strings.BELADY;
import static oss.runtime.kernel.mm.replace.Strings.SILBERSCHATZ;
import static oss.runtime.kernel.mm.replace.Strings.run;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LruReplacementTest {

    @Test
    void silberschatzStringTwelveFaults() {
        // By hand, recency least-recent first:
        // 7F 0F 1F[7 0 1] 2F-7[0 1 2] 0h[1 2 0] 3F-1[2 0 3] 0h[2 3 0] 4F-2[3 0 4] 2F-3[0 4 2]
        // 3F-0[4 2 3] 0F-4[2 3 0] 3h[2 0 3] 2h[0 3 2] 1F-0[3 2 1] 2h[3 1 2] 0F-3[1 2 0] 1h[2 0 1]
        // 7F-2[0 1 7] 0h 1h -> 12 faults, the textbook's number.
        var r = run(3, new LruReplacement(), SILBERSCHATZ);
        assertEquals(12, r.faults());
        // Textbook frame rows: ... 4 0 3 (after 4), 4 0 2, 4 3 2, 0 3 2, 1 3 2, 1 0 2, 1 0 7.
        assertArrayEquals(new long[] {4, 0, 3}, r.framesAfter(7));
        assertArrayEquals(new long[] {1, 3, 2}, r.framesAfter(13));
        assertArrayEquals(new long[] {1, 0, 7}, r.framesAfter(19));
    }

    @Test
    void beladyStringByHand() {
        // 3 frames: 1F 2F 3F 4F-1 1F-2 2F-3 5F-4 1h 2h 3F-5 4F-1 5F-2 -> 10.
        // 4 frames: 1F 2F 3F 4F 1h 2h 5F-3 1h 2h 3F-4 4F-5 5F-1 -> 8.
        assertEquals(10, run(3, new LruReplacement(), BELADY).faults());
        assertEquals(8, run(4, new LruReplacement(), BELADY).faults());
    }

    @Test
    void stackAlgorithmNoAnomaly() {
        // LRU's resident set with n frames is always a subset of the one with n+1 frames,
        // so it can never fault more with more memory.
        for (int n = 1; n < 5; n++) {
            var small = run(n, new LruReplacement(), BELADY);
            var big = run(n + 1, new LruReplacement(), BELADY);
            assertTrue(big.faults() <= small.faults(), n + " vs " + (n + 1) + " frames");
            for (int i = 0; i < BELADY.length; i++) {
                long[] bigFrames = big.framesAfter(i);
                for (long page : small.framesAfter(i)) {
                    if (page != ReferenceStringSimulator.EMPTY) {
                        assertTrue(Arrays.stream(bigFrames).anyMatch(p -> p == page),
                                "page " + page + " resident with " + n + " frames but not " + (n + 1) + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void referenceRescuesAPage() {
        var p = new LruReplacement();
        p.loaded(1);
        p.loaded(2);
        p.referenced(1);
        assertEquals(2, p.victim(FutureReferences.UNKNOWN));
    }
}
