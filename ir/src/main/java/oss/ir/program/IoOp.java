package oss.ir.program;

import java.util.List;

/**
 * A call of the I/O models, the payload of {@link Op.IoModel} (docs/language.md, "The five I/O
 * models"). A descriptor is a slot and an end as in {@link FdOp}; a timeout of -1 is none (wait
 * for as long as it takes); {@code result} is the private temporary that {@code n = ...} reads, or null.
 */
public sealed interface IoOp {
    <R> R accept(Visitor<R> visitor);

    /** select(2), or poll(2) with {@code poll}, on the read set: one slot and one end per descriptor. */
    record Select(boolean poll, List<Integer> slots, List<Integer> ends, long timeoutNs, Cell result) implements IoOp {
        public Select {
            slots = List.copyOf(slots);
            ends = List.copyOf(ends);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSelect(this);
        }
    }

    /** epoll_create1(0): its descriptor goes to {@code slot} (-1: not kept). */
    record EpollCreate(int slot) implements IoOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitEpollCreate(this);
        }
    }

    /** epoll_ctl(2) EPOLL_CTL_ADD ({@code add}) or EPOLL_CTL_DEL; {@code edge} is EPOLLET. */
    record EpollCtl(int epSlot, boolean add, int slot, int end, boolean edge, Cell result) implements IoOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitEpollCtl(this);
        }
    }

    record EpollWait(int epSlot, long timeoutNs, Cell result) implements IoOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitEpollWait(this);
        }
    }

    /** fcntl(2) F_SETOWN to the caller and F_SETFL O_ASYNC. */
    record Fcntl(int slot, int end, Cell result) implements IoOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFcntl(this);
        }
    }

    /** aio_read(3) of {@code bytes}; the request is kept in {@code requestSlot}; {@code signal} null for SIGEV_NONE. */
    record AioRead(int requestSlot, int slot, int end, long bytes, Signal signal, Cell result) implements IoOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAioRead(this);
        }
    }

    record AioSuspend(int requestSlot, Cell result) implements IoOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAioSuspend(this);
        }
    }

    record AioReturn(int requestSlot, Cell result) implements IoOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAioReturn(this);
        }
    }

    interface Visitor<R> {
        R visitSelect(Select op);
        R visitEpollCreate(EpollCreate op);
        R visitEpollCtl(EpollCtl op);
        R visitEpollWait(EpollWait op);
        R visitFcntl(Fcntl op);
        R visitAioRead(AioRead op);
        R visitAioSuspend(AioSuspend op);
        R visitAioReturn(AioReturn op);
    }
}
