package oss.runtime.kernel.signal;

import java.util.List;
import oss.ir.diag.Code;
import oss.ir.program.Op;
import oss.ir.program.SigOp;
import oss.ir.program.Signal;
import oss.ir.program.Span;
import oss.runtime.kernel.Interrupts;
import oss.runtime.kernel.Task;
import oss.runtime.observe.TaskState;

/**
 * kernel/signal.c: sending (send_signal: pending bits, waking an interruptible sleeper), the
 * signal system calls, and delivery when a task returns to user mode (get_signal and
 * handle_signal: the default action, or the handler run as a body of the task's own whose end
 * is rt_sigreturn). docs/language.md, "Signals".
 */
public final class SignalCalls {
    /** The closing statement of every handler's body. */
    public static final Op.Sig SIGRETURN = new Op.Sig(new SigOp.Sigreturn(), Span.NONE);
    private static final long UNBLOCKABLE = Signal.SIGKILL.bit() | Signal.SIGSTOP.bit();
    private static final long STOPS = Signal.SIGSTOP.bit() | Signal.SIGTSTP.bit() | Signal.SIGTTIN.bit()
            | Signal.SIGTTOU.bit();
    /** Faults the kernel forces (force_sig_fault): blocked or ignored, they kill anyway. */
    private static final long FAULTS = Signal.SIGSEGV.bit() | Signal.SIGBUS.bit() | Signal.SIGFPE.bit()
            | Signal.SIGILL.bit();

    private final SignalHost k;
    private final Interrupts interrupts;

    public SignalCalls(SignalHost k, Interrupts interrupts) {
        this.k = k;
        this.interrupts = interrupts;
    }

    static SigState of(Task t) {
        if (t.sig == null) {
            t.sig = new SigState();
        }
        return t.sig;
    }

    private static SigOp.Action action(Task t, Signal sig) {
        return t.sig == null ? null : t.sig.action[sig.number()];
    }

    /** Whether {@code sig} would be dropped at once: SIG_IGN, or SIG_DFL whose default is to ignore. */
    private static boolean ignored(Task t, Signal sig) {
        SigOp.Action a = action(t, sig);
        if (a != null) {
            return a.disposition() == SigOp.Disposition.IGNORE;
        }
        return sig.defaultAction() == Signal.Action.IGN;
    }

    // ---- sending

    /** The kernel sends {@code sig} (Core.sendSignal): false when it ended or stopped the running caller. */
    public boolean kernelSend(Task target, Signal sig, Span at) {
        if ((sig.bit() & FAULTS) != 0 && target.sig != null
                && ((target.sig.blocked & sig.bit()) != 0 || ignored(target, sig) && action(target, sig) != null)) {
            target.sig.blocked &= ~sig.bit(); // force_sig_fault: a fault nobody can take kills
            target.sig.action[sig.number()] = null;
        }
        send(target, sig, at);
        if (target != k.current() || target.state != TaskState.RUNNING || action(target, sig) != null
                || target.sig == null || (target.sig.pending & sig.bit()) == 0) {
            return true; // a handler runs when the caller next returns to user mode
        }
        Signal.Action d = sig.defaultAction();
        if (d == Signal.Action.TERM || d == Signal.Action.CORE || d == Signal.Action.STOP) {
            return deliver(target, at);
        }
        return true;
    }

    /** send_signal: {@code sig} becomes pending for {@code target}, which is woken if it must act on it. */
    public void send(Task target, Signal sig, Span at) {
        if (!target.alive() || target.pid <= 1) {
            return;
        }
        long bit = sig.bit();
        if (sig == Signal.SIGCONT || sig == Signal.SIGKILL) {
            if (target.sig != null) {
                target.sig.pending &= ~STOPS;
            }
            if (target.state == TaskState.STOPPED) {
                target.sig.stopped = false;
                k.resume(target);
                wakeForPending(target);
            }
        }
        if ((bit & STOPS) != 0 && target.sig != null) {
            target.sig.pending &= ~Signal.SIGCONT.bit();
        }
        boolean blocked = target.sig != null && (target.sig.blocked & bit) != 0;
        if (ignored(target, sig) && !blocked) {
            return; // dropped at once (sig_ignored)
        }
        SigState s = of(target);
        if ((s.pending & bit) != 0) {
            if (action(target, sig) != null) {
                k.findings().add(Code.SIG_LOST, at, sig + " sent to " + target + " while one was still pending: standard"
                        + " signals are not queued, so the two are one and its handler runs once");
            }
            return;
        }
        s.pending |= bit;
        if (blocked || target.state == TaskState.STOPPED) {
            return;
        }
        SigOp.Action a = action(target, sig);
        Signal.Action d = sig.defaultAction();
        if (a == null && d == Signal.Action.STOP && target.state == TaskState.SLEEPING
                && target.blocker.interruption() != Task.Interruption.NONE) {
            // signal_wake_up wakes an interruptible sleeper and do_signal_stop stops it before its call
            // is restarted: ps shows T at once, and the wait it was in goes on (SignalGlue.stop)
            s.pending &= ~bit;
            s.stopped = true;
            k.facts().record(target.blockedAt != null ? target.blockedAt : at, target, k.now(), "signal", sig
                    + " stops " + target + " (state T) while it sleeps: its wait goes on, SIGCONT puts it back",
                    List.of());
            k.stop(target, "stopped by " + sig);
            return;
        }
        boolean acts = a != null ? a.disposition() == SigOp.Disposition.HANDLER
                : d == Signal.Action.TERM || d == Signal.Action.CORE;
        if (target.state == TaskState.RUNNING && target != k.current()) {
            k.reschedule(target, sig + " to deliver");
        } else if (acts && target.state == TaskState.SLEEPING) {
            Task.Blocker on = target.blocker;
            if (k.interrupt(target)) {
                s.interrupted = on;
            }
        }
    }

    /**
     * A task continued while its wait goes on, with signals that came while it was stopped: one
     * that will act wakes it, as SIGCONT's wake-up makes it run get_signal in Linux.
     */
    private void wakeForPending(Task target) {
        SigState s = target.sig;
        if (target.state != TaskState.SLEEPING || s.interrupted != null) {
            return;
        }
        for (long ready = s.pending & ~s.blocked; ready != 0; ready &= ready - 1) {
            Signal sig = Signal.of(Long.numberOfTrailingZeros(ready) + 1).orElseThrow();
            SigOp.Action a = action(target, sig);
            boolean acts = a != null ? a.disposition() == SigOp.Disposition.HANDLER
                    : sig.defaultAction() == Signal.Action.TERM || sig.defaultAction() == Signal.Action.CORE;
            Task.Blocker on = target.blocker;
            if (acts && k.interrupt(target)) {
                s.interrupted = on;
                return;
            }
        }
    }

    // ---- delivery, on the way back to user mode

    /**
     * get_signal: acts on the deliverable signals of the running {@code t}, lowest number first
     * (SIGKILL and SIGSTOP before the rest); a handler is entered and the task goes on into it.
     * False when {@code t} left the CPU (it died or stopped).
     */
    public boolean deliver(Task t, Span at) {
        SigState s = t.sig;
        for (int guard = 0; guard < 64; guard++) {
            long ready = s.pending & ~s.blocked;
            if (ready == 0) {
                break;
            }
            long bit = (ready & Signal.SIGKILL.bit()) != 0 ? Signal.SIGKILL.bit()
                    : (ready & Signal.SIGSTOP.bit()) != 0 ? Signal.SIGSTOP.bit() : Long.lowestOneBit(ready);
            Signal sig = Signal.of(Long.numberOfTrailingZeros(bit) + 1).orElseThrow();
            s.pending &= ~bit;
            SigOp.Action a = s.action[sig.number()];
            Span where = at != null ? at : t.current() == null ? t.exitedAt : t.current().span();
            if (a == null) {
                switch (sig.defaultAction()) {
                    case IGN, CONT -> {
                        continue;
                    }
                    case STOP -> {
                        s.acted = sig;
                        s.stopped = true;
                        k.facts().record(where, t, k.now(), "signal", sig + " stops " + t + " (state T) until SIGCONT",
                                List.of());
                        k.stop(t, "stopped by " + sig);
                        return false;
                    }
                    case TERM, CORE -> {
                        s.acted = sig;
                        s.interrupted = null;
                        k.facts().record(where, t, k.now(), "signal", sig + " ends " + t + " (default action: "
                                + (sig.defaultAction() == Signal.Action.CORE ? "core dump" : "terminate") + ", exit"
                                + " status " + (128 + sig.number()) + ")", List.of());
                        k.terminate(t, sig, where);
                        return false;
                    }
                }
            }
            if (a.disposition() == SigOp.Disposition.IGNORE) {
                k.findings().add(Code.SIG_LOST, where, sig + " to " + t + " was pending while blocked and is ignored now:"
                        + " it is discarded, never acted on");
                continue;
            }
            s.acted = sig;
            handle(t, s, sig, a, where);
            return true;
        }
        if (s.interrupted != null) {
            // woken, but no handler ran: the call starts again (ERESTARTNOHAND), sigsuspend with its old mask
            if (s.suspendedMask >= 0 && s.interrupted == Task.Blocker.PAUSE) {
                s.blocked = s.suspendedMask;
                s.suspendedMask = -1;
            }
            s.interrupted = null;
        }
        return true;
    }

    /** handle_signal: the interrupted call ends or is restarted, then the handler's frame is pushed. */
    private void handle(Task t, SigState s, Signal sig, SigOp.Action a, Span where) {
        String call = "";
        if (s.interrupted != null) {
            Task.Blocker on = s.interrupted;
            s.interrupted = null;
            boolean restart = on.interruption() == Task.Interruption.RESTART && a.restart();
            Op op = t.current();
            if (on == Task.Blocker.TIMER) {
                call = "; the sleep ends early";
            } else if (on == Task.Blocker.AWAIT) {
                call = "; the busy-wait goes on after it, checking its condition again";
            } else if (on.interruption() == Task.Interruption.RESUME) {
                call = "; the wait goes on after it (the C library calls futex_wait again)";
            } else if (restart) {
                call = "; the interrupted call starts again after it (SA_RESTART)";
            } else if (op != null) {
                Interrupts.WaitQueue q = interrupts.of(on);
                if (q != null) {
                    q.eintr(t, op);
                } else {
                    t.next();
                }
                call = "; the interrupted call fails with -1 (EINTR)";
            }
        }
        long restore = s.suspendedMask >= 0 ? s.suspendedMask : s.blocked;
        s.suspendedMask = -1;
        s.frames.add(new SigState.Frame(sig, restore, t.inCompute, t.computeLeft, t.opProgress));
        s.blocked |= (a.mask() | (a.nodefer() ? 0 : sig.bit())) & ~UNBLOCKABLE;
        if (a.resethand()) {
            s.action[sig.number()] = null;
        }
        t.inCompute = false;
        t.opProgress = 0;
        Span handlerAt = a.handler().isEmpty() ? Span.NONE : a.handler().get(0).span();
        k.facts().record(where, t, k.now(), "signal", sig + " → " + t + ", handler at " + handlerAt.line() + ":"
                + handlerAt.column() + call, List.of());
        k.handlerEntered(t);
        t.enterBody(SIGRETURN, a.handler(), 0);
    }

    /** rt_sigreturn: the handler's body ended; the mask and the interrupted statement come back. */
    public boolean sigreturn(Task t) {
        SigState s = of(t);
        if (!s.frames.isEmpty()) {
            SigState.Frame f = s.frames.remove(s.frames.size() - 1);
            s.blocked = f.mask();
            t.inCompute = f.inCompute();
            t.computeLeft = f.computeLeft();
            t.opProgress = f.opProgress();
        }
        t.leaveBodyToRetry();
        return true;
    }

    // ---- the system calls

    /** One entry per signal call; false when {@code t} left the CPU. */
    public boolean call(Task t, Op.Sig op) {
        return op.call().accept(new SigOp.Visitor<Boolean>() {
            @Override
            public Boolean visitKill(SigOp.Kill c) {
                return kill(t, c, op.span());
            }

            @Override
            public Boolean visitRaise(SigOp.Raise c) {
                t.next();
                send(t, c.signal(), op.span());
                k.facts().record(op.span(), t, k.now(), "signal", c.signal() + " raised by " + t + state(t), List.of());
                return true;
            }

            @Override
            public Boolean visitAction(SigOp.Action c) {
                SigState s = of(t);
                int n = c.signal().number();
                s.action[n] = c.disposition() == SigOp.Disposition.DEFAULT ? null : c;
                if (c.disposition() == SigOp.Disposition.IGNORE && (s.pending & c.signal().bit()) != 0) {
                    s.pending &= ~c.signal().bit();
                    k.findings().add(Code.SIG_LOST, op.span(), c.signal() + " was pending for " + t + " (blocked) and is"
                            + " now ignored: setting SIG_IGN discards it (signal(7)), so it is never acted on");
                }
                t.next();
                return true;
            }

            @Override
            public Boolean visitMask(SigOp.Mask c) {
                SigState s = of(t);
                long m = c.signals() & ~UNBLOCKABLE;
                s.blocked = switch (c.how()) {
                    case BLOCK -> s.blocked | m;
                    case UNBLOCK -> s.blocked & ~m;
                    case SETMASK -> m;
                };
                // the hover names the task already: the fact is the state ("pending -, blocked SIGUSR1")
                k.facts().record(op.span(), t, k.now(), "sigmask", state(t).substring(2), List.of());
                t.next();
                return true;
            }

            @Override
            public Boolean visitPause(SigOp.Pause c) {
                k.block(t, Task.Blocker.PAUSE, -1, op.span(), "a signal (pause)");
                return false;
            }

            @Override
            public Boolean visitSigsuspend(SigOp.Sigsuspend c) {
                SigState s = of(t);
                s.suspendedMask = s.blocked;
                s.blocked = c.mask() & ~UNBLOCKABLE;
                if ((s.pending & ~s.blocked) != 0) {
                    s.interrupted = Task.Blocker.PAUSE; // a signal already waits: sigsuspend returns after its handler
                    return true;
                }
                k.block(t, Task.Blocker.PAUSE, -1, op.span(), "a signal (sigsuspend)");
                return false;
            }

            @Override
            public Boolean visitAlarm(SigOp.Alarm c) {
                SigState s = of(t);
                s.alarmGeneration++;
                s.alarmAt = c.ns() == 0 ? -1 : k.now() + c.ns();
                s.alarmHeld = false; // replaced or cancelled: a timer held in a replay is stale now
                s.alarmSpan = op.span();
                if (c.ns() > 0) {
                    k.alarmAt(s.alarmAt, t.pid, s.alarmGeneration);
                }
                t.next();
                return true;
            }

            @Override
            public Boolean visitSigreturn(SigOp.Sigreturn c) {
                return sigreturn(t);
            }
        });
    }

    private boolean kill(Task t, SigOp.Kill c, Span at) {
        t.next();
        SigOp.Target to = c.target();
        int pid = -1;
        String who;
        if (to.slot() >= 0) {
            pid = (int) t.slots[to.slot()];
            who = "its child";
        } else if (to.parent()) {
            pid = t.ppid;
            who = "its parent";
        } else if (to.process() != null) {
            for (int p = 2; p < k.taskCount(); p++) {
                Task x = k.task(p);
                if (!x.forked && x.process.equals(to.process()) && x.tgid == x.pid) {
                    pid = p;
                    break;
                }
            }
            who = "process " + to.process();
        } else {
            pid = to.pid();
            who = "pid " + pid;
        }
        Task target = pid >= 1 && pid < k.taskCount() ? k.task(pid) : null;
        if (target == null || target.state == TaskState.NEW || target.state == TaskState.DEAD) {
            k.findings().add(Code.SIG_NO_TASK, at, t + " sends " + c.signal() + " to " + who + ", but no such process"
                    + " exists now: kill returns -1 (ESRCH)");
            return true;
        }
        send(target, c.signal(), at);
        k.facts().record(at, t, k.now(), "signal", c.signal() + " sent to " + target + state(target), List.of());
        return true;
    }

    /** What a hover says of a task's signals after a statement: "; pending SIGUSR1; blocked SIGUSR1". */
    private static String state(Task t) {
        if (t.sig == null || !t.alive()) {
            return t.alive() ? "" : " (it has exited: nothing happens)";
        }
        return "; pending " + SigState.names(t.sig.pending) + ", blocked " + SigState.names(t.sig.blocked);
    }

    /** An alarm's time came: SIGALRM, unless a later {@code alarm} replaced or cancelled it. */
    public boolean alarm(int pid, long generation) {
        Task t = k.task(pid);
        if (t.sig == null || t.sig.alarmGeneration != generation || !t.alive()) {
            return false;
        }
        if (k.holdAlarms()) {
            t.sig.alarmHeld = true; // the schedule says when it fires
            return false;
        }
        t.sig.alarmAt = -1;
        send(t, Signal.SIGALRM, t.sig.alarmSpan);
        return true;
    }

    /** A replayed schedule's alarm step: {@code t}'s armed alarm fires now, its timer made stale; null, or why not. */
    public String fireAlarm(Task t) {
        if (t.sig == null || t.sig.alarmAt < 0 || !t.alive()) {
            return t + " has no alarm armed";
        }
        t.sig.alarmGeneration++;
        t.sig.alarmAt = -1;
        t.sig.alarmHeld = false;
        send(t, Signal.SIGALRM, t.sig.alarmSpan);
        return null;
    }

    /** The replay is over: an alarm whose timer came while it was held fires now. */
    public void releaseAlarm(Task t) {
        if (t.sig != null && t.sig.alarmHeld) {
            t.sig.alarmHeld = false;
            if (t.alive() && t.sig.alarmAt >= 0) {
                t.sig.alarmAt = -1;
                send(t, Signal.SIGALRM, t.sig.alarmSpan);
            }
        }
    }

    /** SIGCHLD set to SIG_IGN: a child that exits is reaped at once, never a zombie (wait(2), NOTES). */
    public static boolean autoReap(Task parent) {
        return parent.sig != null && parent.sig.action[Signal.SIGCHLD.number()] != null
                && parent.sig.action[Signal.SIGCHLD.number()].disposition() == SigOp.Disposition.IGNORE;
    }
}
