package oss.runtime.kernel;

import java.util.List;
import oss.ir.diag.Code;
import oss.runtime.kernel.sync.Mutex;
import oss.runtime.kernel.sync.Semaphore;
import oss.ir.program.Op;
import oss.ir.program.Span;

/**
 * The locking system calls: mutex lock, unlock and trylock, and the
 * semaphore's P and V. A mutex is handed to its longest waiter on unlock
 * and a V passes its unit to the longest sleeper, so nobody is overtaken.
 */
final class SyncCalls {
    private final Kernel k;
    private final Mutex[] mutexes;
    private final Semaphore[] semaphores;

    SyncCalls(Kernel k, Mutex[] mutexes, Semaphore[] semaphores) {
        this.k = k;
        this.mutexes = mutexes;
        this.semaphores = semaphores;
    }

    static boolean handles(Op op) {
        return op instanceof Op.Lock || op instanceof Op.Unlock || op instanceof Op.TryLock
                || op instanceof Op.SemWait || op instanceof Op.SemPost;
    }

    /** Runs one locking statement; false when {@code t} went to sleep. */
    boolean step(Task t, Op op) {
        long now = k.now();
        if (op instanceof Op.Lock l) {
            return acquire(t, l.mutex(), l.span());
        }
        if (op instanceof Op.Unlock u) {
            unlock(t, u, now);
            t.next();
            return true;
        }
        if (op instanceof Op.TryLock tl) {
            Mutex m = mutexes[tl.mutex()];
            if (m.isFree()) {
                take(m, t, tl.span(), now);
                t.enter(tl.onSuccess());
            } else {
                t.enter(tl.onFailure());
            }
            return true;
        }
        if (op instanceof Op.SemWait p) {
            Semaphore s = semaphores[p.sem()];
            if (s.value > 0) {
                s.value--;
                t.next();
                return true;
            }
            s.waiters.add(t.pid);
            k.block(t, Task.Blocker.SEMAPHORE, p.sem(), p.span(), "semaphore " + s.name + " (value 0)");
            return false;
        }
        Op.SemPost v = (Op.SemPost) op;
        Semaphore s = semaphores[v.sem()];
        int w = s.waiters.poll();
        if (w < 0) {
            s.value++;
        } else {
            Task waiter = k.task(w);
            waiter.next();
            k.wake(waiter);
        }
        t.next();
        return true;
    }

    /**
     * Takes mutex {@code index} for {@code t} and steps past the statement,
     * or puts {@code t} to sleep in its queue (unlock hands it over and steps
     * the waiter past it); false when it went to sleep.
     */
    boolean acquire(Task t, int index, Span at) {
        long now = k.now();
        Mutex m = mutexes[index];
        if (m.isFree()) {
            take(m, t, at, now);
            k.facts().record(at, t, now, "lock", m.name + " was free: taken at " + Kernel.ms(now)
                    + " without waiting", List.of());
            t.next();
            return true;
        }
        m.waiters.add(t.pid);
        t.blockedSince = now;
        String holder = m.owner == t.pid ? "itself (a second lock of a lock it holds)" : k.task(m.owner).toString();
        k.block(t, Task.Blocker.MUTEX, index, at, "mutex " + m.name + ", held by " + holder);
        return false;
    }

    boolean holds(Task t, int index) {
        return mutexes[index].owner == t.pid;
    }

    String name(int index) {
        return mutexes[index].name;
    }

    private static void take(Mutex m, Task t, Span at, long now) {
        m.owner = t.pid;
        m.lockedAt = at;
        m.lockedSince = now;
    }

    private void unlock(Task t, Op.Unlock u, long now) {
        Mutex m = mutexes[u.mutex()];
        if (m.owner != t.pid) {
            String why = m.isFree() ? m.name + " is not locked" : m.name + " is held by " + k.task(m.owner);
            k.findings().add(Code.UNLOCK_BY_NON_OWNER, u.span(), t + " unlocks " + m.name + ", but " + why
                    + "; only the owner of a mutex may unlock it (the unlock is ignored)");
            return;
        }
        release(t, u.mutex(), u.span());
    }

    /** {@code t}, the owner, lets mutex {@code index} go: to its longest waiter if any. */
    void release(Task t, int index, Span at) {
        long now = k.now();
        Mutex m = mutexes[index];
        String held = m.name + " held by " + t + " for " + Kernel.ms(now - m.lockedSince);
        int w = m.waiters.poll();
        if (w < 0) {
            k.facts().record(at, t, now, "unlock", held + "; nobody was waiting", List.of());
            m.owner = 0;
            m.lockedAt = Span.NONE;
            return;
        }
        Task waiter = k.task(w);
        k.facts().record(at, t, now, "unlock", held + "; handed to " + waiter, List.of());
        k.facts().record(waiter.blockedAt, waiter, now, "lock", m.name + " was held by " + t + ": waited "
                + Kernel.ms(now - waiter.blockedSince) + " (from " + Kernel.ms(waiter.blockedSince) + " to "
                + Kernel.ms(now) + ")", List.of());
        take(m, waiter, waiter.blockedAt, now);
        waiter.next();
        k.wake(waiter);
    }
}
