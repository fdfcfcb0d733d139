package oss.compiler.lower;

import java.util.List;
import java.util.Map;
import oss.compiler.ast.IpcCall;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.ir.diag.Code;
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
            return notYet("shared-memory segments");
        }

        @Override
        public Void visitShmAt(IpcCall.ShmAt c) {
            return notYet("shared-memory segments");
        }

        @Override
        public Void visitShmDt(IpcCall.ShmDt c) {
            return notYet("shared-memory segments");
        }

        @Override
        public Void visitShmCtl(IpcCall.ShmCtl c) {
            return notYet("shared-memory segments");
        }

        @Override
        public Void visitShmOpen(IpcCall.ShmOpen c) {
            return notYet("shared-memory segments");
        }

        @Override
        public Void visitShmUnlink(IpcCall.ShmUnlink c) {
            return notYet("shared-memory segments");
        }
    }
}
