package oss.runtime.kernel.mm;

import java.util.ArrayList;
import java.util.List;
import oss.runtime.hw.mem.Pte;
import oss.runtime.hw.mem.Tlb;
import oss.runtime.kernel.mm.alloc.Zones;
import oss.runtime.kernel.mm.replace.FutureReferences;

/**
 * Reclaim and the reverse map, as Linux's mm/vmscan.c and mm/rmap.c tell them: a frame for a new
 * page, taken from the free lists or from a victim the replacement policy names (written to swap
 * or back to its file when dirty); unmapping pages and ranges with the TLB shootdowns they need.
 */
final class Reclaim {
    private final MemoryManager mgr;

    Reclaim(MemoryManager mgr) {
        this.mgr = mgr;
    }

    /**
     * A frame for a page of {@code mm}: under a `frames N` limit the process
     * first gives up one of its own pages (local replacement); when the
     * buddy allocator has nothing, a page anywhere is evicted (global).
     */
    long allocateFrameFor(AddressSpace mm, FutureReferences future) {
        if (mm.frameLimit > 0 && mm.resident.size() >= mm.frameLimit) {
            long victim = mm.localPolicy.victim(future);
            if (!evict(mm, victim)) {
                return -1;
            }
        }
        long frame = mgr.zones.allocate(0, Zones.Zone.NORMAL);
        // the page cache's unmapped pages go first: clean ones cost nothing to drop, and reclaim
        // favours file pages while there are many (vm.swappiness)
        while (frame < 0 && mgr.filemap().shrinkOne()) {
            frame = mgr.zones.allocate(0, Zones.Zone.NORMAL);
        }
        for (int tries = 0; frame < 0 && tries < 64 && reclaimOne(); tries++) {
            frame = mgr.zones.allocate(0, Zones.Zone.NORMAL);
        }
        return frame;
    }

    /**
     * Global replacement's one step: the policy's victim page, anywhere, is
     * evicted (to swap if its content matters). False when no page is
     * resident at all, so nothing can ever be freed this way.
     */
    boolean reclaimOne() {
        if (mgr.globalPolicy.resident() == 0) {
            return false;
        }
        long key = mgr.globalPolicy.victim(FutureReferences.UNKNOWN);
        AddressSpace owner = ownerOf(key);
        if (owner == null || !evict(owner, key & ((1L << 40) - 1))) {
            mgr.globalPolicy.removed(key);
            mgr.forgetLastReference();
        }
        return true;
    }

    /** Evicts page {@code vpn} of {@code mm}: written to swap if its content matters, then unmapped. */
    boolean evict(AddressSpace mm, long vpn) {
        long va = vpn << MemoryManager.PAGE_SHIFT;
        long pte = mm.pageTable.pte(va);
        if (!Pte.has(pte, Pte.PRESENT)) {
            mgr.policyOf(mm).removed(mgr.key(mm, vpn));
        mgr.forgetLastReference();
            mgr.forgetLastReference();
            mm.resident.remove(vpn);
            return true;
        }
        Vma v = mm.find(va);
        // shmem and file pages stay in the page cache when unmapped here; only private content needs swap
        boolean anonymousContent = v == null || (v.anonymous() && v.shm < 0)
                || (!v.shared && mm.dirtied.containsPage(vpn));
        if (anonymousContent && mm.dirtied.containsPage(vpn)) {
            long slot = mgr.swap.swapOut();
            if (slot < 0) {
                return false;
            }
            mm.swapped.put(vpn, slot);
        }
        unmapPage(mm, va, pte);
        return true;
    }

    void unmapPage(AddressSpace mm, long va, long pte) {
        long vpn = va >>> MemoryManager.PAGE_SHIFT;
        mm.pageTable.unmap(va);
        invalidate(mm, va);
        mm.resident.remove(vpn);
        mgr.policyOf(mm).removed(mgr.key(mm, vpn));
        mgr.forgetLastReference();
        long frame = Pte.frame(pte, MemoryManager.PAGE_SHIFT);
        FrameTable.Page page = mgr.frames.get(frame);
        page.mapCount--;
        if (mgr.frames.releaseIfUnused(frame)) {
            mgr.frameSource.freeFrame(frame);
        }
    }

    void unmapRange(AddressSpace mm, long start, long end) {
        List<long[]> present = new ArrayList<>();
        mm.pageTable.forEachMapped(start, end, (va, pte) -> present.add(new long[] {va, pte}));
        for (long[] p : present) {
            unmapPage(mm, p[0], p[1]);
        }
        // the swapped and written sets by the range's pages when it is the smaller side (one small
        // VMA among many), else by the sets: either way no walk over every page per VMA
        long pages = (end - start) >>> MemoryManager.PAGE_SHIFT;
        if (!mm.swapped.isEmpty()) {
            if (pages < mm.swapped.size()) {
                for (long vpn = start >>> MemoryManager.PAGE_SHIFT; vpn < end >>> MemoryManager.PAGE_SHIFT; vpn++) {
                    Long slot = mm.swapped.remove(vpn);
                    if (slot != null) {
                        mgr.swap.discard(slot);
                    }
                }
            } else {
                for (var it = mm.swapped.entrySet().iterator(); it.hasNext();) {
                    var e = it.next();
                    long va = e.getKey() << MemoryManager.PAGE_SHIFT;
                    if (va >= start && va < end) {
                        mgr.swap.discard(e.getValue());
                        it.remove();
                    }
                }
            }
        }
        if (pages < mm.dirtied.size()) {
            for (long vpn = start >>> MemoryManager.PAGE_SHIFT; vpn < end >>> MemoryManager.PAGE_SHIFT; vpn++) {
                mm.dirtied.removePage(vpn);
            }
        } else if (!mm.dirtied.isEmpty()) {
            mm.dirtied.removeIf(vpn -> (vpn << MemoryManager.PAGE_SHIFT) >= start && (vpn << MemoryManager.PAGE_SHIFT) < end);
        }
    }

    void removeVmas(AddressSpace mm, long start, long end) {
        for (Vma v : mm.vmas()) {
            if (v.start < end && v.end > start) {
                mm.remove(v);
                mgr.lifecycle.vmaGone(v);
            }
        }
    }

    void invalidate(AddressSpace mm, long va) {
        for (Tlb t : mgr.tlbs) {
            t.invalidate(mm.asid, va >>> MemoryManager.PAGE_SHIFT);
        }
    }

    AddressSpace ownerOf(long globalKey) {
        int asid = (int) (globalKey >>> 40);
        for (AddressSpace mm : mgr.mmOf.values()) {
            if (mm.asid == asid) {
                return mm;
            }
        }
        return null;
    }
}
