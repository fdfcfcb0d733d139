package oss.runtime.kernel;

import oss.ir.diag.Code;
import oss.runtime.kernel.sync.CondVar;
import oss.ir.program.Op;

/**
 * Condition variables with Mesa semantics. cond_wait releases the mutex
 * (handing it to a waiter, as unlock does) and sleeps on the condition in
 * one step; signal wakes the longest waiter, broadcast all of them, and a
 * woken waiter re-acquires the mutex itself when it next runs, queueing
 * for it like any locker, so the condition may be false again by then.
 */
final class CondCalls {
    private final Kernel k;
    private final SyncCalls mutexes;
    private final CondVar[] conds;

    CondCalls(Kernel k, SyncCalls mutexes, CondVar[] conds) {
        this.k = k;
        this.mutexes = mutexes;
        this.conds = conds;
    }

    /** Runs cond_wait (either half), signal or broadcast; false when {@code t} went to sleep. */
    boolean step(Task t, Op op) {
        if (op instanceof Op.CondSignal s) {
            int w = conds[s.cond()].waiters.poll();
            if (w >= 0) {
                k.wake(k.task(w));
            }
            t.next();
            return true;
        }
        if (op instanceof Op.CondBroadcast b) {
            CondVar c = conds[b.cond()];
            for (int w = c.waiters.poll(); w >= 0; w = c.waiters.poll()) {
                k.wake(k.task(w));
            }
            t.next();
            return true;
        }
        Op.CondWait w = (Op.CondWait) op;
        CondVar c = conds[w.cond()];
        if (t.condWaiting) {
            // woken: take the mutex back before going on
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

    void forget(Task t) {
        if (t.blocker == Task.Blocker.COND) {
            conds[t.blockerIndex].waiters.remove(t.pid);
        }
    }
}
