package oss.runtime.kernel.mm.alloc;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * vmalloc: memory that is contiguous in kernel virtual addresses but built
 * from single frames wherever the page allocator finds them, for large
 * buffers that need no physical contiguity (module text, big tables) and
 * must not depend on finding a high-order buddy block.
 *
 * <p>Areas are placed first fit, lowest address first, in {@code [vstart, vend)};
 * each is followed by one unmapped guard page, as Linux's vm_struct is, so
 * running off the end of one area faults instead of corrupting the next.
 * Addresses are compared unsigned, so a kernel-half range such as x86_64's
 * VMALLOC_START 0xffffc90000000000 works as a Java long.
 */
public final class Vmalloc {
    private static final int PAGE = FrameProvider.FRAME_SIZE;

    private final FrameProvider pages;
    private final long vstart;
    private final long vend;
    /** Areas by start address, unsigned order. */
    private final TreeMap<Long, Area> areas = new TreeMap<>(Long::compareUnsigned);

    private record Area(long start, long[] frames) {
        /** Bytes of address space taken, guard page included. */
        long span() {
            return (frames.length + 1L) * PAGE;
        }
    }

    public Vmalloc(FrameProvider pages, long vstart, long vend) {
        if (vstart % PAGE != 0 || vend % PAGE != 0 || Long.compareUnsigned(vstart, vend) >= 0) {
            throw new IllegalArgumentException(String.format(
                    "vmalloc range 0x%x-0x%x must be page aligned and non-empty", vstart, vend));
        }
        this.pages = pages;
        this.vstart = vstart;
        this.vend = vend;
    }

    /** Virtual start of a fresh area of at least {@code bytes} bytes, or -1 when address space or frames run out. */
    public long vmalloc(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("vmalloc size must be positive: " + bytes);
        }
        long count = (bytes + PAGE - 1) / PAGE;
        long span = (count + 1) * PAGE;
        long start = firstFit(span);
        if (start == -1) {
            return -1;
        }
        long[] frames = new long[Math.toIntExact(count)];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = pages.allocateFrame();
            if (frames[i] < 0) {
                for (int j = 0; j < i; j++) {
                    pages.freeFrame(frames[j]);
                }
                return -1;
            }
        }
        areas.put(start, new Area(start, frames));
        return start;
    }

    private long firstFit(long span) {
        long cursor = vstart;
        for (Area area : areas.values()) {
            if (Long.compareUnsigned(area.start() - cursor, span) >= 0) {
                return cursor;
            }
            cursor = area.start() + area.span();
        }
        boolean fits = Long.compareUnsigned(cursor, vend) <= 0 && Long.compareUnsigned(vend - cursor, span) >= 0;
        return fits ? cursor : -1;
    }

    /** Unmaps the area starting at {@code va} and frees its frames. */
    public void vfree(long va) {
        Area area = areas.remove(va);
        if (area == null) {
            throw new IllegalArgumentException(String.format("vfree of 0x%x, which is not a vmalloc area", va));
        }
        for (long frame : area.frames()) {
            pages.freeFrame(frame);
        }
    }

    /** The frames backing the area at {@code va}, one per page in virtual order. */
    public long[] frames(long va) {
        Area area = areas.get(va);
        if (area == null) {
            throw new IllegalArgumentException(String.format("0x%x is not a vmalloc area", va));
        }
        return area.frames().clone();
    }

    /** /proc/vmallocinfo: one line per area, its range and size counting the guard page. */
    public String vmallocinfo() {
        List<String> lines = new ArrayList<>();
        for (Area area : areas.values()) {
            lines.add(String.format("0x%016x-0x%016x %7d pages=%d vmalloc",
                    area.start(), area.start() + area.span(), area.span(), area.frames().length));
        }
        return String.join("\n", lines);
    }
}
