package oss.runtime.kernel.locking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * read_lock, read_unlock, write_lock and write_unlock on sleeping
 * reader-writer locks. On release the lock goes to sleepers: on a
 * reader-preferring lock every waiting reader first, then (when no reader
 * is left) the oldest writer; on a writer-preferring lock the oldest writer
 * whenever one waits, else every reader. A writer overtaken by readers is
 * reported (OSS2010) when it finally gets in.
 */
public final class RwLockCalls {
    private final Core k;
    private final RwLock[] locks;
    private final Set<Span> starvedReported = new HashSet<>();

    public RwLockCalls(Core k, RwLock[] locks) {
        this.k = k;
        this.locks = locks;
    }

    /** {@code read_lock r}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean readLock(Task t, Op.ReadLock r) {
        RwLock l = locks[r.rwlock()];
        long ticket = l.nextTicket++;
        if (l.writer == 0 && !(l.writerPreferring && l.writerWaiting())) {
            enterRead(l, t.pid, ticket, r.span());
            t.next();
            return true;
        }
        l.waiters.add(new RwLock.Waiter(t.pid, false, ticket, k.now()));
        k.block(t, Task.Blocker.RWLOCK, r.rwlock(), r.span(), "rwlock " + l.name + " to read ("
                + (l.writer != 0 ? "held by writer " + k.task(l.writer) : "a writer waits and it prefers writers")
                + ")");
        return false;
    }

    /** {@code write_lock r}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean writeLock(Task t, Op.WriteLock w) {
        RwLock l = locks[w.rwlock()];
        long ticket = l.nextTicket++;
        if (l.free()) {
            l.writer = t.pid;
            l.writeLockedAt = w.span();
            t.next();
            return true;
        }
        l.waiters.add(new RwLock.Waiter(t.pid, true, ticket, k.now()));
        if (l.writerPreferring) {
            t.markStep(); // announces itself: from now on new readers wait
        }
        k.block(t, Task.Blocker.RWLOCK, w.rwlock(), w.span(), "rwlock " + l.name + " to write (held by "
                + (l.writer != 0 ? "writer " + k.task(l.writer) : l.readers.size() + " reader(s)") + ")");
        return false;
    }

    /** {@code read_unlock r}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean readUnlock(Task t, Op.ReadUnlock u) {
        RwLock l = locks[u.rwlock()];
        int at = l.readers.indexOf(t.pid);
        if (at < 0) {
            nonHolder(t, l, u.span(), "read_unlock");
        } else {
            l.readers.remove(at);
            l.readLockedAt.remove(at);
            grant(l);
        }
        t.next();
        return true;
    }

    /** {@code write_unlock r}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean writeUnlock(Task t, Op.WriteUnlock u) {
        RwLock l = locks[u.rwlock()];
        if (l.writer != t.pid) {
            nonHolder(t, l, u.span(), "write_unlock");
        } else {
            l.writer = 0;
            l.writeLockedAt = Span.NONE;
            grant(l);
        }
        t.next();
        return true;
    }

    private void nonHolder(Task t, RwLock l, Span at, String what) {
        k.findings().add(Code.UNLOCK_BY_NON_OWNER, at, t + " calls " + what + " on " + l.name + " without holding it"
                + " that way; only a holder may unlock it (the unlock is ignored)");
    }

    private void enterRead(RwLock l, int pid, long ticket, Span at) {
        l.readers.add(pid);
        l.readLockedAt.add(at);
        for (RwLock.Waiter w : l.waiters) {
            if (w.writer && w.ticket < ticket) {
                w.overtaken++;
            }
        }
    }

    /** The lock was released: hand it to whoever may have it now. */
    private void grant(RwLock l) {
        if (l.writer != 0) {
            return;
        }
        if (!l.writerPreferring || !l.writerWaiting()) {
            for (RwLock.Waiter w : new ArrayList<>(l.waiters)) {
                if (!w.writer) {
                    l.waiters.remove(w);
                    Task r = k.task(w.pid);
                    enterRead(l, w.pid, w.ticket, r.blockedAt);
                    r.next();
                    k.wake(r);
                }
            }
        }
        if (!l.readers.isEmpty()) {
            return;
        }
        for (RwLock.Waiter w : l.waiters) {
            if (w.writer) {
                l.waiters.remove(w);
                Task t = k.task(w.pid);
                l.writer = w.pid;
                l.writeLockedAt = t.blockedAt;
                if (w.overtaken > 0 && starvedReported.add(t.blockedAt)) {
                    k.findings().add(Code.WRITER_STARVED, t.blockedAt, t + " waited " + Core.ms(k.now() - w.since)
                            + " for write_lock " + l.name + " (from " + Core.ms(w.since) + " to " + Core.ms(k.now())
                            + ") while " + w.overtaken + " reader(s) arriving after it got in first: " + l.name
                            + " prefers readers (`writer_preferring` makes new readers wait behind a waiting writer)");
                }
                t.next();
                k.wake(t);
                return;
            }
        }
    }

    /** An exiting task: what it holds is reported and released. */
    public void exited(Task t) {
        for (RwLock l : locks) {
            boolean changed = false;
            if (l.writer == t.pid) {
                report(t, l, l.writeLockedAt, "for writing");
                l.writer = 0;
                changed = true;
            }
            int at;
            while ((at = l.readers.indexOf(t.pid)) >= 0) {
                report(t, l, l.readLockedAt.get(at), "for reading");
                l.readers.remove(at);
                l.readLockedAt.remove(at);
                changed = true;
            }
            if (changed) {
                grant(l);
            }
        }
    }

    private void report(Task t, RwLock l, Span lockedAt, String how) {
        k.findings().add(new Diagnostic(Code.EXIT_HOLDING_LOCK, Code.EXIT_HOLDING_LOCK.severity(),
                t + " exits still holding rwlock " + l.name + " " + how + "; the kernel releases it", t.exitedAt,
                List.of(new Related(lockedAt, "locked here")), ""));
    }

    public void forget(Task t) {
        if (t.blocker == Task.Blocker.RWLOCK) {
            RwLock l = locks[t.blockerIndex];
            l.waiters.removeIf(w -> w.pid == t.pid);
            grant(l);
        }
    }

    /** Who a sleeper on rwlock {@code index} waits for: the holders, and waiting writers ahead of a reader that prefers them. */
    public List<Integer> waitsFor(Task t, int index) {
        RwLock l = locks[index];
        List<Integer> out = new ArrayList<>(l.readers);
        if (l.writer != 0) {
            out.add(l.writer);
        }
        boolean reader = l.waiters.stream().anyMatch(w -> w.pid == t.pid && !w.writer);
        if (reader && l.writerPreferring) {
            l.waiters.stream().filter(w -> w.writer).forEach(w -> out.add(w.pid));
        }
        return out;
    }
}
