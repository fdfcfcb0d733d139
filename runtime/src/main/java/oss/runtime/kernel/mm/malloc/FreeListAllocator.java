package oss.runtime.kernel.mm.malloc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import oss.ir.program.MallocSpec;
import oss.ir.program.MallocSpec.Fit;
import oss.ir.program.MallocSpec.Order;

/**
 * The textbook allocator: one contiguous heap cut into blocks, and an
 * explicit free list searched in its own order — the allocator of OSTEP's
 * chapter 17 and its {@code malloc.py}.
 *
 * <ul>
 * <li>Every block starts with a header of {@code headerBytes} (8) and the
 *     user address is block + header. The payload is the request rounded up
 *     to {@code alignBytes} (8), at least one unit, so with the defaults
 *     malloc(n) takes a block of {@code 8 + max(8, align8(n))} bytes.</li>
 * <li>The free list is searched front to back. FIRST takes the first block
 *     that fits; BEST the smallest (the first of equal ones); WORST the
 *     largest (the first of equal ones); NEXT, with the list in address
 *     order, starts where the last search ended (the block just after the
 *     one last allocated, or the free block now containing that address),
 *     wrapping around once.</li>
 * <li>The chosen block is split when the rest is at least
 *     {@code minSplitBytes} (16); the rest stays at the chosen block's place
 *     in the list, as malloc.py leaves it, until the next free re-sorts.
 *     Otherwise the whole block is given.</li>
 * <li>free puts the block back by the {@link Order}: in address order, in
 *     size order (ascending or descending; a stable sort of the whole list,
 *     as malloc.py does), or at the front or the back. With {@code coalesce},
 *     neighbours in the list that touch in memory then merge, front to back:
 *     in address order that is every neighbour; in other orders only blocks
 *     that land next to each other in the list (malloc.py's rule).</li>
 * <li>The heap: with {@code heapBytes} a fixed heap made by the first
 *     malloc, and malloc returns 0 (NULL) when nothing on the list fits.
 *     Without, the heap grows by sbrk of a page multiple: enough for the
 *     block, counting a free block at the end of the heap when coalescing
 *     (which the new space then extends). If the kernel refuses, malloc
 *     returns 0. The heap never shrinks.</li>
 * </ul>
 */
public final class FreeListAllocator implements UserAllocator {
    static final long HEADER = MallocSpec.DEFAULT_HEADER;
    static final long ALIGN = MallocSpec.DEFAULT_ALIGN;

    private static final class Blk {
        final long addr;
        long size;
        boolean free;
        long requested;

        Blk(long addr, long size, boolean free) {
            this.addr = addr;
            this.size = size;
            this.free = free;
        }

        long end() {
            return addr + size;
        }
    }

    private final UserMemory memory;
    private final long pageSize;
    private final MallocSpec spec;
    /** Every block, used or free, by address. */
    private final TreeMap<Long, Blk> blocks = new TreeMap<>();
    /** The free blocks in list order. */
    private final ArrayList<Blk> freeList = new ArrayList<>();
    /** Whether {@link #freeList} is in its order; a split in a size order may leave it out of it. */
    private boolean inOrder = true;
    private final Set<Long> freed = new HashSet<>();
    private long heapStart = -1;
    private long brk = -1;
    /** NEXT fit: where the next search starts. */
    private long rover = -1;

    public FreeListAllocator(UserMemory memory, int pageSize, MallocSpec spec) {
        if (pageSize <= 0 || Long.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two: " + pageSize);
        }
        this.memory = memory;
        this.pageSize = pageSize;
        this.spec = spec;
    }

    /** The default layout (8-byte header and alignment, address order, a growing heap). */
    public FreeListAllocator(UserMemory memory, int pageSize, Fit fit, boolean coalesce) {
        this(memory, pageSize, new MallocSpec(MallocSpec.Kind.FREELIST, 0, fit, coalesce));
    }

    @Override
    public String name() {
        return "freelist " + spec.fit().name().toLowerCase() + " fit" + (spec.coalesce() ? ", coalescing"
                : ", no coalescing") + (spec.order() == Order.ADDRESS ? "" : ", list order " + spec.order().word);
    }

    /** The block size malloc(bytes) takes with the default layout: header + payload rounded to 8, at least 8. */
    public static long blockSize(long bytes) {
        return HEADER + Math.max(8, (bytes + ALIGN - 1) & -ALIGN);
    }

    /** The block size malloc(bytes) takes: the header and the payload rounded up to the alignment (one unit at least). */
    long need(long bytes) {
        long align = Math.max(1, spec.alignBytes());
        long units = Math.max(1, (bytes + align - 1) / align);
        return spec.headerBytes() + units * align;
    }

    @Override
    public long malloc(long bytes) {
        if (bytes < 0 || bytes > Long.MAX_VALUE / 4) {
            return 0;
        }
        long need = need(bytes);
        int at = find(need);
        if (at < 0) {
            if (!grow(need)) {
                return 0;
            }
            at = find(need);
            if (at < 0) {
                return 0;
            }
        }
        Blk b = freeList.get(at);
        if (b.size - need >= Math.max(1, spec.minSplitBytes())) {
            Blk rest = new Blk(b.addr + need, b.size - need, true);
            blocks.put(rest.addr, rest);
            freeList.set(at, rest);
            b.size = need;
            if (spec.order() == Order.SIZE_ASCENDING || spec.order() == Order.SIZE_DESCENDING) {
                inOrder = false;
            }
        } else {
            freeList.remove(at);
        }
        b.free = false;
        b.requested = bytes;
        rover = b.end();
        long user = b.addr + spec.headerBytes();
        freed.remove(user);
        return user;
    }

    /** The index in the free list of the block the fit picks, or -1. */
    private int find(long need) {
        int best = -1;
        switch (spec.fit()) {
            case FIRST -> {
                for (int i = 0; i < freeList.size(); i++) {
                    if (freeList.get(i).size >= need) {
                        return i;
                    }
                }
            }
            case BEST -> {
                for (int i = 0; i < freeList.size(); i++) {
                    long s = freeList.get(i).size;
                    if (s >= need && (best < 0 || s < freeList.get(best).size)) {
                        best = i;
                    }
                }
            }
            case WORST -> {
                for (int i = 0; i < freeList.size(); i++) {
                    long s = freeList.get(i).size;
                    if (s >= need && (best < 0 || s > freeList.get(best).size)) {
                        best = i;
                    }
                }
            }
            case NEXT -> {
                long start = rover;
                Map.Entry<Long, Blk> containing = blocks.floorEntry(rover);
                if (containing != null && containing.getValue().end() > rover) {
                    start = containing.getKey();
                }
                int from = firstAtOrAbove(start);
                for (int k = 0; k < freeList.size(); k++) {
                    int i = (from + k) % freeList.size();
                    if (freeList.get(i).size >= need) {
                        return i;
                    }
                }
            }
        }
        return best;
    }

    /** In an address-ordered list: the index of the first block at or above {@code addr} (the size if none). */
    private int firstAtOrAbove(long addr) {
        int lo = 0;
        int hi = freeList.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (freeList.get(mid).addr < addr) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean grow(long need) {
        if (spec.heapBytes() > 0) {
            if (heapStart >= 0) {
                return false; // a fixed heap never grows: malloc returns NULL
            }
            long got = memory.sbrk(spec.heapBytes());
            if (got == -1) {
                return false;
            }
            start(got, got + spec.heapBytes());
            return true;
        }
        Blk last = blocks.isEmpty() ? null : blocks.lastEntry().getValue();
        boolean extendLast = spec.coalesce() && last != null && last.free && last.end() == brk;
        long ask = (need - (extendLast ? last.size : 0) + pageSize - 1) & -pageSize;
        long got = memory.sbrk(ask);
        if (got == -1) {
            return false;
        }
        if (heapStart < 0) {
            start(got, got + ask);
            return true;
        }
        long end = got + ask;
        brk = end;
        if (extendLast && got == last.end()) {
            last.size += end - last.end();
            if (spec.order() == Order.SIZE_ASCENDING || spec.order() == Order.SIZE_DESCENDING) {
                inOrder = false;
            }
        } else {
            Blk b = new Blk(got, end - got, true);
            blocks.put(b.addr, b);
            putBack(b);
        }
        return true;
    }

    /** The first heap: one free block from the (aligned) first break to {@code end}. */
    private void start(long got, long end) {
        long align = Math.max(1, spec.alignBytes());
        long start = (got + align - 1) / align * align; // a misaligned first break wastes its first bytes
        heapStart = start;
        rover = start;
        brk = end;
        Blk b = new Blk(start, end - start, true);
        blocks.put(b.addr, b);
        freeList.add(b);
    }

    @Override
    public FreeResult free(long address) {
        if (address == 0) {
            return FreeResult.OK;
        }
        Blk b = blocks.get(address - spec.headerBytes());
        if (b == null || b.free) {
            return freed.contains(address) ? FreeResult.DOUBLE_FREE : FreeResult.INVALID_POINTER;
        }
        freed.add(address);
        b.free = true;
        putBack(b);
        return FreeResult.OK;
    }

    /** A block becomes free: onto the list by the order, then merged with its touching list neighbours. */
    private void putBack(Blk b) {
        switch (spec.order()) {
            case ADDRESS -> {
                int i = firstAtOrAbove(b.addr);
                freeList.add(i, b);
                if (spec.coalesce()) {
                    mergeAt(i); // with the block after it
                    if (i > 0) {
                        mergeAt(i - 1); // the block before it with it
                    }
                }
                return;
            }
            case INSERT_FRONT -> freeList.add(0, b);
            case INSERT_BACK -> freeList.add(b);
            case SIZE_ASCENDING, SIZE_DESCENDING -> {
                Comparator<Blk> bySize = Comparator.comparingLong(x -> x.size);
                if (spec.order() == Order.SIZE_DESCENDING) {
                    bySize = bySize.reversed();
                }
                if (inOrder) {
                    // the list is sorted: a stable sort of list + b puts b after its equals
                    int i = 0;
                    while (i < freeList.size() && bySize.compare(freeList.get(i), b) <= 0) {
                        i++;
                    }
                    freeList.add(i, b);
                } else {
                    freeList.add(b);
                    freeList.sort(bySize); // List.sort is stable, as Python's sorted
                    inOrder = true;
                }
            }
        }
        if (spec.coalesce()) {
            // malloc.py's pass: front to back, a block merges into the one before it in the list
            // when it starts where that one ends
            for (int i = 0; i + 1 < freeList.size(); ) {
                if (!mergeAt(i)) {
                    i++;
                }
            }
        }
    }

    /** Merges list entry i+1 into entry i when it starts where entry i ends; true if it did. */
    private boolean mergeAt(int i) {
        if (i < 0 || i + 1 >= freeList.size()) {
            return false;
        }
        Blk a = freeList.get(i);
        Blk next = freeList.get(i + 1);
        if (next.addr != a.end()) {
            return false;
        }
        a.size += next.size;
        blocks.remove(next.addr);
        freeList.remove(i + 1);
        if (spec.order() == Order.SIZE_ASCENDING || spec.order() == Order.SIZE_DESCENDING) {
            inOrder = false;
        }
        return true;
    }

    @Override
    public boolean inFreedBlock(long address) {
        Map.Entry<Long, Blk> e = blocks.floorEntry(address);
        return e != null && e.getValue().free && address < e.getValue().end();
    }

    @Override
    public List<Block> liveBlocks() {
        List<Block> live = new ArrayList<>();
        for (Blk b : blocks.values()) {
            if (!b.free) {
                live.add(new Block(b.addr + spec.headerBytes(), b.requested, false));
            }
        }
        return List.copyOf(live);
    }

    @Override
    public int freeListLength() {
        return freeList.size();
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder(name());
        if (heapStart < 0) {
            return sb.append(": no heap yet").append(System.lineSeparator()).toString();
        }
        sb.append(String.format(": heap [0x%x, 0x%x) %d bytes%n", heapStart, brk, brk - heapStart));
        for (Blk b : blocks.values()) {
            sb.append(String.format("  [0x%x, 0x%x) %s %d%n", b.addr, b.end(), b.free ? "free" : "used", b.size));
        }
        StringBuilder list = new StringBuilder("free list:");
        for (Blk b : freeList) {
            list.append(String.format(" 0x%x(%d)", b.addr, b.size));
        }
        return sb.append(list).append(System.lineSeparator()).toString();
    }

    @Override
    public FreeListAllocator copyFor(UserMemory childMemory) {
        FreeListAllocator f = new FreeListAllocator(childMemory, (int) pageSize, spec);
        Map<Long, Blk> copies = new HashMap<>();
        for (Blk b : blocks.values()) {
            Blk c = new Blk(b.addr, b.size, b.free);
            c.requested = b.requested;
            f.blocks.put(c.addr, c);
            copies.put(c.addr, c);
        }
        for (Blk b : freeList) {
            f.freeList.add(copies.get(b.addr));
        }
        f.inOrder = inOrder;
        f.freed.addAll(freed);
        f.heapStart = heapStart;
        f.brk = brk;
        f.rover = rover;
        return f;
    }
}
