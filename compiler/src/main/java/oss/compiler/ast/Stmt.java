package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.runtime.program.Span;

/** One statement of a process body; one record per alternative of the grammar's {@code statement}. */
public sealed interface Stmt extends Node {

    record Compute(Quantity time, Span span) implements Stmt {}

    record Sleep(Quantity time, Span span) implements Stmt {}

    record Io(Quantity time, Span span) implements Stmt {}

    record Repeat(Expr count, Block body, Span span) implements Stmt {}

    record For(Name variable, Range range, Block body, Span span) implements Stmt {}

    record Lock(Ref mutex, Span span) implements Stmt {}

    record Unlock(Ref mutex, Span span) implements Stmt {}

    /** {@code trylock m}, optionally with a block for success and an {@code else} block. */
    record TryLock(Ref mutex, Optional<Block> then, Optional<Block> otherwise, Span span) implements Stmt {}

    record WaitAny(Span span) implements Stmt {}

    /** {@code wait X}: a child (fork variable) or a semaphore, decided by the checker. */
    record Wait(Ref target, Span span) implements Stmt {}

    record Post(Ref semaphore, Span span) implements Stmt {}

    /** {@code P(s)} or {@code V(s)}; the callee is kept as written. */
    record Call(Name callee, Ref argument, Span span) implements Stmt {}

    record Claim(List<Amount> amounts, Span span) implements Stmt {
        public Claim {
            amounts = List.copyOf(amounts);
        }
    }

    record Request(List<Amount> amounts, Span span) implements Stmt {
        public Request {
            amounts = List.copyOf(amounts);
        }
    }

    record Release(List<Amount> amounts, Span span) implements Stmt {
        public Release {
            amounts = List.copyOf(amounts);
        }
    }

    /** {@code c = fork { ... }} or a bare {@code fork { ... }}. */
    record Fork(Optional<Name> variable, Block body, Span span) implements Stmt {}

    record Exit(Optional<Expr> status, Span span) implements Stmt {}
}
