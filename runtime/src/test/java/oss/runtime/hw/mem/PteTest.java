package oss.runtime.hw.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PteTest {

    @Test
    void bitsAreTheX86Ones() {
        assertEquals(0x1, Pte.PRESENT);
        assertEquals(0x2, Pte.WRITABLE);
        assertEquals(0x4, Pte.USER);
        assertEquals(0x20, Pte.ACCESSED);
        assertEquals(0x40, Pte.DIRTY);
        assertEquals(0x200, Pte.COW);
    }

    @Test
    void makeShiftsTheFrameAboveTheFlags() {
        long pte = Pte.make(0x1a3, Pte.PRESENT | Pte.WRITABLE | Pte.USER | Pte.ACCESSED | Pte.DIRTY, 12);
        assertEquals(0x1a3067L, pte); // 0x1a3 << 12 | (1+2+4+0x20+0x40)
        assertEquals(0x1a3, Pte.frame(pte, 12));
        assertTrue(Pte.has(pte, Pte.DIRTY));
        assertTrue(Pte.has(pte, Pte.PRESENT | Pte.WRITABLE));
        assertFalse(Pte.has(pte, Pte.COW));
    }

    @Test
    void frameIgnoresTheNxAndAvailableHighBits() {
        assertEquals(1, Pte.frame(0x8000_0000_0000_1003L, 12));
    }

    @Test
    void describeReadsLikeAStudentWouldWriteIt() {
        assertEquals("frame 0x1a3 P W U A D", Pte.describe(0x1a3067L));
        assertEquals("frame 0x5 P U COW", Pte.describe(0x5205L));
        assertEquals("frame 0x7 (not present)", Pte.describe(0x7000L));
        assertEquals("empty", Pte.describe(0));
    }

    @Test
    void flagsMayNotSpillIntoTheFrame() {
        assertThrows(IllegalArgumentException.class, () -> Pte.make(1, 0x1000, 12));
        assertThrows(IllegalArgumentException.class, () -> Pte.make(-1, Pte.PRESENT, 12));
    }
}
