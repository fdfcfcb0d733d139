package oss.runtime.kernel.ipc;

import java.util.ArrayList;
import java.util.List;
import oss.runtime.kernel.locking.WaitQueue;

/**
 * A POSIX message queue (mq_overview(7), Linux's ipc/mqueue.c): at most {@code maxmsg} messages
 * of at most {@code msgsize} bytes, kept highest priority first and, within a priority, oldest
 * first. Its name may be unlinked while processes still have it open.
 */
public final class PosixMqueue {
    public final String name;
    public final String variable;
    public final int maxmsg;
    public final long msgsize;
    /** Message "types" here are priorities. */
    public final List<MsgQueue.Message> messages = new ArrayList<>();
    public long bytes;
    public boolean unlinked;
    public final WaitQueue senders = new WaitQueue();
    public final WaitQueue receivers = new WaitQueue();

    public PosixMqueue(String name, String variable, int maxmsg, long msgsize) {
        this.name = name;
        this.variable = variable;
        this.maxmsg = maxmsg;
        this.msgsize = msgsize;
    }

    /** Queues the message after every one of its priority or higher (msg_insert). */
    void insert(MsgQueue.Message m) {
        int at = 0;
        while (at < messages.size() && messages.get(at).type() >= m.type()) {
            at++;
        }
        messages.add(at, m);
        bytes += m.bytes();
    }

    MsgQueue.Message take() {
        MsgQueue.Message m = messages.remove(0);
        bytes -= m.bytes();
        return m;
    }

    public String describe() {
        return (variable.isEmpty() ? "POSIX queue " : "POSIX queue " + variable + " ") + "(\"" + name + "\")";
    }

    public String contents() {
        return MsgQueue.summary(messages, bytes, "prio");
    }
}
