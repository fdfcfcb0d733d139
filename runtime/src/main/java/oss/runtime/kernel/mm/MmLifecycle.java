package oss.runtime.kernel.mm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oss.ir.program.LibraryDecl;
import oss.ir.program.Op;
import oss.runtime.hw.mem.PageTable;
import oss.runtime.hw.mem.Pte;
import oss.runtime.hw.mem.Tlb;
import oss.runtime.kernel.mm.alloc.Zones;
import oss.runtime.kernel.mm.malloc.UserAllocators;
import oss.runtime.kernel.mm.replace.ReplacementPolicies;
import oss.runtime.kernel.mm.replace.ReplacementPolicy;

/**
 * An address space's life, as Linux's kernel/fork.c (dup_mm, dup_mmap), fs/exec.c (exec_mmap) and
 * mm/mmap.c (exit_mmap) tell it: a fresh image with its regions and kernel objects, the
 * copy-on-write copy a fork makes, the address space threads and vfork share, the new image exec
 * builds, and the teardown at exit that frees frames, swap slots and kernel objects.
 */
final class MmLifecycle {
    private final MemoryManager mgr;

    MmLifecycle(MemoryManager mgr) {
        this.mgr = mgr;
    }

    /** A fresh address space with the standard layout: text, data, bss, heap, stack, libraries. */
    public void createProcess(int pid, int frameLimit, String programName) {
        AddressSpace mm = newAddressSpace(frameLimit, programName);
        mgr.putMm(pid, mm);
        try {
            newTask(pid);
        } catch (KernelOutOfMemory e) {
            mgr.removeMm(pid);
            release(mm);
            throw e;
        }
    }

    /** init: a task_struct in the slab cache like every task; its own user memory is not simulated. */
    public void createInit(int pid) {
        newTask(pid);
    }

    /** Every task has a task_struct in its slab cache from creation to exit. */
    void newTask(int pid) {
        long taskStruct = mgr.slabs.taskStruct().alloc();
        if (taskStruct < 0) {
            throw new KernelOutOfMemory("a task_struct");
        }
        mgr.counters.put(pid, new MemoryManager.TaskCounters());
        mgr.taskStructs.put(pid, taskStruct);
    }

    /** A page table with its root; the root is the first thing a new address space needs. */
    PageTable newPageTable() {
        try {
            return new PageTable(mgr.paging, mgr.ram, mgr.frameSource);
        } catch (IllegalStateException e) {
            throw new KernelOutOfMemory("a page-table root");
        }
    }

    /**
     * A frame (or 2^order frames) for the kernel's own use: when the buddy
     * allocator has none, user pages are evicted first (direct reclaim), as
     * for a user page; -1 when even that cannot make room.
     */
    long kernelFrames(int order) {
        long frame = mgr.zones.allocate(order, Zones.Zone.NORMAL);
        for (int tries = 0; frame < 0 && tries < 64 && mgr.reclaim.reclaimOne(); tries++) {
            frame = mgr.zones.allocate(order, Zones.Zone.NORMAL);
        }
        return frame;
    }

    AddressSpace newAddressSpace(int frameLimit, String programName) {
        Layout layout = Layout.of(mgr.paging);
        ReplacementPolicy local = frameLimit > 0
                ? ReplacementPolicies.create(mgr.program.kernel().memory().replacement(), mgr.random.split())
                : null;
        AddressSpace mm = new AddressSpace(mgr.nextAsid++, newPageTable(), layout, frameLimit, local, programName);
        try {
            populate(mm, layout, programName);
        } catch (KernelOutOfMemory e) {
            release(mm);
            throw e;
        }
        return mm;
    }

    /** The regions of a fresh image, the user allocator and the kernel objects that describe them. */
    void populate(AddressSpace mm, Layout layout, String programName) {
        String exe = "/usr/bin/" + programName;
        mm.add(new Vma(layout.textStart(), layout.dataStart(), Op.PROT_READ | Op.PROT_EXEC, false, Vma.Kind.TEXT,
                -1, -1, 0, exe));
        mm.add(new Vma(layout.dataStart(), layout.bssStart(), Op.PROT_READ | Op.PROT_WRITE, false, Vma.Kind.DATA,
                -1, -1, layout.textBytes(), exe));
        mm.add(new Vma(layout.bssStart(), layout.heapStart(), Op.PROT_READ | Op.PROT_WRITE, false, Vma.Kind.BSS,
                -1, -1, 0, ""));
        mm.add(new Vma(layout.stackStart(), layout.stackTop(), Op.PROT_READ | Op.PROT_WRITE, false,
                Vma.Kind.STACK, -1, -1, 0, "[stack]"));
        List<LibraryDecl> libs = mgr.program.libraries();
        for (int i = 0; i < libs.size(); i++) {
            long bytes = mgr.roundUp(libs.get(i).sizeBytes());
            long at = mm.unmappedArea(bytes);
            if (at >= 0) {
                mm.add(new Vma(at, at + bytes, Op.PROT_READ | Op.PROT_EXEC, false, Vma.Kind.LIBRARY, -1, i, 0,
                        "/usr/lib/" + libs.get(i).name()));
                mgr.libraryUsers.merge(i, 1, Integer::sum);
            }
        }
        mm.allocator = UserAllocators.create(mgr.program.kernel().memory().malloc(), mgr.mappings.userMemory(mm), MemoryManager.PAGE_SIZE);
        kernelObjects(mm);
    }

    /** The mm_struct, and a vm_area_struct for every VMA, now and whenever one is added. */
    void kernelObjects(AddressSpace mm) {
        long mmStruct = mgr.slabs.mmStruct().alloc();
        if (mmStruct < 0) {
            throw new KernelOutOfMemory("an mm_struct");
        }
        mm.mmStruct = mmStruct;
        mm.accountVmasIn(mgr.slabs.vmAreaStruct());
    }

    /**
     * fork: the child gets a copy of every VMA; private writable pages are
     * shared read-only and marked copy-on-write in both page tables, shared
     * mappings stay shared. The parent's TLB entries for the pages that lost
     * their write permission are flushed.
     */
    public void fork(int parentPid, int childPid) {
        AddressSpace parent = mgr.mmOf.get(parentPid);
        AddressSpace child = new AddressSpace(mgr.nextAsid++, newPageTable(), parent.layout,
                parent.frameLimit, parent.frameLimit > 0
                        ? ReplacementPolicies.create(mgr.program.kernel().memory().replacement(), mgr.random.split())
                        : null,
                parent.program);
        try {
            copyInto(parent, child);
            mgr.putMm(childPid, child);
            newTask(childPid);
        } catch (KernelOutOfMemory e) {
            // fork fails with ENOMEM: what the child got so far goes back, the parent is as it was
            // but for its COW marks, which a later write resolves by reusing the frame
            mgr.removeMm(childPid);
            release(child);
            throw e;
        }
    }

    void copyInto(AddressSpace parent, AddressSpace child) {
        child.brkStart = parent.brkStart;
        child.brk = parent.brk;
        for (Vma v : parent.vmas()) {
            child.add(v.copy());
            if (v.library >= 0) {
                mgr.libraryUsers.merge(v.library, 1, Integer::sum);
            }
            if (v.shm >= 0) {
                mgr.shmUsers.merge(v.shm, 1, Integer::sum);
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
            if (v == null || v.shared || (!v.anonymous() && !parent.dirtied.contains(va >>> MemoryManager.PAGE_SHIFT))) {
                // copy_page_range: no PTE is copied where a fault fills it correctly (shared and
                // file-backed pages come from the page cache); only anonymous content must be copied
                continue;
            }
            long frame = Pte.frame(pte, MemoryManager.PAGE_SHIFT);
            long flags = pte & ((1L << MemoryManager.PAGE_SHIFT) - 1);
            if (!v.shared && v.writable()) {
                flags = (flags & ~Pte.WRITABLE) | Pte.COW;
                parent.pageTable.setPte(va, Pte.make(frame, flags, MemoryManager.PAGE_SHIFT));
            }
            if (!child.pageTable.map(va, frame, flags & ~(Pte.ACCESSED))) {
                throw new KernelOutOfMemory("a page table");
            }
            mgr.frames.get(frame).mapCount++;
            child.resident.add(va >>> MemoryManager.PAGE_SHIFT);
            mgr.policyOf(child).loaded(mgr.key(child, va >>> MemoryManager.PAGE_SHIFT));
            mgr.forgetLastReference();
        }
        child.swapped.putAll(copySwapped(parent));
        child.dirtied.addAll(parent.dirtied);
        // The child's heap holds the same blocks at the same addresses: the allocator state is copied too.
        child.allocator = parent.allocator == null ? null : parent.allocator.copyFor(mgr.mappings.userMemory(child));
        for (Tlb t : mgr.tlbs) {
            t.flushAsid(parent.asid);
        }
        kernelObjects(child);
    }

    /**
     * Swapped pages of a forked child: the same slots as the parent's, one
     * more reference each (copy_page_range's swap_duplicate): fork writes
     * nothing to swap, and a full swap loses nothing.
     */
    Map<Long, Long> copySwapped(AddressSpace parent) {
        Map<Long, Long> out = new HashMap<>();
        for (var e : new TreeMap<>(parent.swapped).entrySet()) {
            mgr.swap.share(e.getValue());
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** A thread, a clone with CLONE_VM, or a vfork child: the same mm, one more user. */
    public void shareAddressSpace(int parentPid, int childPid) {
        newTask(childPid);
        AddressSpace mm = mgr.mmOf.get(parentPid);
        mm.users++;
        mgr.putMm(childPid, mm);
    }

    /** exec: the old address space is released (if this was its last user) and a fresh one built. */
    public void exec(int pid, String programName) {
        AddressSpace old = mgr.mmOf.get(pid);
        int limit = old == null ? 0 : old.frameLimit;
        if (old != null) {
            release(old);
        }
        try {
            mgr.putMm(pid, newAddressSpace(limit, programName));
        } catch (KernelOutOfMemory e) {
            mgr.removeMm(pid); // past the point of no return, as in Linux: the task is killed with no image
            throw e;
        }
    }

    /** The task exits: leaks are recorded and its address space released if it was the last user. */
    public MemoryManager.TaskCounters exit(int pid) {
        MemoryManager.TaskCounters c = mgr.counters.get(pid);
        Long taskStruct = mgr.taskStructs.remove(pid);
        if (taskStruct != null) {
            mgr.slabs.taskStruct().free(taskStruct); // Linux frees it when the parent reaps; oss at exit
        }
        AddressSpace mm = mgr.removeMm(pid);
        if (mm != null && c != null) {
            c.rssAtExit = mm.resident.size();
            c.vmAtExit = mm.vmPages(MemoryManager.PAGE_SIZE);
            c.freeBlocks = mm.allocator == null ? -1 : mm.allocator.freeListLength();
            if (mm.users == 1 && mm.allocator != null) {
                c.leaks = mm.allocator.liveBlocks();
            }
            release(mm);
        }
        return c;
    }

    void release(AddressSpace mm) {
        if (--mm.users > 0) {
            return;
        }
        for (Vma v : mm.vmas()) {
            mgr.reclaim.unmapRange(mm, v.start, v.end);
            vmaGone(v);
        }
        for (long slot : mm.swapped.values()) {
            mgr.swap.discard(slot);
        }
        mm.swapped.clear();
        mm.pageTable.destroy();
        for (Tlb t : mgr.tlbs) {
            t.flushAsid(mm.asid);
        }
        mm.releaseVmaObjects();
        if (mm.mmStruct > 0) {
            mgr.slabs.mmStruct().free(mm.mmStruct);
        }
    }

    /**
     * A VMA left an address space: a library's or a shmem object's pages leave
     * the page cache once no VMA maps them any more.
     */
    void vmaGone(Vma v) {
        if (v.library >= 0 && mgr.libraryUsers.merge(v.library, -1, Integer::sum) <= 0) {
            dropFromCache("lib" + v.library + ":");
        }
        if (v.shm >= 0 && mgr.shmUsers.merge(v.shm, -1, Integer::sum) <= 0) {
            dropFromCache("shm" + v.shm + ":");
        }
    }

    void dropFromCache(String prefix) {
        for (var it = mgr.pageCache.entrySet().iterator(); it.hasNext();) {
            var e = it.next();
            if (e.getKey().startsWith(prefix)) {
                FrameTable.Page p = mgr.frames.get(e.getValue());
                p.cacheKey = null;
                if (mgr.frames.releaseIfUnused(e.getValue())) {
                    mgr.frameSource.freeFrame(e.getValue());
                }
                it.remove();
            }
        }
    }
}
