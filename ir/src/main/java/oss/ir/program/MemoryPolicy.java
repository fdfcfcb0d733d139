package oss.ir.program;

/**
 * The memory side of `kernel { }`.
 *
 * @param stackLimit RLIMIT_STACK in bytes (`ulimit -s`): how far below its top the [stack] VMA may grow
 */
public record MemoryPolicy(ReplacementKind replacement, int buddyMaxOrder, MallocSpec malloc, long stackLimit) {
    /** Linux's default RLIMIT_STACK, 8 MiB. */
    public static final long DEFAULT_STACK_LIMIT = 8L << 20;

    public MemoryPolicy(ReplacementKind replacement, int buddyMaxOrder, MallocSpec malloc) {
        this(replacement, buddyMaxOrder, malloc, DEFAULT_STACK_LIMIT);
    }

    public static MemoryPolicy defaults() {
        return new MemoryPolicy(ReplacementKind.LRU, 11, MallocSpec.defaults());
    }
}
