package oss.ir.program;

/**
 * The user-space allocator: glibc's ptmalloc (main arena grown with brk,
 * requests of at least {@code mmapThresholdBytes} served by mmap) or a
 * textbook free list with a placement {@link Fit}, a list {@link Order},
 * optional coalescing, and the layout settings OSTEP's malloc.py has.
 *
 * @param heapBytes     a fixed heap of this many bytes, made by the first malloc and never grown (malloc
 *                      returns NULL when nothing fits); 0 for a heap grown with sbrk as needed
 * @param headerBytes   the header in front of every block (its size), included in the block
 * @param alignBytes    payloads are rounded up to a multiple of this (1: no alignment)
 * @param minSplitBytes a free block is split only when the rest is at least this large; else it is given whole
 */
public record MallocSpec(Kind kind, long mmapThresholdBytes, Fit fit, boolean coalesce, Order order, long heapBytes,
        long headerBytes, long alignBytes, long minSplitBytes) {
    public enum Kind { PTMALLOC, FREELIST }

    public enum Fit { FIRST, BEST, WORST, NEXT }

    /**
     * How the free list is kept, as malloc.py's {@code -l}: by address (ADDRSORT), by size ascending
     * (SIZESORT+) or descending (SIZESORT-), or with each freed block put at the front (INSERT-FRONT) or the
     * back (INSERT-BACK).
     */
    public enum Order {
        ADDRESS("address"), SIZE_ASCENDING("size_ascending"), SIZE_DESCENDING("size_descending"),
        INSERT_FRONT("insert_front"), INSERT_BACK("insert_back");

        public final String word;

        Order(String word) {
            this.word = word;
        }
    }

    public static final long DEFAULT_HEADER = 8;
    public static final long DEFAULT_ALIGN = 8;

    /** A free list with the default layout: 8-byte headers, 8-byte alignment, split when 16 bytes remain. */
    public MallocSpec(Kind kind, long mmapThresholdBytes, Fit fit, boolean coalesce) {
        this(kind, mmapThresholdBytes, fit, coalesce, Order.ADDRESS, 0, DEFAULT_HEADER, DEFAULT_ALIGN,
                DEFAULT_HEADER + DEFAULT_ALIGN);
    }

    public static MallocSpec defaults() {
        return new MallocSpec(Kind.PTMALLOC, 128 << 10, Fit.FIRST, true);
    }
}
