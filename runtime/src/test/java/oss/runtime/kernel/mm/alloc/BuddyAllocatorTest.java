package oss.runtime.kernel.mm.alloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BuddyAllocatorTest {

    /** 16 frames, orders 0..4: the whole zone starts as one order-4 block at 0. */
    private static BuddyAllocator sixteen() {
        return new BuddyAllocator("Normal", 0, 16, 5);
    }

    @Test
    void startsAsOneLargestBlock() {
        var b = sixteen();
        assertArrayEquals(new long[] {0, 0, 0, 0, 1}, b.freeBlocks());
        assertEquals(16, b.freeFrames());
    }

    @Test
    void orderZeroSplitsAllTheWayDown() {
        // Order 4 block 0 splits: upper halves 8 (order 3), 4 (order 2), 2 (order 1), 1 (order 0); frame 0 returned.
        var b = sixteen();
        assertEquals(0, b.allocate(0));
        assertArrayEquals(new long[] {1, 1, 1, 1, 0}, b.freeBlocks());
        assertEquals(15, b.freeFrames());
        // The order-1 list holds the block at 2.
        assertEquals(2, b.allocate(1));
        assertArrayEquals(new long[] {1, 0, 1, 1, 0}, b.freeBlocks());
        assertEquals(13, b.freeFrames());
    }

    @Test
    void freeingEverythingRebuildsTheOrderFourBlock() {
        var b = sixteen();
        long a = b.allocate(0); // 0
        long c = b.allocate(1); // 2
        b.free(c, 1);           // buddy of 2 at order 1 is 0, not free: stays alone
        assertArrayEquals(new long[] {1, 1, 1, 1, 0}, b.freeBlocks());
        b.free(a, 0);           // 0+1 -> 0/1, +2 -> 0/2, +4 -> 0/3, +8 -> 0/4
        assertArrayEquals(new long[] {0, 0, 0, 0, 1}, b.freeBlocks());
        assertEquals(16, b.freeFrames());
    }

    @Test
    void lowestAddressFirstHandsOutFramesInOrder() {
        var b = sixteen();
        for (long f = 0; f < 16; f++) {
            assertEquals(f, b.allocate(0));
        }
        assertEquals(-1, b.allocate(0));
        assertEquals(0, b.freeFrames());
    }

    @Test
    void buddiesAreFoundByXorNotAdjacency() {
        var b = sixteen();
        for (int i = 0; i < 16; i++) {
            b.allocate(0);
        }
        // 1 and 2 are neighbours but not buddies (1^1 = 0, 2^1 = 3): no merge.
        b.free(1, 0);
        b.free(2, 0);
        assertArrayEquals(new long[] {2, 0, 0, 0, 0}, b.freeBlocks());
        // 0 is 1's buddy: 0/1 forms; its order-1 buddy 0^2 = 2 is only free at order 0, so it stops.
        b.free(0, 0);
        assertArrayEquals(new long[] {1, 1, 0, 0, 0}, b.freeBlocks());
        // 3 joins 2 -> 2/1, whose buddy 0/1 is free -> 0/2; 0^4 = 4 is taken, stop.
        b.free(3, 0);
        assertArrayEquals(new long[] {0, 0, 1, 0, 0}, b.freeBlocks());
    }

    @Test
    void fragmentationEnoughFramesButNoBlock() {
        var b = sixteen();
        for (int i = 0; i < 16; i++) {
            b.allocate(0);
        }
        for (long f = 0; f < 16; f += 2) {
            b.free(f, 0); // every even frame: each one's buddy (odd) is still taken
        }
        assertEquals(8, b.freeFrames());
        assertArrayEquals(new long[] {8, 0, 0, 0, 0}, b.freeBlocks());
        assertEquals(-1, b.allocate(1));
    }

    @Test
    void rejectsDoubleFree() {
        var b = sixteen();
        long f = b.allocate(0);
        b.free(f, 0);
        assertThrows(IllegalArgumentException.class, () -> b.free(f, 0));
        // A frame inside a larger free block is also already free.
        assertThrows(IllegalArgumentException.class, () -> b.free(4, 0));
    }

    @Test
    void rejectsMisalignedAndForeignFrees() {
        var b = sixteen();
        b.allocate(0);
        b.allocate(0);
        assertThrows(IllegalArgumentException.class, () -> b.free(1, 1)); // order 1 must start on an even frame
        assertThrows(IllegalArgumentException.class, () -> b.free(16, 0)); // beyond the zone
        assertThrows(IllegalArgumentException.class, () -> b.free(0, 5)); // no such order
    }

    @Test
    void unalignedZoneSplitsIntoAlignedBlocks() {
        // Frames 3..15: 3 (order 0), 4..7 (order 2), 8..15 (order 3), aligned to frame 0 not to the zone start.
        var b = new BuddyAllocator("DMA", 3, 13, 5);
        assertArrayEquals(new long[] {1, 0, 1, 1, 0}, b.freeBlocks());
        assertEquals(13, b.freeFrames());
        assertEquals(3, b.allocate(0));
        // Freeing 3: its buddy 2 lies outside the zone, so it cannot merge.
        b.free(3, 0);
        assertArrayEquals(new long[] {1, 0, 1, 1, 0}, b.freeBlocks());
    }

    @Test
    void blocksNeverExceedTheTopOrder() {
        var b = new BuddyAllocator("Normal", 0, 64, 5);
        assertArrayEquals(new long[] {0, 0, 0, 0, 4}, b.freeBlocks());
        long f = b.allocate(4);
        b.free(f, 4); // buddy 16 is free but order 4 is the top: no order-5 block
        assertArrayEquals(new long[] {0, 0, 0, 0, 4}, b.freeBlocks());
        assertEquals(-1, b.allocate(5));
    }

    @Test
    void buddyinfoLine() {
        var b = sixteen();
        b.allocate(0);
        // "Node 0, zone %8s " then "%6lu " per order, trailing blank dropped.
        assertEquals("Node 0, zone   Normal      1      1      1      1      0", b.buddyinfo());
    }

    @Test
    void orderFor() {
        assertEquals(0, BuddyAllocator.orderFor(1));
        assertEquals(1, BuddyAllocator.orderFor(2));
        assertEquals(2, BuddyAllocator.orderFor(3));
        assertEquals(2, BuddyAllocator.orderFor(4));
        assertEquals(3, BuddyAllocator.orderFor(5));
        assertEquals(10, BuddyAllocator.orderFor(1024));
        assertEquals(11, BuddyAllocator.orderFor(1025));
        assertThrows(IllegalArgumentException.class, () -> BuddyAllocator.orderFor(0));
    }
}
