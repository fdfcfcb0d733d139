package oss.runtime.kernel.mm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import oss.runtime.hw.mem.CacheHierarchy;
import oss.runtime.hw.mem.FrameSource;
import oss.runtime.hw.mem.Mmu;
import oss.runtime.hw.mem.PageTable;
import oss.runtime.hw.mem.PhysicalMemory;
import oss.runtime.hw.mem.Pte;
import oss.runtime.hw.mem.Tlb;
import oss.runtime.kernel.mm.alloc.BuddyAllocator;
import oss.runtime.kernel.mm.alloc.FrameProvider;
import oss.runtime.kernel.mm.alloc.Slabs;
import oss.runtime.kernel.mm.alloc.Zones;
import oss.runtime.kernel.mm.malloc.Block;
import oss.runtime.kernel.mm.malloc.FreeResult;
import oss.runtime.kernel.mm.malloc.UserAllocators;
import oss.runtime.kernel.mm.malloc.UserMemory;
import oss.runtime.kernel.mm.replace.FutureReferences;
import oss.runtime.kernel.mm.replace.ReplacementPolicies;
import oss.runtime.kernel.mm.replace.ReplacementPolicy;
import oss.runtime.observe.MachineStats;
import oss.ir.program.LibraryDecl;
import oss.ir.program.MemoryHardware;
import oss.ir.program.MallocSpec;
import oss.ir.program.Op;
import oss.ir.program.Paging;
import oss.ir.program.Program;

/**
 * The kernel's memory management for one run: physical frames from the
 * buddy allocator, one {@link AddressSpace} per process, demand paging
 * through real page tables, copy-on-write after fork, the page cache,
 * swap, page replacement, and the MMU path every access takes (TLB, page
 * walk through the caches, the data access itself).
 *
 * <p>A process touches no page unless its statements do: there are no
 * instruction fetches or stack accesses behind the scenes, so the fault
 * counts of a reference-string exercise come out as the textbook counts
 * them. Every touched page gets a frame of its own (Linux would map the
 * shared zero page on a read of untouched anonymous memory; textbooks do
 * not, and neither does oss).
 *
 * <p>Call order: {@link #createProcess} for each declared process before it
 * runs; {@link #fork}, {@link #shareAddressSpace} or {@link #exec} as tasks
 * are made; {@link #switchTo} whenever a CPU starts a task; memory
 * statements; {@link #exit} when a task exits; {@link #machineStats} and
 * {@link #report} at the end.
 */
public final class MemoryManager {
    public static final int PAGE_SHIFT = PageTable.PAGE_SHIFT;
    public static final int PAGE_SIZE = PageTable.PAGE_SIZE;
    /**
     * CPU cycles the fault handler itself spends (trap, VMA lookup, frame
     * allocation, zeroing or copying, PTE update): about 1 us at 2 GHz, the
     * order a minor fault costs on current x86 Linux. The device time of a
     * major fault comes on top, as a sleep.
     */
    public static final long FAULT_CYCLES = 2000;

    /** What one access did. */
    /**
     * SEGV: no VMA or no permission; OOM: no frame could be found, not even by evicting to swap;
     * BUS: a page of a file mapping that lies wholly beyond the end of the file.
     */
    public enum FaultKind { NONE, MINOR, MAJOR, COW, SEGV, OOM, BUS }

    /** {@link #handleNotPresent}'s answer for a page of a file mapping wholly beyond the end of the file. */
    private static final long BEYOND_EOF = -2;

    /**
     * The outcome of one memory access: CPU cycles spent (TLB, walk, caches),
     * device time to wait for (a major fault), and what happened on the way.
     */
    public record Access(long va, long cycles, long ioNs, FaultKind fault, boolean tlbHit, String cacheLevel,
            PageTable.Walk walk, long paddr, String segvReason) {}

    private final Program program;
    private final MemoryHardware hw;
    private final Paging paging;
    private final PhysicalMemory ram;
    private final Zones zones;
    private final FrameTable frames = new FrameTable();
    private final FrameSource frameSource;
    private final Tlb[] tlbs;
    private final int[] cpuAsid;
    private final CacheHierarchy caches;
    private final Mmu mmu;
    private final SwapArea swap;
    private final ReplacementPolicy globalPolicy;
    private final SplittableRandom random;
    private final Map<String, Long> pageCache = new TreeMap<>();
    private final Map<Integer, AddressSpace> mmOf = new HashMap<>();
    /** The pid {@link #access} last looked up and its address space: consecutive accesses are mostly one task's. */
    private static final int NO_PID = Integer.MIN_VALUE;
    private int lastPid = NO_PID;
    private AddressSpace lastMm;
    private TaskCounters lastCounters;
    /** Kernel objects in the slab caches, as /proc/slabinfo shows them: task_struct, mm_struct, vm_area_struct. */
    private final Slabs slabs;
    private final Map<Integer, Long> taskStructs = new HashMap<>();
    private final Map<Integer, TaskCounters> counters = new HashMap<>();
    private final Map<Integer, Integer> libraryUsers = new HashMap<>();
    /** VMAs mapping each shmem object (a shared anonymous mapping and its copies in forked children). */
    private final Map<Integer, Integer> shmUsers = new HashMap<>();
    private int nextShm;
    private long memoryAccesses;
    private ReplacementPolicy lastReferencedPolicy;
    private long lastReferencedKey;
    private long pageWalks;
    private int nextAsid = 1;

    /** Per-task fault counters, as min_flt / maj_flt in /proc/PID/stat. */
    public static final class TaskCounters {
        public long minor;
        public long major;
        public long cow;
        public long rssAtExit = -1;
        public long vmAtExit = -1;
        /** Blocks on the malloc free list when it exited; -1 without one (ptmalloc). */
        public int freeBlocks = -1;
        public List<Block> leaks = List.of();
    }

    public MemoryManager(Program program, long seed) {
        this.program = program;
        this.hw = program.machine().memory();
        this.paging = hw.paging();
        long bytes = program.machine().memoryBytes();
        this.ram = new PhysicalMemory(bytes, PAGE_SIZE);
        this.zones = new Zones(bytes / PAGE_SIZE, PAGE_SIZE, paging == Paging.X86_32,
                program.kernel().memory().buddyMaxOrder());
        this.frameSource = new FrameSource() {
            @Override
            public long allocateFrame() {
                return kernelFrames(0);
            }

            @Override
            public void freeFrame(long frame) {
                zones.free(frame, 0);
            }
        };
        this.slabs = new Slabs(new FrameProvider() {
            @Override
            public long allocateFrame() {
                return kernelFrames(0);
            }

            @Override
            public long allocateFrames(int n) {
                return kernelFrames(BuddyAllocator.orderFor(n));
            }

            @Override
            public void freeFrame(long frame) {
                zones.free(frame, 0);
            }
        });
        int cpus = Math.max(1, program.machine().cpus());
        this.tlbs = new Tlb[cpus];
        for (int i = 0; i < cpus; i++) {
            tlbs[i] = new Tlb(hw.tlb());
        }
        this.cpuAsid = new int[cpus];
        this.caches = new CacheHierarchy(hw.caches(), cpus, hw.memoryLatencyCycles());
        this.mmu = new Mmu(ram, tlbs, caches);
        this.swap = new SwapArea(hw.swapBytes(), PAGE_SIZE);
        this.random = new SplittableRandom(seed);
        this.globalPolicy = ReplacementPolicies.create(program.kernel().memory().replacement(), random.split());
    }

    // ---- process lifecycle ------------------------------------------------------------------------

    /** A fresh address space with the standard layout: text, data, bss, heap, stack, libraries. */
    public void createProcess(int pid, int frameLimit, String programName) {
        AddressSpace mm = newAddressSpace(frameLimit, programName);
        putMm(pid, mm);
        try {
            newTask(pid);
        } catch (KernelOutOfMemory e) {
            removeMm(pid);
            release(mm);
            throw e;
        }
    }

    /** init: a task_struct in the slab cache like every task; its own user memory is not simulated. */
    public void createInit(int pid) {
        newTask(pid);
    }

    /** Every task has a task_struct in its slab cache from creation to exit. */
    private void newTask(int pid) {
        long taskStruct = slabs.taskStruct().alloc();
        if (taskStruct < 0) {
            throw new KernelOutOfMemory("a task_struct");
        }
        counters.put(pid, new TaskCounters());
        taskStructs.put(pid, taskStruct);
    }

    /** A page table with its root; the root is the first thing a new address space needs. */
    private PageTable newPageTable() {
        try {
            return new PageTable(paging, ram, frameSource);
        } catch (IllegalStateException e) {
            throw new KernelOutOfMemory("a page-table root");
        }
    }

    /**
     * A frame (or 2^order frames) for the kernel's own use: when the buddy
     * allocator has none, user pages are evicted first (direct reclaim), as
     * for a user page; -1 when even that cannot make room.
     */
    private long kernelFrames(int order) {
        long frame = zones.allocate(order, Zones.Zone.NORMAL);
        for (int tries = 0; frame < 0 && tries < 64 && reclaimOne(); tries++) {
            frame = zones.allocate(order, Zones.Zone.NORMAL);
        }
        return frame;
    }

    private AddressSpace newAddressSpace(int frameLimit, String programName) {
        Layout layout = Layout.of(paging);
        ReplacementPolicy local = frameLimit > 0
                ? ReplacementPolicies.create(program.kernel().memory().replacement(), random.split())
                : null;
        AddressSpace mm = new AddressSpace(nextAsid++, newPageTable(), layout, frameLimit, local, programName);
        try {
            populate(mm, layout, programName);
        } catch (KernelOutOfMemory e) {
            release(mm);
            throw e;
        }
        return mm;
    }

    /** The regions of a fresh image, the user allocator and the kernel objects that describe them. */
    private void populate(AddressSpace mm, Layout layout, String programName) {
        String exe = "/usr/bin/" + programName;
        mm.add(new Vma(layout.textStart(), layout.dataStart(), Op.PROT_READ | Op.PROT_EXEC, false, Vma.Kind.TEXT,
                -1, -1, 0, exe));
        mm.add(new Vma(layout.dataStart(), layout.bssStart(), Op.PROT_READ | Op.PROT_WRITE, false, Vma.Kind.DATA,
                -1, -1, layout.textBytes(), exe));
        mm.add(new Vma(layout.bssStart(), layout.heapStart(), Op.PROT_READ | Op.PROT_WRITE, false, Vma.Kind.BSS,
                -1, -1, 0, ""));
        mm.add(new Vma(layout.stackStart(), layout.stackTop(), Op.PROT_READ | Op.PROT_WRITE, false,
                Vma.Kind.STACK, -1, -1, 0, "[stack]"));
        List<LibraryDecl> libs = program.libraries();
        for (int i = 0; i < libs.size(); i++) {
            long bytes = roundUp(libs.get(i).sizeBytes());
            long at = mm.unmappedArea(bytes);
            if (at >= 0) {
                mm.add(new Vma(at, at + bytes, Op.PROT_READ | Op.PROT_EXEC, false, Vma.Kind.LIBRARY, -1, i, 0,
                        "/usr/lib/" + libs.get(i).name()));
                libraryUsers.merge(i, 1, Integer::sum);
            }
        }
        mm.allocator = UserAllocators.create(program.kernel().memory().malloc(), userMemory(mm), PAGE_SIZE);
        kernelObjects(mm);
    }

    /** The mm_struct, and a vm_area_struct for every VMA, now and whenever one is added. */
    private void kernelObjects(AddressSpace mm) {
        long mmStruct = slabs.mmStruct().alloc();
        if (mmStruct < 0) {
            throw new KernelOutOfMemory("an mm_struct");
        }
        mm.mmStruct = mmStruct;
        mm.accountVmasIn(slabs.vmAreaStruct());
    }

    /**
     * fork: the child gets a copy of every VMA; private writable pages are
     * shared read-only and marked copy-on-write in both page tables, shared
     * mappings stay shared. The parent's TLB entries for the pages that lost
     * their write permission are flushed.
     */
    public void fork(int parentPid, int childPid) {
        AddressSpace parent = mmOf.get(parentPid);
        AddressSpace child = new AddressSpace(nextAsid++, newPageTable(), parent.layout,
                parent.frameLimit, parent.frameLimit > 0
                        ? ReplacementPolicies.create(program.kernel().memory().replacement(), random.split())
                        : null,
                parent.program);
        try {
            copyInto(parent, child);
            putMm(childPid, child);
            newTask(childPid);
        } catch (KernelOutOfMemory e) {
            // fork fails with ENOMEM: what the child got so far goes back, the parent is as it was
            // but for its COW marks, which a later write resolves by reusing the frame
            removeMm(childPid);
            release(child);
            throw e;
        }
    }

    private void copyInto(AddressSpace parent, AddressSpace child) {
        child.brkStart = parent.brkStart;
        child.brk = parent.brk;
        for (Vma v : parent.vmas()) {
            child.add(v.copy());
            if (v.library >= 0) {
                libraryUsers.merge(v.library, 1, Integer::sum);
            }
            if (v.shm >= 0) {
                shmUsers.merge(v.shm, 1, Integer::sum);
            }
        }
        List<long[]> mapped = new ArrayList<>();
        parent.pageTable.forEachMapped((va, pte) -> mapped.add(new long[] {va, pte}));
        for (long[] m : mapped) {
            long va = m[0];
            long pte = parent.pageTable.pte(va); // a page-table frame for the child may have evicted it meanwhile
            if (pte == 0) {
                continue; // dropped meanwhile (it held only zeros): a demand-zero fault gives the child its copy
            }
            Vma v = parent.find(va);
            if (v == null || v.shared || (!v.anonymous() && !parent.dirtied.contains(va >>> PAGE_SHIFT))) {
                // copy_page_range: no PTE is copied where a fault fills it correctly (shared and
                // file-backed pages come from the page cache); only anonymous content must be copied
                continue;
            }
            long frame = Pte.frame(pte, PAGE_SHIFT);
            long flags = pte & ((1L << PAGE_SHIFT) - 1);
            if (!v.shared && v.writable()) {
                flags = (flags & ~Pte.WRITABLE) | Pte.COW;
                parent.pageTable.setPte(va, Pte.make(frame, flags, PAGE_SHIFT));
            }
            if (!child.pageTable.map(va, frame, flags & ~(Pte.ACCESSED))) {
                throw new KernelOutOfMemory("a page table");
            }
            frames.get(frame).mapCount++;
            child.resident.add(va >>> PAGE_SHIFT);
            policyOf(child).loaded(key(child, va >>> PAGE_SHIFT));
            forgetLastReference();
        }
        child.swapped.putAll(copySwapped(parent));
        child.dirtied.addAll(parent.dirtied);
        // The child's heap holds the same blocks at the same addresses: the allocator state is copied too.
        child.allocator = parent.allocator == null ? null : parent.allocator.copyFor(userMemory(child));
        for (Tlb t : tlbs) {
            t.flushAsid(parent.asid);
        }
        kernelObjects(child);
    }

    /**
     * Swapped pages of a forked child: the same slots as the parent's, one
     * more reference each (copy_page_range's swap_duplicate): fork writes
     * nothing to swap, and a full swap loses nothing.
     */
    private Map<Long, Long> copySwapped(AddressSpace parent) {
        Map<Long, Long> out = new HashMap<>();
        for (var e : new TreeMap<>(parent.swapped).entrySet()) {
            swap.share(e.getValue());
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** A thread, a clone with CLONE_VM, or a vfork child: the same mm, one more user. */
    public void shareAddressSpace(int parentPid, int childPid) {
        newTask(childPid);
        AddressSpace mm = mmOf.get(parentPid);
        mm.users++;
        putMm(childPid, mm);
    }

    /** exec: the old address space is released (if this was its last user) and a fresh one built. */
    public void exec(int pid, String programName) {
        AddressSpace old = mmOf.get(pid);
        int limit = old == null ? 0 : old.frameLimit;
        if (old != null) {
            release(old);
        }
        try {
            putMm(pid, newAddressSpace(limit, programName));
        } catch (KernelOutOfMemory e) {
            removeMm(pid); // past the point of no return, as in Linux: the task is killed with no image
            throw e;
        }
    }

    /** The task exits: leaks are recorded and its address space released if it was the last user. */
    public TaskCounters exit(int pid) {
        TaskCounters c = counters.get(pid);
        Long taskStruct = taskStructs.remove(pid);
        if (taskStruct != null) {
            slabs.taskStruct().free(taskStruct); // Linux frees it when the parent reaps; oss at exit
        }
        AddressSpace mm = removeMm(pid);
        if (mm != null && c != null) {
            c.rssAtExit = mm.resident.size();
            c.vmAtExit = mm.vmPages(PAGE_SIZE);
            c.freeBlocks = mm.allocator == null ? -1 : mm.allocator.freeListLength();
            if (mm.users == 1 && mm.allocator != null) {
                c.leaks = mm.allocator.liveBlocks();
            }
            release(mm);
        }
        return c;
    }

    private void release(AddressSpace mm) {
        if (--mm.users > 0) {
            return;
        }
        for (Vma v : mm.vmas()) {
            unmapRange(mm, v.start, v.end);
            vmaGone(v);
        }
        for (long slot : mm.swapped.values()) {
            swap.discard(slot);
        }
        mm.swapped.clear();
        mm.pageTable.destroy();
        for (Tlb t : tlbs) {
            t.flushAsid(mm.asid);
        }
        mm.releaseVmaObjects();
        if (mm.mmStruct > 0) {
            slabs.mmStruct().free(mm.mmStruct);
        }
    }

    /**
     * A VMA left an address space: a library's or a shmem object's pages leave
     * the page cache once no VMA maps them any more.
     */
    private void vmaGone(Vma v) {
        if (v.library >= 0 && libraryUsers.merge(v.library, -1, Integer::sum) <= 0) {
            dropFromCache("lib" + v.library + ":");
        }
        if (v.shm >= 0 && shmUsers.merge(v.shm, -1, Integer::sum) <= 0) {
            dropFromCache("shm" + v.shm + ":");
        }
    }

    private void dropFromCache(String prefix) {
        for (var it = pageCache.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (e.getKey().startsWith(prefix)) {
                FrameTable.Page p = frames.get(e.getValue());
                p.cacheKey = null;
                if (frames.releaseIfUnused(e.getValue())) {
                    frameSource.freeFrame(e.getValue());
                }
                it.remove();
            }
        }
    }

    /** A CPU starts running {@code pid}: without PCIDs, a different address space means a TLB flush. */
    public void switchTo(int cpu, int pid) {
        AddressSpace mm = mmOf.get(pid);
        if (mm == null || cpuAsid[cpu] == mm.asid) {
            return;
        }
        if (!tlbs[cpu].pcid()) {
            tlbs[cpu].flushAll();
        }
        cpuAsid[cpu] = mm.asid;
    }

    /** Every change to {@code mmOf} goes through here and {@link #removeMm}, which forget the access path's cache. */
    private void putMm(int pid, AddressSpace mm) {
        lastPid = NO_PID;
        lastMm = null;
        lastCounters = null;
        mmOf.put(pid, mm);
    }

    private AddressSpace removeMm(int pid) {
        lastPid = NO_PID;
        lastMm = null;
        lastCounters = null;
        return mmOf.remove(pid);
    }

    /** Where library {@code library} is mapped in {@code pid}'s address space, or -1. */
    public long libraryBase(int pid, int library) {
        AddressSpace mm = mmOf.get(pid);
        if (mm != null) {
            for (Vma v : mm.vmas()) {
                if (v.library == library) {
                    return v.start;
                }
            }
        }
        return -1;
    }

    public AddressSpace addressSpace(int pid) {
        return mmOf.get(pid);
    }

    // ---- system calls -----------------------------------------------------------------------------

    /** mmap: a new VMA, no frames yet (demand paging); the address, or -1 when no room. */
    /** {@link #mmap}'s answer when no vm_area_struct could be allocated (ENOMEM, as for no room). */
    public static final long MMAP_NO_KERNEL_MEMORY = -2;

    /** The new mapping's start; -1 when no gap is large enough, {@link #MMAP_NO_KERNEL_MEMORY}. */
    public long mmap(int pid, Op.Mmap m) {
        AddressSpace mm = mmOf.get(pid);
        long bytes = m.file() >= 0 && m.bytes() <= 0 ? program.files().get(m.file()).sizeBytes() : m.bytes();
        bytes = roundUp(Math.max(1, bytes));
        long at;
        if (m.fixedAddress() >= 0) {
            at = m.fixedAddress() & ~(long) (PAGE_SIZE - 1);
            unmapRange(mm, at, at + bytes); // MAP_FIXED replaces whatever was there
            removeVmas(mm, at, at + bytes);
        } else {
            at = mm.unmappedArea(bytes);
            if (at < 0) {
                return -1;
            }
        }
        String name = m.file() >= 0 ? program.files().get(m.file()).path() : "";
        Vma v = new Vma(at, at + bytes, m.prot(), m.shared(), m.file() >= 0 ? Vma.Kind.FILE : Vma.Kind.MMAP,
                m.file(), -1, 0, name);
        try {
            mm.add(v);
        } catch (KernelOutOfMemory e) {
            return MMAP_NO_KERNEL_MEMORY;
        }
        if (m.shared() && m.file() < 0) {
            v.shm = nextShm++;
            shmUsers.merge(v.shm, 1, Integer::sum);
        }
        return at;
    }

    /** munmap of the mapping that starts at {@code addr}; false when there is none. */
    public boolean munmap(int pid, long addr) {
        AddressSpace mm = mmOf.get(pid);
        Vma v = mm.find(addr);
        if (v == null || v.kind == Vma.Kind.STACK || v.kind == Vma.Kind.TEXT) {
            return false;
        }
        unmapRange(mm, v.start, v.end);
        mm.remove(v);
        vmaGone(v);
        return true;
    }

    /** msync: dirty pages of a shared file mapping are written back; returns the pages written. */
    public long msync(int pid, long addr) {
        AddressSpace mm = mmOf.get(pid);
        Vma v = mm.find(addr);
        if (v == null || v.file < 0) {
            return 0;
        }
        long written = 0;
        for (long va = v.start; va < v.end; va += PAGE_SIZE) {
            long pte = mm.pageTable.pte(va);
            if (Pte.has(pte, Pte.PRESENT) && Pte.has(pte, Pte.DIRTY) && v.shared) {
                mm.pageTable.setPte(va, pte & ~Pte.DIRTY);
                frames.get(Pte.frame(pte, PAGE_SHIFT)).dirty = false;
                invalidate(mm, va);
                written++;
            }
        }
        return written;
    }

    /** {@link #brk}'s refusals: both are ENOMEM from glibc's brk(), and the break stays where it was. */
    public static final long BRK_BELOW_START = -1;
    public static final long BRK_COLLIDES = -2;
    public static final long BRK_NO_KERNEL_MEMORY = -3;

    /**
     * brk by {@code delta}: the heap VMA grows or shrinks; returns the new
     * break, or {@link #BRK_BELOW_START} / {@link #BRK_COLLIDES} if refused,
     * as sys_brk refuses a break below start_brk or one that would run into
     * the next mapping.
     */
    public long brk(int pid, long delta) {
        return brk(mmOf.get(pid), delta);
    }

    /** The current program break of {@code pid}'s address space. */
    public long currentBrk(int pid) {
        return mmOf.get(pid).brk;
    }

    /** Where {@code pid}'s heap starts (start_brk): the break can never go below it. */
    public long brkStart(int pid) {
        return mmOf.get(pid).brkStart;
    }

    private long brk(AddressSpace mm, long delta) {
        long wanted = mm.brk + delta;
        if (wanted < mm.brkStart) {
            return BRK_BELOW_START;
        }
        long oldEnd = roundUp(mm.brk);
        long newEnd = roundUp(wanted);
        Vma heap = mm.heap();
        if (newEnd > oldEnd && !mm.free(oldEnd, newEnd)) {
            return BRK_COLLIDES;
        }
        if (heap == null && newEnd > mm.brkStart) {
            heap = new Vma(mm.brkStart, newEnd, Op.PROT_READ | Op.PROT_WRITE, false, Vma.Kind.HEAP, -1, -1, 0,
                    "[heap]");
            try {
                mm.add(heap);
            } catch (KernelOutOfMemory e) {
                return BRK_NO_KERNEL_MEMORY;
            }
        } else if (heap != null) {
            if (newEnd < heap.end) {
                unmapRange(mm, newEnd, heap.end);
            }
            heap.end = newEnd;
            if (heap.end <= heap.start) {
                mm.remove(heap);
            }
        }
        mm.brk = wanted;
        return wanted;
    }

    public long malloc(int pid, long bytes) {
        return mmOf.get(pid).allocator.malloc(bytes);
    }

    /** Why malloc just returned NULL, in words. */
    public String mallocRefusal(int pid) {
        MallocSpec spec = program.kernel().memory().malloc();
        return spec.kind() == MallocSpec.Kind.FREELIST && spec.heapBytes() > 0
                ? "no block on the free list of the fixed " + spec.heapBytes() + "-byte heap is large enough"
                : "the heap could not grow (brk and mmap were refused)";
    }

    public FreeResult free(int pid, long addr) {
        return mmOf.get(pid).allocator.free(addr);
    }

    public boolean inFreedBlock(int pid, long addr) {
        AddressSpace mm = mmOf.get(pid);
        return mm != null && mm.allocator != null && mm.allocator.inFreedBlock(addr);
    }

    private UserMemory userMemory(AddressSpace mm) {
        return new UserMemory() {
            @Override
            public long sbrk(long delta) {
                long old = mm.brk;
                return brk(mm, delta) < 0 ? -1 : old;
            }

            @Override
            public long mmap(long bytes) {
                long at = mm.unmappedArea(roundUp(bytes));
                if (at < 0) {
                    return -1;
                }
                try {
                    mm.add(new Vma(at, at + roundUp(bytes), Op.PROT_READ | Op.PROT_WRITE, false, Vma.Kind.MMAP, -1,
                            -1, 0, ""));
                } catch (KernelOutOfMemory e) {
                    return -1; // ENOMEM: malloc sees MAP_FAILED and returns NULL
                }
                return at;
            }

            @Override
            public void munmap(long address, long bytes) {
                Vma v = mm.find(address);
                if (v != null) {
                    unmapRange(mm, v.start, v.end);
                    mm.remove(v);
                }
            }
        };
    }

    // ---- the MMU path -----------------------------------------------------------------------------

    /**
     * One load or store by {@code pid} on {@code cpu}: TLB lookup; on a miss
     * a page walk whose every level is a memory read through the caches; on a
     * fault the handler runs and the access is retried, as the faulting
     * instruction is; then the data access through the caches.
     */
    public Access access(int pid, int cpu, long va, boolean write, FutureReferences future) {
        long cycles = accessCycles(pid, cpu, va, write, future);
        FaultKind fault = lastFault;
        if (lastSegvReason != null) {
            return new Access(va, 0, 0, fault, false, null, null, -1, lastSegvReason);
        }
        PageTable.Walk walk = lastFirstTlbHit ? null : lastAccessMm.pageTable.walkOf(va, firstEntries, firstLevels);
        return new Access(va, cycles, lastIoNs, fault, lastFirstTlbHit, caches.levelName(lastLevel), walk, lastPaddr,
                null);
    }

    // What the last accessCycles did, for access() and callers that want more than the cycles.
    private FaultKind lastFault = FaultKind.NONE;
    private long lastIoNs;
    private boolean lastFirstTlbHit;
    private int lastLevel;
    private long lastPaddr;
    private String lastSegvReason;
    private AddressSpace lastAccessMm;
    /** The first attempt's walk, as entries (built into a Walk only by {@link #access}). */
    private final long[] firstEntries = new long[4];
    private int firstLevels;

    /**
     * The same access as {@link #access}, with the same effects, returning
     * only its cycles (0 for a segfault); the rest of the outcome is left for
     * {@link #lastFault()} and {@link #lastIoNs()}. The hot path: nothing is
     * allocated.
     */
    public long accessCycles(int pid, int cpu, long va, boolean write, FutureReferences future) {
        memoryAccesses++;
        AddressSpace mm;
        TaskCounters taskCounters;
        if (pid == lastPid) {
            mm = lastMm;
            taskCounters = lastCounters;
        } else {
            mm = mmOf.get(pid);
            taskCounters = counters.get(pid);
            lastPid = pid;
            lastMm = mm;
            lastCounters = taskCounters;
        }
        lastAccessMm = mm;
        if (Long.compareUnsigned(va, paging.userTop) > 0) {
            return segvCycles(aboveUserSpace(va));
        }
        Vma vma = mm.find(va);
        if (vma == null) {
            String refused = growStack(mm, va);
            if (refused != null) {
                return segvCycles(refused);
            }
            vma = mm.find(va);
        }
        if (write && !vma.writable()) {
            return segvCycles("a write to " + describe(vma) + ", which is mapped without write permission");
        }
        if (!write && !vma.readable()) {
            return segvCycles("a read of " + describe(vma) + ", which is mapped without read permission");
        }
        long cycles = 0;
        long io = 0;
        FaultKind fault = FaultKind.NONE;
        boolean firstTlbHit = false;
        for (int attempt = 0; attempt < 3; attempt++) {
            // The MMU keeps the translation's outcome instead of returning a record: this is the hot path.
            Mmu.Fault trFault = mmu.translateInPlace(cpu, mm.asid, mm.pageTable, va, write, false);
            cycles += mmu.lastCycles();
            boolean tlbHit = mmu.lastTlbHit();
            if (!tlbHit) {
                pageWalks++;
            }
            if (attempt == 0) {
                firstTlbHit = tlbHit;
                if (!tlbHit) {
                    firstLevels = mmu.lastEntries(firstEntries);
                }
            }
            if (trFault == Mmu.Fault.NOT_PRESENT) {
                long ioNs = handleNotPresent(mm, vma, va, write, taskCounters, future);
                if (ioNs == BEYOND_EOF) {
                    return busCycles(vma);
                }
                if (ioNs < 0) {
                    return oomCycles();
                }
                fault = ioNs > 0 ? FaultKind.MAJOR : FaultKind.MINOR;
                io += ioNs;
                cycles += FAULT_CYCLES;
                continue;
            }
            long pte = mmu.lastPte();
            if (trFault == Mmu.Fault.PROTECTION) {
                if (!write || !Pte.has(pte, Pte.COW)) {
                    return segvCycles("a write to a page that is not writable");
                }
                if (!copyOnWrite(mm, va, pte, taskCounters, future)) {
                    return oomCycles();
                }
                fault = FaultKind.COW;
                cycles += FAULT_CYCLES;
                continue;
            }
            long paddr = mmu.lastPaddr();
            long vpn = va >>> PAGE_SHIFT;
            if (write) {
                frames.get(Pte.frame(pte, PAGE_SHIFT)).dirty = true;
                mm.dirtied.addPage(vpn);
            }
            referenced(mm, vpn);
            cycles += caches.accessCycles(cpu, paddr, write);
            lastFault = fault;
            lastIoNs = io;
            lastFirstTlbHit = firstTlbHit;
            lastLevel = caches.lastLevel();
            lastPaddr = paddr;
            lastSegvReason = null;
            return cycles;
        }
        throw new IllegalStateException("the fault at 0x" + Long.toHexString(va) + " did not resolve");
    }

    /** Linux's stack_guard_gap: 256 pages that must stay free between a growing stack and the mapping below. */
    static final long STACK_GUARD_GAP_PAGES = 256;

    /**
     * A fault below the [stack] VMA grows it, as VM_GROWSDOWN does
     * (expand_downwards): down to the faulting page, as long as the stack
     * stays within RLIMIT_STACK ({@code stack_limit}) and a guard gap of 256
     * pages stays free above the mapping below. Linux no longer compares the
     * address with the stack pointer, so neither does oss. Returns null when
     * the stack now covers {@code va}, else why the access is a SIGSEGV.
     */
    private String growStack(AddressSpace mm, long va) {
        Vma stack = mm.stack();
        if (stack == null || va >= stack.start || va < mm.brk) {
            return "no mapping contains this address";
        }
        long newStart = va & ~(long) (PAGE_SIZE - 1);
        long limit = program.kernel().memory().stackLimit();
        if (stack.end - newStart > limit) {
            return String.format("no mapping contains this address; it is %s below the top of the stack, and the"
                    + " stack may grow to %s (stack_limit, RLIMIT_STACK)", bytes(stack.end - newStart), bytes(limit));
        }
        Vma prev = mm.below(newStart);
        if (prev != null && newStart - prev.end < STACK_GUARD_GAP_PAGES * PAGE_SIZE) {
            return String.format("no mapping contains this address; growing the stack to it would leave less than"
                    + " the %d-page guard gap above %s", STACK_GUARD_GAP_PAGES, describe(prev));
        }
        mm.growDown(stack, newStart);
        return null;
    }

    /** A size as the docs write it: whole KiB or MiB where exact, else bytes. */
    private static String bytes(long n) {
        if (n % (1L << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        return n % 1024 == 0 ? (n >> 10) + " KiB" : n + " B";
    }

    /**
     * Why a user-mode access above the user half faults. The kernel half is
     * mapped in every page table, but its entries have the U/S bit clear, so
     * the MMU refuses user mode; between the halves of x86_64 lies the
     * non-canonical hole, where the CPU raises a general-protection fault
     * instead. Linux answers both with SIGSEGV.
     */
    private String aboveUserSpace(long va) {
        if (paging.addressBits < 64 && paging.addressBits > 32) {
            long signBits = va >> (paging.addressBits - 1);
            if (signBits != 0 && signBits != -1) {
                return "a non-canonical address (bits " + (paging.addressBits - 1) + " to 63 must all be equal):"
                        + " the CPU raises a general-protection fault";
            }
        }
        return "a kernel address: the kernel half is mapped in every page table, but without the user bit"
                + " (U/S = 0), so an access from user mode faults";
    }

    /** filemap_fault's VM_FAULT_SIGBUS: the mapping is longer than the file, and this page has no byte of it. */
    private long busCycles(Vma vma) {
        segvCycles(String.format("a bus error: the page lies wholly beyond the end of %s (%d bytes); a mapping may"
                + " be longer than its file, but only pages holding some of the file can be read or written",
                vma.name, program.files().get(vma.file).sizeBytes()));
        lastFault = FaultKind.BUS;
        return 0;
    }

    private long oomCycles() {
        segvCycles("no free frame, and nothing could be evicted (swap full)");
        lastFault = FaultKind.OOM;
        return 0;
    }

    private long segvCycles(String why) {
        lastFault = FaultKind.SEGV;
        lastIoNs = 0;
        lastFirstTlbHit = false;
        lastLevel = -1;
        lastPaddr = -1;
        lastSegvReason = why;
        return 0;
    }

    /** What the last {@link #accessCycles} did: NONE, a fault it handled, or SEGV. */
    public FaultKind lastFault() {
        return lastFault;
    }

    /** Device time the last {@link #accessCycles} must wait for (a major fault), else 0. */
    public long lastIoNs() {
        return lastIoNs;
    }

    private static String describe(Vma v) {
        return v.name.isEmpty() ? "an anonymous mapping" : v.name;
    }

    /**
     * Brings the page in: from swap (a major fault), from the page cache or
     * the file (minor, or major when the file must be read), or a zeroed
     * frame (a minor, demand-zero fault). Returns device ns to wait, 0 for a
     * minor fault, -1 when no frame can be found, {@link #BEYOND_EOF} for a
     * page of a file mapping past the file's last page.
     */
    private long handleNotPresent(AddressSpace mm, Vma vma, long va, boolean write, TaskCounters c,
            FutureReferences future) {
        long vpn = va >>> PAGE_SHIFT;
        long pageVa = vpn << PAGE_SHIFT;
        long flags = Pte.PRESENT | Pte.USER | (vma.writable() ? Pte.WRITABLE : 0);
        Long slot = mm.swapped.remove(vpn);
        if (slot != null) {
            long frame = allocateFrameFor(mm, future);
            if (frame < 0) {
                mm.swapped.put(vpn, slot);
                return -1;
            }
            if (!install(mm, pageVa, frame, flags)) {
                frameSource.freeFrame(frame);
                mm.swapped.put(vpn, slot);
                return -1;
            }
            swap.swapIn(slot);
            c.major++;
            return hw.diskLatencyNs();
        }
        if (vma.file >= 0) {
            long filePage = (pageVa - vma.start + vma.fileOffset) >>> PAGE_SHIFT;
            long size = program.files().get(vma.file).sizeBytes();
            if (filePage >= (size + PAGE_SIZE - 1) >>> PAGE_SHIFT) {
                return BEYOND_EOF;
            }
        }
        if (!vma.anonymous()) {
            String key = (vma.library >= 0 ? "lib" + vma.library : "file" + vma.file) + ":"
                    + ((pageVa - vma.start + vma.fileOffset) >>> PAGE_SHIFT);
            Long cached = pageCache.get(key);
            long ioNs = 0;
            long frame;
            if (cached != null) {
                frame = cached;
                c.minor++;
            } else {
                frame = allocateFrameFor(mm, future);
                if (frame < 0) {
                    return -1;
                }
                pageCache.put(key, frame);
                frames.get(frame).cacheKey = key;
                c.major++;
                ioNs = hw.diskLatencyNs();
            }
            if (write && !vma.shared) {
                // do_cow_fault: a first write to a private file page copies it out of the page cache
                // in the same fault; the copy is this process's own anonymous page from the start.
                long copy = allocateFrameFor(mm, future);
                if (copy < 0) {
                    return -1;
                }
                if (!install(mm, pageVa, copy, flags)) {
                    frameSource.freeFrame(copy);
                    return -1;
                }
                return ioNs;
            }
            // A private mapping of a file page is read-only until written: the write copies it.
            long fileFlags = vma.shared ? flags : (flags & ~Pte.WRITABLE) | (vma.writable() ? Pte.COW : 0);
            if (!install(mm, pageVa, frame, fileFlags)) {
                return -1; // the page stays in the page cache
            }
            return ioNs;
        }
        if (vma.shm >= 0) {
            // shared anonymous memory is a shmem object: its pages sit in the page cache, where a
            // forked child (whose page table fork left empty here) finds the same frame
            String key = "shm" + vma.shm + ":" + ((pageVa - vma.start) >>> PAGE_SHIFT);
            Long cached = pageCache.get(key);
            if (cached == null) {
                long frame = allocateFrameFor(mm, future);
                if (frame < 0) {
                    return -1;
                }
                ram.zeroFrame(frame);
                pageCache.put(key, frame);
                frames.get(frame).cacheKey = key;
                cached = frame;
            }
            if (!install(mm, pageVa, cached, flags)) {
                return -1;
            }
            c.minor++;
            return 0;
        }
        long frame = allocateFrameFor(mm, future);
        if (frame < 0) {
            return -1;
        }
        ram.zeroFrame(frame);
        if (!install(mm, pageVa, frame, flags)) {
            frameSource.freeFrame(frame);
            return -1;
        }
        c.minor++;
        return 0;
    }

    /** Maps the page; false when no frame can be found for a page table on the way (the fault is then OOM). */
    private boolean install(AddressSpace mm, long pageVa, long frame, long flags) {
        if (!mm.pageTable.map(pageVa, frame, flags)) {
            return false;
        }
        frames.get(frame).mapCount++;
        long vpn = pageVa >>> PAGE_SHIFT;
        mm.resident.add(vpn);
        policyOf(mm).loaded(key(mm, vpn));
        forgetLastReference();
        return true;
    }

    /**
     * A write to a copy-on-write page: the frame is reused when this is its
     * only mapping (do_wp_page's reuse), copied to a new frame otherwise.
     */
    private boolean copyOnWrite(AddressSpace mm, long va, long pte, TaskCounters c, FutureReferences future) {
        long pageVa = va & ~(long) (PAGE_SIZE - 1);
        long old = Pte.frame(pte, PAGE_SHIFT);
        FrameTable.Page page = frames.get(old);
        long flags = ((pte & ((1L << PAGE_SHIFT) - 1)) | Pte.WRITABLE) & ~Pte.COW;
        c.cow++;
        c.minor++;
        if (page.mapCount == 1 && page.cacheKey == null) {
            mm.pageTable.setPte(pageVa, Pte.make(old, flags, PAGE_SHIFT));
            invalidate(mm, pageVa);
            return true;
        }
        long fresh = allocateFrameFor(mm, future);
        if (fresh < 0) {
            return false;
        }
        page.mapCount--;
        mm.pageTable.setPte(pageVa, Pte.make(fresh, flags, PAGE_SHIFT));
        frames.get(fresh).mapCount++;
        invalidate(mm, pageVa);
        return true;
    }

    /**
     * A frame for a page of {@code mm}: under a `frames N` limit the process
     * first gives up one of its own pages (local replacement); when the
     * buddy allocator has nothing, a page anywhere is evicted (global).
     */
    private long allocateFrameFor(AddressSpace mm, FutureReferences future) {
        if (mm.frameLimit > 0 && mm.resident.size() >= mm.frameLimit) {
            long victim = mm.localPolicy.victim(future);
            if (!evict(mm, victim)) {
                return -1;
            }
        }
        long frame = zones.allocate(0, Zones.Zone.NORMAL);
        for (int tries = 0; frame < 0 && tries < 64 && reclaimOne(); tries++) {
            frame = zones.allocate(0, Zones.Zone.NORMAL);
        }
        return frame;
    }

    /**
     * Global replacement's one step: the policy's victim page, anywhere, is
     * evicted (to swap if its content matters). False when no page is
     * resident at all, so nothing can ever be freed this way.
     */
    private boolean reclaimOne() {
        if (globalPolicy.resident() == 0) {
            return false;
        }
        long key = globalPolicy.victim(FutureReferences.UNKNOWN);
        AddressSpace owner = ownerOf(key);
        if (owner == null || !evict(owner, key & ((1L << 40) - 1))) {
            globalPolicy.removed(key);
            forgetLastReference();
        }
        return true;
    }

    /** Evicts page {@code vpn} of {@code mm}: written to swap if its content matters, then unmapped. */
    private boolean evict(AddressSpace mm, long vpn) {
        long va = vpn << PAGE_SHIFT;
        long pte = mm.pageTable.pte(va);
        if (!Pte.has(pte, Pte.PRESENT)) {
            policyOf(mm).removed(key(mm, vpn));
        forgetLastReference();
            forgetLastReference();
            mm.resident.remove(vpn);
            return true;
        }
        Vma v = mm.find(va);
        // shmem and file pages stay in the page cache when unmapped here; only private content needs swap
        boolean anonymousContent = v == null || (v.anonymous() && v.shm < 0)
                || (!v.shared && mm.dirtied.containsPage(vpn));
        if (anonymousContent && mm.dirtied.containsPage(vpn)) {
            long slot = swap.swapOut();
            if (slot < 0) {
                return false;
            }
            mm.swapped.put(vpn, slot);
        }
        unmapPage(mm, va, pte);
        return true;
    }

    private void unmapPage(AddressSpace mm, long va, long pte) {
        long vpn = va >>> PAGE_SHIFT;
        mm.pageTable.unmap(va);
        invalidate(mm, va);
        mm.resident.remove(vpn);
        policyOf(mm).removed(key(mm, vpn));
        forgetLastReference();
        long frame = Pte.frame(pte, PAGE_SHIFT);
        FrameTable.Page page = frames.get(frame);
        page.mapCount--;
        if (frames.releaseIfUnused(frame)) {
            frameSource.freeFrame(frame);
        }
    }

    private void unmapRange(AddressSpace mm, long start, long end) {
        List<long[]> present = new ArrayList<>();
        mm.pageTable.forEachMapped(start, end, (va, pte) -> present.add(new long[] {va, pte}));
        for (long[] p : present) {
            unmapPage(mm, p[0], p[1]);
        }
        // the swapped and written sets by the range's pages when it is the smaller side (one small
        // VMA among many), else by the sets: either way no walk over every page per VMA
        long pages = (end - start) >>> PAGE_SHIFT;
        if (!mm.swapped.isEmpty()) {
            if (pages < mm.swapped.size()) {
                for (long vpn = start >>> PAGE_SHIFT; vpn < end >>> PAGE_SHIFT; vpn++) {
                    Long slot = mm.swapped.remove(vpn);
                    if (slot != null) {
                        swap.discard(slot);
                    }
                }
            } else {
                for (var it = mm.swapped.entrySet().iterator(); it.hasNext();) {
                    var e = it.next();
                    long va = e.getKey() << PAGE_SHIFT;
                    if (va >= start && va < end) {
                        swap.discard(e.getValue());
                        it.remove();
                    }
                }
            }
        }
        if (pages < mm.dirtied.size()) {
            for (long vpn = start >>> PAGE_SHIFT; vpn < end >>> PAGE_SHIFT; vpn++) {
                mm.dirtied.removePage(vpn);
            }
        } else if (!mm.dirtied.isEmpty()) {
            mm.dirtied.removeIf(vpn -> (vpn << PAGE_SHIFT) >= start && (vpn << PAGE_SHIFT) < end);
        }
    }

    private void removeVmas(AddressSpace mm, long start, long end) {
        for (Vma v : mm.vmas()) {
            if (v.start < end && v.end > start) {
                mm.remove(v);
                vmaGone(v);
            }
        }
    }

    private void invalidate(AddressSpace mm, long va) {
        for (Tlb t : tlbs) {
            t.invalidate(mm.asid, va >>> PAGE_SHIFT);
        }
    }

    /**
     * Tells the replacement policy about a reference. A reference to the page
     * the same policy heard about last changes nothing in any policy (LRU's
     * most recent page stays most recent, clock's bit is already set), so it
     * is skipped: a loop over one page costs one policy update, not one each.
     */
    private void referenced(AddressSpace mm, long vpn) {
        ReplacementPolicy policy = policyOf(mm);
        long key = key(mm, vpn);
        if (policy == lastReferencedPolicy && key == lastReferencedKey) {
            return;
        }
        policy.referenced(key);
        lastReferencedPolicy = policy;
        lastReferencedKey = key;
    }

    /** Any page leaving memory or being loaded breaks the "same page as last time" shortcut. */
    private void forgetLastReference() {
        lastReferencedPolicy = null;
    }

    private ReplacementPolicy policyOf(AddressSpace mm) {
        return mm.localPolicy != null ? mm.localPolicy : globalPolicy;
    }

    /** Local policies see virtual page numbers; the global one tells address spaces apart by ASID. */
    private static long key(AddressSpace mm, long vpn) {
        return mm.localPolicy != null ? vpn : ((long) mm.asid << 40) | vpn;
    }

    private AddressSpace ownerOf(long globalKey) {
        int asid = (int) (globalKey >>> 40);
        for (AddressSpace mm : mmOf.values()) {
            if (mm.asid == asid) {
                return mm;
            }
        }
        return null;
    }

    private static long roundUp(long bytes) {
        return (bytes + PAGE_SIZE - 1) & ~(long) (PAGE_SIZE - 1);
    }

    // ---- reports ----------------------------------------------------------------------------------

    public TaskCounters counters(int pid) {
        return counters.get(pid);
    }

    public MachineStats machineStats() {
        long hits = 0;
        long misses = 0;
        for (Tlb t : tlbs) {
            hits += t.hits();
            misses += t.misses();
        }
        return new MachineStats(hits, misses, caches.stats(), memoryAccesses, pageWalks);
    }

    public long diskLatencyNs() {
        return hw.diskLatencyNs();
    }

    public PhysicalMemory ram() {
        return ram;
    }

    public Zones zones() {
        return zones;
    }

    public Slabs slabs() {
        return slabs;
    }

    public SwapArea swap() {
        return swap;
    }

    public int pageCachePages() {
        return pageCache.size();
    }

    public Tlb tlb(int cpu) {
        return tlbs[cpu];
    }

    public long framesInUse() {
        return frames.inUse();
    }
}
