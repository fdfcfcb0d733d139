package oss.runtime.program;

/**
 * The user-space allocator: glibc's ptmalloc (main arena grown with brk,
 * requests of at least {@code mmapThresholdBytes} served by mmap) or a
 * textbook free list with a placement {@link Fit} and optional coalescing.
 */
public record MallocSpec(Kind kind, long mmapThresholdBytes, Fit fit, boolean coalesce) {
    public enum Kind { PTMALLOC, FREELIST }

    public enum Fit { FIRST, BEST, WORST, NEXT }

    public static MallocSpec defaults() {
        return new MallocSpec(Kind.PTMALLOC, 128 << 10, Fit.FIRST, true);
    }
}
