package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/**
 * A signal call (grammar rule {@code signalCall}); the statement that holds one is {@link Stmt.Sig}.
 * Signal names and words are {@link Name}s the compiler reads. docs/language.md, "Signals".
 */
public sealed interface SigCall extends Node {

    <R> R accept(Visitor<R> visitor);

    /** {@code kill TARGET SIG}: a child variable, a process (element), {@code parent}, or a pid number. */
    record Kill(Optional<Ref> target, Optional<Expr> pid, Name signal, Span span) implements SigCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitKill(this);
        }
    }

    record Raise(Name signal, Span span) implements SigCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRaise(this);
        }
    }

    /** {@code signal SIG { handler }} or {@code signal SIG ignore|default}: signal(2), BSD semantics as glibc's. */
    record Handler(Name signal, Optional<Name> action, Optional<Block> handler, Span span) implements SigCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitHandler(this);
        }
    }

    /** {@code sigaction SIG [restart] [ignore|default] ... [{ handler }]}: the flags as written. */
    record Sigaction(Name signal, List<Name> flags, Optional<Block> handler, Span span) implements SigCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSigaction(this);
        }
    }

    /** {@code sigprocmask block|unblock|setmask SIG, ...}. */
    record Sigprocmask(Name how, List<Name> signals, Span span) implements SigCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSigprocmask(this);
        }
    }

    record Pause(Span span) implements SigCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPause(this);
        }
    }

    /** {@code sigsuspend [SIG, ...]}: wait with exactly these signals blocked (none when empty). */
    record Sigsuspend(List<Name> mask, Span span) implements SigCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSigsuspend(this);
        }
    }

    /** {@code alarm T}: SIGALRM after T; {@code alarm 0 s} cancels. */
    record Alarm(Quantity time, Span span) implements SigCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAlarm(this);
        }
    }

    /** One method per kind of call, none with a default. */
    interface Visitor<R> {
        R visitKill(Kill c);
        R visitRaise(Raise c);
        R visitHandler(Handler c);
        R visitSigaction(Sigaction c);
        R visitSigprocmask(Sigprocmask c);
        R visitPause(Pause c);
        R visitSigsuspend(Sigsuspend c);
        R visitAlarm(Alarm c);
    }
}
