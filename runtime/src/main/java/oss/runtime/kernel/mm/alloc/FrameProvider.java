package oss.runtime.kernel.mm.alloc;

/**
 * Where the slab and vmalloc layers get their 4 KiB page frames: in the
 * kernel, the zoned buddy allocator. Kept as an interface so those layers
 * can be tested against a scripted source of frames.
 */
public interface FrameProvider {
    /** Bytes per frame the slab and vmalloc layers assume. */
    int FRAME_SIZE = 4096;

    /** One frame number, or -1 when memory is exhausted. */
    long allocateFrame();

    void freeFrame(long frame);

    /**
     * The first of {@code n} physically contiguous frames, or -1 when none are
     * available; callers ask only for powers of two, as slab orders and
     * large kmallocs are. A provider that cannot give contiguous memory keeps
     * this default, which makes multi-frame requests fail loudly rather than
     * hand out scattered frames.
     */
    default long allocateFrames(int n) {
        if (n == 1) {
            return allocateFrame();
        }
        throw new UnsupportedOperationException("this frame provider cannot allocate " + n + " contiguous frames");
    }

    /** Returns {@code n} contiguous frames from {@link #allocateFrames}; by default one at a time. */
    default void freeFrames(long first, int n) {
        for (int i = 0; i < n; i++) {
            freeFrame(first + i);
        }
    }
}
