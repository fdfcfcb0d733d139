package oss.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import oss.compiler.check.Diags;
import oss.ir.diag.Code;
import oss.ir.program.IpcOp;
import oss.ir.program.Op;
import oss.ir.program.OpBodies;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.Span;

/**
 * OSS1314 and OSS1315: a blocking receive that no send in the whole scenario could ever satisfy
 * (msgrcv(2)'s msgtyp against every {@code msgsnd} on the same key; a POSIX queue nobody sends
 * to). Said only where certain: every send's queue must be known, which it is when its variable
 * was only ever set by msgget of one key (or mq_open of one name) in its process; one send on a
 * queue that is not known, or an IPC_PRIVATE queue, and nothing is said. A send that may not run
 * (in a branch) still counts as sent, so a warning is never wrong, only sometimes missing.
 */
final class QueueCheck {
    private record Receive(String queue, long type, Span at) {}

    private final Map<Integer, Set<Long>> sentTypes = new TreeMap<>();
    private final Set<String> sentNames = new TreeSet<>();
    private final List<Receive> msgReceives = new ArrayList<>();
    private final List<Receive> mqReceives = new ArrayList<>();
    private boolean msgUnknown;
    private boolean mqUnknown;

    static void check(Program program, Diags diags) {
        QueueCheck c = new QueueCheck();
        for (ProcessDef p : program.processes()) {
            c.process(p.body());
        }
        c.report(diags);
    }

    /** One declared process and the children it forks, which share its slots' numbering. */
    private void process(List<Op> body) {
        Map<Integer, Set<Integer>> keys = new TreeMap<>();
        Map<Integer, Set<String>> names = new TreeMap<>();
        walk(body, op -> {
            if (op instanceof IpcOp.MsgGet g && g.slot() >= 0) {
                keys.computeIfAbsent(g.slot(), k -> new TreeSet<>()).add(g.key());
            } else if (op instanceof IpcOp.MqOpen o && o.slot() >= 0) {
                names.computeIfAbsent(o.slot(), k -> new TreeSet<>()).add(o.name());
            }
        }, null);
        walk(body, null, (op, at) -> {
            if (op instanceof IpcOp.MsgSnd s) {
                Integer key = only(keys.get(s.slot()));
                if (key == null || key == 0) {
                    msgUnknown = true;
                } else {
                    sentTypes.computeIfAbsent(key, k -> new TreeSet<>()).add(s.type());
                }
            } else if (op instanceof IpcOp.MsgRcv r && !r.nowait()) {
                Integer key = only(keys.get(r.slot()));
                if (key != null && key != 0) {
                    msgReceives.add(new Receive(String.valueOf(key), r.type(), at));
                }
            } else if (op instanceof IpcOp.MqSend s) {
                String name = only(names.get(s.slot()));
                if (name == null) {
                    mqUnknown = true;
                } else {
                    sentNames.add(name);
                }
            } else if (op instanceof IpcOp.MqReceive r && !r.nowait()) {
                String name = only(names.get(r.slot()));
                if (name != null) {
                    mqReceives.add(new Receive(name, 0, at));
                }
            }
        });
    }

    private static <T> T only(Set<T> values) {
        return values != null && values.size() == 1 ? values.iterator().next() : null;
    }

    private void walk(List<Op> ops, java.util.function.Consumer<IpcOp> each,
            java.util.function.BiConsumer<IpcOp, Span> withSpan) {
        for (Op op : ops) {
            if (op instanceof Op.Ipc i) {
                if (each != null) {
                    each.accept(i.call());
                }
                if (withSpan != null) {
                    withSpan.accept(i.call(), i.span());
                }
            }
            for (List<Op> body : OpBodies.of(op)) {
                walk(body, each, withSpan);
            }
        }
    }

    private void report(Diags diags) {
        if (!msgUnknown) {
            for (Receive r : msgReceives) {
                Set<Long> types = sentTypes.getOrDefault(Integer.valueOf(r.queue()), Set.of());
                if (types.stream().noneMatch(t -> matches(t, r.type()))) {
                    diags.report(Code.MSG_TYPE_NEVER_SENT, r.at(), "this msgrcv waits for a message of "
                            + wanted(r.type()) + " on the queue of key " + r.queue() + ", and no process sends one"
                            + (types.isEmpty() ? " (nothing is sent on that key)" : " (msgsnd on key " + r.queue()
                            + " sends only type" + (types.size() > 1 ? "s " : " ") + join(types) + ")")
                            + ": it sleeps forever");
                }
            }
        }
        if (!mqUnknown) {
            for (Receive r : mqReceives) {
                if (!sentNames.contains(r.queue())) {
                    diags.report(Code.MQ_NEVER_SENT, r.at(), "this mq_receive waits on \"" + r.queue() + "\", and no"
                            + " process sends to it: it sleeps forever");
                }
            }
        }
    }

    private static boolean matches(long type, long msgtyp) {
        return msgtyp == 0 || (msgtyp > 0 ? type == msgtyp : type <= -msgtyp);
    }

    private static String wanted(long msgtyp) {
        return msgtyp == 0 ? "any type" : msgtyp > 0 ? "type " + msgtyp : "type ≤ " + -msgtyp;
    }

    private static String join(Set<Long> types) {
        List<String> out = new ArrayList<>();
        types.forEach(t -> out.add(String.valueOf(t)));
        return String.join(", ", out);
    }
}
