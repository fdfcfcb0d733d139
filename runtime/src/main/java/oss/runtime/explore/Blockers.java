package oss.runtime.explore;

import static oss.runtime.explore.Instr.*;
import static oss.runtime.explore.Model.*;

import oss.ir.program.Program;

/** Says what a blocked task waits for, and which task it waits on when one task alone can free it. */
final class Blockers {
    private final Model m;
    private final Semantics sem;
    private final Program p;

    Blockers(Model m, Semantics sem) {
        this.m = m;
        this.sem = sem;
        this.p = m.program;
    }

    /** The single task whose step would unblock {@code t} (a lock's holder), or -1. */
    int waitsOnTask(int[] s, int t) {
        int b = m.base(t);
        if (!Semantics.alive(s, b)) {
            return -1;
        }
        if (s[b + PHASE] == PH_VFORK) {
            return s[b + AUX] - 1;
        }
        FlatCode c = sem.code(s, t);
        int pc = sem.pc(s, t);
        int a = c.a[pc];
        int owner = switch (c.kind[pc]) {
            case LOCK -> s[m.mutexBase + a];
            case SPIN_LOCK -> s[m.spinBase + a];
            case SEQW_BEGIN, SEQR_BEGIN -> s[m.seqWriterBase + a];
            case READ_LOCK, WRITE_LOCK -> s[m.rwWriterBase + a];
            case COND_WAIT -> s[b + PHASE] == PH_WOKEN ? s[m.mutexBase + c.b[pc]] : 0;
            default -> 0;
        };
        return owner - 1;
    }

    String describe(int[] s, int t) {
        int b = m.base(t);
        String who = m.taskName(s, t);
        if (s[b + PHASE] == PH_VFORK) {
            return who + " waits for its vfork child " + m.taskName(s, s[b + AUX] - 1) + " to exec or exit";
        }
        String signal = m.signals == null ? null : m.signals.waitsFor(s, t);
        if (signal != null) {
            return who + " " + signal;
        }
        FlatCode c = sem.code(s, t);
        int pc = sem.pc(s, t);
        int a = c.a[pc];
        return who + switch (c.kind[pc]) {
            case LOCK -> " waits for mutex " + p.mutexes().get(a).name() + holder(s, t, s[m.mutexBase + a]);
            case SPIN_LOCK -> " spins on spinlock " + p.sync().spinlocks().get(a).name() + holder(s, t, s[m.spinBase + a]);
            case P -> " waits on semaphore " + p.semaphores().get(a).name() + " (value 0)";
            case READ_LOCK -> " waits to read-lock " + p.sync().rwlocks().get(a).name()
                    + (s[m.rwWriterBase + a] != 0 ? holder(s, t, s[m.rwWriterBase + a]) : ", held back by a waiting writer");
            case WRITE_LOCK -> " waits to write-lock " + p.sync().rwlocks().get(a).name()
                    + (s[m.rwWriterBase + a] != 0 ? holder(s, t, s[m.rwWriterBase + a])
                            : ", read-held by " + readers(s, s[m.rwReadersBase + a]));
            case SEQW_BEGIN -> " waits to write seqlock " + p.sync().seqlocks().get(a).name() + holder(s, t, s[m.seqWriterBase + a]);
            case SEQR_BEGIN -> " waits while seqlock " + p.sync().seqlocks().get(a).name() + " is being written"
                    + holder(s, t, s[m.seqWriterBase + a]);
            case COND_WAIT -> s[b + PHASE] == PH_WOKEN
                    ? " was signalled on " + p.sync().condvars().get(a).name() + " and waits to re-acquire "
                            + p.mutexes().get(c.b[pc]).name() + holder(s, t, s[m.mutexBase + c.b[pc]])
                    : " waits on condvar " + p.sync().condvars().get(a).name() + " for a signal nobody will send";
            case BARRIER -> " waits at barrier " + p.sync().barriers().get(a).name() + " for "
                    + p.sync().barriers().get(a).parties() + " parties";
            case SEMOP -> " waits in semop on " + p.sync().semsets().get(a).name();
            case MSG -> m.queues.describe(s, t, c, pc);
            case REQUEST -> " waits for resources (available: " + available(s) + ")";
            case WAIT_CHILD -> " waits for its child to exit";
            case WAIT_ANY -> " waits for any child to exit";
            case AWAIT -> " awaits a condition that does not hold";
            case FD_OPEN, FD_READ, FD_WRITE -> sem.pipes.describe(s, t, c, pc);
            case EPOLL -> sem.epoll.describe(s, t, c, pc);
            default -> " is blocked";
        };
    }

    private String holder(int[] s, int t, int owner) {
        if (owner == 0) {
            return "";
        }
        if (owner == t + 1) {
            return ", which it holds itself";
        }
        return ", held by " + m.taskName(s, owner - 1) + (Semantics.alive(s, m.base(owner - 1)) ? "" : ", which has exited");
    }

    private String readers(int[] s, int mask) {
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < s[0]; u++) {
            if ((mask & (1 << u)) != 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(m.taskName(s, u));
            }
        }
        return sb.toString();
    }

    private String available(int[] s) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < m.resources; r++) {
            sb.append(r == 0 ? "" : ", ").append(p.resources().get(r).name()).append(' ').append(sem.available(s, r));
        }
        return sb.toString();
    }
}
