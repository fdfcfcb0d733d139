package oss.runtime.kernel.mm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import oss.ir.program.MemoryHardware;
import oss.ir.program.Paging;
import oss.ir.program.Program;
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
import oss.runtime.kernel.mm.replace.FutureReferences;
import oss.runtime.kernel.mm.replace.ReplacementPolicies;
import oss.runtime.kernel.mm.replace.ReplacementPolicy;
import oss.runtime.observe.MachineStats;

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
    static final long BEYOND_EOF = -2;

    /**
     * The outcome of one memory access: CPU cycles spent (TLB, walk, caches),
     * device time to wait for (a major fault), and what happened on the way.
     */
    public record Access(long va, long cycles, long ioNs, FaultKind fault, boolean tlbHit, String cacheLevel,
            PageTable.Walk walk, long paddr, String segvReason) {}

    final Program program;
    final MmLifecycle lifecycle = new MmLifecycle(this);
    final PageFault faults = new PageFault(this);
    final Reclaim reclaim = new Reclaim(this);
    final Mappings mappings = new Mappings(this);
    final Shmem shmem = new Shmem(this);
    final Filemap filemap = new Filemap(this);
    final MemoryHardware hw;
    final Paging paging;
    final PhysicalMemory ram;
    final Zones zones;
    final FrameTable frames = new FrameTable();
    final FrameSource frameSource;
    final Tlb[] tlbs;
    final int[] cpuAsid;
    final CacheHierarchy caches;
    final Mmu mmu;
    final SwapArea swap;
    final ReplacementPolicy globalPolicy;
    final SplittableRandom random;
    final Map<String, Long> pageCache = new TreeMap<>();
    final Map<Integer, AddressSpace> mmOf = new HashMap<>();
    /** The pid {@link #access} last looked up and its address space: consecutive accesses are mostly one task's. */
    static final int NO_PID = Integer.MIN_VALUE;
    int lastPid = NO_PID;
    AddressSpace lastMm;
    TaskCounters lastCounters;
    /** Kernel objects in the slab caches, as /proc/slabinfo shows them: task_struct, mm_struct, vm_area_struct. */
    final Slabs slabs;
    final Map<Integer, Long> taskStructs = new HashMap<>();
    final Map<Integer, TaskCounters> counters = new HashMap<>();
    final Map<Integer, Integer> libraryUsers = new HashMap<>();
    /** VMAs mapping each shmem object (a shared anonymous mapping and its copies in forked children). */
    final Map<Integer, Integer> shmUsers = new HashMap<>();
    int nextShm;
    long memoryAccesses;
    ReplacementPolicy lastReferencedPolicy;
    long lastReferencedKey;
    long pageWalks;
    int nextAsid = 1;

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
                return lifecycle.kernelFrames(0);
            }

            @Override
            public void freeFrame(long frame) {
                zones.free(frame, 0);
            }
        };
        this.slabs = new Slabs(new FrameProvider() {
            @Override
            public long allocateFrame() {
                return lifecycle.kernelFrames(0);
            }

            @Override
            public long allocateFrames(int n) {
                return lifecycle.kernelFrames(BuddyAllocator.orderFor(n));
            }

            @Override
            public void freeFrame(long frame) {
                zones.free(frame, 0);
            }
        });
        int cpus = Math.max(1, program.machine().cpus());
        this.tlbs = new Tlb[cpus];
        for (int i = 0; i < cpus; i++) {
            tlbs[i] = new Tlb(hw.tlb(), new oss.runtime.hw.mem.PagingStructureCache(hw.psc(), paging));
        }
        this.cpuAsid = new int[cpus];
        this.caches = new CacheHierarchy(hw.caches(), cpus, hw.memoryLatencyCycles());
        this.mmu = new Mmu(ram, tlbs, caches);
        this.swap = new SwapArea(hw.swapBytes(), PAGE_SIZE);
        this.random = new SplittableRandom(seed);
        this.globalPolicy = ReplacementPolicies.create(program.kernel().memory().replacement(), random.split());
    }

    // ---- process lifecycle: MmLifecycle ------------------------------------------------------------

    /** A fresh address space with the standard layout: text, data, bss, heap, stack, libraries. */
    public void createProcess(int pid, int frameLimit, String programName) {
        lifecycle.createProcess(pid, frameLimit, programName);
    }

    /** init: a task_struct in the slab cache like every task; its own user memory is not simulated. */
    public void createInit(int pid) {
        lifecycle.createInit(pid);
    }

    /**
     * fork: the child gets a copy of every VMA; private writable pages are
     * shared read-only and marked copy-on-write in both page tables, shared
     * mappings stay shared. The parent's TLB entries for the pages that lost
     * their write permission are flushed.
     */
    public void fork(int parentPid, int childPid) {
        lifecycle.fork(parentPid, childPid);
    }

    /** A thread, a clone with CLONE_VM, or a vfork child: the same mm, one more user. */
    public void shareAddressSpace(int parentPid, int childPid) {
        lifecycle.shareAddressSpace(parentPid, childPid);
    }

    /** exec: the old address space is released (if this was its last user) and a fresh one built. */
    public void exec(int pid, String programName) {
        lifecycle.exec(pid, programName);
    }

    /** The task exits: leaks are recorded and its address space released if it was the last user. */
    public TaskCounters exit(int pid) {
        return lifecycle.exit(pid);
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
    void putMm(int pid, AddressSpace mm) {
        lastPid = NO_PID;
        lastMm = null;
        lastCounters = null;
        mmOf.put(pid, mm);
    }

    AddressSpace removeMm(int pid) {
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

    /** The address-space system calls (mmap, munmap, msync, brk, malloc, free). */
    public Mappings mappings() {
        return mappings;
    }

    /** read and write of regular files through the page cache. */
    public Filemap filemap() {
        return filemap;
    }

    /** The named shmem objects: System V segments and POSIX objects in /dev/shm. */
    public Shmem shmem() {
        return shmem;
    }

    public AddressSpace addressSpace(int pid) {
        return mmOf.get(pid);
    }

    // ---- system calls: Mappings ---------------------------------------------------------------------

    /** {@link Mappings#mmap}'s answer when no vm_area_struct could be allocated (ENOMEM, as for no room). */
    public static final long MMAP_NO_KERNEL_MEMORY = -2;

    /** {@link Mappings#brk}'s refusals: each is ENOMEM from glibc's brk(), and the break stays where it was. */
    public static final long BRK_BELOW_START = -1;
    public static final long BRK_COLLIDES = -2;
    public static final long BRK_NO_KERNEL_MEMORY = -3;

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
        firstLevels = lastFirstTlbHit || firstLevels >= 0 ? firstLevels : mmu.lastEntries(firstEntries);
        PageTable.Walk walk = lastFirstTlbHit ? null
                : lastAccessMm.pageTable.walkOf(va, firstEntries, firstLevels, firstStart, tlbs[cpu].psc().enabled());
        return new Access(va, cycles, lastIoNs, fault, lastFirstTlbHit, caches.levelName(lastLevel), walk, lastPaddr,
                null);
    }

    // What the last accessCycles did, for access() and callers that want more than the cycles.
    FaultKind lastFault = FaultKind.NONE;
    long lastIoNs;
    boolean lastFirstTlbHit;
    int lastLevel;
    long lastPaddr;
    String lastSegvReason;
    AddressSpace lastAccessMm;
    /** The first attempt's walk, as entries (built into a Walk only by {@link #access}). */
    final long[] firstEntries = new long[4];
    int firstLevels;
    int firstStart;

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
            return segvCycles(faults.aboveUserSpace(va));
        }
        Vma vma = mm.find(va);
        if (vma == null) {
            String refused = faults.growStack(mm, va);
            if (refused != null) {
                return segvCycles(refused);
            }
            vma = mm.find(va);
        }
        if (write && !vma.writable()) {
            return segvCycles("a write to " + faults.describe(vma) + ", which is mapped without write permission");
        }
        if (!write && !vma.readable()) {
            return segvCycles("a read of " + faults.describe(vma) + ", which is mapped without read permission");
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
                firstStart = mmu.lastStart();
                // the walk's entries are copied only when the fault handler is about to change the table
                // (else access() takes them from the MMU): most walks are never looked at
                firstLevels = tlbHit || trFault == Mmu.Fault.NONE ? -1 : mmu.lastEntries(firstEntries);
            }
            if (trFault == Mmu.Fault.NOT_PRESENT) {
                long ioNs = faults.handleNotPresent(mm, vma, va, write, taskCounters, future);
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
                if (!faults.copyOnWrite(mm, va, pte, taskCounters, future)) {
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


    /** filemap_fault's VM_FAULT_SIGBUS: the mapping is longer than the file, and this page has no byte of it. */
    long busCycles(Vma vma) {
        segvCycles(String.format("a bus error: the page lies wholly beyond the end of %s (%d bytes); a mapping may"
                + " be longer than its file, but only pages holding some of the file can be read or written",
                vma.name, vma.file >= 0 ? program.files().get(vma.file).sizeBytes() : shmem.size(vma.shm)));
        lastFault = FaultKind.BUS;
        return 0;
    }

    long oomCycles() {
        segvCycles("no free frame, and nothing could be evicted (swap full)");
        lastFault = FaultKind.OOM;
        return 0;
    }

    long segvCycles(String why) {
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

    /**
     * Tells the replacement policy about a reference. A reference to the page
     * the same policy heard about last changes nothing in any policy (LRU's
     * most recent page stays most recent, clock's bit is already set), so it
     * is skipped: a loop over one page costs one policy update, not one each.
     */
    void referenced(AddressSpace mm, long vpn) {
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
    void forgetLastReference() {
        lastReferencedPolicy = null;
    }

    ReplacementPolicy policyOf(AddressSpace mm) {
        return mm.localPolicy != null ? mm.localPolicy : globalPolicy;
    }

    /** Local policies see virtual page numbers; the global one tells address spaces apart by ASID. */
    static long key(AddressSpace mm, long vpn) {
        return mm.localPolicy != null ? vpn : ((long) mm.asid << 40) | vpn;
    }

    static long roundUp(long bytes) {
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
        return new MachineStats(hits, misses, caches.stats(), memoryAccesses, pageWalks,
                oss.runtime.hw.mem.PagingStructureCache.stats(tlbs));
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
