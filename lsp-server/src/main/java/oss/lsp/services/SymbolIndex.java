package oss.lsp.services;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.ast.Amount;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Block;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.Expr;
import oss.compiler.ast.ExprNames;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.Name;
import oss.compiler.ast.Node;
import oss.compiler.ast.ProcessAttr;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.SemOpItem;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.ast.Stmt;

/**
 * Every declared name of a scenario and every place it is written, resolved
 * the way the checker does: a name inside a process is first one of that
 * process's variables, then a global declaration or a process.
 */
final class SymbolIndex {
    private final Map<String, Sym> globals = new LinkedHashMap<>();
    private final Map<String, Sym> locals = new HashMap<>();
    private final List<Occurrence> occurrences = new ArrayList<>();
    private final Statements statements = new Statements();
    private String scope;

    /** Polled once per section and per block while the index is built. */
    private final CancelChecker cancel;
    /** The occurrences that start on each 1-based line, in the order they were found. */
    private final Map<Integer, List<Occurrence>> byLine = new HashMap<>();
    /** By identity: each symbol is one instance, and a record's hash would walk a whole process. */
    private final Map<Sym, List<Occurrence>> bySym = new IdentityHashMap<>();
    private final List<Sym> symbols = new ArrayList<>();
    /** The occurrence that starts at a 1-based line and column (the last one found there). */
    private final Map<Long, Occurrence> byStart = new HashMap<>();

    private SymbolIndex(CancelChecker cancel) {
        this.cancel = cancel;
    }

    /** The index of a document without a syntax tree: no names at all. */
    static SymbolIndex empty() {
        return new SymbolIndex(() -> {});
    }

    static SymbolIndex of(Scenario s, CancelChecker cancel) {
        SymbolIndex ix = new SymbolIndex(cancel);
        Globals globals = ix.new Globals();
        for (Section sec : s.sections()) {
            sec.accept(globals);
        }
        Sections sections = ix.new Sections();
        for (Section sec : s.sections()) {
            cancel.checkCanceled();
            sec.accept(sections);
        }
        for (Occurrence o : ix.occurrences) {
            ix.byLine.computeIfAbsent(o.span().line(), k -> new ArrayList<>()).add(o);
            ix.byStart.put(key(o.span().line(), o.span().column()), o);
            ix.bySym.computeIfAbsent(o.sym(), k -> {
                ix.symbols.add(k);
                return new ArrayList<>();
            }).add(o);
        }
        return ix;
    }

    List<Occurrence> occurrences() {
        return occurrences;
    }

    List<Sym> globals() {
        return List.copyOf(globals.values());
    }

    /** Every symbol, globals first, in order of declaration. */
    List<Sym> all() {
        return symbols;
    }

    Optional<Sym> global(String name) {
        return Optional.ofNullable(globals.get(name));
    }

    /** The occurrence whose name contains the position (or ends right at it); a name is on one line. */
    Optional<Occurrence> at(Position p) {
        Occurrence touching = null;
        for (Occurrence o : byLine.getOrDefault(p.getLine() + 1, List.of())) {
            if (Positions.contains(o.span(), p)) {
                return Optional.of(o);
            }
            if (o.span().endColumn() == p.getCharacter() + 1) {
                touching = o;
            }
        }
        return Optional.ofNullable(touching);
    }

    /** The occurrence whose name starts at the 1-based {@code line} and {@code column}, or null. */
    Occurrence startingAt(int line, int column) {
        return byStart.get(key(line, column));
    }

    private static long key(int line, int column) {
        return ((long) line << 32) | column;
    }

    /** Every place {@code sym} is written, in source order of discovery. */
    List<Occurrence> of(Sym sym) {
        return bySym.getOrDefault(sym, List.of());
    }

    private void declareGlobal(Name n, String kind, Node node) {
        Sym sym = globals.computeIfAbsent(n.text(), k -> new Sym(k, kind, n.span(), null, node));
        occurrences.add(new Occurrence(sym, n.span(), sym.declared().equals(n.span())));
    }

    private void declareLocal(Name n, String kind, Node node) {
        String key = scope + "\u0000" + n.text();
        Sym sym = locals.computeIfAbsent(key, k -> new Sym(n.text(), kind, n.span(), scope, node));
        occurrences.add(new Occurrence(sym, n.span(), sym.declared().equals(n.span())));
    }

    private void use(String text, oss.ir.program.Span span) {
        Sym sym = scope == null ? null : locals.get(scope + "\u0000" + text);
        if (sym == null) {
            sym = globals.get(text);
        }
        if (sym != null) {
            occurrences.add(new Occurrence(sym, span, false));
        }
    }

    private void use(Name n) {
        use(n.text(), n.span());
    }

    private void process(ProcessNode p) {
        scope = p.name().text();
        p.array().ifPresent(r -> {
            declareLocal(r.variable(), "index", r);
            expr(r.range().from());
            expr(r.range().to());
        });
        Attributes attributes = new Attributes();
        p.attributes().forEach(a -> a.accept(attributes));
        block(p.body());
        scope = null;
    }

    private void block(Block b) {
        cancel.checkCanceled();
        b.statements().forEach(this::stmt);
    }

    private void ref(Ref r) {
        use(r.name());
        r.index().ifPresent(this::expr);
    }

    private void amounts(List<Amount> as) {
        for (Amount a : as) {
            ref(a.resource());
            a.count().ifPresent(this::expr);
        }
    }

    private void quantity(Quantity q) {
        expr(q.value());
    }

    private void quantity(Optional<Quantity> q) {
        q.ifPresent(this::quantity);
    }

    private void expr(Expr e) {
        ExprNames.of(e).forEach(n -> use(n.name(), n.span()));
    }

    /** The variables named after a process in {@code P.r}: each a use of P's own variable. */
    private void fields(Expr e) {
        if (e instanceof Expr.Field f) {
            inProcess(f.owner().name().text(), () -> useLocal(f.field()));
        } else if (e instanceof Expr.Binary b) {
            fields(b.left());
            fields(b.right());
        } else if (e instanceof Expr.Not n) {
            fields(n.operand());
        } else if (e instanceof Expr.Negate n) {
            fields(n.operand());
        } else if (e instanceof Expr.Paren p) {
            fields(p.inner());
        } else if (e instanceof Expr.Call c) {
            fields(c.first());
            fields(c.second());
        }
    }

    private void inProcess(String process, Runnable r) {
        String outer = scope;
        scope = process;
        try {
            r.run();
        } finally {
            scope = outer;
        }
    }

    /** A use of a variable of the current process only: a metric's name is no global. */
    private void useLocal(Name n) {
        Sym sym = scope == null ? null : locals.get(scope + "\u0000" + n.text());
        if (sym != null) {
            occurrences.add(new Occurrence(sym, n.span(), false));
        }
    }

    private void bind(Optional<Name> var, String kind, Node node) {
        var.ifPresent(n -> declareLocal(n, kind, node));
    }

    private void stmt(Stmt s) {
        s.accept(statements);
    }

    /** The names each kind of section declares for the whole scenario. */
    private final class Globals implements Section.Visitor<Void> {
        @Override
        public Void visitSettings(SettingsBlock x) {
            return null;
        }

        @Override
        public Void visitDeclaration(Declaration x) {
            declareGlobal(x.name(), x.kind().keyword(), x);
            return null;
        }

        @Override
        public Void visitFile(FileDeclNode x) {
            return null;
        }

        @Override
        public Void visitProcess(ProcessNode x) {
            declareGlobal(x.name(), "process", x);
            return null;
        }

        @Override
        public Void visitBanker(BankerNode x) {
            return null;
        }

        @Override
        public Void visitExpect(ExpectNode x) {
            return null;
        }
    }

    /** The names each kind of section uses (and a process, declares in its scope). */
    private final class Sections implements Section.Visitor<Void> {
        private final Expects expects = new Expects();
        private final Rows rows = new Rows();

        @Override
        public Void visitSettings(SettingsBlock x) {
            return null;
        }

        @Override
        public Void visitDeclaration(Declaration x) {
            x.arraySize().ifPresent(SymbolIndex.this::expr);
            x.value().ifPresent(SymbolIndex.this::expr);
            x.initial().forEach(SymbolIndex.this::expr);
            return null;
        }

        @Override
        public Void visitFile(FileDeclNode x) {
            return null;
        }

        @Override
        public Void visitProcess(ProcessNode x) {
            process(x);
            return null;
        }

        @Override
        public Void visitBanker(BankerNode x) {
            x.rows().forEach(r -> r.accept(rows));
            return null;
        }

        @Override
        public Void visitExpect(ExpectNode x) {
            return x.accept(expects);
        }
    }

    private final class Expects implements ExpectNode.Visitor<Void> {
        @Override
        public Void visitFlag(ExpectNode.Flag x) {
            return null;
        }

        @Override
        public Void visitNameList(ExpectNode.NameList x) {
            x.items().forEach(SymbolIndex.this::ref);
            return null;
        }

        @Override
        public Void visitMetric(ExpectNode.Metric x) {
            ref(x.subject());
            // `expect P.r == 1` where r is one of P's variables
            inProcess(x.subject().name().text(), () -> useLocal(x.metric()));
            return null;
        }

        @Override
        public Void visitValue(ExpectNode.Value x) {
            expr(x.condition());
            fields(x.condition());
            return null;
        }

        @Override
        public Void visitAssertions(ExpectNode.Assertions x) {
            return null;
        }

        @Override
        public Void visitRace(ExpectNode.Race x) {
            return null;
        }
    }

    /** A banker table names processes and resources; the numbers name nothing. */
    private final class Rows implements BankerNode.Row.Visitor<Void> {
        @Override
        public Void visitResources(BankerNode.Resources x) {
            x.names().forEach(SymbolIndex.this::use);
            return null;
        }

        @Override
        public Void visitVector(BankerNode.Vector x) {
            return null;
        }

        @Override
        public Void visitProcessRow(BankerNode.ProcessRow x) {
            use(x.process());
            return null;
        }

        @Override
        public Void visitRequest(BankerNode.Request x) {
            use(x.process());
            return null;
        }
    }

    private final class Attributes implements ProcessAttr.Visitor<Void> {
        @Override
        public Void visitNice(ProcessAttr.Nice x) {
            expr(x.value());
            return null;
        }

        @Override
        public Void visitArrives(ProcessAttr.Arrives x) {
            quantity(x.time());
            return null;
        }

        @Override
        public Void visitPolicy(ProcessAttr.Policy x) {
            x.priority().ifPresent(SymbolIndex.this::expr);
            return null;
        }

        @Override
        public Void visitPriority(ProcessAttr.Priority x) {
            expr(x.value());
            return null;
        }

        @Override
        public Void visitFrames(ProcessAttr.Frames x) {
            expr(x.value());
            return null;
        }

        @Override
        public Void visitTickets(ProcessAttr.Tickets x) {
            expr(x.value());
            return null;
        }
    }

    /** The names each kind of statement declares and uses; a new kind must say which. */
    private final class Statements implements Stmt.Visitor<Void> {
        @Override
        public Void visitCompute(Stmt.Compute x) {
            quantity(x.time());
            return null;
        }

        @Override
        public Void visitSleep(Stmt.Sleep x) {
            quantity(x.time());
            return null;
        }

        @Override
        public Void visitIo(Stmt.Io x) {
            quantity(x.time());
            return null;
        }

        @Override
        public Void visitRepeat(Stmt.Repeat x) {
            expr(x.count());
            block(x.body());
            return null;
        }

        @Override
        public Void visitFor(Stmt.For x) {
            expr(x.range().from());
            expr(x.range().to());
            declareLocal(x.variable(), "loop", x);
            block(x.body());
            return null;
        }

        @Override
        public Void visitLock(Stmt.Lock x) {
            ref(x.mutex());
            return null;
        }

        @Override
        public Void visitUnlock(Stmt.Unlock x) {
            ref(x.mutex());
            return null;
        }

        @Override
        public Void visitTryLock(Stmt.TryLock x) {
            ref(x.mutex());
            x.then().ifPresent(SymbolIndex.this::block);
            x.otherwise().ifPresent(SymbolIndex.this::block);
            return null;
        }

        @Override
        public Void visitWaitAny(Stmt.WaitAny x) {
            return null;
        }

        @Override
        public Void visitWait(Stmt.Wait x) {
            ref(x.target());
            return null;
        }

        @Override
        public Void visitPost(Stmt.Post x) {
            ref(x.semaphore());
            return null;
        }

        @Override
        public Void visitCall(Stmt.Call x) {
            ref(x.argument());
            return null;
        }

        @Override
        public Void visitClaim(Stmt.Claim x) {
            amounts(x.amounts());
            return null;
        }

        @Override
        public Void visitRequest(Stmt.Request x) {
            amounts(x.amounts());
            return null;
        }

        @Override
        public Void visitRelease(Stmt.Release x) {
            amounts(x.amounts());
            return null;
        }

        @Override
        public Void visitFork(Stmt.Fork x) {
            bind(x.variable(), "child", x);
            block(x.body());
            return null;
        }

        @Override
        public Void visitExit(Stmt.Exit x) {
            x.status().ifPresent(SymbolIndex.this::expr);
            return null;
        }

        @Override
        public Void visitMmap(Stmt.Mmap x) {
            x.descriptor().ifPresent(SymbolIndex.this::use);
            declareLocal(x.variable(), "mapping", x);
            quantity(x.size());
            x.address().ifPresent(SymbolIndex.this::expr);
            return null;
        }

        @Override
        public Void visitMalloc(Stmt.Malloc x) {
            declareLocal(x.variable(), "allocation", x);
            quantity(x.size());
            return null;
        }

        @Override
        public Void visitMunmap(Stmt.Munmap x) {
            use(x.region());
            return null;
        }

        @Override
        public Void visitMsync(Stmt.Msync x) {
            use(x.region());
            return null;
        }

        @Override
        public Void visitFree(Stmt.Free x) {
            use(x.block());
            return null;
        }

        @Override
        public Void visitBrk(Stmt.Brk x) {
            quantity(x.size());
            return null;
        }

        @Override
        public Void visitMemAccess(Stmt.MemAccess x) {
            use(x.region());
            quantity(x.from());
            quantity(x.to());
            quantity(x.step());
            return null;
        }

        @Override
        public Void visitLibraryAccess(Stmt.LibraryAccess x) {
            quantity(x.from());
            quantity(x.to());
            quantity(x.step());
            return null;
        }

        @Override
        public Void visitAddressAccess(Stmt.AddressAccess x) {
            expr(x.address());
            return null;
        }

        @Override
        public Void visitPageRefs(Stmt.PageRefs x) {
            use(x.region());
            x.pages().forEach(SymbolIndex.this::expr);
            return null;
        }

        @Override
        public Void visitTouch(Stmt.Touch x) {
            use(x.region());
            return null;
        }

        @Override
        public Void visitSnapshot(Stmt.Snapshot x) {
            return null;
        }

        @Override
        public Void visitVFork(Stmt.VFork x) {
            bind(x.variable(), "child", x);
            block(x.body());
            return null;
        }

        @Override
        public Void visitExec(Stmt.Exec x) {
            block(x.body());
            return null;
        }

        @Override
        public Void visitThread(Stmt.Thread x) {
            bind(x.variable(), "thread", x);
            block(x.body());
            return null;
        }

        @Override
        public Void visitJoin(Stmt.Join x) {
            use(x.thread());
            return null;
        }

        @Override
        public Void visitClone(Stmt.Clone x) {
            bind(x.variable(), "child", x);
            block(x.body());
            return null;
        }

        @Override
        public Void visitSpinLock(Stmt.SpinLock x) {
            ref(x.lock());
            return null;
        }

        @Override
        public Void visitSpinUnlock(Stmt.SpinUnlock x) {
            ref(x.lock());
            return null;
        }

        @Override
        public Void visitReadLock(Stmt.ReadLock x) {
            ref(x.rwlock());
            return null;
        }

        @Override
        public Void visitReadUnlock(Stmt.ReadUnlock x) {
            ref(x.rwlock());
            return null;
        }

        @Override
        public Void visitWriteLock(Stmt.WriteLock x) {
            ref(x.rwlock());
            return null;
        }

        @Override
        public Void visitWriteUnlock(Stmt.WriteUnlock x) {
            ref(x.rwlock());
            return null;
        }

        @Override
        public Void visitSeqWrite(Stmt.SeqWrite x) {
            ref(x.seqlock());
            block(x.body());
            return null;
        }

        @Override
        public Void visitSeqRead(Stmt.SeqRead x) {
            ref(x.seqlock());
            block(x.body());
            return null;
        }

        @Override
        public Void visitCondWait(Stmt.CondWait x) {
            ref(x.cond());
            ref(x.mutex());
            return null;
        }

        @Override
        public Void visitSignal(Stmt.Signal x) {
            ref(x.cond());
            return null;
        }

        @Override
        public Void visitBroadcast(Stmt.Broadcast x) {
            ref(x.cond());
            return null;
        }

        @Override
        public Void visitBarrierWait(Stmt.BarrierWait x) {
            ref(x.barrier());
            return null;
        }

        @Override
        public Void visitSemOp(Stmt.SemOp x) {
            for (SemOpItem i : x.items()) {
                ref(i.element());
                expr(i.delta());
            }
            return null;
        }

        @Override
        public Void visitChoose(Stmt.Choose x) {
            x.branches().forEach(SymbolIndex.this::block);
            return null;
        }

        // ---- data

        @Override
        public Void visitVar(Stmt.Var x) {
            x.size().ifPresent(SymbolIndex.this::expr);
            x.value().ifPresent(SymbolIndex.this::expr);
            x.initial().forEach(SymbolIndex.this::expr);
            declareLocal(x.name(), "int", x);
            return null;
        }

        @Override
        public Void visitAssign(Stmt.Assign x) {
            ref(x.target());
            x.value().ifPresent(SymbolIndex.this::expr);
            return null;
        }

        @Override
        public Void visitIf(Stmt.If x) {
            expr(x.condition());
            block(x.then());
            x.elseIf().ifPresent(this::visitIf);
            x.otherwise().ifPresent(SymbolIndex.this::block);
            return null;
        }

        @Override
        public Void visitWhile(Stmt.While x) {
            expr(x.condition());
            block(x.body());
            return null;
        }

        @Override
        public Void visitBreak(Stmt.Break x) {
            return null;
        }

        @Override
        public Void visitAssert(Stmt.Assert x) {
            expr(x.condition());
            return null;
        }

        @Override
        public Void visitAwait(Stmt.Await x) {
            expr(x.condition());
            return null;
        }

        @Override
        public Void visitAtomic(Stmt.Atomic x) {
            block(x.body());
            return null;
        }

        @Override
        public Void visitAtomicOp(Stmt.AtomicOp x) {
            expr(x.operation());
            return null;
        }

        @Override
        public Void visitFence(Stmt.Fence x) {
            return null;
        }

        // issue 14, contract: the names each call uses (a descriptor, a queue, a signal) are indexed by its family's helper

        @Override
        public Void visitFd(Stmt.Fd x) {
            // `p` in `p.read` is the pipe's name: go-to-definition and rename reach `p = pipe`
            boolean makes = x.call().accept(new oss.compiler.ast.FdCall.Visitor<Boolean>() {
                @Override
                public Boolean visitPipe(oss.compiler.ast.FdCall.Pipe c) {
                    return true;
                }

                @Override
                public Boolean visitMkfifo(oss.compiler.ast.FdCall.Mkfifo c) {
                    return false;
                }

                @Override
                public Boolean visitOpen(oss.compiler.ast.FdCall.Open c) {
                    return true;
                }

                @Override
                public Boolean visitRead(oss.compiler.ast.FdCall.Read c) {
                    use(c.fd().name());
                    quantity(c.size());
                    c.into().ifPresent(SymbolIndex.this::ref);
                    return false;
                }

                @Override
                public Boolean visitWrite(oss.compiler.ast.FdCall.Write c) {
                    use(c.fd().name());
                    quantity(c.payload());
                    return false;
                }

                @Override
                public Boolean visitDup(oss.compiler.ast.FdCall.Dup c) {
                    use(c.fd().name());
                    return true;
                }

                @Override
                public Boolean visitLseek(oss.compiler.ast.FdCall.Lseek c) {
                    use(c.fd().name());
                    return false;
                }

                @Override
                public Boolean visitPathCall(oss.compiler.ast.FdCall.PathCall c) {
                    return false;
                }

                @Override
                public Boolean visitFstat(oss.compiler.ast.FdCall.Fstat c) {
                    use(c.fd().name());
                    return false;
                }

                @Override
                public Boolean visitFsync(oss.compiler.ast.FdCall.Fsync c) {
                    use(c.fd().name());
                    return false;
                }

                @Override
                public Boolean visitDup2(oss.compiler.ast.FdCall.Dup2 c) {
                    use(c.from().name());
                    use(c.to().name());
                    return true;
                }

                @Override
                public Boolean visitClose(oss.compiler.ast.FdCall.Close c) {
                    use(c.fd().name());
                    return false;
                }
            });
            // `n = read ...` sets an int variable declared elsewhere; `p = pipe` and `f = open` make a name
            x.variable().ifPresent(v -> {
                if (makes) {
                    declareLocal(v, x.call() instanceof oss.compiler.ast.FdCall.Pipe p ? (p.socket() ? "socket pair" : "pipe") : "descriptor", x);
                } else {
                    use(v);
                }
            });
            return null;
        }

        @Override
        public Void visitIpc(Stmt.Ipc x) {
            x.call().accept(new ShmNames());
            x.call().accept(new QueueNames());
            // `n = msgsnd ...` sets an int variable declared before; `q = msgget ...` names a new queue
            boolean result = x.call() instanceof oss.compiler.ast.IpcCall.MsgSnd
                    || x.call() instanceof oss.compiler.ast.IpcCall.MsgRcv
                    || x.call() instanceof oss.compiler.ast.IpcCall.MqSend
                    || x.call() instanceof oss.compiler.ast.IpcCall.MqReceive;
            x.variable().ifPresent(v -> {
                if (result) {
                    use(v);
                } else {
                    declareLocal(v, "ipc", x);
                }
            });
            return null;
        }

        /** The names a message-queue call uses (its queue, the variable it receives into, its type's names). */
        private final class QueueNames implements oss.compiler.ast.IpcCall.Visitor<Void> {
            @Override
            public Void visitMsgGet(oss.compiler.ast.IpcCall.MsgGet c) {
                expr(c.key());
                return null;
            }

            @Override
            public Void visitMsgSnd(oss.compiler.ast.IpcCall.MsgSnd c) {
                use(c.queue());
                expr(c.type());
                quantity(c.payload());
                return null;
            }

            @Override
            public Void visitMsgRcv(oss.compiler.ast.IpcCall.MsgRcv c) {
                use(c.queue());
                expr(c.type());
                c.into().ifPresent(SymbolIndex.this::ref);
                return null;
            }

            @Override
            public Void visitMsgCtl(oss.compiler.ast.IpcCall.MsgCtl c) {
                use(c.queue());
                return null;
            }

            @Override
            public Void visitMqOpen(oss.compiler.ast.IpcCall.MqOpen c) {
                c.options().forEach(o -> quantity(o.value()));
                return null;
            }

            @Override
            public Void visitMqSend(oss.compiler.ast.IpcCall.MqSend c) {
                use(c.queue());
                quantity(c.payload());
                c.prio().ifPresent(SymbolIndex.this::expr);
                return null;
            }

            @Override
            public Void visitMqReceive(oss.compiler.ast.IpcCall.MqReceive c) {
                use(c.queue());
                c.into().ifPresent(SymbolIndex.this::ref);
                return null;
            }

            @Override
            public Void visitMqUnlink(oss.compiler.ast.IpcCall.MqUnlink c) {
                return null;
            }

            // shared memory's names are ShmNames'

            @Override
            public Void visitShmGet(oss.compiler.ast.IpcCall.ShmGet c) {
                return null;
            }

            @Override
            public Void visitShmAt(oss.compiler.ast.IpcCall.ShmAt c) {
                return null;
            }

            @Override
            public Void visitShmDt(oss.compiler.ast.IpcCall.ShmDt c) {
                return null;
            }

            @Override
            public Void visitShmCtl(oss.compiler.ast.IpcCall.ShmCtl c) {
                return null;
            }

            @Override
            public Void visitShmOpen(oss.compiler.ast.IpcCall.ShmOpen c) {
                return null;
            }

            @Override
            public Void visitShmUnlink(oss.compiler.ast.IpcCall.ShmUnlink c) {
                return null;
            }
        }

        /** The names a shared-memory call uses (its segment, region), so go-to-definition and rename find them. */
        private final class ShmNames implements oss.compiler.ast.IpcCall.Visitor<Void> {
            @Override
            public Void visitShmGet(oss.compiler.ast.IpcCall.ShmGet c) {
                expr(c.key());
                quantity(c.size());
                return null;
            }

            @Override
            public Void visitShmAt(oss.compiler.ast.IpcCall.ShmAt c) {
                use(c.segment());
                return null;
            }

            @Override
            public Void visitShmDt(oss.compiler.ast.IpcCall.ShmDt c) {
                use(c.region());
                return null;
            }

            @Override
            public Void visitShmCtl(oss.compiler.ast.IpcCall.ShmCtl c) {
                use(c.segment());
                return null;
            }

            @Override
            public Void visitShmOpen(oss.compiler.ast.IpcCall.ShmOpen c) {
                quantity(c.size());
                return null;
            }

            @Override
            public Void visitShmUnlink(oss.compiler.ast.IpcCall.ShmUnlink c) {
                return null;
            }

            // message queues: their names are indexed by the message-queue calls' own visitor

            @Override
            public Void visitMsgGet(oss.compiler.ast.IpcCall.MsgGet c) {
                return null;
            }

            @Override
            public Void visitMsgSnd(oss.compiler.ast.IpcCall.MsgSnd c) {
                return null;
            }

            @Override
            public Void visitMsgRcv(oss.compiler.ast.IpcCall.MsgRcv c) {
                return null;
            }

            @Override
            public Void visitMsgCtl(oss.compiler.ast.IpcCall.MsgCtl c) {
                return null;
            }

            @Override
            public Void visitMqOpen(oss.compiler.ast.IpcCall.MqOpen c) {
                return null;
            }

            @Override
            public Void visitMqSend(oss.compiler.ast.IpcCall.MqSend c) {
                return null;
            }

            @Override
            public Void visitMqReceive(oss.compiler.ast.IpcCall.MqReceive c) {
                return null;
            }

            @Override
            public Void visitMqUnlink(oss.compiler.ast.IpcCall.MqUnlink c) {
                return null;
            }
        }

        @Override
        public Void visitSig(Stmt.Sig x) {
            if (x.call() instanceof oss.compiler.ast.SigCall.Kill k) {
                // the child variable or the declared process a kill names, for go-to-definition and rename
                k.target().ifPresent(SymbolIndex.this::ref);
                k.pid().ifPresent(SymbolIndex.this::expr);
            }
            x.call().accept(oss.compiler.ast.HandlerBlock.INSTANCE).ifPresent(SymbolIndex.this::block);
            return null;
        }

        // issue 15, the I/O models: the descriptors, epoll instances and aio requests a call names
        @Override
        public Void visitIoModel(Stmt.IoModel x) {
            boolean makes = x.call().accept(new oss.compiler.ast.IoCall.Visitor<Boolean>() {
                @Override
                public Boolean visitSelect(oss.compiler.ast.IoCall.Select c) {
                    c.fds().forEach(f -> use(f.name()));
                    c.timeout().ifPresent(SymbolIndex.this::quantity);
                    return false;
                }

                @Override
                public Boolean visitEpollCreate(oss.compiler.ast.IoCall.EpollCreate c) {
                    return true;
                }

                @Override
                public Boolean visitEpollCtl(oss.compiler.ast.IoCall.EpollCtl c) {
                    use(c.epoll());
                    use(c.fd().name());
                    return false;
                }

                @Override
                public Boolean visitEpollWait(oss.compiler.ast.IoCall.EpollWait c) {
                    use(c.epoll());
                    c.timeout().ifPresent(SymbolIndex.this::quantity);
                    return false;
                }

                @Override
                public Boolean visitFcntl(oss.compiler.ast.IoCall.Fcntl c) {
                    use(c.fd().name());
                    return false;
                }

                @Override
                public Boolean visitAioRead(oss.compiler.ast.IoCall.AioRead c) {
                    use(c.fd().name());
                    quantity(c.size());
                    return true;
                }

                @Override
                public Boolean visitAioSuspend(oss.compiler.ast.IoCall.AioSuspend c) {
                    use(c.request());
                    return false;
                }

                @Override
                public Boolean visitAioReturn(oss.compiler.ast.IoCall.AioReturn c) {
                    use(c.request());
                    return false;
                }
            });
            // `ep = epoll_create` and `a = aio_read ...` make a name; `n = select ...` sets an int declared before
            x.variable().ifPresent(v -> {
                if (makes) {
                    declareLocal(v, x.call() instanceof oss.compiler.ast.IoCall.EpollCreate ? "descriptor" : "aio", x);
                } else {
                    use(v);
                }
            });
            return null;
        }
    }
}
