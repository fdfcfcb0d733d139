package oss.runtime.kernel.mm.alloc;

import java.util.TreeSet;

/**
 * The binary buddy allocator of one zone, after Linux's {@code free_area[]}:
 * free list {@code k} holds blocks of {@code 2^k} frames, for {@code k} in
 * {@code 0 .. maxOrder-1} (Linux's MAX_ORDER 11 gives blocks of 1 to 1024
 * frames). A block of order {@code k} always starts at a frame number that
 * is a multiple of {@code 2^k}, counting from physical frame 0 as real
 * hardware does, so a block's buddy is found by flipping one bit:
 * {@code frame ^ (1 << k)}.
 *
 * <p>Allocation takes the smallest non-empty order that fits and splits it,
 * putting each upper half back on the next lower list (Linux's
 * {@code expand()}); freeing merges with the buddy for as long as the buddy
 * is free, of the same order and inside the zone. Each free list is a sorted
 * set and always yields its lowest address, so every run hands out the same
 * frames in the same order.
 *
 * <p>Freeing is checked against the free lists, not against a record of
 * allocations: a block that overlaps free memory is a double free; a frame
 * not aligned to its order, or a block outside the zone, is a bad free.
 * Freeing part of an earlier allocation (as {@code split_page()} allows) is
 * therefore accepted.
 */
public final class BuddyAllocator {
    private final String zone;
    private final long firstFrame;
    private final long endFrame;
    private final int maxOrder;
    private final TreeSet<Long>[] freeArea;
    private long freeFrames;

    @SuppressWarnings("unchecked")
    public BuddyAllocator(String zone, long firstFrame, long frames, int maxOrder) {
        if (firstFrame < 0 || frames < 0) {
            throw new IllegalArgumentException("bad zone range: first " + firstFrame + ", " + frames + " frames");
        }
        if (maxOrder < 1 || maxOrder > 40) {
            throw new IllegalArgumentException("maxOrder must be 1..40: " + maxOrder);
        }
        this.zone = zone;
        this.firstFrame = firstFrame;
        this.endFrame = firstFrame + frames;
        this.maxOrder = maxOrder;
        this.freeArea = new TreeSet[maxOrder];
        for (int k = 0; k < maxOrder; k++) {
            freeArea[k] = new TreeSet<>();
        }
        seed();
    }

    /** Carves the zone into the largest naturally aligned blocks, as memblock hands memory over at boot. */
    private void seed() {
        long frame = firstFrame;
        while (frame < endFrame) {
            int order = maxOrder - 1;
            while (order > 0 && (frame % size(order) != 0 || frame + size(order) > endFrame)) {
                order--;
            }
            freeArea[order].add(frame);
            freeFrames += size(order);
            frame += size(order);
        }
    }

    /** The smallest order whose block holds {@code frames} frames (Linux's get_order, in frames). */
    public static int orderFor(long frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("need at least one frame: " + frames);
        }
        return 64 - Long.numberOfLeadingZeros(frames - 1);
    }

    /** First frame of a free block of {@code 2^order} frames, or -1 when no block that large is free. */
    public long allocate(int order) {
        if (order < 0) {
            throw new IllegalArgumentException("negative order: " + order);
        }
        if (order >= maxOrder) {
            return -1; // larger than any block this zone keeps, as Linux fails order >= MAX_ORDER
        }
        int from = order;
        while (from < maxOrder && freeArea[from].isEmpty()) {
            from++;
        }
        if (from == maxOrder) {
            return -1;
        }
        long frame = freeArea[from].pollFirst();
        while (from > order) { // expand(): keep the lower half, free the upper
            from--;
            freeArea[from].add(frame + size(from));
        }
        freeFrames -= size(order);
        return frame;
    }

    /** Returns the block of {@code 2^order} frames at {@code frame}, merging with free buddies. */
    public void free(long frame, int order) {
        if (order < 0 || order >= maxOrder) {
            throw new IllegalArgumentException("order " + order + " outside 0.." + (maxOrder - 1));
        }
        if (frame % size(order) != 0) {
            throw new IllegalArgumentException("frame " + frame + " is not aligned to order " + order);
        }
        if (frame < firstFrame || frame + size(order) > endFrame) {
            throw new IllegalArgumentException("block " + frame + "+" + size(order) + " is outside zone " + zone);
        }
        if (overlapsFree(frame, size(order))) {
            throw new IllegalArgumentException("double free: block " + frame + " order " + order + " is already free");
        }
        freeFrames += size(order);
        while (order < maxOrder - 1) {
            long buddy = frame ^ size(order);
            if (buddy < firstFrame || buddy + size(order) > endFrame || !freeArea[order].remove(buddy)) {
                break;
            }
            frame = Math.min(frame, buddy);
            order++;
        }
        freeArea[order].add(frame);
    }

    private boolean overlapsFree(long frame, long length) {
        for (int k = 0; k < maxOrder; k++) {
            Long start = freeArea[k].floor(frame + length - 1);
            if (start != null && start + size(k) > frame) {
                return true;
            }
        }
        return false;
    }

    /** Free blocks per order, one line of /proc/buddyinfo as numbers. */
    public long[] freeBlocks() {
        long[] counts = new long[maxOrder];
        for (int k = 0; k < maxOrder; k++) {
            counts[k] = freeArea[k].size();
        }
        return counts;
    }

    public long freeFrames() {
        return freeFrames;
    }

    /** This zone's /proc/buddyinfo line (Linux's "Node %d, zone %8s" then "%6lu" per order, trailing blank dropped). */
    public String buddyinfo() {
        var line = new StringBuilder(String.format("Node 0, zone %8s ", zone));
        for (long count : freeBlocks()) {
            line.append(String.format("%6d ", count));
        }
        return line.toString().stripTrailing();
    }

    /** Whether {@code frame} belongs to this zone. */
    public boolean contains(long frame) {
        return frame >= firstFrame && frame < endFrame;
    }

    public String zone() {
        return zone;
    }

    public long firstFrame() {
        return firstFrame;
    }

    /** Frames the zone spans (including any handed out). */
    public long spannedFrames() {
        return endFrame - firstFrame;
    }

    public int maxOrder() {
        return maxOrder;
    }

    private static long size(int order) {
        return 1L << order;
    }
}
