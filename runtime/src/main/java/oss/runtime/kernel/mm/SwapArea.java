package oss.runtime.kernel.mm;

import java.util.BitSet;

/**
 * A swap device of page-sized slots. Allocation takes the lowest free slot
 * (the kernel's swap_map scan is cluster-based; lowest-first keeps runs
 * deterministic and readable).
 */
public final class SwapArea {
    private final long slots;
    private final BitSet used = new BitSet();
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

    /** The page in {@code slot} was read back; the slot is free again. */
    public void swapIn(long slot) {
        used.clear((int) slot);
        swapIns++;
    }

    /** The page was dropped without being read (its owner unmapped or exited). */
    public void discard(long slot) {
        used.clear((int) slot);
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
