package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/**
 * A System V or POSIX message-queue or shared-memory call (grammar rule {@code ipcCall}); the
 * statement that holds one is {@link Stmt.Ipc}. docs/language.md, "Processes that talk".
 */
public sealed interface IpcCall extends Node {

    <R> R accept(Visitor<R> visitor);

    /** {@code msgget KEY}: the queue of that key, created on first use (IPC_CREAT). */
    record MsgGet(Expr key, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMsgGet(this);
        }
    }

    /** {@code msgsnd q type T PAYLOAD [nowait]}: payload as for {@code write}: bytes with a unit, an int without. */
    record MsgSnd(Name queue, Expr type, Quantity payload, boolean nowait, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMsgSnd(this);
        }
    }

    /** {@code msgrcv q type T [into x] [nowait]}: T = 0 the first, T > 0 the first of type T, T < 0 the lowest type ≤ |T|. */
    record MsgRcv(Name queue, Expr type, Optional<Ref> into, boolean nowait, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMsgRcv(this);
        }
    }

    /** {@code msgctl q IPC_RMID}. */
    record MsgCtl(Name queue, Name command, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMsgCtl(this);
        }
    }

    /** One {@code word value} option of {@code mq_open}: {@code maxmsg 10}, {@code msgsize 64 B}. */
    record Option(Name key, Quantity value, Span span) implements Node {}

    /** {@code mq_open "/name" [maxmsg N] [msgsize SIZE]}: O_CREAT | O_RDWR. */
    record MqOpen(Text path, List<Option> options, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMqOpen(this);
        }
    }

    record MqSend(Name queue, Quantity payload, Optional<Expr> prio, boolean nowait, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMqSend(this);
        }
    }

    record MqReceive(Name queue, Optional<Ref> into, boolean nowait, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMqReceive(this);
        }
    }

    record MqUnlink(Text path, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMqUnlink(this);
        }
    }

    /** {@code shmget KEY SIZE}: the segment of that key, created on first use. */
    record ShmGet(Expr key, Quantity size, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmGet(this);
        }
    }

    /** {@code a = shmat s [readonly]}: attach; {@code a} is a region like a mapping's. */
    record ShmAt(Name segment, Optional<Name> access, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmAt(this);
        }
    }

    record ShmDt(Name region, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmDt(this);
        }
    }

    /** {@code shmctl s IPC_RMID}. */
    record ShmCtl(Name segment, Name command, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmCtl(this);
        }
    }

    /** {@code fd = shm_open "/name" SIZE}: O_CREAT | O_RDWR and ftruncate to SIZE; mapped with {@code mmap fd ...}. */
    record ShmOpen(Text path, Quantity size, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmOpen(this);
        }
    }

    record ShmUnlink(Text path, Span span) implements IpcCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmUnlink(this);
        }
    }

    /** One method per kind of call, none with a default. */
    interface Visitor<R> {
        R visitMsgGet(MsgGet c);
        R visitMsgSnd(MsgSnd c);
        R visitMsgRcv(MsgRcv c);
        R visitMsgCtl(MsgCtl c);
        R visitMqOpen(MqOpen c);
        R visitMqSend(MqSend c);
        R visitMqReceive(MqReceive c);
        R visitMqUnlink(MqUnlink c);
        R visitShmGet(ShmGet c);
        R visitShmAt(ShmAt c);
        R visitShmDt(ShmDt c);
        R visitShmCtl(ShmCtl c);
        R visitShmOpen(ShmOpen c);
        R visitShmUnlink(ShmUnlink c);
    }
}
