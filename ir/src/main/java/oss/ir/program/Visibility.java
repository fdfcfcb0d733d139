package oss.ir.program;

/**
 * Which statements other tasks can observe. The explorer interleaves tasks
 * only at visible operations; everything else (compute, sleep, io, memory,
 * snapshots) is local work that runs as part of the step that follows it.
 * A replayed schedule ({@code oss run --schedule}) counts steps by the same
 * rule, so both sides agree on what one step is.
 *
 * <p>One visible statement is usually one step. These take two steps at the
 * same statement: {@code cond_wait} (release and sleep; later, after a
 * signal, re-acquire the mutex), {@code seq_write} and {@code seq_read}
 * (begin at the statement, end after the body), and a {@code barrier}
 * arrival that has to wait (arrive; later, once released, leave). A {@code write_lock} on a
 * writer-preferring rwlock that finds it held is also two steps: it first
 * announces itself as a waiting writer, then takes the lock when it is free.
 * The end of a body, where the task exits, is a step at the process's or
 * fork's span.
 */
public final class Visibility {
    private Visibility() {}

    public static boolean isVisible(Op op) {
        return op instanceof Op.Lock
                || op instanceof Op.Unlock
                || op instanceof Op.TryLock
                || op instanceof Op.SemWait
                || op instanceof Op.SemPost
                || op instanceof Op.Claim
                || op instanceof Op.Request
                || op instanceof Op.Release
                || op instanceof Op.Fork
                || op instanceof Op.WaitChild
                || op instanceof Op.WaitAny
                || op instanceof Op.Exit
                || op instanceof Op.VFork
                || op instanceof Op.Thread
                || op instanceof Op.Join
                || op instanceof Op.Clone
                || op instanceof Op.SpinLock
                || op instanceof Op.SpinUnlock
                || op instanceof Op.ReadLock
                || op instanceof Op.ReadUnlock
                || op instanceof Op.WriteLock
                || op instanceof Op.WriteUnlock
                || op instanceof Op.SeqWrite
                || op instanceof Op.SeqRead
                || op instanceof Op.CondWait
                || op instanceof Op.CondSignal
                || op instanceof Op.CondBroadcast
                || op instanceof Op.BarrierWait
                || op instanceof Op.SemOp
                || op instanceof Op.Choose;
    }
}
