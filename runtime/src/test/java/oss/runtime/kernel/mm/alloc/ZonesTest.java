package oss.runtime.kernel.mm.alloc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import oss.runtime.kernel.mm.alloc.Zones.Zone;

class ZonesTest {
    private static final int PAGE = 4096;

    /** 32 MiB x86_64: DMA is frames 1..4095 (frame 0 reserved), NORMAL 4096..8191. */
    private static Zones x86_64() {
        return new Zones(8192, PAGE, false, 11);
    }

    @Test
    void x86_64Layout() {
        var z = x86_64();
        assertFalse(z.has(Zone.HIGHMEM));
        // DMA from frame 1: 1/0 2/1 4/2 8/3 ... 512/9, then 1024, 2048, 3072 at order 10.
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3}, z.zone(Zone.DMA).freeBlocks());
        assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4}, z.zone(Zone.NORMAL).freeBlocks());
        assertEquals(8191, z.freeFrames());
    }

    @Test
    void frameZeroIsNeverHandedOut() {
        var z = x86_64();
        assertEquals(1, z.allocate(0, Zone.DMA));
        assertNull(z.zoneOf(0));
        assertThrows(IllegalArgumentException.class, () -> z.free(0, 0));
    }

    @Test
    void normalFallsBackToDma() {
        var z = x86_64();
        assertEquals(4096, z.allocate(10, Zone.NORMAL));
        assertEquals(5120, z.allocate(10, Zone.NORMAL));
        assertEquals(6144, z.allocate(10, Zone.NORMAL));
        assertEquals(7168, z.allocate(10, Zone.NORMAL));
        assertEquals(1024, z.allocate(10, Zone.NORMAL)); // NORMAL empty: DMA's lowest order-10 block
    }

    @Test
    void highmemRequestOnAMachineWithoutHighmemUsesNormal() {
        assertEquals(4096, x86_64().allocate(0, Zone.HIGHMEM));
    }

    @Test
    void dmaNeverFallsUpward() {
        var z = x86_64();
        assertEquals(1024, z.allocate(10, Zone.DMA));
        assertEquals(2048, z.allocate(10, Zone.DMA));
        assertEquals(3072, z.allocate(10, Zone.DMA));
        assertEquals(-1, z.allocate(10, Zone.DMA)); // NORMAL still has four order-10 blocks
        assertEquals(4096, z.allocate(10, Zone.NORMAL));
    }

    @Test
    void x86_32HighmemLayoutAndPreference() {
        // 1 GiB: NORMAL ends at 896 MiB = frame 229376, HIGHMEM is the last 128 MiB = 32 order-10 blocks.
        var z = new Zones(262144, PAGE, true, 11);
        assertEquals(32, z.zone(Zone.HIGHMEM).freeBlocks()[10]);
        assertEquals(220, z.zone(Zone.NORMAL).freeBlocks()[10]); // (229376 - 4096) / 1024
        assertEquals(229376, z.allocate(0, Zone.HIGHMEM));
        assertEquals(4096, z.allocate(0, Zone.NORMAL));
        assertEquals(Zone.HIGHMEM, z.zoneOf(229376));
        assertEquals(Zone.NORMAL, z.zoneOf(229375));
    }

    @Test
    void normalNeverTakesHighmem() {
        // 1 MiB pages keep it small: DMA frames 1..15, NORMAL 16..895 (110 blocks of 8), HIGHMEM 896..899 (one order-2 block).
        var z = new Zones(900, 1 << 20, true, 4);
        assertArrayEquals(new long[] {0, 0, 1, 0}, z.zone(Zone.HIGHMEM).freeBlocks());
        for (int i = 0; i < 220; i++) {
            assertEquals(Zone.NORMAL, z.zoneOf(z.allocate(2, Zone.NORMAL)));
        }
        // DMA's order-2 blocks: 4, then 8 split into 8 and 12.
        assertEquals(4, z.allocate(2, Zone.NORMAL));
        assertEquals(8, z.allocate(2, Zone.NORMAL));
        assertEquals(12, z.allocate(2, Zone.NORMAL));
        assertEquals(-1, z.allocate(2, Zone.NORMAL)); // HIGHMEM's free block at 896 is off limits
        assertEquals(896, z.allocate(2, Zone.HIGHMEM));
    }

    @Test
    void freeGoesBackToTheZoneOfTheAddress() {
        var z = x86_64();
        long f = z.allocate(10, Zone.NORMAL);
        long d = z.allocate(10, Zone.DMA);
        z.free(f, 10);
        z.free(d, 10);
        assertEquals(4, z.zone(Zone.NORMAL).freeBlocks()[10]);
        assertEquals(3, z.zone(Zone.DMA).freeBlocks()[10]);
        assertEquals(8191, z.freeFrames());
    }

    @Test
    void buddyinfoListsEveryZone() {
        assertEquals("Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3\n"
                + "Node 0, zone   Normal      0      0      0      0      0      0      0      0      0      0      4",
                x86_64().buddyinfo());
    }

    @Test
    void smallMachineIsAllDma() {
        var z = new Zones(16, PAGE, false, 5); // 64 KiB, all below 16 MiB
        assertFalse(z.has(Zone.NORMAL));
        assertEquals(15, z.freeFrames());
        assertEquals(1, z.allocate(0, Zone.NORMAL));
    }
}
