package oss.ir.program;

import java.util.List;

/**
 * A signal call, the payload of {@link Op.Sig} (docs/language.md, "Signals"). Masks are bit sets
 * of {@link Signal#bit()}.
 */
public sealed interface SigOp {
    <R> R accept(Visitor<R> visitor);

    /**
     * Who a {@code kill} is for: exactly one of a child slot, a declared process (by its name,
     * {@code worker[1]}, found among the tasks at run time), the parent, a pid. {@code at} is
     * where the target is written, for the check that a process of that name is declared.
     */
    record Target(int slot, String process, boolean parent, int pid, Span at) {
        public static Target child(int slot) {
            return new Target(slot, null, false, -1, Span.NONE);
        }

        public static Target process(String name, Span at) {
            return new Target(-1, name, false, -1, at);
        }

        public static Target parentOf() {
            return new Target(-1, null, true, -1, Span.NONE);
        }

        public static Target pid(int pid) {
            return new Target(-1, null, false, pid, Span.NONE);
        }
    }

    record Kill(Target target, Signal signal) implements SigOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitKill(this);
        }
    }

    record Raise(Signal signal) implements SigOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRaise(this);
        }
    }

    enum Disposition { DEFAULT, IGNORE, HANDLER }

    /**
     * {@code signal} and {@code sigaction}: the new disposition; {@code restart} is SA_RESTART
     * (signal(2) sets it, as glibc does); {@code mask} is sa_mask, blocked while the handler runs
     * besides the signal itself (unless {@code nodefer}); {@code resethand} puts SIG_DFL back as
     * the handler starts; {@code handler} is empty unless the disposition is HANDLER.
     */
    record Action(Signal signal, Disposition disposition, boolean restart, long mask, boolean resethand,
            boolean nodefer, List<Op> handler)
            implements SigOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAction(this);
        }
    }

    enum How { BLOCK, UNBLOCK, SETMASK }

    record Mask(How how, long signals) implements SigOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMask(this);
        }
    }

    record Pause() implements SigOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPause(this);
        }
    }

    record Sigsuspend(long mask) implements SigOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSigsuspend(this);
        }
    }

    /** {@code alarm T}; 0 cancels. */
    record Alarm(long ns) implements SigOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAlarm(this);
        }
    }

    /**
     * rt_sigreturn: never written, the kernel's own closing statement of a handler's body (the
     * signal frame): the mask and the interrupted statement's state come back, the task goes on.
     */
    record Sigreturn() implements SigOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSigreturn(this);
        }
    }

    interface Visitor<R> {
        R visitKill(Kill op);
        R visitRaise(Raise op);
        R visitAction(Action op);
        R visitMask(Mask op);
        R visitPause(Pause op);
        R visitSigsuspend(Sigsuspend op);
        R visitAlarm(Alarm op);
        R visitSigreturn(Sigreturn op);
    }
}
