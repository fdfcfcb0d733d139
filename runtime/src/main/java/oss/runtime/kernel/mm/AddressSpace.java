package oss.runtime.kernel.mm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oss.runtime.hw.mem.PageTable;
import oss.runtime.kernel.mm.malloc.UserAllocator;
import oss.runtime.kernel.mm.replace.ReplacementPolicy;

/**
 * An mm_struct: the VMAs kept ordered by start address (Linux keeps them in
 * a maple tree; a sorted map answers the same "which VMA covers this
 * address" question), the page table, the program break, and who shares it.
 */
public final class AddressSpace {
    public final int asid;
    public final PageTable pageTable;
    public final Layout layout;
    private final TreeMap<Long, Vma> vmas = new TreeMap<>();
    public long brkStart;
    public long brk;
    /** Tasks using it: threads and a vfork child add to it. */
    public int users = 1;
    /** The process's resident-set limit in frames (`frames N`), 0 for none. */
    public final int frameLimit;
    /** Local page replacement when there is a frame limit. */
    public final ReplacementPolicy localPolicy;
    /** Pages currently in a frame, by virtual page number. */
    public final java.util.TreeSet<Long> resident = new java.util.TreeSet<>();
    /** Pages written out to swap: virtual page number → swap slot. */
    public final Map<Long, Long> swapped = new HashMap<>();
    /** Anonymous pages that were written at least once (their content is not all zeros). */
    public final VpnSet dirtied = new VpnSet();
    public UserAllocator allocator;
    /** The program this address space was built for (exec's argument), for /proc/PID/maps. */
    public String program;

    public AddressSpace(int asid, PageTable pageTable, Layout layout, int frameLimit, ReplacementPolicy localPolicy,
            String program) {
        this.asid = asid;
        this.pageTable = pageTable;
        this.layout = layout;
        this.frameLimit = frameLimit;
        this.localPolicy = localPolicy;
        this.program = program;
        this.brkStart = layout.heapStart();
        this.brk = brkStart;
    }

    /** Where kernel objects of this mm live in the slab caches: the vm_area_struct of each VMA, by start. */
    private final Map<Long, Long> vmaObjects = new HashMap<>();
    private oss.runtime.kernel.mm.alloc.SlabCache vmaCache;
    /** This mm_struct's slab object, or 0. */
    public long mmStruct;

    /** From now on every VMA added or removed takes or returns a vm_area_struct in {@code cache}. */
    void accountVmasIn(oss.runtime.kernel.mm.alloc.SlabCache cache) {
        this.vmaCache = cache;
        for (Vma v : vmas.values()) {
            long obj = cache.alloc();
            if (obj < 0) {
                throw new KernelOutOfMemory("a vm_area_struct");
            }
            vmaObjects.put(v.start, obj);
        }
    }

    /** Gives back every vm_area_struct (the mm is being torn down). */
    void releaseVmaObjects() {
        if (vmaCache != null) {
            vmaObjects.values().forEach(vmaCache::free);
        }
        vmaObjects.clear();
    }

    /**
     * The VMA the last {@link #find} returned and the start of the next VMA
     * above it: while the map is unchanged, any {@code va} in
     * {@code [lastFound.start, lastNextStart)} has {@code lastFound} as its
     * floor entry, so the hot path skips the tree. Forgotten on every
     * add and remove.
     */
    private Vma lastFound;
    private long lastNextStart;

    public Vma find(long va) {
        Vma last = lastFound;
        if (last != null && va >= last.start && va < lastNextStart) {
            return last.contains(va) ? last : null;
        }
        var e = vmas.floorEntry(va);
        if (e == null) {
            return null;
        }
        Vma v = e.getValue();
        Long next = vmas.higherKey(v.start);
        lastFound = v;
        lastNextStart = next == null ? Long.MAX_VALUE : next;
        return v.contains(va) ? v : null;
    }

    /** Adds the VMA with its vm_area_struct; throws {@link KernelOutOfMemory}, adding nothing, when there is no room for it. */
    public void add(Vma v) {
        if (vmaCache != null) {
            long obj = vmaCache.alloc();
            if (obj < 0) {
                throw new KernelOutOfMemory("a vm_area_struct");
            }
            vmaObjects.put(v.start, obj);
        }
        lastFound = null;
        vmas.put(v.start, v);
    }

    public void remove(Vma v) {
        lastFound = null;
        vmas.remove(v.start);
        opened(v);
        Long obj = vmaObjects.remove(v.start);
        if (obj != null && vmaCache != null) {
            vmaCache.free(obj);
        }
    }

    /** The VMA just below {@code va} (ending at or before it), or null. */
    public Vma below(long va) {
        var e = vmas.lowerEntry(va);
        return e == null || e.getValue().end > va ? null : e.getValue();
    }

    /**
     * The [stack] VMA moved down to start at {@code newStart}, as expand_downwards
     * lowers vm_start: the same vm_area_struct, no page mapped yet.
     */
    public Vma growDown(Vma stack, long newStart) {
        lastFound = null;
        vmas.remove(stack.start);
        Vma grown = new Vma(newStart, stack.end, stack.prot, stack.shared, stack.kind, stack.file, stack.library,
                stack.fileOffset, stack.name);
        grown.shm = stack.shm;
        vmas.put(newStart, grown);
        Long obj = vmaObjects.remove(stack.start);
        if (obj != null) {
            vmaObjects.put(newStart, obj);
        }
        return grown;
    }

    /** The VMA that grows down ([stack]), or null after it was unmapped. */
    public Vma stack() {
        for (Vma v : vmas.descendingMap().values()) {
            if (v.kind == Vma.Kind.STACK) {
                return v;
            }
        }
        return null;
    }

    public List<Vma> vmas() {
        return new ArrayList<>(vmas.values());
    }

    public Vma heap() {
        for (Vma v : vmas.values()) {
            if (v.kind == Vma.Kind.HEAP) {
                return v;
            }
        }
        return null;
    }

    /** True when [start, end) overlaps no VMA. */
    public boolean free(long start, long end) {
        var below = vmas.lowerEntry(end);
        return below == null || below.getValue().end <= start;
    }

    /**
     * Top-down placement like get_unmapped_area: the highest gap of
     * {@code bytes} below the mmap base that no VMA occupies.
     *
     * <p>A walk from the mmap base passes every VMA packed below it, so a loop of
     * mmaps was quadratic (100,000 took over 120 s). Like the free_area_cache of
     * Linux before the gap-augmented tree, the walk remembers where it stopped
     * ({@link #scanTop}) and the largest gap it passed above that point
     * ({@link #holeAbove}); a request larger than every gap above starts there.
     * Same placement, found without the walk over the packed VMAs.
     */
    public long unmappedArea(long bytes) {
        long base = layout.mmapBase();
        boolean hinted = scanBase == base && scanTop != NO_HINT && bytes > holeAbove;
        long top = hinted ? scanTop : base;
        long largest = hinted ? holeAbove : 0;
        for (Vma v : vmas.headMap(top, false).descendingMap().values()) {
            if (v.end <= top - bytes) {
                break;
            }
            largest = Math.max(largest, top - v.end);
            top = v.start;
        }
        // every gap between VMAs in [top, base) is at most `largest`
        scanBase = base;
        scanTop = top;
        holeAbove = largest;
        long candidate = top - bytes;
        return candidate >= brk ? candidate : -1;
    }

    private static final long NO_HINT = Long.MIN_VALUE;
    private long scanBase;
    private long scanTop = NO_HINT;
    private long holeAbove;

    /** A VMA went away: the gap it leaves (joined with its neighbours') may lie above {@link #scanTop}. */
    private void opened(Vma v) {
        if (scanTop == NO_HINT || v.end <= scanTop) {
            return;
        }
        var lower = vmas.lowerEntry(v.start);
        var higher = vmas.ceilingEntry(v.end);
        long from = lower == null ? Long.MIN_VALUE / 2 : lower.getValue().end;
        long to = higher == null ? Long.MAX_VALUE / 2 : higher.getKey();
        holeAbove = Math.max(holeAbove, to - from);
    }

    public long vmPages(int pageSize) {
        long n = 0;
        for (Vma v : vmas.values()) {
            n += v.pages(pageSize);
        }
        return n;
    }
}
