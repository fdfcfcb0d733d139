package oss.runtime.kernel.mm.replace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static oss.runtime.kernel.mm.replace.Strings.BELADY;
import static oss.runtime.kernel.mm.replace.Strings.SILBERSCHATZ;
import static oss.runtime.kernel.mm.replace.Strings.run;

import org.junit.jupiter.api.Test;

class OptReplacementTest {

    @Test
    void silberschatzStringNineFaults() {
        // By hand (index: next uses of residents):
        // 7F 0F 1F; 2F@3: 7->17 0->4 1->13, evict 7 [2 0 1]; 0h; 3F@5: 2->8 0->6 1->13, evict 1 [2 0 3];
        // 0h; 4F@7: 2->8 0->10 3->9, evict 0 [2 4 3]; 2h 3h; 0F@10: 2->12 4 never 3->11, evict 4 [2 0 3];
        // 3h 2h; 1F@13: 2->14 0->15 3 never, evict 3 [2 0 1]; 2h 0h 1h; 7F@17: 2 never 0->18 1->19,
        // evict 2 [7 0 1]; 0h 1h -> 9 faults, the textbook's number.
        var r = run(3, new OptReplacement(), SILBERSCHATZ);
        assertEquals(9, r.faults());
        assertArrayEquals(new long[] {2, 4, 3}, r.framesAfter(7));
        assertArrayEquals(new long[] {7, 0, 1}, r.framesAfter(19));
    }

    @Test
    void beladyStringWithOpt() {
        // 3 frames: 1F 2F 3F 4F@3 (1->4 2->5 3->9: evict 3) 1h 2h 5F@6 (1->7 2->8 4->10: evict 4) 1h 2h
        // 3F@9 (1,2 never, 5->11: tie 1/2 -> 1 loaded earlier) 4F@10 (2 never, 5->11, 3 never: tie 2/3 -> 2) 5h -> 7.
        assertEquals(7, run(3, new OptReplacement(), BELADY).faults());
    }

    @Test
    void tieGoesToTheEarliestLoaded() {
        // Neither 2 nor 1 is used again when 3 faults: 2 was loaded first, so 2 goes.
        var r = run(2, new OptReplacement(), new long[] {2, 1, 3});
        assertArrayEquals(new long[] {3, 1}, r.framesAfter(2));
    }

    @Test
    void victimIsTheFarthestNextUse() {
        var p = new OptReplacement();
        p.loaded(10);
        p.loaded(20);
        p.loaded(30);
        // Next uses: 10 in 10, 20 in 99, 30 in 30 references: 20 is wanted last.
        assertEquals(20, p.victim(page -> page == 20 ? 99 : page));
    }
}
