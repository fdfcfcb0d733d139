package oss.runtime.kernel.mm.alloc;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Physical memory split into zones, each with its own buddy allocator, as
 * Linux does on x86: ZONE_DMA is the first 16 MiB (what ISA DMA can reach);
 * on x86_64 everything above is ZONE_NORMAL (this model has no DMA32); on
 * x86_32 with highmem, NORMAL stops at 896 MiB, the most the kernel maps
 * permanently, and the rest is ZONE_HIGHMEM.
 *
 * <p>An allocation that its preferred zone cannot satisfy falls back to the
 * lower zones in Linux's zonelist order (HIGHMEM → NORMAL → DMA, NORMAL → DMA,
 * DMA only DMA), never upwards: a DMA buffer must sit below 16 MiB.
 *
 * <p>Frame 0 is reserved and never handed out, as firmware keeps the real-mode
 * IVT and BIOS data area there (Linux reserves at least the first page); it
 * also keeps physical address 0 from ever looking like NULL. So a machine of
 * {@code n} frames starts with {@code n - 1} free.
 */
public final class Zones {
    /** The zones, lowest first; {@link #linuxName()} is what /proc/buddyinfo prints. */
    public enum Zone {
        DMA("DMA"), NORMAL("Normal"), HIGHMEM("HighMem");

        private final String linuxName;

        Zone(String linuxName) {
            this.linuxName = linuxName;
        }

        public String linuxName() {
            return linuxName;
        }
    }

    /** Frames kept back at the bottom of memory (frame 0). */
    public static final long RESERVED_FRAMES = 1;

    private static final long MIB = 1L << 20;
    private static final long DMA_LIMIT = 16 * MIB;
    private static final long LOWMEM_LIMIT = 896 * MIB;

    private final Map<Zone, BuddyAllocator> zones = new EnumMap<>(Zone.class);

    public Zones(long totalFrames, int pageSize, boolean highmem, int maxOrder) {
        if (totalFrames <= RESERVED_FRAMES) {
            throw new IllegalArgumentException("a machine needs more than " + RESERVED_FRAMES + " frame(s): " + totalFrames);
        }
        if (pageSize <= 0 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two: " + pageSize);
        }
        long dmaEnd = Math.min(totalFrames, DMA_LIMIT / pageSize);
        long normalEnd = highmem ? Math.min(totalFrames, LOWMEM_LIMIT / pageSize) : totalFrames;
        add(Zone.DMA, RESERVED_FRAMES, dmaEnd, maxOrder);
        add(Zone.NORMAL, Math.max(dmaEnd, RESERVED_FRAMES), normalEnd, maxOrder);
        add(Zone.HIGHMEM, Math.max(normalEnd, RESERVED_FRAMES), totalFrames, maxOrder);
    }

    private void add(Zone zone, long start, long end, int maxOrder) {
        if (end > start) {
            zones.put(zone, new BuddyAllocator(zone.linuxName(), start, end - start, maxOrder));
        }
    }

    /** A block of {@code 2^order} frames from {@code preferred} or a zone below it; -1 when none has one. */
    public long allocate(int order, Zone preferred) {
        for (int z = preferred.ordinal(); z >= 0; z--) {
            BuddyAllocator zone = zones.get(Zone.values()[z]);
            if (zone != null) {
                long frame = zone.allocate(order);
                if (frame >= 0) {
                    return frame;
                }
            }
        }
        return -1;
    }

    /** Returns a block to the zone its address lies in. */
    public void free(long frame, int order) {
        Zone zone = zoneOf(frame);
        if (zone == null) {
            throw new IllegalArgumentException("frame " + frame + " is in no zone (reserved or beyond memory)");
        }
        zones.get(zone).free(frame, order);
    }

    /** The zone holding {@code frame}, or null for the reserved frame and frames beyond memory. */
    public Zone zoneOf(long frame) {
        for (var entry : zones.entrySet()) {
            if (entry.getValue().contains(frame)) {
                return entry.getKey();
            }
        }
        return null;
    }

    public boolean has(Zone zone) {
        return zones.containsKey(zone);
    }

    /** The zone's allocator; the zone must exist ({@link #has}). */
    public BuddyAllocator zone(Zone zone) {
        BuddyAllocator allocator = zones.get(zone);
        if (allocator == null) {
            throw new IllegalArgumentException("this machine has no " + zone.linuxName() + " zone");
        }
        return allocator;
    }

    public long freeFrames() {
        long free = 0;
        for (BuddyAllocator zone : zones.values()) {
            free += zone.freeFrames();
        }
        return free;
    }

    /** /proc/buddyinfo: one line per zone present, lowest zone first. */
    public String buddyinfo() {
        List<String> lines = new ArrayList<>();
        for (BuddyAllocator zone : zones.values()) {
            lines.add(zone.buddyinfo());
        }
        return String.join("\n", lines);
    }
}
