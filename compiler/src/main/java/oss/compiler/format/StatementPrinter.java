package oss.compiler.format;

import static oss.compiler.format.Canonical.amounts;
import static oss.compiler.format.Canonical.expr;
import static oss.compiler.format.Canonical.quantity;
import static oss.compiler.format.Canonical.range;
import static oss.compiler.format.Canonical.ref;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.ast.Block;
import oss.compiler.ast.HandlerBlock;
import oss.compiler.ast.Name;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.SemOpItem;
import oss.compiler.ast.Stmt;

/**
 * Prints the statements of a body in canonical form: a statement on one line, or a header, its
 * block and the closing brace. A visitor, so a new statement cannot be left out of {@code oss fmt}.
 */
final class StatementPrinter implements Stmt.Visitor<Void> {
    private final Printer out;

    StatementPrinter(Printer out) {
        this.out = out;
    }

    void body(Block b) {
        for (Stmt s : b.statements()) {
            s.accept(this);
        }
    }

    private Void line(Stmt s, String text) {
        out.line(s.span(), s.span().endLine(), text);
        return null;
    }

    private Void nested(Stmt s, String header, Block b) {
        out.open(s.span(), b.span().line(), header + " {");
        body(b);
        out.close(b.span(), "}", b.span().endLine(), false);
        return null;
    }

    private static String assigned(Optional<Name> variable, String keyword) {
        return variable.map(v -> v.text() + " = " + keyword).orElse(keyword);
    }

    private static String access(boolean write, String target, Quantity from, Optional<Quantity> to,
                                 Optional<Quantity> step) {
        return (write ? "write " : "read ") + target + "[" + quantity(from) + to.map(q -> " .. " + quantity(q)).orElse("")
                + "]" + step.map(q -> " step " + quantity(q)).orElse("");
    }

    // ------------------------------------------------------------ statements with a block

    @Override
    public Void visitRepeat(Stmt.Repeat s) {
        return nested(s, "repeat " + expr(s.count()), s.body());
    }

    @Override
    public Void visitFor(Stmt.For s) {
        return nested(s, "for " + s.variable().text() + " in " + range(s.range()), s.body());
    }

    @Override
    public Void visitFork(Stmt.Fork s) {
        return nested(s, assigned(s.variable(), "fork"), s.body());
    }

    @Override
    public Void visitVFork(Stmt.VFork s) {
        return nested(s, assigned(s.variable(), "vfork"), s.body());
    }

    @Override
    public Void visitThread(Stmt.Thread s) {
        return nested(s, assigned(s.variable(), "thread"), s.body());
    }

    @Override
    public Void visitClone(Stmt.Clone s) {
        StringBuilder sb = new StringBuilder(assigned(s.variable(), "clone"));
        s.flags().forEach(n -> sb.append(' ').append(n.text()));
        return nested(s, sb.toString(), s.body());
    }

    @Override
    public Void visitExec(Stmt.Exec s) {
        return nested(s, "exec \"" + s.program().value() + "\"", s.body());
    }

    @Override
    public Void visitSeqWrite(Stmt.SeqWrite s) {
        return nested(s, "seq_write " + ref(s.seqlock()), s.body());
    }

    @Override
    public Void visitSeqRead(Stmt.SeqRead s) {
        return nested(s, "seq_read " + ref(s.seqlock()), s.body());
    }

    @Override
    public Void visitChoose(Stmt.Choose s) {
        List<Block> branches = s.branches();
        out.open(s.span(), branches.get(0).span().line(), "choose {");
        for (int i = 0; i < branches.size(); i++) {
            Block b = branches.get(i);
            body(b);
            if (i + 1 < branches.size()) {
                out.close(b.span(), "} or {", branches.get(i + 1).span().line(), true);
            } else {
                out.close(b.span(), "}", b.span().endLine(), false);
            }
        }
        return null;
    }

    /** {@code trylock m} alone, or with a block for success and perhaps an {@code else} block. */
    @Override
    public Void visitTryLock(Stmt.TryLock s) {
        if (s.then().isEmpty()) {
            return line(s, "trylock " + ref(s.mutex()));
        }
        Block then = s.then().get();
        out.open(s.span(), then.span().line(), "trylock " + ref(s.mutex()) + " {");
        body(then);
        if (s.otherwise().isPresent()) {
            Block other = s.otherwise().get();
            out.close(then.span(), "} else {", other.span().line(), true);
            body(other);
            out.close(other.span(), "}", other.span().endLine(), false);
        } else {
            out.close(then.span(), "}", then.span().endLine(), false);
        }
        return null;
    }

    // ------------------------------------------------------------ one-line statements

    @Override
    public Void visitCompute(Stmt.Compute s) {
        return line(s, "compute " + quantity(s.time()));
    }

    @Override
    public Void visitSleep(Stmt.Sleep s) {
        return line(s, "sleep " + quantity(s.time()));
    }

    @Override
    public Void visitIo(Stmt.Io s) {
        return line(s, "io " + quantity(s.time()));
    }

    @Override
    public Void visitLock(Stmt.Lock s) {
        return line(s, "lock " + ref(s.mutex()));
    }

    @Override
    public Void visitUnlock(Stmt.Unlock s) {
        return line(s, "unlock " + ref(s.mutex()));
    }

    @Override
    public Void visitWaitAny(Stmt.WaitAny s) {
        return line(s, "wait any");
    }

    @Override
    public Void visitWait(Stmt.Wait s) {
        return line(s, "wait " + ref(s.target()));
    }

    @Override
    public Void visitPost(Stmt.Post s) {
        return line(s, "post " + ref(s.semaphore()));
    }

    @Override
    public Void visitCall(Stmt.Call s) {
        return line(s, s.callee().text() + "(" + ref(s.argument()) + ")");
    }

    @Override
    public Void visitClaim(Stmt.Claim s) {
        return line(s, "claim " + amounts(s.amounts()));
    }

    @Override
    public Void visitRequest(Stmt.Request s) {
        return line(s, "request " + amounts(s.amounts()));
    }

    @Override
    public Void visitRelease(Stmt.Release s) {
        return line(s, "release " + amounts(s.amounts()));
    }

    @Override
    public Void visitExit(Stmt.Exit s) {
        return line(s, "exit" + s.status().map(x -> " " + expr(x)).orElse(""));
    }

    @Override
    public Void visitSpinLock(Stmt.SpinLock s) {
        return line(s, "spin_lock " + ref(s.lock()));
    }

    @Override
    public Void visitSpinUnlock(Stmt.SpinUnlock s) {
        return line(s, "spin_unlock " + ref(s.lock()));
    }

    @Override
    public Void visitReadLock(Stmt.ReadLock s) {
        return line(s, "read_lock " + ref(s.rwlock()));
    }

    @Override
    public Void visitReadUnlock(Stmt.ReadUnlock s) {
        return line(s, "read_unlock " + ref(s.rwlock()));
    }

    @Override
    public Void visitWriteLock(Stmt.WriteLock s) {
        return line(s, "write_lock " + ref(s.rwlock()));
    }

    @Override
    public Void visitWriteUnlock(Stmt.WriteUnlock s) {
        return line(s, "write_unlock " + ref(s.rwlock()));
    }

    @Override
    public Void visitCondWait(Stmt.CondWait s) {
        return line(s, "cond_wait " + ref(s.cond()) + " " + ref(s.mutex()));
    }

    @Override
    public Void visitSignal(Stmt.Signal s) {
        return line(s, "signal " + ref(s.cond()));
    }

    @Override
    public Void visitBroadcast(Stmt.Broadcast s) {
        return line(s, "broadcast " + ref(s.cond()));
    }

    @Override
    public Void visitBarrierWait(Stmt.BarrierWait s) {
        return line(s, "barrier " + ref(s.barrier()));
    }

    @Override
    public Void visitSemOp(Stmt.SemOp s) {
        List<String> items = new ArrayList<>();
        for (SemOpItem i : s.items()) {
            items.add(ref(i.element()) + (i.plus() ? " +" : " ") + expr(i.delta()));
        }
        return line(s, "semop " + String.join(", ", items));
    }

    @Override
    public Void visitMmap(Stmt.Mmap s) {
        StringBuilder sb = new StringBuilder(s.variable().text()).append(" = mmap ");
        if (s.file().isPresent()) {
            sb.append('"').append(s.file().get().value()).append('"');
            s.size().ifPresent(q -> sb.append(' ').append(quantity(q)));
        } else if (s.descriptor().isPresent()) {
            sb.append(s.descriptor().get().text());
            s.size().ifPresent(q -> sb.append(' ').append(quantity(q)));
        } else {
            sb.append(quantity(s.size().orElseThrow())).append(" anon");
        }
        sb.append(s.shared() ? " shared " : " private ").append(s.prot().text());
        s.address().ifPresent(a -> sb.append(" at ").append(expr(a)));
        return line(s, sb.toString());
    }

    @Override
    public Void visitMalloc(Stmt.Malloc s) {
        return line(s, s.variable().text() + " = malloc " + quantity(s.size()));
    }

    @Override
    public Void visitMunmap(Stmt.Munmap s) {
        return line(s, "munmap " + s.region().text());
    }

    @Override
    public Void visitMsync(Stmt.Msync s) {
        return line(s, "msync " + s.region().text());
    }

    @Override
    public Void visitFree(Stmt.Free s) {
        return line(s, "free " + s.block().text());
    }

    @Override
    public Void visitBrk(Stmt.Brk s) {
        return line(s, "brk " + (s.grow() ? "+" : "-") + quantity(s.size()));
    }

    @Override
    public Void visitMemAccess(Stmt.MemAccess s) {
        return line(s, access(s.write(), s.region().text(), s.from(), s.to(), s.step()));
    }

    @Override
    public Void visitLibraryAccess(Stmt.LibraryAccess s) {
        return line(s, access(s.write(), "\"" + s.library().value() + "\"", s.from(), s.to(), s.step()));
    }

    @Override
    public Void visitAddressAccess(Stmt.AddressAccess s) {
        return line(s, (s.write() ? "write" : "read") + " at " + expr(s.address()));
    }

    @Override
    public Void visitPageRefs(Stmt.PageRefs s) {
        List<String> pages = new ArrayList<>();
        s.pages().forEach(e -> pages.add(expr(e)));
        return line(s, "access " + s.region().text() + " pages [" + String.join(", ", pages) + "]"
                + (s.write() ? " write" : ""));
    }

    @Override
    public Void visitTouch(Stmt.Touch s) {
        return line(s, "touch " + s.region().text());
    }

    @Override
    public Void visitSnapshot(Stmt.Snapshot s) {
        return line(s, "snapshot \"" + s.label().value() + "\"");
    }

    @Override
    public Void visitJoin(Stmt.Join s) {
        return line(s, "join " + s.thread().text());
    }

    // ------------------------------------------------------------ data

    @Override
    public Void visitVar(Stmt.Var s) {
        StringBuilder sb = new StringBuilder("int ").append(s.name().text());
        s.size().ifPresent(e -> sb.append('[').append(expr(e)).append(']'));
        s.value().ifPresent(e -> sb.append(" = ").append(expr(e)));
        if (!s.initial().isEmpty()) {
            sb.append(" = ").append(Canonical.initializer(s.initial()));
        }
        return line(s, sb.toString());
    }

    @Override
    public Void visitAssign(Stmt.Assign s) {
        return line(s, ref(s.target()) + s.value().map(v -> " " + s.op() + " " + expr(v)).orElse(s.op()));
    }

    /** {@code if (c) {} else if (d) {} else {}}: each {@code else} on the line of the brace it follows. */
    @Override
    public Void visitIf(Stmt.If s) {
        out.open(s.span(), s.then().span().line(), "if (" + expr(s.condition()) + ") {");
        Stmt.If at = s;
        while (true) {
            body(at.then());
            if (at.elseIf().isPresent()) {
                Stmt.If next = at.elseIf().get();
                out.close(at.then().span(), "} else if (" + expr(next.condition()) + ") {", next.then().span().line(), true);
                at = next;
            } else if (at.otherwise().isPresent()) {
                Block other = at.otherwise().get();
                out.close(at.then().span(), "} else {", other.span().line(), true);
                body(other);
                out.close(other.span(), "}", other.span().endLine(), false);
                return null;
            } else {
                out.close(at.then().span(), "}", at.then().span().endLine(), false);
                return null;
            }
        }
    }

    @Override
    public Void visitWhile(Stmt.While s) {
        return nested(s, "while (" + expr(s.condition()) + ")", s.body());
    }

    @Override
    public Void visitBreak(Stmt.Break s) {
        return line(s, "break");
    }

    @Override
    public Void visitAssert(Stmt.Assert s) {
        return line(s, "assert " + expr(s.condition()));
    }

    @Override
    public Void visitAwait(Stmt.Await s) {
        return line(s, "await " + expr(s.condition()));
    }

    @Override
    public Void visitAtomic(Stmt.Atomic s) {
        return nested(s, "atomic", s.body());
    }

    @Override
    public Void visitAtomicOp(Stmt.AtomicOp s) {
        return line(s, Canonical.atomic(s.operation()));
    }

    @Override
    public Void visitFence(Stmt.Fence s) {
        return line(s, s.name() + "()");
    }

    // ------------------------------------------------------------ processes that talk

    @Override
    public Void visitFd(Stmt.Fd s) {
        return line(s, assigned(s.variable(), CallText.of(s.call())));
    }

    @Override
    public Void visitIpc(Stmt.Ipc s) {
        return line(s, assigned(s.variable(), CallText.of(s.call())));
    }

    @Override
    public Void visitSig(Stmt.Sig s) {
        Optional<Block> handler = s.call().accept(HandlerBlock.INSTANCE);
        return handler.isPresent() ? nested(s, CallText.of(s.call()), handler.get()) : line(s, CallText.of(s.call()));
    }

    @Override
    public Void visitIoModel(Stmt.IoModel s) {
        return line(s, assigned(s.variable(), CallText.of(s.call())));
    }
}
