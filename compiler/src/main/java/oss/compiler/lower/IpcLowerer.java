package oss.compiler.lower;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.IpcCall;
import oss.compiler.ast.Name;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Stmt;
import oss.compiler.ast.Text;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.IpcOp;
import oss.ir.program.Op;

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

        // ---- message queues (System V and POSIX)

        @Override
        public Void visitMsgGet(IpcCall.MsgGet c) {
            return notYet("message queues");
        }

        @Override
        public Void visitMsgSnd(IpcCall.MsgSnd c) {
            return notYet("message queues");
        }

        @Override
        public Void visitMsgRcv(IpcCall.MsgRcv c) {
            return notYet("message queues");
        }

        @Override
        public Void visitMsgCtl(IpcCall.MsgCtl c) {
            return notYet("message queues");
        }

        @Override
        public Void visitMqOpen(IpcCall.MqOpen c) {
            return notYet("message queues");
        }

        @Override
        public Void visitMqSend(IpcCall.MqSend c) {
            return notYet("message queues");
        }

        @Override
        public Void visitMqReceive(IpcCall.MqReceive c) {
            return notYet("message queues");
        }

        @Override
        public Void visitMqUnlink(IpcCall.MqUnlink c) {
            return notYet("message queues");
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
            noResult("shmdt");
            memory.local(c.region(), "shmdt", MemoryLowerer.Kind.MAPPING).ifPresent(l -> {
                memory.released(c.region(), l, s.span());
                body.emit(out, new Op.Ipc(new IpcOp.ShmDt(l.slot()), s.span()));
            });
            return null;
        }

        @Override
        public Void visitShmCtl(IpcCall.ShmCtl c) {
            noResult("shmctl");
            boolean ok = command(c.command(), "shmctl");
            memory.local(c.segment(), "shmctl", MemoryLowerer.Kind.SEGMENT).ifPresent(l -> {
                if (ok) {
                    body.emit(out, new Op.Ipc(new IpcOp.ShmRmid(l.slot()), s.span()));
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
            noResult("shm_unlink");
            if (objectName(c.path())) {
                body.emit(out, new Op.Ipc(new IpcOp.ShmUnlink(c.path().value()), s.span()));
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

        private void noResult(String call) {
            s.variable().ifPresent(v -> diags.report(Code.NOT_SIMULATED_YET, v.span(), "the result of `" + call
                    + "` (0 or -1) is not kept yet: `" + v.text() + "` is left as it was"));
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
