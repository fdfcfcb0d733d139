package oss.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import oss.compiler.ast.IpcCall;
import oss.compiler.ast.Name;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Text;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.IpcOp;
import oss.ir.program.Op;
import oss.ir.program.Val;

/**
 * Lowers the message queues and shared memory calls of one process body (docs/language.md, "Processes that talk").
 * One instance per {@link BodyLowerer}; the local names it defines live in the body's slots.
 */
final class IpcLowerer {
    private final Diags diags;
    private final ExprEval eval;
    private final Units units;
    private final Resolver resolver;
    private final Symbols symbols;
    private final MemoryLowerer memory;
    private final DataLowerer data;
    private final Map<String, Integer> slots;
    private final BodyLowerer body;

    IpcLowerer(Diags diags, ExprEval eval, Units units, Resolver resolver, Symbols symbols, MemoryLowerer memory,
                DataLowerer data, Map<String, Integer> slots, BodyLowerer body) {
        this.diags = diags;
        this.eval = eval;
        this.units = units;
        this.resolver = resolver;
        this.symbols = symbols;
        this.memory = memory;
        this.data = data;
        this.slots = slots;
        this.body = body;
    }

    /** mq_overview(7): the defaults of /proc/sys/fs/mqueue (msg_default, msgsize_default) and their ceilings. */
    static final long MQ_MAXMSG = 10;
    static final long MQ_MSGSIZE = 8192;
    static final long MQ_HARD_MAXMSG = 65536;
    static final long MQ_HARD_MSGSIZE = 16L << 20;
    static final long MQ_PRIO_MAX = 32768;
    /** An int payload is one C int. */
    static final long INT_BYTES = 4;
    /** "This cell could not be lowered" (reported), as opposed to null, "there is none". */
    private static final Cell NO_CELL = Cell.scalar(Cell.Scope.PRIVATE, -1, "");

    private record Payload(long bytes, Val value) {}

    void lower(Stmt.Ipc s, Map<String, Long> env, List<Op> out) {
        s.call().accept(new Calls(s, env, out));
    }

    /** One method per call: the message queues' first, then shared memory's (each family's helper fills its own). */
    private final class Calls implements IpcCall.Visitor<Void> {
        private final Stmt.Ipc s;
        private final Map<String, Long> env;
        private final List<Op> out;

        Calls(Stmt.Ipc s, Map<String, Long> env, List<Op> out) {
            this.s = s;
            this.env = env;
            this.out = out;
        }

        private Void notYet(String what) {
            diags.report(Code.NOT_SIMULATED_YET, s.span(), what + " are not simulated yet");
            return null;
        }

        // ---- message queues (System V and POSIX): msgrcv(2), mq_overview(7)

        @Override
        public Void visitMsgGet(IpcCall.MsgGet c) {
            OptionalLong key = eval.inRange(c.key(), env, "the key (0 is IPC_PRIVATE)", 0, Integer.MAX_VALUE,
                    Code.VALUE_OUT_OF_RANGE);
            if (key.isPresent()) {
                body.emit(out, new Op.Ipc(new IpcOp.MsgGet(queueSlot(MemoryLowerer.Kind.MSG_QUEUE), (int) key.getAsLong(),
                        variableName()),
                        s.span()));
            }
            return null;
        }

        @Override
        public Void visitMsgSnd(IpcCall.MsgSnd c) {
            OptionalInt q = queue(c.queue(), "msgsnd", MemoryLowerer.Kind.MSG_QUEUE);
            OptionalLong type = eval.inRange(c.type(), env, "the message type (mtype > 0)", 1, Integer.MAX_VALUE,
                    Code.VALUE_OUT_OF_RANGE);
            List<Op> before = new ArrayList<>();
            List<Op> after = new ArrayList<>();
            Payload p = payload(c.payload(), before);
            Cell result = result(before, after);
            if (q.isPresent() && type.isPresent() && p != null && result != NO_CELL) {
                finish(before, new IpcOp.MsgSnd(q.getAsInt(), type.getAsLong(), p.bytes, p.value, result, c.nowait()),
                        after);
            }
            return null;
        }

        @Override
        public Void visitMsgRcv(IpcCall.MsgRcv c) {
            OptionalInt q = queue(c.queue(), "msgrcv", MemoryLowerer.Kind.MSG_QUEUE);
            OptionalLong type = eval.inRange(c.type(), env, "msgtyp", Integer.MIN_VALUE + 1L, Integer.MAX_VALUE,
                    Code.VALUE_OUT_OF_RANGE);
            List<Op> before = new ArrayList<>();
            List<Op> after = new ArrayList<>();
            Cell into = into(c.into(), before, after);
            Cell result = result(before, after);
            if (q.isPresent() && type.isPresent() && into != NO_CELL && result != NO_CELL) {
                finish(before, new IpcOp.MsgRcv(q.getAsInt(), type.getAsLong(), into, result, c.nowait()), after);
            }
            return null;
        }

        @Override
        public Void visitMsgCtl(IpcCall.MsgCtl c) {
            OptionalInt q = queue(c.queue(), "msgctl", MemoryLowerer.Kind.MSG_QUEUE);
            if (!c.command().text().equals("IPC_RMID")) {
                diags.report(Code.WRONG_KIND, c.command().span(), "`msgctl` does only IPC_RMID here (remove the queue):"
                        + " `msgctl " + c.queue().text() + " IPC_RMID`");
                return null;
            }
            noQueueResult("msgctl");
            q.ifPresent(slot -> body.emit(out, new Op.Ipc(new IpcOp.MsgRmid(slot), s.span())));
            return null;
        }

        @Override
        public Void visitMqOpen(IpcCall.MqOpen c) {
            String name = mqName(c.path());
            long maxmsg = MQ_MAXMSG;
            long msgsize = MQ_MSGSIZE;
            boolean ok = name != null;
            for (IpcCall.Option o : c.options()) {
                switch (o.key().text()) {
                    case "maxmsg" -> {
                        OptionalLong v = o.value().unit().isPresent() ? OptionalLong.empty()
                                : eval.inRange(o.value().value(), env, "maxmsg", 1, MQ_HARD_MAXMSG, Code.VALUE_OUT_OF_RANGE);
                        if (o.value().unit().isPresent()) {
                            diags.report(Code.WRONG_KIND, o.value().span(), "`maxmsg` counts messages: write a plain"
                                    + " number, as in `maxmsg 10`");
                        }
                        ok &= v.isPresent();
                        maxmsg = v.orElse(maxmsg);
                    }
                    case "msgsize" -> {
                        OptionalLong v = o.value().unit().isPresent()
                                ? units.of(o.value(), env, Units.Kind.SIZE, "msgsize")
                                : eval.integer(o.value().value(), env, "msgsize");
                        if (v.isPresent() && (v.getAsLong() < 1 || v.getAsLong() > MQ_HARD_MSGSIZE)) {
                            diags.report(Code.VALUE_OUT_OF_RANGE, o.value().span(), "`msgsize` must be between 1 B and"
                                    + " 16 MiB (Linux's HARD_MSGSIZEMAX), not " + v.getAsLong() + " bytes");
                            v = OptionalLong.empty();
                        }
                        ok &= v.isPresent();
                        msgsize = v.orElse(msgsize);
                    }
                    default -> {
                        diags.report(Code.SYNTAX, o.key().span(), "`mq_open` takes `maxmsg N` and `msgsize SIZE`, not `"
                                + o.key().text() + "`");
                        ok = false;
                    }
                }
            }
            if (ok) {
                body.emit(out, new Op.Ipc(new IpcOp.MqOpen(queueSlot(MemoryLowerer.Kind.MQ), name, (int) maxmsg, msgsize,
                        variableName()),
                        s.span()));
            }
            return null;
        }

        @Override
        public Void visitMqSend(IpcCall.MqSend c) {
            OptionalInt q = queue(c.queue(), "mq_send", MemoryLowerer.Kind.MQ);
            OptionalLong prio = c.prio().isPresent()
                    ? eval.inRange(c.prio().get(), env, "the priority", 0, MQ_PRIO_MAX - 1, Code.VALUE_OUT_OF_RANGE)
                    : OptionalLong.of(0);
            List<Op> before = new ArrayList<>();
            List<Op> after = new ArrayList<>();
            Payload p = payload(c.payload(), before);
            Cell result = result(before, after);
            if (q.isPresent() && prio.isPresent() && p != null && result != NO_CELL) {
                finish(before, new IpcOp.MqSend(q.getAsInt(), p.bytes, p.value, (int) prio.getAsLong(), result,
                        c.nowait()), after);
            }
            return null;
        }

        @Override
        public Void visitMqReceive(IpcCall.MqReceive c) {
            OptionalInt q = queue(c.queue(), "mq_receive", MemoryLowerer.Kind.MQ);
            List<Op> before = new ArrayList<>();
            List<Op> after = new ArrayList<>();
            Cell into = into(c.into(), before, after);
            Cell result = result(before, after);
            if (q.isPresent() && into != NO_CELL && result != NO_CELL) {
                finish(before, new IpcOp.MqReceive(q.getAsInt(), into, result, c.nowait()), after);
            }
            return null;
        }

        @Override
        public Void visitMqUnlink(IpcCall.MqUnlink c) {
            String name = mqName(c.path());
            noQueueResult("mq_unlink");
            if (name != null) {
                body.emit(out, new Op.Ipc(new IpcOp.MqUnlink(name), s.span()));
            }
            return null;
        }

        /** The slot of {@code q = msgget/mq_open}, now a queue of {@code kind}; -1 without a variable. */
        private int queueSlot(MemoryLowerer.Kind kind) {
            if (s.variable().isEmpty()) {
                return -1;
            }
            Name v = s.variable().get();
            int slot = slots.computeIfAbsent(v.text(), k -> slots.size());
            memory.define(v, slot, kind);
            return slot;
        }

        private String variableName() {
            return s.variable().map(Name::text).orElse("");
        }

        private OptionalInt queue(Name n, String call, MemoryLowerer.Kind kind) {
            return memory.use(n, call, kind).map(l -> OptionalInt.of(l.slot())).orElse(OptionalInt.empty());
        }

        /** A unit: that many bytes nobody looks into; no unit: one C int (4 bytes) whose value travels. */
        private Payload payload(Quantity q, List<Op> before) {
            if (q.unit().isPresent()) {
                OptionalLong b = units.of(q, env, Units.Kind.SIZE, "the message");
                if (b.isPresent() && b.getAsLong() < 0) {
                    diags.report(Code.VALUE_OUT_OF_RANGE, q.span(), "a message cannot have a negative size");
                    return null;
                }
                return b.isPresent() ? new Payload(b.getAsLong(), null) : null;
            }
            Val v = data.callValue(q.value(), env, before);
            return v == null ? null : new Payload(INT_BYTES, v);
        }

        private Cell into(Optional<Ref> r, List<Op> before, List<Op> after) {
            if (r.isEmpty()) {
                return null;
            }
            Cell c = data.callResult(r.get(), env, before, after, s.span(), true);
            return c == null ? NO_CELL : c;
        }

        /** The cell of {@code n = ...}: null without one, {@link #NO_CELL} after a report. */
        private Cell result(List<Op> before, List<Op> after) {
            if (s.variable().isEmpty()) {
                return null;
            }
            Name n = s.variable().get();
            Cell c = data.callResult(new Ref(n, Optional.empty(), n.span()), env, before, after, s.span(), false);
            return c == null ? NO_CELL : c;
        }

        private void noQueueResult(String call) {
            s.variable().ifPresent(n -> diags.report(Code.WRONG_KIND, n.span(), "`" + call + "` keeps no result here:"
                    + " write it without `" + n.text() + " =`"));
        }

        private void finish(List<Op> before, IpcOp call, List<Op> after) {
            body.emitAll(out, before);
            body.emit(out, new Op.Ipc(call, s.span()));
            body.emitAll(out, after);
        }

        /** mq_overview(7): "/somename", one slash and then up to NAME_MAX (255) characters, none of them a slash. */
        private String mqName(Text path) {
            String name = path.value();
            if (!name.startsWith("/") || name.length() < 2 || name.length() > 256 || name.indexOf('/', 1) >= 0) {
                diags.report(Code.VALUE_OUT_OF_RANGE, path.span(), "a POSIX queue's name is \"/somename\": one slash,"
                        + " then 1 to 255 characters without a slash (mq_overview(7)), not \"" + name + "\"");
                return null;
            }
            return name;
        }

        // ---- shared memory (System V and POSIX)

        @Override
        public Void visitShmGet(IpcCall.ShmGet c) {
            OptionalLong key = eval.inRange(c.key(), env, "a System V key", Integer.MIN_VALUE, Integer.MAX_VALUE,
                    Code.VALUE_OUT_OF_RANGE);
            OptionalLong bytes = size(c.size(), "shmget");
            // another process's shmget may make the segment larger: its size is known only if none can
            boolean certain = key.isPresent() && bytes.isPresent() && memory.context().shmKeys()
                    .sizeCertain(key.getAsLong(), bytes.getAsLong(), memory.context().pageSize());
            int slot = target(MemoryLowerer.Kind.SEGMENT, certain ? bytes.getAsLong() : -1, -1);
            if (key.isPresent() && bytes.isPresent()) {
                body.emit(out, new Op.Ipc(new IpcOp.ShmGet(slot, (int) key.getAsLong(), bytes.getAsLong()), s.span()));
            }
            return null;
        }

        @Override
        public Void visitShmAt(IpcCall.ShmAt c) {
            boolean readOnly = false;
            boolean ok = true;
            if (c.access().isPresent()) {
                String word = c.access().get().text();
                readOnly = word.equals("readonly");
                if (!readOnly) {
                    diags.report(Code.UNKNOWN_NAME, c.access().get().span(), "`shmat` takes `readonly` (SHM_RDONLY) or"
                            + " nothing (read and write), not `" + word + "`" + Suggest.hint(word, List.of("readonly")));
                    ok = false;
                }
            }
            Optional<MemoryLowerer.Local> seg = memory.local(c.segment(), "shmat", MemoryLowerer.Kind.SEGMENT);
            int prot = Op.PROT_READ | (readOnly ? 0 : Op.PROT_WRITE);
            int slot = target(MemoryLowerer.Kind.MAPPING, seg.map(MemoryLowerer.Local::bytes).orElse(-1L), prot);
            if (ok && seg.isPresent()) {
                body.emit(out, new Op.Ipc(new IpcOp.ShmAt(slot, seg.get().slot(), readOnly), s.span()));
            }
            return null;
        }

        @Override
        public Void visitShmDt(IpcCall.ShmDt c) {
            List<Op> before = new ArrayList<>();
            List<Op> after = new ArrayList<>();
            Cell result = result(before, after);
            memory.local(c.region(), "shmdt", MemoryLowerer.Kind.MAPPING).ifPresent(l -> {
                memory.released(c.region(), l, s.span());
                if (result != NO_CELL) {
                    finish(before, new IpcOp.ShmDt(l.slot(), result), after);
                }
            });
            return null;
        }

        @Override
        public Void visitShmCtl(IpcCall.ShmCtl c) {
            boolean ok = command(c.command(), "shmctl");
            List<Op> before = new ArrayList<>();
            List<Op> after = new ArrayList<>();
            Cell result = result(before, after);
            memory.local(c.segment(), "shmctl", MemoryLowerer.Kind.SEGMENT).ifPresent(l -> {
                if (ok && result != NO_CELL) {
                    finish(before, new IpcOp.ShmRmid(l.slot(), result), after);
                }
            });
            return null;
        }

        @Override
        public Void visitShmOpen(IpcCall.ShmOpen c) {
            boolean ok = objectName(c.path());
            OptionalLong bytes = size(c.size(), "shm_open");
            int slot = target(MemoryLowerer.Kind.SHM_OBJECT, bytes.orElse(-1), -1);
            if (ok && bytes.isPresent()) {
                body.emit(out, new Op.Ipc(new IpcOp.ShmOpen(slot, c.path().value(), bytes.getAsLong()), s.span()));
            }
            return null;
        }

        @Override
        public Void visitShmUnlink(IpcCall.ShmUnlink c) {
            List<Op> before = new ArrayList<>();
            List<Op> after = new ArrayList<>();
            Cell result = result(before, after);
            if (objectName(c.path()) && result != NO_CELL) {
                finish(before, new IpcOp.ShmUnlink(c.path().value(), result), after);
            }
            return null;
        }

        // ---- shared memory's helpers

        /** The slot of {@code v = ...}, defined as {@code kind} (a scratch slot without a variable, as C drops the result). */
        private int target(MemoryLowerer.Kind kind, long bytes, int prot) {
            if (s.variable().isEmpty()) {
                return -1;
            }
            Name v = s.variable().get();
            int slot = memory.slot(v);
            memory.define(v, slot, kind, bytes, prot);
            return slot;
        }

        private OptionalLong size(Quantity q, String call) {
            OptionalLong v = units.of(q, env, Units.Kind.SIZE, call);
            if (v.isPresent() && v.getAsLong() <= 0) {
                diags.report(Code.NOT_POSITIVE, q.span(), "`" + call + "` needs a size above 0");
                return OptionalLong.empty();
            }
            return v;
        }

        private boolean command(Name cmd, String call) {
            if (cmd.text().equals("IPC_RMID")) {
                return true;
            }
            diags.report(Code.UNKNOWN_NAME, cmd.span(), "`" + call + "` takes `IPC_RMID` (mark for removal), not `"
                    + cmd.text() + "`" + Suggest.hint(cmd.text(), List.of("IPC_RMID")));
            return false;
        }

        /** shm_overview(7): a name is "/somename", one leading slash and no other, at most NAME_MAX (255) bytes. */
        private boolean objectName(Text path) {
            String n = path.value();
            if (n.length() >= 2 && n.charAt(0) == '/' && n.indexOf('/', 1) < 0 && n.length() <= 256) {
                return true;
            }
            diags.report(Code.SHM_BAD_NAME, path.span(), "\"" + n + "\" is not a POSIX shared-memory name: write"
                    + " one slash and a name without another, as \"/counter\" (it becomes /dev/shm/counter)");
            return false;
        }
    }
}
