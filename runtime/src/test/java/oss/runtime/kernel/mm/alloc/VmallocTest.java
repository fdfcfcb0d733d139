package oss.runtime.kernel.mm.alloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class VmallocTest {
    private static final long PAGE = 4096;
    private static final long START = 0x1000_0000L;

    @Test
    void threePagesVirtuallyContiguousPhysicallyScattered() {
        var frames = ScriptedFrames.of(7, 3, 9, 12);
        var v = new Vmalloc(frames, START, START + 16 * PAGE);
        long a = v.vmalloc(3 * PAGE);
        assertEquals(START, a);
        assertArrayEquals(new long[] {7, 3, 9}, v.frames(a));
        // The next area starts after the three pages and one guard page.
        long b = v.vmalloc(1);
        assertEquals(START + 4 * PAGE, b);
        assertArrayEquals(new long[] {12}, v.frames(b));
    }

    @Test
    void firstFitReusesHolesThatHoldAreaAndGuard() {
        var v = new Vmalloc(new ScriptedFrames(50), START, START + 16 * PAGE);
        long a = v.vmalloc(3 * PAGE);       // START .. +3, guard at +3
        long b = v.vmalloc(PAGE);           // +4, guard at +5
        v.vfree(a);                         // hole of 4 pages at START
        assertEquals(START, v.vmalloc(2 * PAGE)); // needs 3 with guard: fits, leaves 1 page
        assertEquals(START + 6 * PAGE, v.vmalloc(PAGE)); // needs 2: the 1-page hole is too small, goes after b
        assertEquals(START + 4 * PAGE, b);
    }

    @Test
    void vfreeReturnsEveryFrame() {
        var frames = ScriptedFrames.of(7, 3, 9);
        var v = new Vmalloc(frames, START, START + 16 * PAGE);
        v.vfree(v.vmalloc(3 * PAGE));
        assertEquals(List.of(7L, 3L, 9L), frames.freed);
        assertThrows(IllegalArgumentException.class, () -> v.frames(START));
    }

    @Test
    void runsOutOfAddressSpace() {
        var v = new Vmalloc(new ScriptedFrames(50), START, START + 16 * PAGE);
        assertEquals(START, v.vmalloc(15 * PAGE)); // 15 + guard = the whole range
        assertEquals(-1, v.vmalloc(1));
    }

    @Test
    void runsOutOfFramesAndGivesBackWhatItTook() {
        var frames = ScriptedFrames.of(7, 3);
        var v = new Vmalloc(frames, START, START + 16 * PAGE);
        assertEquals(-1, v.vmalloc(3 * PAGE));
        assertEquals(List.of(7L, 3L), frames.freed);
    }

    @Test
    void kernelHalfAddressesCompareUnsigned() {
        long vmallocStart = 0xffffc90000000000L; // negative as a Java long
        var v = new Vmalloc(new ScriptedFrames(50), vmallocStart, vmallocStart + 8 * PAGE);
        assertEquals(vmallocStart, v.vmalloc(2 * PAGE));
        assertEquals(vmallocStart + 3 * PAGE, v.vmalloc(PAGE));
        assertEquals(-1, v.vmalloc(3 * PAGE)); // 3 pages left, 4 needed with the guard
    }

    @Test
    void vfreeOfAnythingButAnAreaStartIsRejected() {
        var v = new Vmalloc(new ScriptedFrames(50), START, START + 16 * PAGE);
        long a = v.vmalloc(2 * PAGE);
        assertThrows(IllegalArgumentException.class, () -> v.vfree(a + PAGE));
    }

    @Test
    void vmallocinfoCountsTheGuardPage() {
        var v = new Vmalloc(ScriptedFrames.of(7, 3, 9), START, START + 16 * PAGE);
        v.vmalloc(3 * PAGE);
        assertEquals("0x0000000010000000-0x0000000010004000   16384 pages=3 vmalloc", v.vmallocinfo());
    }
}
