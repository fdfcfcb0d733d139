package oss.runtime.kernel.mm.malloc;

import java.util.List;

/**
 * A user-space allocator (the C library's malloc) running on top of the
 * simulated kernel's brk and mmap. Addresses are simulated user virtual
 * addresses; no bytes are stored, only the allocator's bookkeeping.
 */
public interface UserAllocator {
    String name();

    /** Returns the user address of a new block of at least bytes, or 0 when memory is exhausted. */
    long malloc(long bytes);

    /** Frees the block malloc returned at address; {@code free(0)} is a no-op that returns OK, as in C. */
    FreeResult free(long address);

    /** For use-after-free detection: the block containing address is free (and not handed out again). */
    boolean inFreedBlock(long address);

    /** Live (allocated, not freed) blocks, by address, for the leak report at exit. */
    List<Block> liveBlocks();

    /** How many blocks are on the free list now; -1 for an allocator without one list (ptmalloc's bins). */
    default int freeListLength() {
        return -1;
    }

    /** A multi-line picture of the heap: arena/chunks/bins or the free list, for `snapshot`. */
    String describe();

    /**
     * fork: an independent copy of this allocator's whole state (the child's heap
     * has the same layout as the parent's) that from now on asks {@code memory},
     * the child's address space, for brk and mmap.
     */
    UserAllocator copyFor(UserMemory memory);
}
