package oss.runtime.kernel.ipc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.IpcLimits;
import oss.ir.program.IpcOp;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.ir.program.Val;
import oss.ir.program.Vals;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;
import oss.runtime.kernel.locking.Locking;

/**
 * System V message queues (msgget(2), msgsnd(2), msgrcv(2), msgctl(2); Linux's ipc/msg.c), and
 * the door to the POSIX ones ({@link MqCalls}): every call of {@link IpcOp} that is not shared
 * memory comes here. A send that finds a receiver asleep for its type hands the message straight
 * to it (pipelined_send); a receive that makes room completes the senders whose message now fits,
 * oldest first. A call's result ({@code n = ...}) and value ({@code into y}) go to the private
 * slots the lowering gave them.
 */
public final class MsgCalls implements IpcOp.Visitor<Boolean> {
    private final Core k;
    private final IpcLimits limits;
    private final IpcNamespace<MsgQueue> queues = new IpcNamespace<>();
    private final MqCalls mq;
    private Task t;
    private boolean made;
    private Span at;

    public MsgCalls(Core k, IpcLimits limits) {
        this.k = k;
        this.limits = limits;
        this.mq = new MqCalls(k);
        // a handled signal takes a sleeper off its queue; its call then fails with -1 (EINTR) or starts again
        oss.runtime.kernel.Interrupts.WaitQueue queue = new oss.runtime.kernel.Interrupts.WaitQueue() {
            @Override
            public void dequeue(Task sleeper, int index) {
                forget(sleeper);
            }

            @Override
            public void eintr(Task sleeper, Op op) {
                IpcOp call = ((Op.Ipc) op).call();
                set(sleeper, call instanceof IpcOp.MsgSnd s ? s.result() : call instanceof IpcOp.MsgRcv r ? r.result()
                        : call instanceof IpcOp.MqSend s ? s.result() : call instanceof IpcOp.MqReceive r ? r.result()
                        : null, -1);
                sleeper.next();
            }
        };
        for (Task.Blocker b : List.of(Task.Blocker.MSGSND, Task.Blocker.MSGRCV, Task.Blocker.MQ_SEND,
                Task.Blocker.MQ_RECEIVE)) {
            k.interrupts().register(b, queue);
        }
    }

    /** Runs {@code op} for {@code task}; false when it left the CPU (it sleeps). */
    public boolean call(Task task, Op.Ipc op) {
        this.t = task;
        this.at = op.span();
        return op.call().accept(this);
    }

    /** Whether any queue was made: the run then shows ipcs at its end. */
    public boolean used() {
        return made;
    }

    /** The live queues by msqid, for {@code ipcs -q}. */
    public List<MsgQueue> queues() {
        return queues.all();
    }

    // ---- System V

    @Override
    public Boolean visitMsgGet(IpcOp.MsgGet op) {
        int id = queues.find(op.key());
        boolean made = id < 0;
        this.made |= made;
        MsgQueue q = made ? queues.add(op.key(), i -> new MsgQueue(op.key(), i, op.variable(), t.comm,
                limits.msgmnb(), at)) : queues.get(id);
        if (op.slot() >= 0) {
            t.slots[op.slot()] = q.id;
        }
        fact("msgget", q.describe() + (made ? ", made now" : "") + ": " + q.contents());
        t.next();
        return true;
    }

    @Override
    public Boolean visitMsgSnd(IpcOp.MsgSnd op) {
        MsgQueue q = queue(op.slot(), "msgsnd", op.result());
        if (q == null) {
            return true;
        }
        if (op.bytes() > limits.msgmax()) {
            k.findings().add(Code.MSG_TOO_LARGE, at, t + ": msgsnd of " + op.bytes() + " B on " + q.describe()
                    + " fails with EINVAL: one message holds at most msgmax = " + limits.msgmax() + " B");
            return done(op.result(), -1, "msgsnd", "-1 (EINVAL: larger than msgmax " + limits.msgmax() + " B)");
        }
        if (q.fits(op.bytes())) {
            deliver(q, message(t, op));
            return done(op.result(), 0, "msgsnd", q.describe() + ": " + q.contents());
        }
        if (op.nowait()) {
            return done(op.result(), -1, "msgsnd", "-1 (EAGAIN: " + q.describe() + " holds " + q.cbytes + " of "
                    + q.qbytes + " B)");
        }
        q.senders.add(t.pid);
        k.block(t, Task.Blocker.MSGSND, q.id, at, "room for " + op.bytes() + " B in msgsnd on " + q.describe() + " ("
                + q.cbytes + " of " + q.qbytes + " B used)");
        return false;
    }

    @Override
    public Boolean visitMsgRcv(IpcOp.MsgRcv op) {
        MsgQueue q = queue(op.slot(), "msgrcv", op.result());
        if (q == null) {
            return true;
        }
        int i = q.find(op.type());
        if (i >= 0) {
            MsgQueue.Message m = q.messages.remove(i);
            q.cbytes -= m.bytes();
            received(t, op.into(), op.result(), m);
            fact("msgrcv", "got " + m.describe("type") + ", " + m.bytes() + " B; " + q.describe() + ": " + q.contents());
            t.next();
            roomMade(q);
            return true;
        }
        if (op.nowait()) {
            return done(op.result(), -1, "msgrcv", "-1 (ENOMSG: no message of " + wanted(op.type()) + ")");
        }
        q.receivers.add(t.pid);
        k.block(t, Task.Blocker.MSGRCV, q.id, at, "a message of " + wanted(op.type()) + " in msgrcv on " + q.describe());
        return false;
    }

    @Override
    public Boolean visitMsgRmid(IpcOp.MsgRmid op) {
        MsgQueue q = queue(op.slot(), "msgctl", null);
        if (q == null) {
            return true;
        }
        queues.remove(q.key, q.id);
        int lost = q.messages.size();
        q.messages.clear();
        q.cbytes = 0;
        // freeque: every sleeper wakes with EIDRM
        for (var waiters : List.of(q.receivers, q.senders)) {
            for (int pid : pids(waiters)) {
                Task w = k.task(pid);
                Op.Ipc call = (Op.Ipc) w.current();
                set(w, call.call() instanceof IpcOp.MsgRcv r ? r.result()
                        : ((IpcOp.MsgSnd) call.call()).result(), -1);
                w.next();
                k.wake(w);
            }
            waiters.clear();
        }
        fact("msgctl", q.describe() + " removed" + (lost > 0 ? " with " + lost + " messages" : ""));
        t.next();
        return true;
    }

    // ---- POSIX: ipc/mqueue.c

    @Override
    public Boolean visitMqOpen(IpcOp.MqOpen op) {
        return mq.open(t, op, at);
    }

    @Override
    public Boolean visitMqSend(IpcOp.MqSend op) {
        return mq.send(t, op, at);
    }

    @Override
    public Boolean visitMqReceive(IpcOp.MqReceive op) {
        return mq.receive(t, op, at);
    }

    @Override
    public Boolean visitMqUnlink(IpcOp.MqUnlink op) {
        return mq.unlink(t, op, at);
    }

    // ---- shared memory is shm's

    @Override
    public Boolean visitShmGet(IpcOp.ShmGet op) {
        throw new IllegalStateException("shared memory is not a message queue");
    }

    @Override
    public Boolean visitShmAt(IpcOp.ShmAt op) {
        throw new IllegalStateException("shared memory is not a message queue");
    }

    @Override
    public Boolean visitShmDt(IpcOp.ShmDt op) {
        throw new IllegalStateException("shared memory is not a message queue");
    }

    @Override
    public Boolean visitShmRmid(IpcOp.ShmRmid op) {
        throw new IllegalStateException("shared memory is not a message queue");
    }

    @Override
    public Boolean visitShmOpen(IpcOp.ShmOpen op) {
        throw new IllegalStateException("shared memory is not a message queue");
    }

    @Override
    public Boolean visitShmUnlink(IpcOp.ShmUnlink op) {
        throw new IllegalStateException("shared memory is not a message queue");
    }

    // ---- what the rest of the kernel asks

    /** The scenario's msgmax and msgmnb, for ipcs -l. */
    public IpcLimits limits() {
        return limits;
    }

    /** {@code t} ends while asleep in a queue: it leaves the queue's waiters. */
    public void forget(Task task) {
        switch (task.blocker) {
            case MSGSND, MSGRCV -> {
                MsgQueue q = queues.get(task.blockerIndex);
                if (q != null) {
                    q.senders.remove(task.pid);
                    q.receivers.remove(task.pid);
                }
            }
            case MQ_SEND, MQ_RECEIVE -> mq.forget(task);
            default -> { }
        }
    }

    /** For the wait-for graph: the live tasks whose code ahead could still end {@code sleeper}'s wait. */
    public List<Integer> waitsFor(Task sleeper, int taskCount, IntFunction<Task> tasks) {
        Op.Ipc call = (Op.Ipc) sleeper.current();
        java.util.function.Predicate<IpcOp> ends = switch (sleeper.blocker) {
            case MSGRCV -> o -> o instanceof IpcOp.MsgSnd s && matches(s.type(), ((IpcOp.MsgRcv) call.call()).type())
                    || o instanceof IpcOp.MsgRmid;
            case MSGSND -> o -> o instanceof IpcOp.MsgRcv || o instanceof IpcOp.MsgRmid;
            case MQ_SEND -> o -> o instanceof IpcOp.MqReceive;
            default -> o -> o instanceof IpcOp.MqSend;
        };
        List<Integer> out = Locking.mayDo(sleeper, taskCount, tasks, op -> op instanceof Op.Ipc i && ends.test(i.call()));
        out.removeIf(pid -> pid <= 0 || !tasks.apply(pid).alive());
        return out;
    }

    /** OSS2702: each queue the run leaves behind, as {@code ipcs -q} would still list it. */
    public void leftAtEnd() {
        for (MsgQueue q : queues.all()) {
            k.findings().add(Code.QUEUE_LEFT, q.madeAt, q.describe() + " outlives the run (" + q.contents() + "):"
                    + " a System V queue stays until `msgctl " + (q.variable.isEmpty() ? "q" : q.variable)
                    + " IPC_RMID`, and `ipcs -q` would still list it");
        }
    }

    // ---- helpers

    /** msgtyp as msgrcv(2) tests it: 0 any, &gt; 0 that type, &lt; 0 any type up to |msgtyp|. */
    static boolean matches(long type, long msgtyp) {
        return msgtyp == 0 || (msgtyp > 0 ? type == msgtyp : type <= -msgtyp);
    }

    static String wanted(long msgtyp) {
        return msgtyp == 0 ? "any type" : msgtyp > 0 ? "type " + msgtyp : "type ≤ " + -msgtyp + " (the lowest first)";
    }

    /** pipelined_send: the oldest receiver asleep for this type gets it at once; else it joins the queue. */
    private void deliver(MsgQueue q, MsgQueue.Message m) {
        for (int pid : pids(q.receivers)) {
            Task r = k.task(pid);
            IpcOp.MsgRcv want = (IpcOp.MsgRcv) ((Op.Ipc) r.current()).call();
            if (matches(m.type(), want.type())) {
                q.receivers.remove(pid);
                received(r, want.into(), want.result(), m);
                r.next();
                k.wake(r);
                return;
            }
        }
        q.messages.add(m);
        q.cbytes += m.bytes();
    }

    /** A receive took a message: the senders asleep whose message now fits complete, oldest first (ss_wakeup). */
    private void roomMade(MsgQueue q) {
        for (int pid : pids(q.senders)) {
            Task s = k.task(pid);
            IpcOp.MsgSnd send = (IpcOp.MsgSnd) ((Op.Ipc) s.current()).call();
            if (q.fits(send.bytes())) {
                q.senders.remove(pid);
                deliver(q, message(s, send));
                set(s, send.result(), 0);
                s.next();
                k.wake(s);
            }
        }
    }

    private MsgQueue queue(int slot, String call, Cell result) {
        long id = t.slots[slot];
        MsgQueue q = queues.get(id);
        if (q == null) {
            k.findings().add(Code.QUEUE_REMOVED, at, t + ": " + call + " on msqid " + id + ", a queue removed by"
                    + " msgctl IPC_RMID: it fails with EINVAL");
            done(result, -1, call, "-1 (EINVAL: msqid " + id + " was removed)");
        }
        return q;
    }

    private boolean done(Cell result, int value, String call, String summary) {
        set(t, result, value);
        t.syscalls.errno(value == -1 ? summary : null);
        fact(call, summary);
        t.next();
        return true;
    }

    private void fact(String call, String summary) {
        k.facts().record(at, t, k.now(), call, summary, List.of());
    }

    static MsgQueue.Message message(Task sender, IpcOp.MsgSnd op) {
        return new MsgQueue.Message(op.type(), op.bytes(), value(sender, op.value()));
    }

    /** An int payload, from the sender's private slots (the lowering hoisted every shared read). */
    static Integer value(Task sender, Val v) {
        if (v == null) {
            return null;
        }
        try {
            return Vals.eval(v, (cell, i) -> (int) sender.slots[cell.base() + i]);
        } catch (Vals.DataFault f) {
            return 0;
        }
    }

    static void received(Task r, Cell into, Cell result, MsgQueue.Message m) {
        if (m.value() != null) {
            set(r, into, m.value());
        }
        set(r, result, (int) m.bytes());
    }

    /** The sleepers now, so waking them may change the queue. */
    static List<Integer> pids(oss.runtime.kernel.locking.WaitQueue waiters) {
        List<Integer> out = new ArrayList<>();
        for (int pid : waiters) {
            out.add(pid);
        }
        return out;
    }

    static void set(Task task, Cell cell, int value) {
        task.syscalls.returned(value); // the last value a call stores is what it returns (strace)
        if (cell != null) {
            // the lowering gives a call only private cells with a constant index
            task.slots[cell.base() + (cell.index() instanceof Val.Const k ? (int) k.value() : 0)] = value;
        }
    }
}
