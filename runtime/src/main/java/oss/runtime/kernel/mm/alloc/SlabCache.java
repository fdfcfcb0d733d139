package oss.runtime.kernel.mm.alloc;

import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.TreeMap;

/**
 * One kmem_cache: objects of a single size carved out of slabs, so that
 * allocating a struct costs no buddy call and no per-object fragmentation
 * (Bonwick's slab allocator, as Linux's SLAB/SLUB keep it).
 *
 * <p>A slab is {@code 2^k} contiguous frames, the fewest that hold one
 * object; objects are packed at {@code objectSize} stride from the slab's
 * first byte, so an object's address is {@code frame * 4096 + index * objectSize}.
 * Within a slab the lowest free index is used first. Slabs sit on one of
 * three lists by how full they are; allocation prefers the first partial slab
 * (to let the others drain), then a cached empty one, and only then asks the
 * provider for a new slab. At most one empty slab is kept cached; a second
 * one that empties goes straight back to the provider.
 */
public final class SlabCache {
    /** The column header of /proc/slabinfo, for the six columns {@link #slabinfo()} prints. */
    public static final String SLABINFO_HEADER =
            "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>";

    private static final int PAGE = FrameProvider.FRAME_SIZE;

    private final String name;
    private final int objectSize;
    private final int pagesPerSlab;
    private final int objectsPerSlab;
    private final FrameProvider pages;

    /** Slabs by first frame, to find an object's slab from its address. */
    private final TreeMap<Long, Slab> byFrame = new TreeMap<>();
    private final LinkedHashSet<Slab> full = new LinkedHashSet<>();
    private final LinkedHashSet<Slab> partial = new LinkedHashSet<>();
    private final LinkedHashSet<Slab> empty = new LinkedHashSet<>();
    private long activeObjects;

    /** One slab; identity equality on purpose, so the list sets keep insertion order. */
    private static final class Slab {
        final long frame;
        final BitSet used = new BitSet();
        int inUse;

        Slab(long frame) {
            this.frame = frame;
        }
    }

    public SlabCache(String name, int objectSize, FrameProvider pages) {
        if (objectSize < 1) {
            throw new IllegalArgumentException("object size must be positive: " + objectSize);
        }
        this.name = name;
        this.objectSize = objectSize;
        this.pages = pages;
        this.pagesPerSlab = 1 << BuddyAllocator.orderFor((objectSize + PAGE - 1) / PAGE);
        this.objectsPerSlab = pagesPerSlab * PAGE / objectSize;
    }

    /** A free object's address, or -1 when a new slab was needed and the provider had no frames. */
    public long alloc() {
        Slab slab = first(partial);
        if (slab == null) {
            slab = first(empty);
        }
        if (slab == null) {
            long frame = pagesPerSlab == 1 ? pages.allocateFrame() : pages.allocateFrames(pagesPerSlab);
            if (frame < 0) {
                return -1;
            }
            slab = new Slab(frame);
            byFrame.put(frame, slab);
            empty.add(slab);
        }
        var before = listOf(slab);
        int index = slab.used.nextClearBit(0);
        slab.used.set(index);
        slab.inUse++;
        activeObjects++;
        move(slab, before);
        return slab.frame * PAGE + (long) index * objectSize;
    }

    /** Frees the object at {@code addr}; a wrong address or a double free is an IllegalArgumentException. */
    public void free(long addr) {
        Slab slab = slabOf(addr);
        if (slab == null) {
            throw new IllegalArgumentException(name + ": " + addr + " is not in any of this cache's slabs");
        }
        long offset = addr - slab.frame * PAGE;
        if (offset % objectSize != 0 || offset / objectSize >= objectsPerSlab) {
            throw new IllegalArgumentException(name + ": " + addr + " is not the start of an object");
        }
        int index = (int) (offset / objectSize);
        if (!slab.used.get(index)) {
            throw new IllegalArgumentException(name + ": double free of " + addr);
        }
        var before = listOf(slab);
        slab.used.clear(index);
        slab.inUse--;
        activeObjects--;
        if (slab.inUse == 0 && !empty.isEmpty()) {
            before.remove(slab);
            release(slab);
        } else {
            move(slab, before);
        }
    }

    /** Re-files a slab whose fill changed; one that stays on its list keeps its place. */
    private void move(Slab slab, LinkedHashSet<Slab> before) {
        var after = listOf(slab);
        if (after != before) {
            before.remove(slab);
            after.add(slab);
        }
    }

    /** Whether {@code addr} lies inside one of this cache's slabs. */
    public boolean owns(long addr) {
        return slabOf(addr) != null;
    }

    /** Gives every empty slab back to the provider (kmem_cache_shrink), e.g. under memory pressure. */
    public void shrink() {
        for (Slab slab : empty.toArray(new Slab[0])) {
            empty.remove(slab);
            release(slab);
        }
    }

    private void release(Slab slab) {
        byFrame.remove(slab.frame);
        if (pagesPerSlab == 1) {
            pages.freeFrame(slab.frame);
        } else {
            pages.freeFrames(slab.frame, pagesPerSlab);
        }
    }

    private Slab slabOf(long addr) {
        if (addr < 0) {
            return null;
        }
        var entry = byFrame.floorEntry(addr / PAGE);
        if (entry == null || addr >= (entry.getKey() + pagesPerSlab) * PAGE) {
            return null;
        }
        return entry.getValue();
    }

    private LinkedHashSet<Slab> listOf(Slab slab) {
        if (slab.inUse == 0) {
            return empty;
        }
        return slab.inUse == objectsPerSlab ? full : partial;
    }

    private static Slab first(LinkedHashSet<Slab> list) {
        return list.isEmpty() ? null : list.iterator().next();
    }

    /** One /proc/slabinfo line: name, active_objs, num_objs, objsize, objperslab, pagesperslab. */
    public String slabinfo() {
        return String.format("%-17s %6d %6d %6d %4d %4d",
                name, activeObjects, totalObjects(), objectSize, objectsPerSlab, pagesPerSlab);
    }

    public String name() {
        return name;
    }

    public int objectSize() {
        return objectSize;
    }

    public int objectsPerSlab() {
        return objectsPerSlab;
    }

    public int pagesPerSlab() {
        return pagesPerSlab;
    }

    public long activeObjects() {
        return activeObjects;
    }

    public long totalObjects() {
        return (long) slabs() * objectsPerSlab;
    }

    public int slabs() {
        return byFrame.size();
    }

    public int fullSlabs() {
        return full.size();
    }

    public int partialSlabs() {
        return partial.size();
    }

    public int emptySlabs() {
        return empty.size();
    }
}
