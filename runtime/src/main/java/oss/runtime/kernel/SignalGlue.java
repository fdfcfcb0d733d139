package oss.runtime.kernel;

import oss.ir.program.Signal;
import oss.ir.program.Span;
import oss.runtime.hw.Cpu;
import oss.runtime.hw.Event;
import oss.runtime.kernel.sched.Wake;
import oss.runtime.kernel.signal.SignalCalls;
import oss.runtime.kernel.signal.SignalHost;
import oss.runtime.observe.TaskState;

/**
 * What the signal subsystem may ask of the kernel ({@link SignalHost}): the {@link Core} calls,
 * plus ending, stopping, resuming and waking tasks; and the one generic way a signal ends a sleep
 * ({@link #interrupt}), which every subsystem's wait queue plugs into through {@link Interrupts}.
 */
final class SignalGlue extends CoreGlue implements SignalHost {
    final Interrupts interrupts = new Interrupts();
    final SignalCalls calls;
    /** The task whose statements {@link Kernel#execute} runs now. */
    private Task current;

    SignalGlue(Kernel k) {
        super(k);
        this.calls = new SignalCalls(this, interrupts);
    }

    /**
     * The running {@code t} is about to execute its next statement, which is its return to user
     * mode: its deliverable signals are acted on first. True when it left the CPU.
     */
    boolean returning(Task t) {
        current = t;
        // a busy-waiter is in the middle of the locking subsystem's handover: its signals wait until it holds the lock
        if (t.sig == null || t.spinning || !t.sig.due() || !k.director.mayDeliver(t)) {
            return false;
        }
        t.sig.acted = null;
        boolean left = !calls.deliver(t, null);
        if (t.sig.acted != null && k.director.delivered(t, t.sig.acted) && !left) {
            k.sched.preempt(k.cpus[t.cpu], "the replayed schedule's next step is another task's");
            return true;
        }
        return left;
    }

    @Override
    public Task current() {
        return current;
    }

    @Override
    public boolean holdAlarms() {
        return k.director.active();
    }

    /** An alarm step of a replayed schedule: {@code t}'s armed alarm fires now; null, or why it cannot. */
    String fireAlarm(Task t) {
        return calls.fireAlarm(t);
    }

    /** The replay is over: alarms that came due while it held them fire now. */
    void replayOver() {
        for (int pid = 2; pid < k.tasks.size(); pid++) {
            calls.releaseAlarm(k.tasks.get(pid));
        }
    }

    @Override
    public void handlerEntered(Task t) {
        if (k.data != null) {
            k.data.signalled(t);
        }
    }

    @Override
    public void terminate(Task t, Signal sig, Span at) {
        k.lifecycle.defaultAction(t, sig, at);
    }

    @Override
    public void stop(Task t, String why) {
        if (t.state == TaskState.SLEEPING) {
            // it stays in its wait queue: a wake-up ends the wait but leaves it stopped (CoreScheduler.wake)
            k.endWait(t);
            t.state = TaskState.STOPPED;
            t.waitingSince = k.now;
            t.waitingOn = "stopped (SIGSTOP)";
            return;
        }
        k.sched.leaveCpu(k.cpus[t.cpu], t, why);
        k.sched.classOf(t).block(t.se, k.now);
        t.state = TaskState.STOPPED;
        t.waitingSince = k.now;
        t.waitingOn = "stopped (SIGSTOP)";
        // what the end of the run says of a task still stopped: it waits for a SIGCONT no one sends
        if (t.blocker == Task.Blocker.NONE) {
            t.blockedOn = "SIGCONT (it is stopped, state T)";
            t.blockedAt = t.current() != null ? t.current().span() : t.exitedAt;
        }
    }

    @Override
    public void resume(Task t) {
        if (t.blocker == Task.Blocker.SEMSET) {
            // signal(7): semop fails with EINTR after a stop and SIGCONT, even with no handler
            oss.ir.program.Op op = t.current();
            Interrupts.WaitQueue q = interrupts.of(t.blocker);
            if (q != null) {
                q.dequeue(t, t.blockerIndex);
            }
            k.lifecycle.stopWherever(t);
            if (op != null) {
                k.facts.record(op.span(), t, k.now, "signal", "SIGCONT after a stop: semop fails with -1 (EINTR),"
                        + " as signal(7) says it does even without a handler", java.util.List.of());
                if (q != null) {
                    q.eintr(t, op);
                } else {
                    t.next();
                }
            }
        } else if (t.blocker != Task.Blocker.NONE) {
            k.sched.sleepAgain(t); // stopped while asleep and its wait is not over: back to S
            return;
        }
        t.blockedOn = null;
        k.sched.makeRunnable(t, Wake.WAKEUP);
    }

    @Override
    public void reschedule(Task t, String why) {
        Cpu cpu = k.cpus[t.cpu];
        if (!cpu.switching) {
            k.sched.preempt(cpu, why);
        }
    }

    @Override
    public boolean interrupt(Task t) {
        if (t.state != TaskState.SLEEPING || t.blocker.interruption() == Task.Interruption.NONE) {
            return false;
        }
        if (t.blocker == Task.Blocker.COND || t.blocker == Task.Blocker.BARRIER) {
            // their waits live in user-space words (glibc's condvar sequence, the barrier's count),
            // which the handler does not undo: the task stays queued while it runs (see Blocker.RESUME)
            k.wake(t);
            return true;
        }
        if (t.blocker == Task.Blocker.MUTEX && t.current() instanceof oss.ir.program.Op.CondWait) {
            t.condWaiting = true; // signalled already and re-taking the mutex: it takes it again after the handler
        }
        Interrupts.WaitQueue q = interrupts.of(t.blocker);
        if (q != null) {
            q.dequeue(t, t.blockerIndex);
        }
        k.lifecycle.stopWherever(t);
        k.wake(t);
        return true;
    }

    /** Its own queues: {@link Kernel#interrupts} reads them through this glue, which exists first. */
    @Override
    public Interrupts interrupts() {
        return interrupts;
    }

    @Override
    public void alarmAt(long at, int pid, long generation) {
        k.events.schedule(Math.min(at, Kernel.MAX_TIME_NS), Event.Kind.ALARM, pid, generation);
    }
}
