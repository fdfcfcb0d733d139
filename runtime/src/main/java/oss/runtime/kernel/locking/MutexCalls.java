package oss.runtime.kernel.locking;

import java.util.List;
import oss.ir.diag.Code;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * The mutex's lock, unlock and trylock. Unlock hands the mutex to its longest waiter, so a task
 * arriving later cannot overtake one that sleeps on it.
 */
public final class MutexCalls {
    private final Core k;
    private final Mutex[] mutexes;

    public MutexCalls(Core k, Mutex[] mutexes) {
        this.k = k;
        this.mutexes = mutexes;
    }

    /** {@code lock m}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean lock(Task t, Op.Lock l) {
        return acquire(t, l.mutex(), l.span());
    }

    /** {@code unlock m}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean unlock(Task t, Op.Unlock u) {
        long now = k.now();
        unlock(t, u, now);
        t.next();
        return true;
    }

    /** {@code trylock m { } else { }}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean tryLock(Task t, Op.TryLock tl) {
        long now = k.now();
        Mutex m = mutexes[tl.mutex()];
        if (m.isFree()) {
            take(m, t, tl.span(), now);
            t.enter(tl.onSuccess());
        } else {
            t.enter(tl.onFailure());
        }
        return true;
    }

    /**
     * Takes mutex {@code index} for {@code t} and steps past the statement,
     * or puts {@code t} to sleep in its queue (unlock hands it over and steps
     * the waiter past it); false when it went to sleep.
     */
    public boolean acquire(Task t, int index, Span at) {
        long now = k.now();
        Mutex m = mutexes[index];
        if (m.isFree()) {
            take(m, t, at, now);
            k.facts().record(at, t, now, "lock", m.name + " was free: taken at " + Core.ms(now)
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

    public boolean holds(Task t, int index) {
        return mutexes[index].owner == t.pid;
    }

    public String name(int index) {
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
    public void release(Task t, int index, Span at) {
        long now = k.now();
        Mutex m = mutexes[index];
        String held = m.name + " held by " + t + " for " + Core.ms(now - m.lockedSince);
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
                + Core.ms(now - waiter.blockedSince) + " (from " + Core.ms(waiter.blockedSince) + " to "
                + Core.ms(now) + ")", List.of());
        take(m, waiter, waiter.blockedAt, now);
        waiter.next();
        k.wake(waiter);
    }
}
