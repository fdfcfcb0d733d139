package oss.ir.program;

import java.util.List;

/**
 * The synchronisation objects beyond mutexes and semaphores, declared at
 * the top of a scenario. Ops refer to them by their index in these lists.
 */
public record SyncObjects(
        List<SpinlockDecl> spinlocks,
        List<RwLockDecl> rwlocks,
        List<SeqlockDecl> seqlocks,
        List<CondvarDecl> condvars,
        List<BarrierDecl> barriers,
        List<SemSetDecl> semsets) {

    public static final SyncObjects NONE = new SyncObjects(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public record SpinlockDecl(String name, Span span) {}

    /** {@code rwlock r} is reader-preferring (a stream of readers can starve a writer); {@code rwlock r writer_preferring} is not. */
    public record RwLockDecl(String name, boolean writerPreferring, Span span) {}

    public record SeqlockDecl(String name, Span span) {}

    public record CondvarDecl(String name, Span span) {}

    /** {@code barrier b N}: releases its waiters each time the N-th party arrives. */
    public record BarrierDecl(String name, int parties, Span span) {}

    /** {@code semset s = [1, 0, 2]}: a System V semaphore set with these initial values. */
    public record SemSetDecl(String name, int[] initial, Span span) {}
}
