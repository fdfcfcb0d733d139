package oss.runtime.kernel.ipc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oss.ir.diag.Code;
import oss.ir.program.IpcOp;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * POSIX message queues (mq_open(3), mq_send(3), mq_receive(3), mq_unlink(3); Linux's
 * ipc/mqueue.c). A descriptor is the queue's index in the order queues were made, kept in the
 * caller's slot; a name unlinked leaves the queue to whoever has it open, and a later mq_open of
 * the name makes a new one. A send finding a receiver asleep hands it the message (pipelined_send);
 * a receive that frees a place takes the oldest sender's message into the queue
 * (pipelined_receive).
 */
public final class MqCalls {
    private final Core k;
    private final Map<String, PosixMqueue> names = new TreeMap<>();
    private final List<PosixMqueue> all = new ArrayList<>();

    MqCalls(Core k) {
        this.k = k;
    }

    boolean open(Task t, IpcOp.MqOpen op, Span at) {
        PosixMqueue q = names.get(op.name());
        boolean made = q == null;
        if (made) {
            q = new PosixMqueue(op.name(), op.variable(), op.maxMessages(), op.messageSize());
            names.put(op.name(), q);
            all.add(q);
        }
        if (op.slot() >= 0) {
            t.slots[op.slot()] = all.indexOf(q);
        }
        fact(t, at, "mq_open", q.describe() + (made ? ", made now (maxmsg " + q.maxmsg + ", msgsize " + q.msgsize
                + " B)" : "") + ": " + q.contents());
        t.next();
        return true;
    }

    boolean send(Task t, IpcOp.MqSend op, Span at) {
        PosixMqueue q = all.get((int) t.slots[op.slot()]);
        if (op.bytes() > q.msgsize) {
            k.findings().add(Code.MSG_TOO_LARGE, at, t + ": mq_send of " + op.bytes() + " B on " + q.describe()
                    + " fails with EMSGSIZE: its messages hold at most msgsize = " + q.msgsize + " B");
            return done(t, at, op.result(), -1, "mq_send", "-1 (EMSGSIZE)");
        }
        MsgQueue.Message m = message(t, op);
        if (q.messages.size() < q.maxmsg) {
            deliver(q, m);
            return done(t, at, op.result(), 0, "mq_send", q.describe() + ": " + q.contents());
        }
        if (op.nowait()) {
            return done(t, at, op.result(), -1, "mq_send", "-1 (EAGAIN: " + q.describe() + " holds its " + q.maxmsg
                    + " messages)");
        }
        q.senders.add(t.pid);
        k.block(t, Task.Blocker.MQ_SEND, all.indexOf(q), at, "room in mq_send on " + q.describe() + " (full: "
                + q.maxmsg + " messages)");
        return false;
    }

    boolean receive(Task t, IpcOp.MqReceive op, Span at) {
        PosixMqueue q = all.get((int) t.slots[op.slot()]);
        if (!q.messages.isEmpty()) {
            MsgQueue.Message m = q.take();
            MsgCalls.received(t, op.into(), op.result(), m);
            int pid = q.senders.poll();
            if (pid >= 0) {
                Task s = k.task(pid);
                IpcOp.MqSend send = (IpcOp.MqSend) ((Op.Ipc) s.current()).call();
                q.insert(message(s, send));
                MsgCalls.set(s, send.result(), 0);
                s.next();
                k.wake(s);
            }
            fact(t, at, "mq_receive", "got " + m.describe("prio") + ", " + m.bytes() + " B; " + q.describe() + ": "
                    + q.contents());
            t.next();
            return true;
        }
        if (op.nowait()) {
            return done(t, at, op.result(), -1, "mq_receive", "-1 (EAGAIN: " + q.describe() + " is empty)");
        }
        q.receivers.add(t.pid);
        k.block(t, Task.Blocker.MQ_RECEIVE, all.indexOf(q), at, "a message in mq_receive on " + q.describe());
        return false;
    }

    boolean unlink(Task t, IpcOp.MqUnlink op, Span at) {
        PosixMqueue q = names.remove(op.name());
        if (q != null) {
            q.unlinked = true;
        }
        fact(t, at, "mq_unlink", q == null ? "-1 (ENOENT: no queue \"" + op.name() + "\")"
                : "\"" + op.name() + "\" unlinked; the queue lives while it is open: " + q.contents());
        t.next();
        return true;
    }

    void forget(Task t) {
        if (t.blockerIndex >= 0 && t.blockerIndex < all.size()) {
            all.get(t.blockerIndex).senders.remove(t.pid);
            all.get(t.blockerIndex).receivers.remove(t.pid);
        }
    }

    private void deliver(PosixMqueue q, MsgQueue.Message m) {
        int pid = q.receivers.poll();
        if (pid < 0) {
            q.insert(m);
            return;
        }
        Task r = k.task(pid);
        IpcOp.MqReceive want = (IpcOp.MqReceive) ((Op.Ipc) r.current()).call();
        MsgCalls.received(r, want.into(), want.result(), m);
        r.next();
        k.wake(r);
    }

    private static MsgQueue.Message message(Task sender, IpcOp.MqSend op) {
        return new MsgQueue.Message(op.priority(), op.bytes(), MsgCalls.value(sender, op.value()));
    }

    private boolean done(Task t, Span at, oss.ir.program.Cell result, int value, String call, String summary) {
        MsgCalls.set(t, result, value);
        t.syscalls.errno(value == -1 ? summary : null);
        fact(t, at, call, summary);
        t.next();
        return true;
    }

    private void fact(Task t, Span at, String call, String summary) {
        k.facts().record(at, t, k.now(), call, summary, List.of());
    }
}
