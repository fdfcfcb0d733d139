package oss.runtime.kernel.ipc;

import java.util.ArrayList;
import java.util.List;
import oss.runtime.kernel.locking.WaitQueue;

/**
 * A System V message queue (Linux's {@code struct msg_queue}): its messages in the order sent,
 * the bytes they hold ({@code q_cbytes}) against the limit {@code q_qbytes} (msgmnb), and the
 * tasks asleep sending and receiving, each woken in the order it slept.
 */
public final class MsgQueue {
    /** One message (msg_msg): its type (or priority), its size, and its int value when it carries one. */
    public record Message(long type, long bytes, Integer value) {
        String describe(String what) {
            return what + " " + type + (value == null ? "" : " (" + value + ")");
        }
    }

    public final int key;
    public final int id;
    /** The variable of the msgget that made it, for the run's words ("" when none). */
    public final String variable;
    /** Who made it: ipcs's owner column. */
    public final String owner;
    public final long qbytes;
    public final List<Message> messages = new ArrayList<>();
    public long cbytes;
    public final WaitQueue senders = new WaitQueue();
    public final WaitQueue receivers = new WaitQueue();

    /** The msgget that made it, for the finding of a queue left at the end. */
    public final oss.ir.program.Span madeAt;

    public MsgQueue(int key, int id, String variable, String owner, long qbytes, oss.ir.program.Span madeAt) {
        this.madeAt = madeAt;
        this.key = key;
        this.id = id;
        this.variable = variable;
        this.owner = owner;
        this.qbytes = qbytes;
    }

    /** Whether a message of {@code bytes} fits now (msg_fits_inqueue: bytes and count both within q_qbytes). */
    boolean fits(long bytes) {
        return bytes + cbytes <= qbytes && 1 + messages.size() <= qbytes;
    }

    /** The index of the message msgrcv takes for {@code msgtyp} (find_msg), or -1. */
    int find(long msgtyp) {
        if (msgtyp == 0) {
            return messages.isEmpty() ? -1 : 0;
        }
        int found = -1;
        for (int i = 0; i < messages.size(); i++) {
            long type = messages.get(i).type();
            if (msgtyp > 0 && type == msgtyp) {
                return i;
            }
            if (msgtyp < 0 && type <= -msgtyp && (found < 0 || type < messages.get(found).type())) {
                found = i;
            }
        }
        return found;
    }

    /** "queue q (key 42)", in the user's words. */
    public String describe() {
        String name = variable.isEmpty() ? "queue" : "queue " + variable;
        return name + " (" + (key == 0 ? "IPC_PRIVATE" : "key " + key) + ", msqid " + id + ")";
    }

    /** What it holds now: "3 messages, 192 B: type 1, type 2, type 1". */
    public String contents() {
        return summary(messages, cbytes, "type");
    }

    static String summary(List<Message> messages, long bytes, String what) {
        if (messages.isEmpty()) {
            return "empty";
        }
        StringBuilder out = new StringBuilder(messages.size() + (messages.size() == 1 ? " message, " : " messages, ")
                + bytes + " B: ");
        int shown = Math.min(messages.size(), 8);
        for (int i = 0; i < shown; i++) {
            out.append(i == 0 ? "" : ", ").append(messages.get(i).describe(what));
        }
        return out.append(messages.size() > shown ? ", ..." : "").toString();
    }
}
