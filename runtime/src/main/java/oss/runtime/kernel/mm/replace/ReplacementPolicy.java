package oss.runtime.kernel.mm.replace;

/**
 * A page-replacement policy: it is told what enters, what is touched and what
 * leaves memory, and names the victim when a fault finds every frame taken.
 * Pages are opaque keys (the kernel may pack pid and virtual page number), so
 * a policy never needs to know about page tables.
 *
 * <p>The kernel drives it as {@link ReferenceStringSimulator} does: a resident
 * page's access calls {@link #referenced}; a fault with memory full calls
 * {@link #victim} then {@link #removed}; the new page then gets
 * {@link #loaded} followed by {@link #referenced}.
 */
public interface ReplacementPolicy {
    String name();

    /** A page was brought into a frame (after a fault). */
    void loaded(long page);

    /** A resident page was referenced (every access, including the one that faulted it in, comes here after loaded). */
    void referenced(long page);

    /** Chooses the resident page to evict; {@code future} answers OPT's question. */
    long victim(FutureReferences future);

    /** The page left memory (evicted or unmapped). */
    void removed(long page);

    int resident();
}
