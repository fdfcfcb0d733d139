package oss.runtime.kernel.mm;

import oss.ir.program.MallocSpec;
import oss.ir.program.Op;
import oss.runtime.hw.mem.Pte;
import oss.runtime.kernel.mm.malloc.FreeResult;
import oss.runtime.kernel.mm.malloc.UserMemory;

/**
 * The address-space system calls as the kernel does them, as Linux's mm/mmap.c, mm/msync.c and
 * brk tell them: mmap (a VMA, no frames until the first touch), munmap, msync, moving the
 * break; and the glue to the user-space allocator (ptmalloc or a free list) that malloc and
 * free run in. {@link MemorySyscalls} turns a statement into these calls and their costs.
 */
public final class Mappings {
    private final MemoryManager mgr;

    Mappings(MemoryManager mgr) {
        this.mgr = mgr;
    }

    /** The new mapping's start; -1 when no gap is large enough, {@link #MemoryManager.MMAP_NO_KERNEL_MEMORY}. */
    public long mmap(int pid, Op.Mmap m) {
        AddressSpace mm = mgr.mmOf.get(pid);
        long bytes = m.file() >= 0 && m.bytes() <= 0 ? mgr.program.files().get(m.file()).sizeBytes() : m.bytes();
        bytes = mgr.roundUp(Math.max(1, bytes));
        long at;
        if (m.fixedAddress() >= 0) {
            at = m.fixedAddress() & ~(long) (MemoryManager.PAGE_SIZE - 1);
            mgr.reclaim.unmapRange(mm, at, at + bytes); // MAP_FIXED replaces whatever was there
            mgr.reclaim.removeVmas(mm, at, at + bytes);
        } else {
            at = mm.unmappedArea(bytes);
            if (at < 0) {
                return -1;
            }
        }
        String name = m.file() >= 0 ? mgr.program.files().get(m.file()).path() : "";
        Vma v = new Vma(at, at + bytes, m.prot(), m.shared(), m.file() >= 0 ? Vma.Kind.FILE : Vma.Kind.MMAP,
                m.file(), -1, 0, name);
        try {
            mm.add(v);
        } catch (KernelOutOfMemory e) {
            return MemoryManager.MMAP_NO_KERNEL_MEMORY;
        }
        if (m.shared() && m.file() < 0) {
            v.shm = mgr.nextShm++;
            mgr.shmUsers.merge(v.shm, 1, Integer::sum);
        }
        return at;
    }

    /** munmap of the mapping that starts at {@code addr}; false when there is none. */
    public boolean munmap(int pid, long addr) {
        AddressSpace mm = mgr.mmOf.get(pid);
        Vma v = mm.find(addr);
        if (v == null || v.kind == Vma.Kind.STACK || v.kind == Vma.Kind.TEXT) {
            return false;
        }
        mgr.reclaim.unmapRange(mm, v.start, v.end);
        mm.remove(v);
        mgr.lifecycle.vmaGone(v);
        return true;
    }

    /** msync: dirty pages of a shared file mapping are written back; returns the pages written. */
    public long msync(int pid, long addr) {
        AddressSpace mm = mgr.mmOf.get(pid);
        Vma v = mm.find(addr);
        if (v == null || v.file < 0) {
            return 0;
        }
        long written = 0;
        for (long va = v.start; va < v.end; va += MemoryManager.PAGE_SIZE) {
            long pte = mm.pageTable.pte(va);
            if (Pte.has(pte, Pte.PRESENT) && Pte.has(pte, Pte.DIRTY) && v.shared) {
                mm.pageTable.setPte(va, pte & ~Pte.DIRTY);
                mgr.frames.get(Pte.frame(pte, MemoryManager.PAGE_SHIFT)).dirty = false;
                mgr.reclaim.invalidate(mm, va);
                written++;
            }
        }
        return written;
    }

    /**
     * brk by {@code delta}: the heap VMA grows or shrinks; returns the new
     * break, or {@link #MemoryManager.BRK_BELOW_START} / {@link #MemoryManager.BRK_COLLIDES} if refused,
     * as sys_brk refuses a break below start_brk or one that would run into
     * the next mapping.
     */
    public long brk(int pid, long delta) {
        return brk(mgr.mmOf.get(pid), delta);
    }

    long brk(AddressSpace mm, long delta) {
        long wanted = mm.brk + delta;
        if (wanted < mm.brkStart) {
            return MemoryManager.BRK_BELOW_START;
        }
        long oldEnd = mgr.roundUp(mm.brk);
        long newEnd = mgr.roundUp(wanted);
        Vma heap = mm.heap();
        if (newEnd > oldEnd && !mm.free(oldEnd, newEnd)) {
            return MemoryManager.BRK_COLLIDES;
        }
        if (heap == null && newEnd > mm.brkStart) {
            heap = new Vma(mm.brkStart, newEnd, Op.PROT_READ | Op.PROT_WRITE, false, Vma.Kind.HEAP, -1, -1, 0,
                    "[heap]");
            try {
                mm.add(heap);
            } catch (KernelOutOfMemory e) {
                return MemoryManager.BRK_NO_KERNEL_MEMORY;
            }
        } else if (heap != null) {
            if (newEnd < heap.end) {
                mgr.reclaim.unmapRange(mm, newEnd, heap.end);
            }
            heap.end = newEnd;
            if (heap.end <= heap.start) {
                mm.remove(heap);
            }
        }
        mm.brk = wanted;
        return wanted;
    }

    /** The current program break of {@code pid}'s address space. */
    public long currentBrk(int pid) {
        return mgr.mmOf.get(pid).brk;
    }

    /** Where {@code pid}'s heap starts (start_brk): the break can never go below it. */
    public long brkStart(int pid) {
        return mgr.mmOf.get(pid).brkStart;
    }

    public long malloc(int pid, long bytes) {
        return mgr.mmOf.get(pid).allocator.malloc(bytes);
    }

    /** Why malloc just returned NULL, in words. */
    public String mallocRefusal(int pid) {
        MallocSpec spec = mgr.program.kernel().memory().malloc();
        return spec.kind() == MallocSpec.Kind.FREELIST && spec.heapBytes() > 0
                ? "no block on the free list of the fixed " + spec.heapBytes() + "-byte heap is large enough"
                : "the heap could not grow (brk and mmap were refused)";
    }

    public FreeResult free(int pid, long addr) {
        return mgr.mmOf.get(pid).allocator.free(addr);
    }

    public boolean inFreedBlock(int pid, long addr) {
        AddressSpace mm = mgr.mmOf.get(pid);
        return mm != null && mm.allocator != null && mm.allocator.inFreedBlock(addr);
    }

    UserMemory userMemory(AddressSpace mm) {
        return new UserMemory() {
            @Override
            public long sbrk(long delta) {
                long old = mm.brk;
                return brk(mm, delta) < 0 ? -1 : old;
            }

            @Override
            public long mmap(long bytes) {
                long at = mm.unmappedArea(mgr.roundUp(bytes));
                if (at < 0) {
                    return -1;
                }
                try {
                    mm.add(new Vma(at, at + mgr.roundUp(bytes), Op.PROT_READ | Op.PROT_WRITE, false, Vma.Kind.MMAP, -1,
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
                    mgr.reclaim.unmapRange(mm, v.start, v.end);
                    mm.remove(v);
                }
            }
        };
    }
}
