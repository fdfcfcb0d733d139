package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/**
 * A call of the I/O models (grammar rule {@code ioCall}); the statement that holds one is
 * {@link Stmt.IoModel}. epoll_ctl's operation and events, fcntl's flag and aio's signal are
 * {@link Name}s the compiler reads. docs/language.md, "The five I/O models".
 */
public sealed interface IoCall extends Node {

    <R> R accept(Visitor<R> visitor);

    /** {@code select f, g [timeout T]} or, with {@code poll} true, {@code poll f, g [timeout T]}. */
    record Select(boolean poll, List<FdRef> fds, Optional<Quantity> timeout, Span span) implements IoCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSelect(this);
        }
    }

    record EpollCreate(Span span) implements IoCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitEpollCreate(this);
        }
    }

    /** {@code epoll_ctl ep add|del f [in] [et]}. */
    record EpollCtl(Name epoll, Name operation, FdRef fd, List<Name> events, Span span) implements IoCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitEpollCtl(this);
        }
    }

    record EpollWait(Name epoll, Optional<Quantity> timeout, Span span) implements IoCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitEpollWait(this);
        }
    }

    /** {@code fcntl f O_ASYNC}. */
    record Fcntl(FdRef fd, Name flag, Span span) implements IoCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFcntl(this);
        }
    }

    /** {@code a = aio_read f SIZE [notify SIG]}. */
    record AioRead(FdRef fd, Quantity size, Optional<Name> signal, Span span) implements IoCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAioRead(this);
        }
    }

    record AioSuspend(Name request, Span span) implements IoCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAioSuspend(this);
        }
    }

    record AioReturn(Name request, Span span) implements IoCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAioReturn(this);
        }
    }

    interface Visitor<R> {
        R visitSelect(Select c);
        R visitEpollCreate(EpollCreate c);
        R visitEpollCtl(EpollCtl c);
        R visitEpollWait(EpollWait c);
        R visitFcntl(Fcntl c);
        R visitAioRead(AioRead c);
        R visitAioSuspend(AioSuspend c);
        R visitAioReturn(AioReturn c);
    }
}
