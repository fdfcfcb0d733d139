package oss.runtime.kernel.locking;

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
 * spin_lock and spin_unlock. A task that finds the lock held takes a ticket
 * and busy-waits on its CPU (it stays RUNNING, its CPU time counting as spin
 * time) until unlock hands it the lock in ticket order; slice ends still
 * preempt it, and a spinner handed the lock while preempted owns it anyway.
 */
public final class SpinCalls {
    private final Core k;
    private final SpinLock[] locks;
    /** (pid, statement) pairs already reported as sleeping with a spinlock held. */
    private final Set<String> reportedSleeps = new HashSet<>();

    public SpinCalls(Core k, SpinLock[] locks) {
        this.k = k;
        this.locks = locks;
    }

    /** {@code spin_unlock s}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean spinUnlock(Task t, Op.SpinUnlock u) {
        unlock(t, u.lock(), u.span());
        t.next();
        return true;
    }

    /** {@code spin_lock s}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean spinLock(Task t, Op.SpinLock l) {
        SpinLock s = locks[l.lock()];
        long now = k.now();
        k.stopSpinning(t);
        if (t.handedSpin == l.lock()) {
            t.handedSpin = -1;
            t.next();
            return true;
        }
        if (t.blocker == Task.Blocker.SPINLOCK && t.blockerIndex == l.lock()) {
            k.spin(t); // preempted while spinning and still not its turn
            return false;
        }
        if (s.owner == 0) {
            take(s, t, l.span(), now);
            k.facts().record(l.span(), t, now, "spin_lock", s.name + " was free: taken at " + Core.ms(now),
                    List.of());
            t.next();
            return true;
        }
        s.tickets.add(t.pid);
        t.blockedSince = now;
        t.blocker = Task.Blocker.SPINLOCK;
        t.blockerIndex = l.lock();
        t.blockedAt = l.span();
        t.blockedOn = "spinlock " + s.name + ", held by "
                + (s.owner == t.pid ? "itself (a second spin_lock of a lock it holds)" : k.task(s.owner).toString());
        k.spin(t);
        return false;
    }

    private void take(SpinLock s, Task t, Span at, long now) {
        s.owner = t.pid;
        s.lockedAt = at;
        s.lockedSince = now;
        t.spinlocksHeld++;
    }

    private void unlock(Task t, int index, Span at) {
        SpinLock s = locks[index];
        if (s.owner != t.pid) {
            String why = s.owner == 0 ? s.name + " is not locked" : s.name + " is held by " + k.task(s.owner);
            k.findings().add(Code.UNLOCK_BY_NON_OWNER, at, t + " unlocks spinlock " + s.name + ", but " + why
                    + "; only the holder may unlock it (the unlock is ignored)");
            return;
        }
        release(s, t, index, at);
    }

    private void release(SpinLock s, Task t, int index, Span at) {
        long now = k.now();
        t.spinlocksHeld--;
        int w = s.tickets.poll();
        if (w < 0) {
            s.owner = 0;
            s.lockedAt = Span.NONE;
            return;
        }
        Task next = k.task(w);
        k.facts().record(next.blockedAt, next, now, "spin_lock", s.name + " was held by " + t + ": spun from "
                + Core.ms(next.blockedSince) + " to " + Core.ms(now)
                + (next.cpu < 0 ? " (preempted when it got the lock: it holds it without running)" : ""), List.of());
        take(s, next, next.blockedAt, now);
        next.handedSpin = index;
        next.blocker = Task.Blocker.NONE;
        next.blockerIndex = -1;
        next.blockedOn = null;
        next.blockedAt = null;
        k.kick(next);
    }

    /** Called as {@code t} goes to sleep at {@code at}: sleeping with a spinlock held is a bug. */
    public void sleeping(Task t, Span at, String on) {
        if (t.spinlocksHeld <= 0 || !reportedSleeps.add(t.pid + "@" + at.line() + ":" + at.column())) {
            return;
        }
        for (SpinLock s : locks) {
            if (s.owner == t.pid) {
                k.findings().add(new Diagnostic(Code.SLEEP_HOLDING_SPINLOCK, Code.SLEEP_HOLDING_SPINLOCK.severity(),
                        t + " goes to sleep" + (on == null ? "" : " (on " + on + ")") + " while holding spinlock "
                                + s.name + "; whoever spins on it burns CPU the whole time, and a spinlock holder"
                                + " must never sleep", at, List.of(new Related(s.lockedAt, "spin_lock here")), ""));
                return;
            }
        }
    }

    /** An exiting task: reported and released. */
    public void exited(Task t) {
        for (int i = 0; i < locks.length; i++) {
            SpinLock s = locks[i];
            if (s.owner == t.pid) {
                k.findings().add(new Diagnostic(Code.EXIT_HOLDING_LOCK, Code.EXIT_HOLDING_LOCK.severity(),
                        t + " exits still holding spinlock " + s.name + "; the kernel releases it",
                        t.exitedAt, List.of(new Related(s.lockedAt, "locked here")), ""));
                release(s, t, i, t.exitedAt);
            }
        }
    }

    public void forget(Task t) {
        if (t.blocker == Task.Blocker.SPINLOCK) {
            locks[t.blockerIndex].tickets.remove(t.pid);
        }
    }

    /** The holder a spinner waits for; 0 when none. */
    public int holder(int index) {
        return locks[index].owner;
    }
}
