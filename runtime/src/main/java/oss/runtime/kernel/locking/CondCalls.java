package oss.runtime.kernel.locking;

import oss.ir.diag.Code;
import oss.ir.program.Op;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * Condition variables with Mesa semantics. cond_wait releases the mutex
 * (handing it to a waiter, as unlock does) and sleeps on the condition in
 * one step; signal wakes the longest waiter, broadcast all of them, and a
 * woken waiter re-acquires the mutex itself when it next runs, queueing
 * for it like any locker, so the condition may be false again by then.
 */
public final class CondCalls {
    private final Core k;
    private final MutexCalls mutexes;
    private final CondVar[] conds;

    public CondCalls(Core k, MutexCalls mutexes, CondVar[] conds) {
        this.k = k;
        this.mutexes = mutexes;
        this.conds = conds;
    }

    /** {@code signal c}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean condSignal(Task t, Op.CondSignal s) {
        int w = conds[s.cond()].waiters.poll();
        while (w >= 0 && !k.task(w).alive()) {
            w = conds[s.cond()].waiters.poll(); // ended in a handler while its place was kept
        }
        if (w >= 0) {
            wake(k.task(w));
        }
        t.next();
        return true;
    }

    /** {@code broadcast c}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean condBroadcast(Task t, Op.CondBroadcast b) {
        CondVar c = conds[b.cond()];
        for (int w = c.waiters.poll(); w >= 0; w = c.waiters.poll()) {
            wake(k.task(w));
        }
        t.next();
        return true;
    }

    /** {@code cond_wait c m}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean condWait(Task t, Op.CondWait w) {
        CondVar c = conds[w.cond()];
        if (t.condWaiting && c.waiters.contains(t.pid)) {
            // back from a handler that ran during the wait, its place kept and no signal taken: it waits again
            k.block(t, Task.Blocker.COND, w.cond(), w.span(), "condition " + c.name + " to be signalled (released "
                    + mutexes.name(w.mutex()) + ")");
            return false;
        }
        if (t.condWaiting) {
            // woken (or signalled while in a handler): take the mutex back before going on
            t.condWaiting = false;
            return mutexes.acquire(t, w.mutex(), w.span());
        }
        if (!mutexes.holds(t, w.mutex())) {
            k.findings().add(Code.UNLOCK_BY_NON_OWNER, w.span(), t + " calls cond_wait " + c.name + " "
                    + mutexes.name(w.mutex()) + " without holding " + mutexes.name(w.mutex()) + "; cond_wait must"
                    + " release a mutex its caller holds (it returns at once, as a spurious wake-up would)");
            t.next();
            return true;
        }
        mutexes.release(t, w.mutex(), w.span());
        c.waiters.add(t.pid);
        t.condWaiting = true;
        t.markStep();
        k.block(t, Task.Blocker.COND, w.cond(), w.span(), "condition " + c.name + " to be signalled (released "
                + mutexes.name(w.mutex()) + ")");
        return false;
    }

    /** A waiter in a handler is not asleep: the signal is its own all the same, taken when the handler returns. */
    private void wake(Task w) {
        if (w.blocker == Task.Blocker.COND) { // asleep there (or stopped asleep there)
            k.wake(w);
        }
    }

    public void forget(Task t) {
        if (t.blocker == Task.Blocker.COND) {
            conds[t.blockerIndex].waiters.remove(t.pid);
        }
    }
}
