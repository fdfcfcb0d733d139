package oss.runtime.kernel.mm.malloc;

/** What the allocator asks of the kernel: the program break and anonymous mappings. */
public interface UserMemory {
    /** Moves the break by delta bytes (may be negative); returns the OLD break, or -1 if the kernel refuses (out of memory). */
    long sbrk(long delta);

    /** An anonymous private read-write mapping of bytes (page multiple); returns its address or -1. */
    long mmap(long bytes);

    void munmap(long address, long bytes);
}
