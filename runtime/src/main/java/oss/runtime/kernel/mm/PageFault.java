package oss.runtime.kernel.mm;

import oss.runtime.hw.mem.Pte;
import oss.runtime.kernel.mm.replace.FutureReferences;

/**
 * The page-fault handler, as Linux's mm/memory.c (handle_mm_fault) tells it: a page not present
 * is a demand-zero page, a read from the page cache or a file (a major fault on the disk's
 * latency), or a swap-in; a write to a copy-on-write page copies it; a fault just below the stack
 * grows it (expand_downwards). The MMU's hot path, a hit in the TLB, stays in
 * {@link MemoryManager#accessCycles}; only faults come here.
 */
final class PageFault {
    private final MemoryManager mgr;

    PageFault(MemoryManager mgr) {
        this.mgr = mgr;
    }

    /** Linux's stack_guard_gap: 256 pages that must stay free between a growing stack and the mapping below. */
    static final long STACK_GUARD_GAP_PAGES = 256;

    /**
     * Brings the page in: from swap (a major fault), from the page cache or
     * the file (minor, or major when the file must be read), or a zeroed
     * frame (a minor, demand-zero fault). Returns device ns to wait, 0 for a
     * minor fault, -1 when no frame can be found, {@link #MemoryManager.BEYOND_EOF} for a
     * page of a file mapping past the file's last page.
     */
    long handleNotPresent(AddressSpace mm, Vma vma, long va, boolean write, MemoryManager.TaskCounters c,
            FutureReferences future) {
        long vpn = va >>> MemoryManager.PAGE_SHIFT;
        long pageVa = vpn << MemoryManager.PAGE_SHIFT;
        long flags = Pte.PRESENT | Pte.USER | (vma.writable() ? Pte.WRITABLE : 0);
        Long slot = mm.swapped.remove(vpn);
        if (slot != null) {
            long frame = mgr.reclaim.allocateFrameFor(mm, future);
            if (frame < 0) {
                mm.swapped.put(vpn, slot);
                return -1;
            }
            if (!install(mm, pageVa, frame, flags)) {
                mgr.frameSource.freeFrame(frame);
                mm.swapped.put(vpn, slot);
                return -1;
            }
            mgr.swap.swapIn(slot);
            c.major++;
            return mgr.hw.diskLatencyNs();
        }
        if (vma.file >= 0) {
            long filePage = (pageVa - vma.start + vma.fileOffset) >>> MemoryManager.PAGE_SHIFT;
            long size = mgr.program.files().get(vma.file).sizeBytes();
            if (filePage >= (size + MemoryManager.PAGE_SIZE - 1) >>> MemoryManager.PAGE_SHIFT) {
                return MemoryManager.BEYOND_EOF;
            }
        }
        if (!vma.anonymous()) {
            String key = (vma.library >= 0 ? "lib" + vma.library : "file" + vma.file) + ":"
                    + ((pageVa - vma.start + vma.fileOffset) >>> MemoryManager.PAGE_SHIFT);
            Long cached = mgr.pageCache.get(key);
            long ioNs = 0;
            long frame;
            if (cached != null) {
                frame = cached;
                c.minor++;
            } else {
                frame = mgr.reclaim.allocateFrameFor(mm, future);
                if (frame < 0) {
                    return -1;
                }
                mgr.pageCache.put(key, frame);
                mgr.frames.get(frame).cacheKey = key;
                c.major++;
                ioNs = mgr.hw.diskLatencyNs();
            }
            if (vma.file >= 0) {
                mgr.filemap().referenced(key);
            }
            if (write && !vma.shared) {
                // do_cow_fault: a first write to a private file page copies it out of the page cache
                // in the same fault; the copy is this process's own anonymous page from the start.
                long copy = mgr.reclaim.allocateFrameFor(mm, future);
                if (copy < 0) {
                    return -1;
                }
                if (!install(mm, pageVa, copy, flags)) {
                    mgr.frameSource.freeFrame(copy);
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
            long page = (pageVa - vma.start + vma.fileOffset) >>> MemoryManager.PAGE_SHIFT;
            long size = mgr.shmem.size(vma.shm);
            if (size >= 0 && page >= (size + MemoryManager.PAGE_SIZE - 1) >>> MemoryManager.PAGE_SHIFT) {
                return MemoryManager.BEYOND_EOF; // shmem_fault beyond i_size, as filemap_fault beyond EOF
            }
            String key = "shm" + vma.shm + ":" + page;
            Long cached = mgr.pageCache.get(key);
            if (cached == null) {
                long frame = mgr.reclaim.allocateFrameFor(mm, future);
                if (frame < 0) {
                    return -1;
                }
                mgr.ram.zeroFrame(frame);
                mgr.pageCache.put(key, frame);
                mgr.frames.get(frame).cacheKey = key;
                cached = frame;
            }
            c.minor++;
            if (!vma.shared) {
                // MAP_PRIVATE of a shmem object: reads see its pages, a write copies one out (do_cow_fault)
                if (write) {
                    long copy = mgr.reclaim.allocateFrameFor(mm, future);
                    if (copy < 0 || !install(mm, pageVa, copy, flags)) {
                        return -1;
                    }
                    return 0;
                }
                flags = (flags & ~Pte.WRITABLE) | (vma.writable() ? Pte.COW : 0);
            }
            if (!install(mm, pageVa, cached, flags)) {
                return -1;
            }
            return 0;
        }
        long frame = mgr.reclaim.allocateFrameFor(mm, future);
        if (frame < 0) {
            return -1;
        }
        mgr.ram.zeroFrame(frame);
        if (!install(mm, pageVa, frame, flags)) {
            mgr.frameSource.freeFrame(frame);
            return -1;
        }
        c.minor++;
        return 0;
    }

    /** Maps the page; false when no frame can be found for a page table on the way (the fault is then OOM). */
    boolean install(AddressSpace mm, long pageVa, long frame, long flags) {
        if (!mm.pageTable.map(pageVa, frame, flags)) {
            return false;
        }
        mgr.frames.get(frame).mapCount++;
        long vpn = pageVa >>> MemoryManager.PAGE_SHIFT;
        mm.resident.add(vpn);
        mgr.policyOf(mm).loaded(mgr.key(mm, vpn));
        mgr.forgetLastReference();
        return true;
    }

    /**
     * A write to a copy-on-write page: the frame is reused when this is its
     * only mapping (do_wp_page's reuse), copied to a new frame otherwise.
     */
    boolean copyOnWrite(AddressSpace mm, long va, long pte, MemoryManager.TaskCounters c, FutureReferences future) {
        long pageVa = va & ~(long) (MemoryManager.PAGE_SIZE - 1);
        long old = Pte.frame(pte, MemoryManager.PAGE_SHIFT);
        FrameTable.Page page = mgr.frames.get(old);
        long flags = ((pte & ((1L << MemoryManager.PAGE_SHIFT) - 1)) | Pte.WRITABLE) & ~Pte.COW;
        c.cow++;
        c.minor++;
        if (page.mapCount == 1 && page.cacheKey == null) {
            mm.pageTable.setPte(pageVa, Pte.make(old, flags, MemoryManager.PAGE_SHIFT));
            mgr.reclaim.invalidate(mm, pageVa);
            return true;
        }
        long fresh = mgr.reclaim.allocateFrameFor(mm, future);
        if (fresh < 0) {
            return false;
        }
        page.mapCount--;
        mm.pageTable.setPte(pageVa, Pte.make(fresh, flags, MemoryManager.PAGE_SHIFT));
        mgr.frames.get(fresh).mapCount++;
        mgr.reclaim.invalidate(mm, pageVa);
        return true;
    }

    /**
     * A fault below the [stack] VMA grows it, as VM_GROWSDOWN does
     * (expand_downwards): down to the faulting page, as long as the stack
     * stays within RLIMIT_STACK ({@code stack_limit}) and a guard gap of 256
     * pages stays free above the mapping below. Linux no longer compares the
     * address with the stack pointer, so neither does oss. Returns null when
     * the stack now covers {@code va}, else why the access is a SIGSEGV.
     */
    String growStack(AddressSpace mm, long va) {
        Vma stack = mm.stack();
        if (stack == null || va >= stack.start || va < mm.brk) {
            return "no mapping contains this address";
        }
        long newStart = va & ~(long) (MemoryManager.PAGE_SIZE - 1);
        long limit = mgr.program.kernel().memory().stackLimit();
        if (stack.end - newStart > limit) {
            return String.format("no mapping contains this address; it is %s below the top of the stack, and the"
                    + " stack may grow to %s (stack_limit, RLIMIT_STACK)", bytes(stack.end - newStart), bytes(limit));
        }
        Vma prev = mm.below(newStart);
        if (prev != null && newStart - prev.end < STACK_GUARD_GAP_PAGES * MemoryManager.PAGE_SIZE) {
            return String.format("no mapping contains this address; growing the stack to it would leave less than"
                    + " the %d-page guard gap above %s", STACK_GUARD_GAP_PAGES, describe(prev));
        }
        mm.growDown(stack, newStart);
        return null;
    }

    /**
     * Why a user-mode access above the user half faults. The kernel half is
     * mapped in every page table, but its entries have the U/S bit clear, so
     * the MMU refuses user mode; between the halves of x86_64 lies the
     * non-canonical hole, where the CPU raises a general-protection fault
     * instead. Linux answers both with SIGSEGV.
     */
    String aboveUserSpace(long va) {
        if (mgr.paging.addressBits < 64 && mgr.paging.addressBits > 32) {
            long signBits = va >> (mgr.paging.addressBits - 1);
            if (signBits != 0 && signBits != -1) {
                return "a non-canonical address (bits " + (mgr.paging.addressBits - 1) + " to 63 must all be equal):"
                        + " the CPU raises a general-protection fault";
            }
        }
        return "a kernel address: the kernel half is mapped in every page table, but without the user bit"
                + " (U/S = 0), so an access from user mode faults";
    }

    static String describe(Vma v) {
        return v.name.isEmpty() ? "an anonymous mapping" : v.name;
    }

    /** A size as the docs write it: whole KiB or MiB where exact, else bytes. */
    static String bytes(long n) {
        if (n % (1L << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        return n % 1024 == 0 ? (n >> 10) + " KiB" : n + " B";
    }
}
