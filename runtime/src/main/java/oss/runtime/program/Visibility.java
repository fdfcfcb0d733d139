package oss.runtime.program;

/**
 * Which statements other tasks can observe. The explorer interleaves tasks
 * only at visible operations; everything else (compute, sleep, io, memory,
 * snapshots) is local work that runs as part of the step that follows it.
 * A replayed schedule ({@code oss run --schedule}) counts steps by the same
 * rule, so both sides agree on what one step is.
 *
 * <p>One visible statement is usually one step. Three take two steps at the
 * same statement: {@code cond_wait} (release and sleep; later, after a
 * signal, re-acquire the mutex), {@code seq_write} and {@code seq_read}
 * (begin at the statement, end after the body). A {@code write_lock} on a
 * writer-preferring rwlock that finds it held is also two steps: it first
 * announces itself as a waiting writer, then takes the lock when it is free.
 * The end of a body, where the task exits, is a step at the process's or
 * fork's span.
 */
public final class Visibility {
    private Visibility() {}

    public static boolean isVisible(Op op) {
        return switch (op) {
            case Op.Lock l -> true;
            case Op.Unlock u -> true;
            case Op.TryLock t -> true;
            case Op.SemWait p -> true;
            case Op.SemPost v -> true;
            case Op.Claim c -> true;
            case Op.Request r -> true;
            case Op.Release r -> true;
            case Op.Fork f -> true;
            case Op.WaitChild w -> true;
            case Op.WaitAny w -> true;
            case Op.Exit e -> true;
            case Op.VFork v -> true;
            case Op.Thread t -> true;
            case Op.Join j -> true;
            case Op.Clone c -> true;
            case Op.SpinLock s -> true;
            case Op.SpinUnlock s -> true;
            case Op.ReadLock r -> true;
            case Op.ReadUnlock r -> true;
            case Op.WriteLock w -> true;
            case Op.WriteUnlock w -> true;
            case Op.SeqWrite s -> true;
            case Op.SeqRead s -> true;
            case Op.CondWait c -> true;
            case Op.CondSignal s -> true;
            case Op.CondBroadcast b -> true;
            case Op.BarrierWait b -> true;
            case Op.SemOp s -> true;
            case Op.Choose c -> true;
            default -> false;
        };
    }
}
