package oss.runtime.hw.mem;

/**
 * Where the page table gets frames for its tables: the kernel's physical
 * allocator (its buddy allocator), since page tables live in ordinary RAM and
 * compete with user pages for it.
 */
public interface FrameSource {
    /** A free frame number, or -1 when memory is exhausted. */
    long allocateFrame();

    void freeFrame(long frame);
}
