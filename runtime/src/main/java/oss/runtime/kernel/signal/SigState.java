package oss.runtime.kernel.signal;

import java.util.ArrayList;
import oss.ir.program.SigOp;
import oss.ir.program.Signal;

/**
 * One task's signals: its pending set (struct sigpending, one bit per standard signal: they are
 * not queued), its blocked mask, its dispositions (sighand_struct) and the frames of the handlers
 * it is running, innermost last (what rt_sigreturn restores).
 */
public final class SigState {
    /** Pending signals, bit n - 1 for signal n. */
    public long pending;
    /** Blocked signals (sigprocmask). */
    public long blocked;
    /** The disposition of each signal by number: null for SIG_DFL. */
    final SigOp.Action[] action = new SigOp.Action[32];
    /** Stopped by a stop signal, until SIGCONT. */
    public boolean stopped;
    /** In sigsuspend: the mask to restore when the handler returns, or -1. */
    long suspendedMask = -1;
    /** What it slept on when a signal woke it: the call is restarted or fails with EINTR; null when not. */
    oss.runtime.kernel.Task.Blocker interrupted;
    /** The alarm's generation: a new {@code alarm} or {@code alarm 0 s} makes the pending one stale. */
    long alarmGeneration;
    /** When the pending alarm fires, or -1. */
    long alarmAt = -1;
    /** Its timer came while a replayed schedule held it: it fires at the schedule's step, or when the replay ends. */
    boolean alarmHeld;
    /** The {@code alarm} statement that set it, for the SIGALRM it sends. */
    oss.ir.program.Span alarmSpan;
    final ArrayList<Frame> frames = new ArrayList<>();
    /** The signal the last delivery acted on (a handler entered, a default action taken), or null. */
    public Signal acted;

    /** A handler's signal frame: what rt_sigreturn puts back. */
    record Frame(Signal signal, long mask, boolean inCompute, long computeLeft, long opProgress) {
    }

    /** Whether a signal waits to be delivered (or the task to be stopped) when it next returns to user mode. */
    public boolean due() {
        return (pending & ~blocked) != 0 || stopped;
    }

    /** SIG_IGN, and the signals whose default is to ignore and have no handler (SigIgn counts only the first). */
    public long ignoredMask() {
        long m = 0;
        for (Signal s : Signal.values()) {
            SigOp.Action a = action[s.number()];
            if (a != null && a.disposition() == SigOp.Disposition.IGNORE) {
                m |= s.bit();
            }
        }
        return m;
    }

    /** The signals with a handler (SigCgt). */
    public long caughtMask() {
        long m = 0;
        for (Signal s : Signal.values()) {
            SigOp.Action a = action[s.number()];
            if (a != null && a.disposition() == SigOp.Disposition.HANDLER) {
                m |= s.bit();
            }
        }
        return m;
    }

    /** fork: the child inherits the mask and the dispositions; its pending set is empty (fork(2)). */
    public SigState forChild() {
        SigState c = new SigState();
        c.blocked = blocked;
        System.arraycopy(action, 0, c.action, 0, action.length);
        return c;
    }

    /** execve: handlers go back to SIG_DFL; ignored signals stay ignored; mask and pending are kept. */
    public void exec() {
        for (int i = 0; i < action.length; i++) {
            if (action[i] != null && action[i].disposition() == SigOp.Disposition.HANDLER) {
                action[i] = null;
            }
        }
        frames.clear();
        suspendedMask = -1;
    }

    /** The names of the signals in {@code mask}, lowest number first ("SIGINT SIGUSR1"), or "-". */
    public static String names(long mask) {
        StringBuilder b = new StringBuilder();
        for (Signal s : Signal.values()) {
            if ((mask & s.bit()) != 0) {
                b.append(b.length() == 0 ? "" : " ").append(s.name());
            }
        }
        return b.length() == 0 ? "-" : b.toString();
    }
}
