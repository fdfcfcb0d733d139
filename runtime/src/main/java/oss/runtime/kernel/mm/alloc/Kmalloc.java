package oss.runtime.kernel.mm.alloc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * kmalloc: general-purpose kernel memory from a ladder of slab caches,
 * kmalloc-8 up to kmalloc-8k, each request rounded up to the smallest class
 * that fits (the 96 and 192 classes exist because 64→128 and 128→256 would
 * waste too much). Requests beyond 8 KiB bypass the slabs and take a
 * power-of-two run of contiguous frames straight from the page allocator, as
 * SLUB's kmalloc_large does.
 *
 * <p>{@code kmalloc(0)} returns {@link #ZERO_SIZE_PTR}, which {@code kfree}
 * accepts and ignores, as Linux does; the frame provider is assumed never to
 * hand out frame 0 (the zoned allocator reserves it), so no real object can
 * live at that address.
 */
public final class Kmalloc {
    /** Linux's ZERO_SIZE_PTR: a non-NULL, never-dereferenceable result of kmalloc(0). */
    public static final long ZERO_SIZE_PTR = 16;

    private static final int[] SIZES = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};
    private static final int PAGE = FrameProvider.FRAME_SIZE;

    private final FrameProvider pages;
    private final List<SlabCache> caches = new ArrayList<>();
    /** Large allocations: address → frames taken. */
    private final TreeMap<Long, Integer> large = new TreeMap<>();

    public Kmalloc(FrameProvider pages) {
        this.pages = pages;
        for (int size : SIZES) {
            caches.add(new SlabCache(cacheName(size), size, pages));
        }
    }

    /** "kmalloc-96", "kmalloc-1k": the names /proc/slabinfo shows. */
    static String cacheName(int size) {
        return "kmalloc-" + (size >= 1024 ? size / 1024 + "k" : String.valueOf(size));
    }

    /** The address of at least {@code bytes} bytes, or -1 when memory is exhausted. */
    public long kmalloc(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative kmalloc size: " + bytes);
        }
        if (bytes == 0) {
            return ZERO_SIZE_PTR;
        }
        SlabCache cache = cacheFor(bytes);
        if (cache != null) {
            return cache.alloc();
        }
        int frames = 1 << BuddyAllocator.orderFor((bytes + (long) PAGE - 1) / PAGE);
        long frame = pages.allocateFrames(frames);
        if (frame < 0) {
            return -1;
        }
        long addr = frame * PAGE;
        large.put(addr, frames);
        return addr;
    }

    /** Frees what {@link #kmalloc} returned; 0 (NULL) and ZERO_SIZE_PTR are ignored. */
    public void kfree(long addr) {
        if (addr == 0 || addr == ZERO_SIZE_PTR) {
            return;
        }
        Integer frames = large.remove(addr);
        if (frames != null) {
            pages.freeFrames(addr / PAGE, frames);
            return;
        }
        for (SlabCache cache : caches) {
            if (cache.owns(addr)) {
                cache.free(addr);
                return;
            }
        }
        throw new IllegalArgumentException("kfree of " + addr + ", which kmalloc did not hand out");
    }

    /** The size class serving {@code bytes}, or null when it is a large (page-allocator) request. */
    public SlabCache cacheFor(int bytes) {
        for (SlabCache cache : caches) {
            if (cache.objectSize() >= bytes) {
                return cache;
            }
        }
        return null;
    }

    /** The size classes, smallest first. */
    public List<SlabCache> caches() {
        return Collections.unmodifiableList(caches);
    }

    /** The kmalloc lines of /proc/slabinfo, largest class first as Linux lists them. */
    public String slabinfo() {
        List<String> lines = new ArrayList<>();
        for (int i = caches.size() - 1; i >= 0; i--) {
            lines.add(caches.get(i).slabinfo());
        }
        return String.join("\n", lines);
    }
}
