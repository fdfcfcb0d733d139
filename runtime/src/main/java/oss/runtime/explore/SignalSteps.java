package oss.runtime.explore;

import static oss.runtime.explore.Model.*;

import java.util.List;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.FdOp;
import oss.ir.program.IpcOp;
import oss.ir.program.Op;
import oss.ir.program.SigOp;
import oss.ir.program.Signal;
import oss.ir.program.Span;

/**
 * Signals in the explorer, with the run's semantics (kernel.signal.SignalCalls): each task's
 * pending set, blocked mask, ignored set, handlers and the frames of the handlers it is running,
 * in its record. A kill, raise, SIGCHLD at a child's exit or SIGPIPE only makes a signal pending
 * (or drops it at once when it is ignored and not blocked, as sig_ignored does); acting on it is
 * a step of the target's own, its <em>delivery</em>, which the target must take before anything
 * else once the signal is deliverable (the run delivers on the way back to user mode, before the
 * task's next statement). Delivery acts on one signal, SIGKILL and SIGSTOP first, then the lowest
 * number: a default action (terminate, stop), or a handler entered as a code of its own with a
 * frame that its SIGRETURN pops.
 *
 * <p>A handler interrupts a call only when the task sleeps in it. Sleeping is a step here too
 * (schedule form {@code pid 3 sleeps at 12:5}), taken by a task that has a handler and whose
 * call blocks: pause and sigsuspend always sleep; a pipe, FIFO, queue, semaphore or wait call
 * sleeps when it cannot go on. A delivery to a sleeper fails its call with -1 (EINTR), or starts
 * it again after the handler when SA_RESTART applies, as signal(7) says per call and the run's
 * {@code Task.Blocker.interruption()} encodes. A delivery to a task that is not asleep runs the
 * handler before its call. A sleeper whose call a waker completed (a reaped child, a message
 * handed over, a FIFO's partner) takes that step before its signals, as in the run, where the
 * call is done before SIGCHLD is sent; one a waker only woke (a pipe read or write) is awake
 * again and its call starts over after the handler.
 *
 * <p>The explorer has no clock, so an armed {@code alarm} may fire at any point until it is
 * cancelled or replaced: firing is one more step of its task ({@code pid 3 alarm at 12:5}), open
 * whatever else the task can do, which makes SIGALRM pending.
 *
 * <p>Not modelled: a thread's signals are its own (the run shares handlers in a thread group),
 * and a pipe write that has put part of its bytes in is not interrupted.
 */
final class SignalSteps {
    // fields of a task record, from base
    static final int PEND = 0, BLOCK = 1, IGN = 2, FLAGS = 3, SUSPEND = 4, FRAMES = 5, HANDLERS = 6;
    // FLAGS bits
    static final int STOPPED = 1, ASLEEP = 2, SUSPENDED = 4, ARMED = 8, EINTR_DUE = 16;
    /** Handlers running at once, one inside another, that the explorer follows. */
    static final int MAX_FRAMES = 4;
    // a frame: what rt_sigreturn restores
    static final int F_CODE = 0, F_PC = 1, F_MASK = 2, F_PHASE = 3, F_AUX = 4, F_RESULT = 5, FRAME = 6;

    private static final int UNBLOCKABLE = (int) (Signal.SIGKILL.bit() | Signal.SIGSTOP.bit());
    private static final int STOPS = (int) (Signal.SIGSTOP.bit() | Signal.SIGTSTP.bit() | Signal.SIGTTIN.bit()
            | Signal.SIGTTOU.bit());
    private static final int KILL = (int) Signal.SIGKILL.bit(), STOP = (int) Signal.SIGSTOP.bit();

    private final Model m;
    private Semantics sem;
    /** Every signal/sigaction statement; an SIG instruction's b operand indexes it. */
    final List<SigOp.Action> actions;
    /** The handler code of each action, or -1. */
    final int[] handlerCode;
    /** For each signal number, its handler field (some statement installs a handler for it), or -1. */
    final int[] slotOf = new int[32];
    /** Signals without a handler field, whose default is to ignore them. */
    private final int defaultIgnored;
    /** Some kill or raise sends a stop signal: a sleeper can be stopped in its call, so sleeping is a step. */
    private final boolean stops;
    final int handled;
    /** The fields' offset in a task record, and how many there are. */
    final int base, size;
    final int mainDepth, handlerDepth;
    /** Where misuse found during the current step goes (set by Semantics.apply). */
    Semantics.Sink sink;

    SignalSteps(Model m, List<SigOp.Action> actions, int[] handlerCode, int base, int mainDepth, int handlerDepth) {
        this.m = m;
        this.actions = actions;
        this.handlerCode = handlerCode;
        this.base = base;
        this.mainDepth = mainDepth;
        this.handlerDepth = handlerDepth;
        java.util.Arrays.fill(slotOf, -1);
        int k = 0;
        for (SigOp.Action a : actions) {
            int n = a.signal().number();
            if (a.disposition() == SigOp.Disposition.HANDLER && slotOf[n] < 0) {
                slotOf[n] = k++;
            }
        }
        this.handled = k;
        int ign = 0;
        for (Signal s : Signal.values()) {
            if (s.defaultAction() == Signal.Action.IGN || s.defaultAction() == Signal.Action.CONT) {
                ign |= (int) s.bit();
            }
        }
        this.defaultIgnored = ign;
        boolean st = false;
        for (FlatCode c : m.codes) {
            for (int pc = 0; pc < c.size; pc++) {
                if (c.kind[pc] == Instr.SIG) {
                    SigOp call = ((Op.Sig) c.op[pc]).call();
                    Signal sig = call instanceof SigOp.Kill kill ? kill.signal()
                            : call instanceof SigOp.Raise raise ? raise.signal() : null;
                    st |= sig != null && sig.defaultAction() == Signal.Action.STOP;
                }
            }
        }
        this.stops = st;
        this.size = HANDLERS + handled + MAX_FRAMES * FRAME;
    }

    void bind(Semantics sem) {
        this.sem = sem;
    }

    private int frame(int b, int i) {
        return b + base + HANDLERS + handled + i * FRAME;
    }

    /**
     * The phase field of the frame in which task {@code u} was interrupted waiting at an
     * instruction of kind {@code kind} on {@code obj} (a cond_wait or a barrier keeps its place
     * while the handler runs), or -1.
     */
    int frameWaitingAt(int[] s, int u, Instr kind, int obj) {
        int b = m.base(u);
        for (int i = 0; i < s[b + base + FRAMES]; i++) {
            int fr = frame(b, i);
            FlatCode c = m.codes[s[fr + F_CODE]];
            int pc = s[fr + F_PC];
            if (s[fr + F_PHASE] == PH_WAITING && c.kind[pc] == kind && c.a[pc] == obj) {
                return fr + F_PHASE;
            }
        }
        return -1;
    }

    /** Is index {@code i} a frame's phase field (not a record's)? */
    boolean isFramePhase(int i) {
        int r = (i - m.taskBase) % m.record - base - HANDLERS - handled;
        return r >= 0 && r % FRAME == F_PHASE;
    }

    /** Where a handler code's loop counters start: after the main code's, one set per frame. */
    int counterOffset(int[] s, int b) {
        return mainDepth + Math.max(0, s[b + base + FRAMES] - 1) * handlerDepth;
    }

    /** The action index + 1 of {@code sig}'s handler for the task at {@code b}, or 0. */
    private int handler(int[] s, int b, int number) {
        int k = slotOf[number];
        return k < 0 ? 0 : s[b + base + HANDLERS + k];
    }

    private boolean caughtAny(int[] s, int b) {
        for (int k = 0; k < handled; k++) {
            if (s[b + base + HANDLERS + k] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Dropped when sent unblocked: SIG_IGN, or SIG_DFL whose default is to ignore (or continue). */
    private boolean ignored(int[] s, int b, Signal sig) {
        int bit = (int) sig.bit();
        return (s[b + base + IGN] & bit) != 0 || handler(s, b, sig.number()) == 0 && (defaultIgnored & bit) != 0;
    }

    // ---- choices --------------------------------------------------------------------------------

    /**
     * The signal to deliver to the task now (its number), or 0: a deliverable one must be taken
     * before anything else, except by a task asleep in a call a waker already completed.
     */
    int deliverable(int[] s, int t) {
        int b = m.base(t);
        if (!Semantics.alive(s, b)) {
            return 0;
        }
        int f = b + base;
        int ready = s[f + PEND] & ~s[f + BLOCK];
        if ((s[f + FLAGS] & STOPPED) != 0) {
            ready &= KILL;
        }
        if (ready == 0 || s[b + PHASE] == PH_VFORK || (s[f + FLAGS] & EINTR_DUE) != 0) {
            return 0;
        }
        FlatCode c = m.codes[s[b + CODE]];
        int pc = s[b + PC] - ALIVE;
        Instr k = c.kind[pc];
        if (s[b + PHASE] != 0 && (k == Instr.FD_WRITE || k == Instr.FD_OPEN)) {
            return 0; // a write that is part done, an open that counted its end: the call finishes first
        }
        if ((s[f + FLAGS] & ASLEEP) != 0 && k != Instr.SIG && sem.plainChoices(s, t) > 0) {
            return 0; // its call was completed while it slept: that step comes first
        }
        int bit = (ready & KILL) != 0 ? KILL : (ready & STOP) != 0 ? STOP : Integer.lowestOneBit(ready);
        return Integer.numberOfTrailingZeros(bit) + 1;
    }

    /** How many steps the task can take: its delivery, its sleep, or its instruction's; then its alarm's. */
    int choices(int[] s, int t) {
        int b = m.base(t);
        if (!Semantics.alive(s, b)) {
            return 0;
        }
        return ownChoices(s, t) + ((s[b + base + FLAGS] & ARMED) != 0 ? 1 : 0);
    }

    /** The task's steps but its alarm's. */
    private int ownChoices(int[] s, int t) {
        int b = m.base(t);
        if (deliverable(s, t) != 0) {
            return 1;
        }
        int f = b + base;
        if ((s[f + FLAGS] & STOPPED) != 0) {
            return 0;
        }
        if ((s[f + FLAGS] & EINTR_DUE) != 0) {
            return 1; // its semop returns -1
        }
        boolean asleep = (s[f + FLAGS] & ASLEEP) != 0;
        FlatCode c = m.codes[s[b + CODE]];
        int pc = s[b + PC] - ALIVE;
        if (c.kind[pc] == Instr.SIG && sleeps((Op.Sig) c.op[pc])) {
            return asleep ? 0 : 1;
        }
        int n = sem.plainChoices(s, t);
        if (n == 0 && !asleep && interruption(c, pc) != Interruption.NONE && (stops || caughtAny(s, b))) {
            return 1; // it goes to sleep in the call, where a handler can interrupt it, or a stop signal stop it
        }
        return n;
    }

    /** Step {@code branch} of the task is its alarm firing. */
    boolean alarm(int[] s, int t, int branch) {
        int b = m.base(t);
        return (s[b + base + FLAGS] & ARMED) != 0 && Semantics.alive(s, b) && branch == ownChoices(s, t);
    }

    /** The step the task would take: a delivery (the signal's number), a sleep (-1) or its instruction (0). */
    int kind(int[] s, int t) {
        int sig = deliverable(s, t);
        if (sig != 0) {
            return sig;
        }
        int b = m.base(t);
        FlatCode c = m.codes[s[b + CODE]];
        int pc = s[b + PC] - ALIVE;
        if (c.kind[pc] == Instr.SIG) {
            return sleeps((Op.Sig) c.op[pc]) ? -1 : 0;
        }
        return (s[b + base + FLAGS] & (ASLEEP | EINTR_DUE)) == 0 && interruption(c, pc) != Interruption.NONE
                && (stops || caughtAny(s, b)) && sem.plainChoices(s, t) == 0 ? -1 : 0;
    }

    private static boolean sleeps(Op.Sig op) {
        return op.call() instanceof SigOp.Pause || op.call() instanceof SigOp.Sigsuspend;
    }

    enum Interruption { NONE, RESTART, EINTR }

    /** What a handler does to a call asleep here (signal(7); the run's Task.Blocker.interruption()). */
    static Interruption interruption(FlatCode c, int pc) {
        return switch (c.kind[pc]) {
            case FD_READ, FD_WRITE, FD_OPEN, WAIT_CHILD, WAIT_ANY, P -> Interruption.RESTART;
            case SEMOP -> Interruption.EINTR;
            // System V message calls are never restarted; POSIX ones are with SA_RESTART
            case MSG -> ((Op.Ipc) c.op[pc]).call() instanceof IpcOp.MsgSnd
                    || ((Op.Ipc) c.op[pc]).call() instanceof IpcOp.MsgRcv ? Interruption.EINTR : Interruption.RESTART;
            case SIG -> sleeps((Op.Sig) c.op[pc]) ? Interruption.EINTR : Interruption.NONE;
            default -> Interruption.NONE;
        };
    }

    /** Calls a waker completes for a sleeper (the run advances it): not woken early by their waker. */
    private static boolean completedByWaker(Instr k) {
        return k == Instr.WAIT_CHILD || k == Instr.WAIT_ANY || k == Instr.MSG || k == Instr.FD_OPEN || k == Instr.P
                || k == Instr.SEMOP;
    }

    // ---- steps ----------------------------------------------------------------------------------

    /**
     * Takes the task's delivery, its sleep or its signal call; false when its step is an ordinary
     * instruction (then it is no longer asleep once it takes it).
     */
    boolean step(int[] s, int t, int branch) {
        int b = m.base(t);
        int f = b + base;
        if (alarm(s, t, branch)) {
            s[f + FLAGS] &= ~ARMED;
            FlatCode c = m.codes[s[b + CODE]];
            send(s, t, Signal.SIGALRM, c.span[s[b + PC] - ALIVE]);
            return true;
        }
        int sig = deliverable(s, t);
        if (sig != 0) {
            deliver(s, t, Signal.of(sig).orElseThrow());
            return true;
        }
        FlatCode c = m.codes[s[b + CODE]];
        int pc = s[b + PC] - ALIVE;
        if ((s[f + FLAGS] & EINTR_DUE) != 0) {
            s[f + FLAGS] &= ~EINTR_DUE;
            sem.advance(s, t);
            return true;
        }
        if (c.kind[pc] == Instr.SIG) {
            call(s, t, c, pc);
            return true;
        }
        if ((s[f + FLAGS] & ASLEEP) == 0 && interruption(c, pc) != Interruption.NONE && (stops || caughtAny(s, b))
                && sem.plainChoices(s, t) == 0) {
            s[f + FLAGS] |= ASLEEP;
            return true;
        }
        s[f + FLAGS] &= ~ASLEEP;
        return false;
    }

    /** After any step: a sleeper a waker only woke (its call can go on and is not done for it) is awake. */
    void woken(int[] s) {
        for (int u = 0; u < s[0]; u++) {
            int ub = m.base(u);
            if (Semantics.alive(s, ub) && (s[ub + base + FLAGS] & ASLEEP) != 0) {
                FlatCode c = m.codes[s[ub + CODE]];
                Instr k = c.kind[s[ub + PC] - ALIVE];
                if (k != Instr.SIG && !completedByWaker(k) && sem.plainChoices(s, u) > 0) {
                    s[ub + base + FLAGS] &= ~ASLEEP;
                }
            }
        }
    }

    private void call(int[] s, int t, FlatCode c, int pc) {
        int b = m.base(t);
        int f = b + base;
        Op.Sig op = (Op.Sig) c.op[pc];
        SigOp call = op.call();
        if (call instanceof SigOp.Kill k) {
            int u = target(s, t, k.target());
            if (u >= 0) {
                send(s, u, k.signal(), op.span());
            }
        } else if (call instanceof SigOp.Raise r) {
            send(s, t, r.signal(), op.span());
        } else if (call instanceof SigOp.Action a) {
            int bit = (int) a.signal().bit();
            int k = slotOf[a.signal().number()];
            if (k >= 0) {
                s[f + HANDLERS + k] = a.disposition() == SigOp.Disposition.HANDLER ? c.b[pc] + 1 : 0;
            }
            if (a.disposition() == SigOp.Disposition.IGNORE) {
                s[f + IGN] |= bit;
                if ((s[f + PEND] & bit) != 0) {
                    s[f + PEND] &= ~bit;
                    lost(op.span(), "ignored:" + op.span(), a.signal() + " was pending for " + m.taskName(s, t) + " (blocked) and is now"
                            + " ignored: setting SIG_IGN discards it (signal(7)), so it is never acted on");
                }
            } else {
                s[f + IGN] &= ~bit;
            }
        } else if (call instanceof SigOp.Mask k) {
            int mask = (int) k.signals() & ~UNBLOCKABLE;
            s[f + BLOCK] = switch (k.how()) {
                case BLOCK -> s[f + BLOCK] | mask;
                case UNBLOCK -> s[f + BLOCK] & ~mask;
                case SETMASK -> mask;
            };
            dropIgnored(s, t, op.span());
        } else if (call instanceof SigOp.Pause) {
            s[f + FLAGS] |= ASLEEP;
            return;
        } else if (call instanceof SigOp.Alarm k) {
            // a new alarm replaces the pending one; 0 cancels it
            s[f + FLAGS] = k.ns() > 0 ? s[f + FLAGS] | ARMED : s[f + FLAGS] & ~ARMED;
        } else if (call instanceof SigOp.Sigsuspend k) {
            s[f + SUSPEND] = s[f + BLOCK];
            s[f + BLOCK] = (int) k.mask() & ~UNBLOCKABLE;
            s[f + FLAGS] |= ASLEEP | SUSPENDED;
            return;
        } else {
            throw new IllegalStateException(call + " is not explored");
        }
        sem.advance(s, t);
    }

    /**
     * Pending signals that are ignored and no longer blocked are dropped, as get_signal would:
     * an explicitly ignored one is lost, which is worth a finding.
     */
    private void dropIgnored(int[] s, int t, Span at) {
        int b = m.base(t);
        int f = b + base;
        int open = s[f + PEND] & ~s[f + BLOCK];
        for (int bits = open; bits != 0; bits &= bits - 1) {
            Signal sig = Signal.of(Integer.numberOfTrailingZeros(bits) + 1).orElseThrow();
            if (ignored(s, b, sig)) {
                s[f + PEND] &= ~(int) sig.bit();
                if ((s[f + IGN] & (int) sig.bit()) != 0) {
                    lost(at, "ignored:" + at, sig + " to " + m.taskName(s, t) + " was pending while blocked and is ignored now: it is"
                            + " discarded, never acted on");
                }
            }
        }
    }

    private void lost(Span at, String key, String message) {
        if (sink != null) {
            sink.signalLost(at, key, message);
        }
    }

    /** The task a kill names, or -1 (ESRCH, or init: nothing happens). */
    private int target(int[] s, int t, SigOp.Target to) {
        int b = m.base(t);
        int u;
        if (to.slot() >= 0) {
            u = s[b + m.slotBase + to.slot()] - 2;
        } else if (to.parent()) {
            u = s[b + PARENT] - 1;
        } else if (to.process() != null) {
            u = -1;
            for (int p = 0; p < m.processes; p++) {
                if (m.program.processes().get(p).name().equals(to.process())) {
                    u = p;
                    break;
                }
            }
        } else {
            u = to.pid() - 2;
        }
        return u >= 0 && u < s[0] ? u : -1;
    }

    /** send_signal: {@code sig} becomes pending for task {@code u}, or is dropped at once when ignored and not blocked. */
    void send(int[] s, int u, Signal sig, Span at) {
        int ub = m.base(u);
        if (!Semantics.alive(s, ub)) {
            return;
        }
        int f = ub + base;
        int bit = (int) sig.bit();
        if (sig == Signal.SIGCONT || sig == Signal.SIGKILL) {
            s[f + PEND] &= ~STOPS;
            if ((s[f + FLAGS] & STOPPED) != 0 && (s[f + FLAGS] & ASLEEP) != 0 && sig == Signal.SIGCONT) {
                FlatCode c = m.codes[s[ub + CODE]];
                int pc = s[ub + PC] - ALIVE;
                if (c.kind[pc] == Instr.SEMOP) {
                    // signal(7): semop fails with EINTR after a stop and SIGCONT, handler or not; it
                    // returns as the task's own next step, as the run counts it when the task runs
                    s[f + FLAGS] = s[f + FLAGS] & ~ASLEEP | EINTR_DUE;
                }
            }
            s[f + FLAGS] &= ~STOPPED;
        }
        if ((bit & STOPS) != 0) {
            s[f + PEND] &= ~(int) Signal.SIGCONT.bit();
        }
        boolean blocked = (s[f + BLOCK] & bit) != 0;
        if (ignored(s, ub, sig) && !blocked) {
            return;
        }
        if ((s[f + PEND] & bit) != 0 && handler(s, ub, sig.number()) != 0) {
            // one finding per receiving process and signal, however many statements send it
            lost(at, "merged:" + sig + ":" + m.program.processes().get(m.codes[s[ub + CODE]].root).name(), sig
                    + " sent to " + m.taskName(s, u) + " while one was still pending: standard signals are not"
                    + " queued, so the two are one and its handler runs once");
        }
        if (!blocked && handler(s, ub, sig.number()) == 0 && sig.defaultAction() == Signal.Action.STOP
                && asleep(s, u)) {
            // signal_wake_up, then do_signal_stop before the call goes on: stopped at once (ps T) in
            // its wait, as the run does; the wait goes on, SIGCONT lets it run again
            s[f + FLAGS] |= STOPPED;
            return;
        }
        s[f + PEND] |= bit;
    }

    /** Asleep in an interruptible call: a sleep step taken, or waiting in cond_wait, a barrier or an announced write_lock. */
    private boolean asleep(int[] s, int u) {
        int ub = m.base(u);
        if ((s[ub + base + FLAGS] & ASLEEP) != 0) {
            return true;
        }
        if (s[ub + PHASE] != PH_WAITING) {
            return false;
        }
        Instr k = m.codes[s[ub + CODE]].kind[s[ub + PC] - ALIVE];
        return k == Instr.COND_WAIT || k == Instr.BARRIER || k == Instr.WRITE_LOCK;
    }

    /**
     * A signal the kernel raises in the running task itself (SIGPIPE): true when its default
     * action ends the task at once, as the run's kernelSend does; otherwise it is pending (or
     * dropped) and the call goes on to fail.
     */
    boolean kernelSend(int[] s, int t, Signal sig, Span at) {
        int b = m.base(t);
        int f = b + base;
        boolean acts = handler(s, b, sig.number()) == 0 && (s[f + IGN] & (int) sig.bit()) == 0
                && (s[f + BLOCK] & (int) sig.bit()) == 0;
        if (acts) {
            return true;
        }
        send(s, t, sig, at);
        return false;
    }

    private void deliver(int[] s, int t, Signal sig) {
        int b = m.base(t);
        int f = b + base;
        int bit = (int) sig.bit();
        s[f + PEND] &= ~bit;
        int h = handler(s, b, sig.number());
        if (h == 0) {
            switch (sig.defaultAction()) {
                case STOP -> s[f + FLAGS] |= STOPPED;
                case TERM, CORE -> {
                    s[f + FLAGS] = 0;
                    sem.exit(s, t, true);
                }
                case IGN, CONT -> {
                    // dropped before they could be delivered (send, dropIgnored)
                }
            }
            return;
        }
        int n = s[f + FRAMES];
        FlatCode c = m.codes[s[b + CODE]];
        int pc = s[b + PC] - ALIVE;
        if (n == MAX_FRAMES) {
            throw new DataSteps.PathCut(Code.MISUSE_REACHABLE, c.span[pc], "signal handlers nested more than "
                    + MAX_FRAMES + " deep: the explorer follows at most " + MAX_FRAMES + " on this path");
        }
        SigOp.Action a = actions.get(h - 1);
        int resume = pc;
        int result = 0;
        if ((s[f + FLAGS] & ASLEEP) != 0) {
            Interruption how = interruption(c, pc);
            if (how == Interruption.EINTR || how == Interruption.RESTART && !a.restart()) {
                resume = pc + 1; // the call fails with -1 (EINTR)
                Cell r = resultOf(c.op[pc]);
                if (r != null) {
                    result = r.base() + QueueSteps.constIndex(r) + 1;
                }
            }
        }
        int fr = frame(b, n);
        s[fr + F_CODE] = s[b + CODE];
        s[fr + F_PC] = resume;
        s[fr + F_MASK] = (s[f + FLAGS] & SUSPENDED) != 0 ? s[f + SUSPEND] : s[f + BLOCK];
        // a cond_wait or barrier waiter keeps its place while the handler runs (the C library keeps
        // it in user-space words); a writer that announced itself leaves the rwlock's queue and runs
        // write_lock again after the handler, as the run's RESUME waits do
        boolean leaves = c.kind[pc] == Instr.WRITE_LOCK;
        s[fr + F_PHASE] = leaves ? 0 : s[b + PHASE];
        s[fr + F_AUX] = leaves ? 0 : s[b + AUX];
        s[fr + F_RESULT] = result;
        s[f + FRAMES] = n + 1;
        s[f + FLAGS] &= ~(ASLEEP | SUSPENDED);
        s[f + SUSPEND] = 0;
        s[b + PHASE] = 0;
        s[b + AUX] = 0;
        s[f + BLOCK] = (s[f + BLOCK] | (int) a.mask() | (a.nodefer() ? 0 : bit)) & ~UNBLOCKABLE;
        if (a.resethand()) {
            s[f + HANDLERS + slotOf[sig.number()]] = 0;
        }
        s[b + CODE] = handlerCode[h - 1];
        s[b + PC] = ALIVE;
        sem.settle(s, t);
    }

    /** The cell a call's {@code r = } result goes to, for its -1 when interrupted. */
    private static Cell resultOf(Op op) {
        if (op instanceof Op.Fd fd) {
            return fd.call() instanceof FdOp.Read r ? r.result() : fd.call() instanceof FdOp.Write w ? w.result() : null;
        }
        if (op instanceof Op.Ipc ipc) {
            IpcOp c = ipc.call();
            return c instanceof IpcOp.MsgSnd x ? x.result() : c instanceof IpcOp.MsgRcv x ? x.result()
                    : c instanceof IpcOp.MqSend x ? x.result() : c instanceof IpcOp.MqReceive x ? x.result() : null;
        }
        return null;
    }

    /** rt_sigreturn, reached by settle: the frame comes back; the pc to go on from. */
    int sigreturn(int[] s, int t) {
        int b = m.base(t);
        int f = b + base;
        int n = s[f + FRAMES] - 1;
        if (n < 0) {
            throw new IllegalStateException("SIGRETURN without a frame");
        }
        int fr = frame(b, n);
        s[b + CODE] = s[fr + F_CODE];
        s[f + BLOCK] = s[fr + F_MASK];
        s[b + PHASE] = s[fr + F_PHASE];
        s[b + AUX] = s[fr + F_AUX];
        if (s[fr + F_RESULT] > 0) {
            s[b + m.slotBase + s[fr + F_RESULT] - 1] = -1;
        }
        int pc = s[fr + F_PC];
        java.util.Arrays.fill(s, fr, fr + FRAME, 0);
        s[f + FRAMES] = n;
        return pc;
    }

    // ---- tasks coming and going ---------------------------------------------------------------------

    /** fork and threads: the child inherits the mask and the dispositions; nothing is pending (fork(2)). */
    void spawned(int[] s, int parent, int child) {
        int pf = m.base(parent) + base;
        int cf = m.base(child) + base;
        s[cf + BLOCK] = s[pf + BLOCK];
        s[cf + IGN] = s[pf + IGN];
        System.arraycopy(s, pf + HANDLERS, s, cf + HANDLERS, handled);
    }

    /** execve: handlers go back to SIG_DFL; ignored signals stay ignored; mask and pending are kept. */
    void exec(int[] s, int t) {
        int f = m.base(t) + base;
        java.util.Arrays.fill(s, f + HANDLERS, f + size, 0);
        s[f + FRAMES] = 0;
        s[f + FLAGS] &= STOPPED;
        s[f + SUSPEND] = 0;
    }

    /**
     * The task has ended: its signal fields are cleared (states stay canonical), and a process's
     * parent gets SIGCHLD; with SIGCHLD ignored there, the child is reaped at once (wait(2), NOTES).
     */
    void exited(int[] s, int t, int parent, boolean process) {
        int b = m.base(t);
        java.util.Arrays.fill(s, b + base, b + base + size, 0);
        if (!process || parent < 0) {
            return;
        }
        int pb = m.base(parent);
        if (!Semantics.alive(s, pb)) {
            return;
        }
        if ((s[pb + base + IGN] & (int) Signal.SIGCHLD.bit()) != 0 && s[b + PC] == ZOMBIE) {
            s[b + PC] = DEAD;
        }
        send(s, parent, Signal.SIGCHLD, m.codes[s[b + CODE]].endSpan);
    }

    /** In words, for a deadlock report: what a task stopped or asleep in pause waits for; null otherwise. */
    String waitsFor(int[] s, int t) {
        int b = m.base(t);
        int flags = s[b + base + FLAGS];
        if ((flags & STOPPED) != 0) {
            return "is stopped (state T) and no one sends it SIGCONT";
        }
        FlatCode c = m.codes[s[b + CODE]];
        int pc = s[b + PC] - ALIVE;
        if (c.kind[pc] == Instr.SIG && (flags & ASLEEP) != 0) {
            return "waits in " + (((Op.Sig) c.op[pc]).call() instanceof SigOp.Pause ? "pause" : "sigsuspend")
                    + " for a signal no one will send";
        }
        return null;
    }
}
