package oss.ir.program;

import java.util.List;

/**
 * A signal call, the payload of {@link Op.Sig} (docs/language.md, "Signals"). Masks are bit sets
 * of {@link Signal#bit()}.
 */
public sealed interface SigOp {
    <R> R accept(Visitor<R> visitor);

    /** Who a {@code kill} is for: exactly one of a child slot, a declared process, the parent, a pid. */
    record Target(int slot, int process, boolean parent, int pid) {
        public static Target child(int slot) {
            return new Target(slot, -1, false, -1);
        }

        public static Target process(int index) {
            return new Target(-1, index, false, -1);
        }

        public static Target parentOf() {
            return new Target(-1, -1, true, -1);
        }

        public static Target pid(int pid) {
            return new Target(-1, -1, false, pid);
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
     * besides the signal itself; {@code handler} is empty unless the disposition is HANDLER.
     */
    record Action(Signal signal, Disposition disposition, boolean restart, long mask, List<Op> handler)
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

    interface Visitor<R> {
        R visitKill(Kill op);
        R visitRaise(Raise op);
        R visitAction(Action op);
        R visitMask(Mask op);
        R visitPause(Pause op);
        R visitSigsuspend(Sigsuspend op);
        R visitAlarm(Alarm op);
    }
}
