package oss.runtime.kernel.mm;

import java.util.BitSet;

/**
 * A swap device of page-sized slots. Allocation takes the lowest free slot
 * (the kernel's swap_map scan is cluster-based; lowest-first keeps runs
 * deterministic and readable). A slot shared by a forked parent and child
 * (swap_map's count above one) is free once both have read or dropped it.
 */
public final class SwapArea {
    private final long slots;
    private final BitSet used = new BitSet();
    /** Slots with more than one user (after fork): how many more. */
    private final java.util.Map<Long, Integer> sharers = new java.util.HashMap<>();
    private long swapIns;
    private long swapOuts;

    public SwapArea(long bytes, int pageSize) {
        this.slots = Math.max(0, bytes / pageSize);
    }

    /** A free slot for a page being written out, or -1 when swap is full. */
    public long swapOut() {
        int slot = used.nextClearBit(0);
        if (slot >= slots) {
            return -1;
        }
        used.set(slot);
        swapOuts++;
        return slot;
    }

    /**
     * fork: the child's page table gets the same swap entry as the parent's,
     * one more reference to the slot (swap_duplicate); nothing is written.
     */
    public void share(long slot) {
        sharers.merge(slot, 1, Integer::sum);
    }

    /** The page in {@code slot} was read back by one of its users; the slot is free when none is left. */
    public void swapIn(long slot) {
        release(slot);
        swapIns++;
    }

    /** One user dropped the page without reading it (it unmapped or exited). */
    public void discard(long slot) {
        release(slot);
    }

    private void release(long slot) {
        Integer more = sharers.get(slot);
        if (more == null) {
            used.clear((int) slot);
        } else if (more == 1) {
            sharers.remove(slot);
        } else {
            sharers.put(slot, more - 1);
        }
    }

    public long total() {
        return slots;
    }

    public long inUse() {
        return used.cardinality();
    }

    public long swapIns() {
        return swapIns;
    }

    public long swapOuts() {
        return swapOuts;
    }
}
