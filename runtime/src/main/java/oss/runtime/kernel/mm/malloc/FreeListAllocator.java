package oss.runtime.kernel.mm.malloc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import oss.runtime.program.MallocSpec.Fit;

/**
 * The textbook allocator: one contiguous heap, grown with sbrk, cut into
 * blocks, with the free blocks kept in a list in address order.
 *
 * <ul>
 * <li>Every block has an 8-byte header (its size) and the user address is
 *     block + 8. Payloads are rounded up to 8 bytes (8-byte alignment, as on
 *     a 64-bit machine without SIMD types) and are at least 8 bytes, so
 *     malloc(n) takes a block of {@code 8 + max(8, align8(n))} bytes.</li>
 * <li>Placement: FIRST takes the lowest-addressed free block that fits; BEST
 *     the smallest that fits (ties: lowest address); WORST the largest (ties:
 *     lowest address); NEXT searches from where the last search ended (the
 *     block just after the one last allocated, i.e. its split-off remainder,
 *     or the free block that now contains that address) in address order,
 *     wrapping around once.</li>
 * <li>The chosen block is split when the rest can hold a header and 8 bytes
 *     (16 bytes); otherwise the whole block is given.</li>
 * <li>free with {@code coalesce}: the block merges with a free block
 *     immediately before and after it. Without: never, not even with space
 *     the heap grows by.</li>
 * <li>When nothing fits, the heap grows by sbrk of a page multiple: enough
 *     for the block, counting a free block at the end of the heap when
 *     coalescing (which the new space then extends). If the kernel refuses,
 *     malloc returns 0. The heap never shrinks.</li>
 * </ul>
 */
public final class FreeListAllocator implements UserAllocator {
    static final long HEADER = 8;
    static final long ALIGN = 8;
    /** Smallest remainder worth splitting off: a header and 8 bytes. */
    static final long MIN_SPLIT = HEADER + 8;

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
    private final Fit fit;
    private final boolean coalesce;
    private final TreeMap<Long, Blk> blocks = new TreeMap<>();
    private final Set<Long> freed = new HashSet<>();
    private long heapStart = -1;
    private long brk = -1;
    /** NEXT fit: where the next search starts. */
    private long rover = -1;

    public FreeListAllocator(UserMemory memory, int pageSize, Fit fit, boolean coalesce) {
        if (pageSize <= 0 || Long.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two: " + pageSize);
        }
        this.memory = memory;
        this.pageSize = pageSize;
        this.fit = fit;
        this.coalesce = coalesce;
    }

    @Override
    public String name() {
        return "freelist " + fit.name().toLowerCase() + " fit" + (coalesce ? ", coalescing" : ", no coalescing");
    }

    /** The block size malloc(bytes) takes: header + payload rounded to 8, at least 8. */
    public static long blockSize(long bytes) {
        return HEADER + Math.max(8, (bytes + ALIGN - 1) & -ALIGN);
    }

    @Override
    public long malloc(long bytes) {
        if (bytes < 0 || bytes > Long.MAX_VALUE / 4) {
            return 0;
        }
        long need = blockSize(bytes);
        Blk b = find(need);
        if (b == null) {
            if (!grow(need)) {
                return 0;
            }
            b = find(need);
            if (b == null) {
                return 0;
            }
        }
        if (b.size - need >= MIN_SPLIT) {
            Blk rest = new Blk(b.addr + need, b.size - need, true);
            blocks.put(rest.addr, rest);
            b.size = need;
        }
        b.free = false;
        b.requested = bytes;
        rover = b.end();
        long user = b.addr + HEADER;
        freed.remove(user);
        return user;
    }

    private Blk find(long need) {
        Blk best = null;
        switch (fit) {
            case FIRST -> {
                for (Blk b : blocks.values()) {
                    if (b.free && b.size >= need) {
                        return b;
                    }
                }
            }
            case BEST -> {
                for (Blk b : blocks.values()) {
                    if (b.free && b.size >= need && (best == null || b.size < best.size)) {
                        best = b;
                    }
                }
            }
            case WORST -> {
                for (Blk b : blocks.values()) {
                    if (b.free && b.size >= need && (best == null || b.size > best.size)) {
                        best = b;
                    }
                }
            }
            case NEXT -> {
                long start = rover;
                Map.Entry<Long, Blk> containing = blocks.floorEntry(rover);
                if (containing != null && containing.getValue().end() > rover) {
                    start = containing.getKey();
                }
                for (Blk b : blocks.tailMap(start, true).values()) {
                    if (b.free && b.size >= need) {
                        return b;
                    }
                }
                for (Blk b : blocks.headMap(start, false).values()) {
                    if (b.free && b.size >= need) {
                        return b;
                    }
                }
            }
        }
        return best;
    }

    private boolean grow(long need) {
        Blk last = blocks.isEmpty() ? null : blocks.lastEntry().getValue();
        boolean extendLast = coalesce && last != null && last.free && last.end() == brk;
        long ask = (need - (extendLast ? last.size : 0) + pageSize - 1) & -pageSize;
        long got = memory.sbrk(ask);
        if (got == -1) {
            return false;
        }
        long start = got;
        if (heapStart < 0) {
            start = (got + ALIGN - 1) & -ALIGN; // a misaligned first break wastes its first bytes
            heapStart = start;
            rover = start;
        }
        long end = got + ask;
        brk = end;
        if (extendLast && got == last.end()) {
            last.size += end - last.end();
        } else {
            blocks.put(start, new Blk(start, end - start, true));
        }
        return true;
    }

    @Override
    public FreeResult free(long address) {
        if (address == 0) {
            return FreeResult.OK;
        }
        Blk b = blocks.get(address - HEADER);
        if (b == null || b.free) {
            return freed.contains(address) ? FreeResult.DOUBLE_FREE : FreeResult.INVALID_POINTER;
        }
        freed.add(address);
        b.free = true;
        if (coalesce) {
            Blk next = blocks.get(b.end());
            if (next != null && next.free) {
                blocks.remove(next.addr);
                b.size += next.size;
            }
            Map.Entry<Long, Blk> prev = blocks.lowerEntry(b.addr);
            if (prev != null && prev.getValue().free && prev.getValue().end() == b.addr) {
                blocks.remove(b.addr);
                prev.getValue().size += b.size;
            }
        }
        return FreeResult.OK;
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
                live.add(new Block(b.addr + HEADER, b.requested, false));
            }
        }
        return List.copyOf(live);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder(name());
        if (heapStart < 0) {
            return sb.append(": no heap yet").append(System.lineSeparator()).toString();
        }
        sb.append(String.format(": heap [0x%x, 0x%x) %d bytes%n", heapStart, brk, brk - heapStart));
        StringBuilder list = new StringBuilder("free list:");
        for (Blk b : blocks.values()) {
            sb.append(String.format("  [0x%x, 0x%x) %s %d%n", b.addr, b.end(), b.free ? "free" : "used", b.size));
            if (b.free) {
                list.append(String.format(" 0x%x(%d)", b.addr, b.size));
            }
        }
        return sb.append(list).append(System.lineSeparator()).toString();
    }

    @Override
    public FreeListAllocator copyFor(UserMemory childMemory) {
        FreeListAllocator f = new FreeListAllocator(childMemory, (int) pageSize, fit, coalesce);
        for (Blk b : blocks.values()) {
            Blk c = new Blk(b.addr, b.size, b.free);
            c.requested = b.requested;
            f.blocks.put(c.addr, c);
        }
        f.freed.addAll(freed);
        f.heapStart = heapStart;
        f.brk = brk;
        f.rover = rover;
        return f;
    }
}
