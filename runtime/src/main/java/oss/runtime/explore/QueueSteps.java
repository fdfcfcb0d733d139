package oss.runtime.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oss.ir.program.Cell;
import oss.ir.program.IpcLimits;
import oss.ir.program.IpcOp;
import oss.ir.program.Op;
import oss.ir.program.OpBodies;
import oss.ir.program.Program;
import oss.ir.program.ProcessDef;
import oss.ir.program.Val;

/**
 * Message queues in the explorer (docs/language.md, "Message queues"): the meaning of the
 * {@link Instr#MSG} steps, as {@code kernel.ipc.MsgCalls} and {@code MqCalls} give them in a run.
 * Queues are known before exploring: one per {@code msgget} key and one per {@code mq_open}
 * name, and a queue variable's slot holds its queue's number. Each queue is a fixed region of
 * the state: [state, maxmsg, msgsize, count, then (type or priority, bytes, has a value, value)
 * per message, oldest first (POSIX: highest priority first)], zeroed past the count so equal
 * queues are equal states. A send is enabled while its message fits, a receive while a message
 * it takes is there; with {@code nowait}, or on a removed queue, both always are, and fail.
 * What this cannot hold faithfully it refuses, and the explorer says so ({@link #unexplored}).
 */
final class QueueSteps {
    /** The most messages one queue may hold here; a scenario that may queue more is not explored. */
    static final int MAX_MESSAGES = 32;
    static final int Q_STATE = 0, Q_MAXMSG = 1, Q_MSGSIZE = 2, Q_COUNT = 3, Q_ENTRIES = 4;
    static final int ENTRY = 4, E_TYPE = 0, E_BYTES = 1, E_HAS = 2, E_VALUE = 3;
    /** Q_STATE: made (or never made: the same, an empty queue), removed (IPC_RMID) or unlinked (POSIX). */
    static final int LIVE = 0, GONE = 1;

    private final Model m;
    private final Map<Integer, Integer> byKey = new TreeMap<>();
    private final Map<String, Integer> byName = new TreeMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<Boolean> posix = new ArrayList<>();
    private final List<Integer> capacity = new ArrayList<>();
    private final int[] offset;
    final int base;
    final int size;
    private final IpcLimits limits;
    /** Why the explorer cannot follow these queues, or null. */
    final String unexplored;

    QueueSteps(Model m, Program program, int base) {
        this.m = m;
        this.base = base;
        this.limits = program.kernel().ipc();
        Scan scan = new Scan();
        for (ProcessDef p : program.processes()) {
            scan.sends += scan.count(p.body());
        }
        String why = scan.why;
        long minBytes = scan.minBytes == Long.MAX_VALUE ? 0 : scan.minBytes;
        offset = new int[names.size()];
        int at = base;
        for (int q = 0; q < names.size(); q++) {
            long cap = scan.sends;
            if (posix.get(q)) {
                cap = Math.min(cap, capacity.get(q));
            } else {
                cap = Math.min(cap, Math.min(limits.msgmnb(), minBytes > 0 ? limits.msgmnb() / minBytes : Long.MAX_VALUE));
            }
            if (cap > MAX_MESSAGES && why == null) {
                why = names.get(q) + " may hold more than " + MAX_MESSAGES + " messages at once";
            }
            cap = Math.min(cap, MAX_MESSAGES);
            capacity.set(q, (int) cap);
            offset[q] = at;
            at += Q_ENTRIES + ENTRY * (int) cap;
        }
        this.size = at - base;
        this.unexplored = why;
    }

    /** Which queues exist, how many messages may be sent, and what the explorer cannot follow. */
    private final class Scan {
        long sends;
        long minBytes = Long.MAX_VALUE;
        String why;

        long count(List<Op> ops) {
            long n = 0;
            for (Op op : ops) {
                if (op instanceof Op.Ipc i && !IpcOp.isShm(i.call())) {
                    n += call(i.call());
                }
                long inner = 0;
                for (List<Op> body : OpBodies.of(op)) {
                    inner += count(body);
                }
                if (op instanceof Op.Repeat r) {
                    inner = inner == 0 ? 0 : r.count() > MAX_MESSAGES ? MAX_MESSAGES + 1 : inner * r.count();
                } else if (op instanceof Op.Loop && inner > 0) {
                    inner = MAX_MESSAGES + 1; // a while loop may send any number of times
                }
                n = Math.min(n + inner, Integer.MAX_VALUE);
            }
            return n;
        }

        private long call(IpcOp c) {
            if (c instanceof IpcOp.MsgGet g) {
                if (g.key() == 0) {
                    why = why != null ? why : "IPC_PRIVATE queues (msgget 0)";
                } else if (!byKey.containsKey(g.key())) {
                    byKey.put(g.key(), names.size());
                    names.add((g.variable().isEmpty() ? "queue" : "queue " + g.variable()) + " (key " + g.key() + ")");
                    posix.add(false);
                    capacity.add(0);
                }
            } else if (c instanceof IpcOp.MqOpen o) {
                Integer q = byName.get(o.name());
                if (q == null) {
                    byName.put(o.name(), names.size());
                    names.add("POSIX queue " + (o.variable().isEmpty() ? "" : o.variable() + " ") + "(\"" + o.name() + "\")");
                    posix.add(true);
                    capacity.add(o.maxMessages());
                } else {
                    capacity.set(q, Math.max(capacity.get(q), o.maxMessages()));
                }
            } else if (c instanceof IpcOp.MsgSnd s) {
                minBytes = Math.min(minBytes, s.bytes());
                return 1;
            } else if (c instanceof IpcOp.MqSend) {
                return 1;
            }
            return 0;
        }
    }

    int[] initial(int[] s) {
        for (int q = 0; q < offset.length; q++) {
            s[offset[q] + Q_MAXMSG] = posix.get(q) ? capacity.get(q) : 0;
        }
        return s;
    }

    // ---- the steps

    private static IpcOp call(FlatCode c, int pc) {
        return ((Op.Ipc) c.op[pc]).call();
    }

    private int slot(int[] s, int t, int slot) {
        return s[m.base(t) + m.slotBase + slot];
    }

    private int queue(int[] s, int t, int slot) {
        int q = slot(s, t, slot);
        return q >= 0 && q < offset.length ? q : 0;
    }

    /** 1 when the step can be taken now, 0 when the task sleeps. */
    int choices(int[] s, int t, FlatCode c, int pc) {
        IpcOp call = call(c, pc);
        if (call instanceof IpcOp.MsgSnd send) {
            int o = offset[queue(s, t, send.slot())];
            return send.nowait() || s[o + Q_STATE] == GONE || send.bytes() > limits.msgmax()
                    || fits(s, o, send.bytes()) ? 1 : 0;
        }
        if (call instanceof IpcOp.MsgRcv r) {
            int o = offset[queue(s, t, r.slot())];
            return r.nowait() || s[o + Q_STATE] == GONE || find(s, o, r.type()) >= 0 ? 1 : 0;
        }
        if (call instanceof IpcOp.MqSend send) {
            int o = offset[queue(s, t, send.slot())];
            return send.nowait() || send.bytes() > s[o + Q_MSGSIZE] || s[o + Q_COUNT] < s[o + Q_MAXMSG] ? 1 : 0;
        }
        if (call instanceof IpcOp.MqReceive r) {
            int o = offset[queue(s, t, r.slot())];
            return r.nowait() || s[o + Q_COUNT] > 0 ? 1 : 0;
        }
        return 1; // msgget, msgctl, mq_open, mq_unlink never sleep
    }

    void apply(int[] s, int t, FlatCode c, int pc, DataSteps data) {
        IpcOp call = call(c, pc);
        int b = m.base(t);
        if (call instanceof IpcOp.MsgGet g) {
            int q = byKey.get(g.key());
            int o = offset[q];
            if (s[o + Q_STATE] == GONE) {
                clear(s, q); // the key makes a new queue
            }
            if (g.slot() >= 0) {
                s[b + m.slotBase + g.slot()] = q;
            }
        } else if (call instanceof IpcOp.MsgSnd send) {
            int o = offset[queue(s, t, send.slot())];
            boolean ok = s[o + Q_STATE] != GONE && send.bytes() <= limits.msgmax() && fits(s, o, send.bytes());
            if (ok) {
                insert(s, o, s[o + Q_COUNT], send.type(), send.bytes(), send.value(), value(s, t, send.value(), c, pc, data));
            }
            set(s, b, send.result(), ok ? 0 : -1);
        } else if (call instanceof IpcOp.MsgRcv r) {
            int o = offset[queue(s, t, r.slot())];
            int i = s[o + Q_STATE] == GONE ? -1 : find(s, o, r.type());
            receive(s, b, o, i, r.into(), r.result());
        } else if (call instanceof IpcOp.MsgRmid rm) {
            clear(s, queue(s, t, rm.slot()));
            s[offset[queue(s, t, rm.slot())] + Q_STATE] = GONE;
        } else if (call instanceof IpcOp.MqOpen open) {
            int q = byName.get(open.name());
            int o = offset[q];
            if (s[o + Q_STATE] == GONE || s[o + Q_MSGSIZE] == 0) {
                clear(s, q); // made now: this open's attributes
                s[o + Q_MAXMSG] = Math.min(open.maxMessages(), capacity.get(q));
                s[o + Q_MSGSIZE] = (int) Math.min(Integer.MAX_VALUE, open.messageSize());
            }
            if (open.slot() >= 0) {
                s[b + m.slotBase + open.slot()] = q;
            }
        } else if (call instanceof IpcOp.MqSend send) {
            int o = offset[queue(s, t, send.slot())];
            boolean ok = send.bytes() <= s[o + Q_MSGSIZE] && s[o + Q_COUNT] < s[o + Q_MAXMSG];
            if (ok) {
                int at = 0;
                while (at < s[o + Q_COUNT] && s[entry(o, at) + E_TYPE] >= send.priority()) {
                    at++;
                }
                insert(s, o, at, send.priority(), send.bytes(), send.value(), value(s, t, send.value(), c, pc, data));
            }
            set(s, b, send.result(), ok ? 0 : -1);
        } else if (call instanceof IpcOp.MqReceive r) {
            int o = offset[queue(s, t, r.slot())];
            receive(s, b, o, s[o + Q_COUNT] > 0 ? 0 : -1, r.into(), r.result());
        } else if (call instanceof IpcOp.MqUnlink u) {
            Integer q = byName.get(u.name());
            if (q != null && s[offset[q] + Q_MSGSIZE] != 0) {
                s[offset[q] + Q_STATE] = GONE; // a later mq_open of the name makes a new queue
            }
        }
    }

    /** What a task asleep in this step waits for, in the run's words. */
    String describe(int[] s, int t, FlatCode c, int pc) {
        IpcOp call = call(c, pc);
        if (call instanceof IpcOp.MsgRcv r) {
            return " waits in msgrcv on " + names.get(queue(s, t, r.slot())) + " for a message of "
                    + (r.type() == 0 ? "any type" : r.type() > 0 ? "type " + r.type() : "type ≤ " + -r.type())
                    + "; nobody left can send one";
        }
        if (call instanceof IpcOp.MsgSnd send) {
            return " waits in msgsnd on " + names.get(queue(s, t, send.slot())) + " for room for " + send.bytes()
                    + " B; nobody left receives";
        }
        if (call instanceof IpcOp.MqSend send) {
            return " waits in mq_send on " + names.get(queue(s, t, send.slot())) + ", full; nobody left receives";
        }
        if (call instanceof IpcOp.MqReceive r) {
            return " waits in mq_receive on " + names.get(queue(s, t, r.slot())) + "; nobody left sends";
        }
        return " is blocked";
    }

    // ---- a queue's region

    private static int entry(int o, int i) {
        return o + Q_ENTRIES + ENTRY * i;
    }

    private boolean fits(int[] s, int o, long bytes) {
        long used = 0;
        for (int i = 0; i < s[o + Q_COUNT]; i++) {
            used += s[entry(o, i) + E_BYTES];
        }
        int n = s[o + Q_COUNT];
        return bytes + used <= limits.msgmnb() && 1 + n <= limits.msgmnb() && n < capacityAt(o);
    }

    private int capacityAt(int o) {
        for (int q = 0; q < offset.length; q++) {
            if (offset[q] == o) {
                return capacity.get(q);
            }
        }
        return 0;
    }

    /** find_msg: the index of the message msgtyp selects, or -1. */
    private static int find(int[] s, int o, long msgtyp) {
        int n = s[o + Q_COUNT];
        int found = -1;
        for (int i = 0; i < n; i++) {
            long type = s[entry(o, i) + E_TYPE];
            if (msgtyp == 0 || msgtyp > 0 && type == msgtyp) {
                return i;
            }
            if (msgtyp < 0 && type <= -msgtyp && (found < 0 || type < s[entry(o, found) + E_TYPE])) {
                found = i;
            }
        }
        return found;
    }

    private static int value(int[] s, int t, Val value, FlatCode c, int pc, DataSteps data) {
        return value == null ? 0 : data.eval(s, t, value, c.span[pc]);
    }

    private static void insert(int[] s, int o, int at, long type, long bytes, Val value, int v) {
        int n = s[o + Q_COUNT];
        System.arraycopy(s, entry(o, at), s, entry(o, at + 1), ENTRY * (n - at));
        int e = entry(o, at);
        s[e + E_TYPE] = (int) type;
        s[e + E_BYTES] = (int) bytes;
        s[e + E_HAS] = value == null ? 0 : 1;
        s[e + E_VALUE] = v;
        s[o + Q_COUNT] = n + 1;
    }

    /** Takes message {@code i} (-1: none, the call fails) into the receiver's cells. */
    private void receive(int[] s, int b, int o, int i, Cell into, Cell result) {
        if (i < 0) {
            set(s, b, result, -1);
            return;
        }
        int e = entry(o, i);
        if (s[e + E_HAS] != 0) {
            set(s, b, into, s[e + E_VALUE]);
        }
        set(s, b, result, s[e + E_BYTES]);
        int n = s[o + Q_COUNT];
        System.arraycopy(s, entry(o, i + 1), s, e, ENTRY * (n - i - 1));
        java.util.Arrays.fill(s, entry(o, n - 1), entry(o, n), 0);
        s[o + Q_COUNT] = n - 1;
    }

    private void clear(int[] s, int q) {
        int o = offset[q];
        int maxmsg = s[o + Q_MAXMSG];
        java.util.Arrays.fill(s, o, o + Q_ENTRIES + ENTRY * capacity.get(q), 0);
        s[o + Q_MAXMSG] = maxmsg;
    }

    private void set(int[] s, int b, Cell cell, int value) {
        if (cell != null) {
            s[b + m.slotBase + cell.base() + constIndex(cell)] = value;
        }
    }

    static int constIndex(Cell cell) {
        return cell.index() instanceof Val.Const k ? (int) k.value() : 0;
    }

    /** The private slots a call always sets, for liveness (a value received is set only by an int message). */
    static void definedBy(Op.Ipc op, java.util.BitSet def) {
        IpcOp c = op.call();
        Cell result = c instanceof IpcOp.MsgSnd s ? s.result() : c instanceof IpcOp.MsgRcv r ? r.result()
                : c instanceof IpcOp.MqSend s ? s.result() : c instanceof IpcOp.MqReceive r ? r.result() : null;
        if (result != null) {
            def.set(result.base() + constIndex(result));
        }
        int slot = c instanceof IpcOp.MsgGet g ? g.slot() : c instanceof IpcOp.MqOpen o ? o.slot() : -1;
        if (slot >= 0) {
            def.set(slot);
        }
    }
}
