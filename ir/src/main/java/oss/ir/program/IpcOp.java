package oss.ir.program;

/**
 * A System V or POSIX message-queue or shared-memory call, the payload of {@link Op.Ipc}
 * (docs/language.md, "Processes that talk"). Queues and segments are named by the body's slot
 * that holds their id; {@code result} is the cell {@code n = ...} sets (0 or bytes, -1 on an
 * error), null without one; {@code value} is null when the message is only bytes.
 */
public sealed interface IpcOp {
    <R> R accept(Visitor<R> visitor);

    /** Whether the call is shared memory's (System V or POSIX), not a message queue's. */
    static boolean isShm(IpcOp op) {
        return op instanceof ShmGet || op instanceof ShmAt || op instanceof ShmDt || op instanceof ShmRmid
                || op instanceof ShmOpen || op instanceof ShmUnlink;
    }

    /** {@code variable} is the name that keeps the queue ("" without one), for the run's words. */
    record MsgGet(int slot, int key, String variable) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMsgGet(this);
        }
    }

    record MsgSnd(int slot, long type, long bytes, Val value, Cell result, boolean nowait) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMsgSnd(this);
        }
    }

    /** msgtyp as in msgrcv(2): 0 the first message, &gt; 0 the first of that type, &lt; 0 the lowest type ≤ |type|. */
    record MsgRcv(int slot, long type, Cell into, Cell result, boolean nowait) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMsgRcv(this);
        }
    }

    /** {@code msgctl q IPC_RMID}. */
    record MsgRmid(int slot) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMsgRmid(this);
        }
    }

    record MqOpen(int slot, String name, int maxMessages, long messageSize, String variable) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMqOpen(this);
        }
    }

    record MqSend(int slot, long bytes, Val value, int priority, Cell result, boolean nowait) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMqSend(this);
        }
    }

    record MqReceive(int slot, Cell into, Cell result, boolean nowait) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMqReceive(this);
        }
    }

    record MqUnlink(String name) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMqUnlink(this);
        }
    }

    record ShmGet(int slot, int key, long bytes) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmGet(this);
        }
    }

    /** Attach the segment in {@code segment} (a slot); the region's start goes to {@code slot}. */
    record ShmAt(int slot, int segment, boolean readOnly) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmAt(this);
        }
    }

    record ShmDt(int slot, Cell result) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmDt(this);
        }
    }

    /** {@code shmctl s IPC_RMID}. */
    record ShmRmid(int slot, Cell result) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmRmid(this);
        }
    }

    record ShmOpen(int slot, String name, long bytes) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmOpen(this);
        }
    }

    record ShmUnlink(String name, Cell result) implements IpcOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShmUnlink(this);
        }
    }

    interface Visitor<R> {
        R visitMsgGet(MsgGet op);
        R visitMsgSnd(MsgSnd op);
        R visitMsgRcv(MsgRcv op);
        R visitMsgRmid(MsgRmid op);
        R visitMqOpen(MqOpen op);
        R visitMqSend(MqSend op);
        R visitMqReceive(MqReceive op);
        R visitMqUnlink(MqUnlink op);
        R visitShmGet(ShmGet op);
        R visitShmAt(ShmAt op);
        R visitShmDt(ShmDt op);
        R visitShmRmid(ShmRmid op);
        R visitShmOpen(ShmOpen op);
        R visitShmUnlink(ShmUnlink op);
    }
}
