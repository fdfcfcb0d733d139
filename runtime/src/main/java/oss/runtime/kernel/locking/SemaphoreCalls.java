package oss.runtime.kernel.locking;

import oss.ir.program.Op;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * The counting semaphore's P (down, wait) and V (up, post). A V passes its unit straight to the
 * longest sleeper, so a task arriving later cannot overtake it.
 */
public final class SemaphoreCalls {
    private final Core k;
    private final Semaphore[] semaphores;

    public SemaphoreCalls(Core k, Semaphore[] semaphores) {
        this.k = k;
        this.semaphores = semaphores;
    }

    /** {@code wait s (P, down)}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean semWait(Task t, Op.SemWait p) {
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

    /** {@code post s (V, up)}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean semPost(Task t, Op.SemPost v) {
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
}
