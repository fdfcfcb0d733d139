package oss.compiler.parse;

import static oss.compiler.parse.Parts.amounts;
import static oss.compiler.parse.Parts.expr;
import static oss.compiler.parse.Parts.name;
import static oss.compiler.parse.Parts.optionalQuantity;
import static oss.compiler.parse.Parts.quantity;
import static oss.compiler.parse.Parts.range;
import static oss.compiler.parse.Parts.real;
import static oss.compiler.parse.Parts.ref;
import static oss.compiler.parse.Parts.text;
import static oss.compiler.parse.Parts.variable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.ast.Amount;
import oss.compiler.ast.Block;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Name;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Range;
import oss.compiler.ast.Ref;
import oss.compiler.ast.SemOpItem;
import oss.compiler.ast.Stmt;
import oss.compiler.ast.Text;
import oss.grammar.OssLexer;
import oss.grammar.OssParser;

/**
 * One {@link Stmt} per labelled alternative of the grammar's {@code statement}; null when a part
 * it needs is missing (its syntax error is already reported). Nested blocks are built by the
 * {@link AstBuilder}, which keeps the rest of a block when one statement fails.
 */
final class StatementBuilder extends RuleBuilder<Stmt> {
    private final AstBuilder blocks;
    private final CallBuilders.Fd fdCalls = new CallBuilders.Fd();
    private final CallBuilders.Ipc ipcCalls = new CallBuilders.Ipc();
    private final CallBuilders.Sig sigCalls;
    private final CallBuilders.Io ioCalls = new CallBuilders.Io();

    StatementBuilder(AstBuilder blocks) {
        super(OssParser.StatementContext.class);
        this.blocks = blocks;
        this.sigCalls = new CallBuilders.Sig(blocks);
    }

    @Override
    public Stmt visitFdStmt(OssParser.FdStmtContext c) {
        Optional<Name> var = variable(c.ASSIGN(), c.var);
        var call = c.fdCall() == null ? null : fdCalls.visit(c.fdCall());
        return var == null || call == null ? null : new Stmt.Fd(var, call, Spans.of(c));
    }

    @Override
    public Stmt visitIpcStmt(OssParser.IpcStmtContext c) {
        Optional<Name> var = variable(c.ASSIGN(), c.var);
        var call = c.ipcCall() == null ? null : ipcCalls.visit(c.ipcCall());
        return var == null || call == null ? null : new Stmt.Ipc(var, call, Spans.of(c));
    }

    @Override
    public Stmt visitSigStmt(OssParser.SigStmtContext c) {
        var call = c.signalCall() == null ? null : sigCalls.visit(c.signalCall());
        return call == null ? null : new Stmt.Sig(call, Spans.of(c));
    }

    @Override
    public Stmt visitIoModelStmt(OssParser.IoModelStmtContext c) {
        Optional<Name> var = variable(c.ASSIGN(), c.var);
        var call = c.ioCall() == null ? null : ioCalls.visit(c.ioCall());
        return var == null || call == null ? null : new Stmt.IoModel(var, call, Spans.of(c));
    }

    private Block block(OssParser.BlockContext b) {
        return blocks.block(b);
    }

    @Override
    public Stmt visitComputeStmt(OssParser.ComputeStmtContext c) {
        var span = Spans.of(c);
                Quantity q = quantity(c.quantity());
                return q == null ? null : new Stmt.Compute(q, span);
    }

    @Override
    public Stmt visitSleepStmt(OssParser.SleepStmtContext c) {
        var span = Spans.of(c);
                Quantity q = quantity(c.quantity());
                return q == null ? null : new Stmt.Sleep(q, span);
    }

    @Override
    public Stmt visitIoStmt(OssParser.IoStmtContext c) {
        var span = Spans.of(c);
                Quantity q = quantity(c.quantity());
                return q == null ? null : new Stmt.Io(q, span);
    }

    @Override
    public Stmt visitRepeatStmt(OssParser.RepeatStmtContext c) {
        var span = Spans.of(c);
                Expr count = expr(c.count);
                Block body = block(c.block());
                return count == null || body == null ? null : new Stmt.Repeat(count, body, span);
    }

    @Override
    public Stmt visitForStmt(OssParser.ForStmtContext c) {
        var span = Spans.of(c);
                Name var = name(c.var);
                Range range = range(c.range());
                Block body = block(c.block());
                return var == null || range == null || body == null ? null : new Stmt.For(var, range, body, span);
    }

    @Override
    public Stmt visitLockStmt(OssParser.LockStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.Lock(r, span);
    }

    @Override
    public Stmt visitUnlockStmt(OssParser.UnlockStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.Unlock(r, span);
    }

    @Override
    public Stmt visitTrylockStmt(OssParser.TrylockStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                if (r == null) {
                    return null;
                }
                Optional<Block> then = Optional.empty();
                Optional<Block> otherwise = Optional.empty();
                if (c.then != null) {
                    Block b = block(c.then);
                    if (b == null) {
                        return null;
                    }
                    then = Optional.of(b);
                }
                if (c.ELSE() != null) {
                    Block b = block(c.otherwise);
                    if (b == null) {
                        return null;
                    }
                    otherwise = Optional.of(b);
                }
                return new Stmt.TryLock(r, then, otherwise, span);
    }

    @Override
    public Stmt visitWaitAnyStmt(OssParser.WaitAnyStmtContext c) {
        var span = Spans.of(c);
                return new Stmt.WaitAny(span);
    }

    @Override
    public Stmt visitWaitStmt(OssParser.WaitStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.Wait(r, span);
    }

    @Override
    public Stmt visitPostStmt(OssParser.PostStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.Post(r, span);
    }

    @Override
    public Stmt visitCallStmt(OssParser.CallStmtContext c) {
        var span = Spans.of(c);
                Name callee = name(c.callee);
                Ref r = ref(c.ref());
                return callee == null || r == null || c.RPAREN() == null || real(c.RPAREN().getSymbol()) == null
                        ? null : new Stmt.Call(callee, r, span);
    }

    @Override
    public Stmt visitClaimStmt(OssParser.ClaimStmtContext c) {
        var span = Spans.of(c);
                List<Amount> a = amounts(c.amounts());
                return a == null ? null : new Stmt.Claim(a, span);
    }

    @Override
    public Stmt visitRequestStmt(OssParser.RequestStmtContext c) {
        var span = Spans.of(c);
                List<Amount> a = amounts(c.amounts());
                return a == null ? null : new Stmt.Request(a, span);
    }

    @Override
    public Stmt visitReleaseStmt(OssParser.ReleaseStmtContext c) {
        var span = Spans.of(c);
                List<Amount> a = amounts(c.amounts());
                return a == null ? null : new Stmt.Release(a, span);
    }

    @Override
    public Stmt visitForkStmt(OssParser.ForkStmtContext c) {
        var span = Spans.of(c);
                Optional<Name> var = Optional.empty();
                if (c.ASSIGN() != null) {
                    Name n = name(c.var);
                    if (n == null) {
                        return null;
                    }
                    var = Optional.of(n);
                }
                Block body = block(c.block());
                return body == null ? null : new Stmt.Fork(var, body, span);
    }

    @Override
    public Stmt visitExitStmt(OssParser.ExitStmtContext c) {
        var span = Spans.of(c);
                Optional<Expr> status = Optional.empty();
                if (c.status != null) {
                    Expr e = expr(c.status);
                    if (e == null) {
                        return null;
                    }
                    status = Optional.of(e);
                }
                return new Stmt.Exit(status, span);
    }

    // ------------------------------------------------------------ memory and process creation

    @Override
    public Stmt visitMmapStmt(OssParser.MmapStmtContext c) {
        var span = Spans.of(c);
                Name var = name(c.var);
                Name prot = name(c.prot);
                if (var == null || prot == null || c.share == null) {
                    return null;
                }
                Optional<Quantity> size = Optional.empty();
                Optional<Text> file = Optional.empty();
                Optional<Name> descriptor = Optional.empty();
                if (c.path != null) {
                    Text t = text(c.path);
                    if (t == null) {
                        return null;
                    }
                    file = Optional.of(t);
                    if (c.fileSize != null) {
                        Quantity q = quantity(c.fileSize);
                        if (q == null) {
                            return null;
                        }
                        size = Optional.of(q);
                    }
                } else if (c.fd != null) {
                    Name fd = name(c.fd);
                    if (fd == null) {
                        return null;
                    }
                    descriptor = Optional.of(fd);
                    if (c.fileSize != null) {
                        Quantity q = quantity(c.fileSize);
                        if (q == null) {
                            return null;
                        }
                        size = Optional.of(q);
                    }
                } else {
                    Quantity q = quantity(c.size);
                    if (q == null || c.ANON() == null) {
                        return null;
                    }
                    size = Optional.of(q);
                }
                Optional<Expr> address = Optional.empty();
                if (c.AT() != null) {
                    Expr e = expr(c.address);
                    if (e == null) {
                        return null;
                    }
                    address = Optional.of(e);
                }
                return new Stmt.Mmap(var, size, file, descriptor, c.share.getType() == OssLexer.SHARED, prot, address, span);
    }

    @Override
    public Stmt visitMallocStmt(OssParser.MallocStmtContext c) {
        var span = Spans.of(c);
                Name var = name(c.var);
                Quantity q = quantity(c.quantity());
                return var == null || q == null ? null : new Stmt.Malloc(var, q, span);
    }

    @Override
    public Stmt visitMunmapStmt(OssParser.MunmapStmtContext c) {
        var span = Spans.of(c);
                Name n = name(c.identifier());
                return n == null ? null : new Stmt.Munmap(n, span);
    }

    @Override
    public Stmt visitMsyncStmt(OssParser.MsyncStmtContext c) {
        var span = Spans.of(c);
                Name n = name(c.identifier());
                return n == null ? null : new Stmt.Msync(n, span);
    }

    @Override
    public Stmt visitFreeStmt(OssParser.FreeStmtContext c) {
        var span = Spans.of(c);
                Name n = name(c.identifier());
                return n == null ? null : new Stmt.Free(n, span);
    }

    @Override
    public Stmt visitTouchStmt(OssParser.TouchStmtContext c) {
        var span = Spans.of(c);
                Name n = name(c.identifier());
                return n == null ? null : new Stmt.Touch(n, span);
    }

    @Override
    public Stmt visitJoinStmt(OssParser.JoinStmtContext c) {
        var span = Spans.of(c);
                Name n = name(c.identifier());
                return n == null ? null : new Stmt.Join(n, span);
    }

    @Override
    public Stmt visitBrkStmt(OssParser.BrkStmtContext c) {
        var span = Spans.of(c);
                Quantity q = quantity(c.quantity());
                return q == null || c.sign == null ? null : new Stmt.Brk(c.sign.getType() == OssLexer.PLUS, q, span);
    }

    @Override
    public Stmt visitMemAccessStmt(OssParser.MemAccessStmtContext c) {
        var span = Spans.of(c);
                Name n = name(c.identifier());
                Quantity from = quantity(c.from);
                if (n == null || from == null || c.kind == null || c.RBRACK() == null || real(c.RBRACK().getSymbol()) == null) {
                    return null;
                }
                Optional<Quantity> to = optionalQuantity(c.DOTDOT() != null, c.to);
                Optional<Quantity> step = optionalQuantity(c.STEP() != null, c.step);
                if (to == null || step == null) {
                    return null;
                }
                return new Stmt.MemAccess(c.kind.getType() == OssLexer.WRITE, n, from, to, step, span);
    }

    @Override
    public Stmt visitLibraryAccessStmt(OssParser.LibraryAccessStmtContext c) {
        var span = Spans.of(c);
                Quantity from = quantity(c.from);
                if (c.lib == null || from == null || c.kind == null || c.RBRACK() == null
                        || real(c.RBRACK().getSymbol()) == null) {
                    return null;
                }
                Optional<Quantity> to = optionalQuantity(c.DOTDOT() != null, c.to);
                Optional<Quantity> step = optionalQuantity(c.STEP() != null, c.step);
                if (to == null || step == null) {
                    return null;
                }
                return new Stmt.LibraryAccess(c.kind.getType() == OssLexer.WRITE, text(c.lib), from, to, step, span);
    }

    @Override
    public Stmt visitAddressAccessStmt(OssParser.AddressAccessStmtContext c) {
        var span = Spans.of(c);
                Expr e = expr(c.address);
                return e == null || c.kind == null ? null : new Stmt.AddressAccess(c.kind.getType() == OssLexer.WRITE, e, span);
    }

    @Override
    public Stmt visitPageRefsStmt(OssParser.PageRefsStmtContext c) {
        var span = Spans.of(c);
                Name n = name(c.identifier());
                if (n == null || c.RBRACK() == null || real(c.RBRACK().getSymbol()) == null) {
                    return null;
                }
                List<Expr> pages = new ArrayList<>();
                for (OssParser.ExprContext e : c.expr()) {
                    Expr x = expr(e);
                    if (x == null) {
                        return null;
                    }
                    pages.add(x);
                }
                return new Stmt.PageRefs(n, pages, c.WRITE() != null, span);
    }

    @Override
    public Stmt visitSnapshotStmt(OssParser.SnapshotStmtContext c) {
        var span = Spans.of(c);
                Text t = text(c.label);
                return t == null ? null : new Stmt.Snapshot(t, span);
    }

    @Override
    public Stmt visitVforkStmt(OssParser.VforkStmtContext c) {
        var span = Spans.of(c);
                Optional<Name> var = variable(c.ASSIGN(), c.var);
                Block body = block(c.block());
                return var == null || body == null ? null : new Stmt.VFork(var, body, span);
    }

    @Override
    public Stmt visitThreadStmt(OssParser.ThreadStmtContext c) {
        var span = Spans.of(c);
                Optional<Name> var = variable(c.ASSIGN(), c.var);
                Block body = block(c.block());
                return var == null || body == null ? null : new Stmt.Thread(var, body, span);
    }

    @Override
    public Stmt visitCloneStmt(OssParser.CloneStmtContext c) {
        var span = Spans.of(c);
                Optional<Name> var = variable(c.ASSIGN(), c.var);
                Block body = block(c.block());
                List<Name> flags = new ArrayList<>();
                for (OssParser.IdentifierContext f : c.flags) {
                    Name n = name(f);
                    if (n == null) {
                        return null;
                    }
                    flags.add(n);
                }
                return var == null || body == null ? null : new Stmt.Clone(var, flags, body, span);
    }

    @Override
    public Stmt visitExecStmt(OssParser.ExecStmtContext c) {
        var span = Spans.of(c);
                Text t = text(c.program);
                Block body = block(c.block());
                return t == null || body == null ? null : new Stmt.Exec(t, body, span);
    }

    // ------------------------------------------------------------ synchronisation beyond mutexes and semaphores

    @Override
    public Stmt visitSpinLockStmt(OssParser.SpinLockStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.SpinLock(r, span);
    }

    @Override
    public Stmt visitSpinUnlockStmt(OssParser.SpinUnlockStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.SpinUnlock(r, span);
    }

    @Override
    public Stmt visitReadLockStmt(OssParser.ReadLockStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.ReadLock(r, span);
    }

    @Override
    public Stmt visitReadUnlockStmt(OssParser.ReadUnlockStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.ReadUnlock(r, span);
    }

    @Override
    public Stmt visitWriteLockStmt(OssParser.WriteLockStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.WriteLock(r, span);
    }

    @Override
    public Stmt visitWriteUnlockStmt(OssParser.WriteUnlockStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.WriteUnlock(r, span);
    }

    @Override
    public Stmt visitSeqWriteStmt(OssParser.SeqWriteStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                Block body = block(c.block());
                return r == null || body == null ? null : new Stmt.SeqWrite(r, body, span);
    }

    @Override
    public Stmt visitSeqReadStmt(OssParser.SeqReadStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                Block body = block(c.block());
                return r == null || body == null ? null : new Stmt.SeqRead(r, body, span);
    }

    @Override
    public Stmt visitCondWaitStmt(OssParser.CondWaitStmtContext c) {
        var span = Spans.of(c);
                Ref cond = ref(c.cond);
                Ref mutex = ref(c.mutex);
                return cond == null || mutex == null ? null : new Stmt.CondWait(cond, mutex, span);
    }

    @Override
    public Stmt visitSignalStmt(OssParser.SignalStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.Signal(r, span);
    }

    @Override
    public Stmt visitBroadcastStmt(OssParser.BroadcastStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.Broadcast(r, span);
    }

    @Override
    public Stmt visitBarrierStmt(OssParser.BarrierStmtContext c) {
        var span = Spans.of(c);
                Ref r = ref(c.ref());
                return r == null ? null : new Stmt.BarrierWait(r, span);
    }

    @Override
    public Stmt visitSemopStmt(OssParser.SemopStmtContext c) {
        var span = Spans.of(c);
                List<SemOpItem> items = new ArrayList<>();
                for (OssParser.SemopItemContext i : c.semopItem()) {
                    Ref r = ref(i.ref());
                    Expr delta = expr(i.delta);
                    if (r == null || delta == null) {
                        return null;
                    }
                    items.add(new SemOpItem(r, i.PLUS() != null, delta, Spans.of(i)));
                }
                return items.isEmpty() ? null : new Stmt.SemOp(items, span);
    }

    @Override
    public Stmt visitChooseStmt(OssParser.ChooseStmtContext c) {
        var span = Spans.of(c);
                List<Block> branches = new ArrayList<>();
                Block first = block(c.first);
                if (first == null) {
                    return null;
                }
                branches.add(first);
                for (OssParser.BlockContext b : c.more) {
                    Block more = block(b);
                    if (more == null) {
                        return null;
                    }
                    branches.add(more);
                }
                return new Stmt.Choose(branches, span);
    }

    // ------------------------------------------------------------ data

    @Override
    public Stmt visitIntStmt(OssParser.IntStmtContext c) {
        IntVar v = intVar(c.intVar());
        return v == null ? null : new Stmt.Var(v.name(), v.size(), v.value(), v.initial(), Spans.of(c));
    }

    /** The parts of {@code int NAME[SIZE] = VALUE} or {@code = {V, ...}}, shared with the top-level declaration. */
    record IntVar(Name name, Optional<Expr> size, Optional<Expr> value, List<Expr> initial) {}

    static IntVar intVar(OssParser.IntVarContext v) {
        if (v == null || v.declName() == null) {
            return null;
        }
        OssParser.DeclNameContext dn = v.declName();
        Name name = name(dn.identifier());
        if (name == null) {
            return null;
        }
        Optional<Expr> size = Optional.empty();
        if (dn.LBRACK() != null) {
            Expr e = expr(dn.size);
            if (e == null || dn.RBRACK() == null || real(dn.RBRACK().getSymbol()) == null) {
                return null;
            }
            size = Optional.of(e);
        }
        Optional<Expr> value = Optional.empty();
        List<Expr> initial = new ArrayList<>();
        if (v.ASSIGN() != null) {
            if (v.LBRACE() != null) {
                if (v.RBRACE() == null || real(v.RBRACE().getSymbol()) == null || v.values.isEmpty()) {
                    return null;
                }
                for (OssParser.ExprContext e : v.values) {
                    Expr x = expr(e);
                    if (x == null) {
                        return null;
                    }
                    initial.add(x);
                }
            } else {
                Expr e = expr(v.init);
                if (e == null) {
                    return null;
                }
                value = Optional.of(e);
            }
        }
        return new IntVar(name, size, value, initial);
    }

    @Override
    public Stmt visitIfStmt(OssParser.IfStmtContext c) {
        return ifStatement(c.ifStatement());
    }

    private Stmt.If ifStatement(OssParser.IfStatementContext c) {
        if (c == null || c.RPAREN() == null || real(c.RPAREN().getSymbol()) == null) {
            return null;
        }
        Expr cond = expr(c.cond);
        Block then = block(c.then);
        if (cond == null || then == null) {
            return null;
        }
        Optional<Stmt.If> elseIf = Optional.empty();
        Optional<Block> otherwise = Optional.empty();
        if (c.ELSE() != null) {
            if (c.elseIf != null) {
                Stmt.If nested = ifStatement(c.elseIf);
                if (nested == null) {
                    return null;
                }
                elseIf = Optional.of(nested);
            } else {
                Block b = block(c.otherwise);
                if (b == null) {
                    return null;
                }
                otherwise = Optional.of(b);
            }
        }
        return new Stmt.If(cond, then, elseIf, otherwise, Spans.of(c));
    }

    @Override
    public Stmt visitWhileStmt(OssParser.WhileStmtContext c) {
        Expr cond = expr(c.cond);
        Block body = block(c.block());
        if (cond == null || body == null || c.RPAREN() == null || real(c.RPAREN().getSymbol()) == null) {
            return null;
        }
        return new Stmt.While(cond, body, Spans.of(c));
    }

    @Override
    public Stmt visitBreakStmt(OssParser.BreakStmtContext c) {
        return new Stmt.Break(Spans.of(c));
    }

    @Override
    public Stmt visitAssertStmt(OssParser.AssertStmtContext c) {
        Expr cond = expr(c.cond);
        return cond == null ? null : new Stmt.Assert(cond, Spans.of(c));
    }

    @Override
    public Stmt visitAwaitStmt(OssParser.AwaitStmtContext c) {
        Expr cond = expr(c.cond);
        return cond == null ? null : new Stmt.Await(cond, Spans.of(c));
    }

    @Override
    public Stmt visitAtomicBlockStmt(OssParser.AtomicBlockStmtContext c) {
        Block body = block(c.block());
        return body == null ? null : new Stmt.Atomic(body, Spans.of(c));
    }

    @Override
    public Stmt visitAtomicOpStmt(OssParser.AtomicOpStmtContext c) {
        Expr.Atomic op = Parts.atomic(c.atomicOp());
        return op == null ? null : new Stmt.AtomicOp(op, Spans.of(c));
    }

    @Override
    public Stmt visitFenceStmt(OssParser.FenceStmtContext c) {
        if (c.fence == null || c.RPAREN() == null || real(c.RPAREN().getSymbol()) == null) {
            return null;
        }
        return new Stmt.Fence(c.fence.getText(), Spans.of(c));
    }

    @Override
    public Stmt visitAssignStmt(OssParser.AssignStmtContext c) {
        Ref target = ref(c.target);
        Expr value = expr(c.value);
        if (target == null || value == null || c.op == null) {
            return null;
        }
        return new Stmt.Assign(target, c.op.getText(), Optional.of(value), Spans.of(c));
    }

    @Override
    public Stmt visitStepStmt(OssParser.StepStmtContext c) {
        Ref target = ref(c.target);
        if (target == null || c.op == null || real(c.op) == null) {
            return null;
        }
        return new Stmt.Assign(target, c.op.getText(), Optional.empty(), Spans.of(c));
    }
}
