package oss.runtime.kernel.mm.replace;

/**
 * The oracle Belady's OPT needs and no real kernel has: the simulator knows
 * the whole reference string, so it can say when each page is wanted again.
 * Online policies ignore it.
 */
@FunctionalInterface
public interface FutureReferences {
    /** How many references from now until {@code page} is used next; Long.MAX_VALUE when never. */
    long nextUse(long page);

    /** For callers with no knowledge of the future: every page looks never-used-again. */
    FutureReferences UNKNOWN = page -> Long.MAX_VALUE;
}
