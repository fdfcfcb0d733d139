package oss.runtime.hw.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PhysicalMemoryTest {

    @Test
    void framesAreSizeOverPageSize() {
        PhysicalMemory mem = new PhysicalMemory(1 << 20, 4096);
        assertEquals(256, mem.frames()); // 1 MiB / 4 KiB
        assertEquals(4096, mem.pageSize());
    }

    @Test
    void largeMemoryCostsNothingUntilWritten() {
        PhysicalMemory mem = new PhysicalMemory(256L << 20, 4096);
        assertEquals(65536, mem.frames()); // 256 MiB / 4 KiB
        assertEquals(0, mem.storedFrames());
        assertEquals(0, mem.readWord(123 * 4096));
        assertEquals(0, mem.storedFrames()); // reading allocates nothing
        mem.writeWord((256L << 20) - 8, 42); // the very last word
        assertEquals(42, mem.readWord((256L << 20) - 8));
        assertEquals(1, mem.storedFrames());
    }

    @Test
    void intsAreTheLittleEndianHalvesOfWords() {
        PhysicalMemory mem = new PhysicalMemory(1 << 20, 4096);
        mem.writeWord(0x2008, 0x1122_3344_5566_7788L);
        assertEquals(0x5566_7788L, mem.readInt(0x2008)); // lower address, low half
        assertEquals(0x1122_3344L, mem.readInt(0x200C));
        mem.writeInt(0x3004, 0xDEAD_BEEFL);
        assertEquals(0xDEAD_BEEF_0000_0000L, mem.readWord(0x3000));
        assertEquals(0xDEAD_BEEFL, mem.readInt(0x3004)); // unsigned, not sign-extended
        mem.writeInt(0x3000, 0x1234);
        assertEquals(0xDEAD_BEEF_0000_1234L, mem.readWord(0x3000)); // the other half is untouched
    }

    @Test
    void zeroFrameDropsStorage() {
        PhysicalMemory mem = new PhysicalMemory(1 << 20, 4096);
        mem.writeWord(0x2008, 7);
        mem.writeWord(0x3000, 9);
        assertEquals(2, mem.storedFrames());
        mem.zeroFrame(2);
        assertEquals(0, mem.readWord(0x2008));
        assertEquals(9, mem.readWord(0x3000));
        assertEquals(1, mem.storedFrames());
    }

    @Test
    void rejectsAddressesOutsideRamOrMisaligned() {
        PhysicalMemory mem = new PhysicalMemory(1 << 20, 4096);
        assertThrows(IllegalArgumentException.class, () -> mem.readWord(1 << 20));
        assertThrows(IllegalArgumentException.class, () -> mem.writeWord(-8, 1));
        assertThrows(IllegalArgumentException.class, () -> mem.readInt((1 << 20) - 2));
        assertThrows(IllegalArgumentException.class, () -> mem.readWord(4)); // not 8-aligned
        assertThrows(IllegalArgumentException.class, () -> mem.writeInt(2, 1)); // not 4-aligned
        assertThrows(IllegalArgumentException.class, () -> mem.writeInt(0, 0x1_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> mem.zeroFrame(256));
        assertEquals(0, mem.readInt((1 << 20) - 4)); // the last int is fine
    }
}
