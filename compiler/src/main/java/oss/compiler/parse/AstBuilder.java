package oss.compiler.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import oss.compiler.ast.Amount;
import oss.compiler.ast.Atom;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Block;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.Expr;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.Name;
import oss.compiler.ast.ProcessAttr;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Range;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.SemOpItem;
import oss.compiler.ast.Section;
import oss.compiler.ast.Setting;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.ast.Stmt;
import oss.compiler.ast.Text;
import oss.grammar.OssLexer;
import oss.grammar.OssParser;

/**
 * Parse tree to AST. Works on trees with recovered errors too: a node whose
 * required parts are missing is left out (its builder returns null), so the
 * rest of the file still gets an AST.
 */
final class AstBuilder {

    Scenario scenario(OssParser.ScenarioContext ctx) {
        Token title = real(ctx.title);
        String text = title == null ? "" : unquote(title.getText());
        List<Section> sections = new ArrayList<>();
        for (OssParser.SectionContext s : ctx.section()) {
            Section built = safe(() -> section(s));
            if (built != null) {
                sections.add(built);
            }
        }
        return new Scenario(text, title == null ? oss.ir.program.Span.NONE : Spans.of(title), sections,
                Spans.of(ctx));
    }

    private interface Build<T> {
        T get();
    }

    private static <T> T safe(Build<T> b) {
        try {
            return b.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Errors in this node itself, not counting the blocks nested in it (those are checked on their own). */
    static boolean broken(ParseTree t) {
        if (t instanceof org.antlr.v4.runtime.tree.ErrorNode) {
            return true;
        }
        if (t instanceof OssParser.BlockContext) {
            return false;
        }
        if (t instanceof ParserRuleContext c) {
            if (c.exception != null) {
                return true;
            }
            for (int i = 0; i < c.getChildCount(); i++) {
                if (broken(c.getChild(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Token real(Token t) {
        return t == null || t.getTokenIndex() < 0 ? null : t;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private Section section(OssParser.SectionContext s) {
        if (!(s instanceof OssParser.MachineSectionContext) && !(s instanceof OssParser.KernelSectionContext)
                && !(s instanceof OssParser.BankerSectionContext) && !(s instanceof OssParser.ProcessSectionContext)
                && broken(s)) {
            return null;
        }
        if (s instanceof OssParser.MachineSectionContext m) {
            return settings(SettingsBlock.Kind.MACHINE, m.setting(), m, m.RBRACE());
        }
        if (s instanceof OssParser.KernelSectionContext k) {
            return settings(SettingsBlock.Kind.KERNEL, k.setting(), k, k.RBRACE());
        }
        if (s instanceof OssParser.DeclarationSectionContext d) {
            if (d.declaration() instanceof OssParser.FileDeclContext f) {
                return fileDecl(FileDeclNode.Kind.FILE, f.path, f.quantity(), f);
            }
            if (d.declaration() instanceof OssParser.LibraryDeclContext f) {
                return fileDecl(FileDeclNode.Kind.LIBRARY, f.path, f.quantity(), f);
            }
            return declaration(d.declaration());
        }
        if (s instanceof OssParser.ProcessSectionContext p) {
            return process(p.process());
        }
        if (s instanceof OssParser.BankerSectionContext b) {
            return banker(b.banker());
        }
        if (s instanceof OssParser.ExpectationSectionContext e) {
            return expectation(e.expectation());
        }
        return null;
    }

    // ------------------------------------------------------------ settings

    private SettingsBlock settings(SettingsBlock.Kind kind, List<OssParser.SettingContext> lines,
                                   ParserRuleContext ctx, TerminalNode close) {
        if (close == null || real(close.getSymbol()) == null) {
            return null;
        }
        List<String> keys = kind == SettingsBlock.Kind.MACHINE ? SettingKeys.MACHINE : SettingKeys.KERNEL;
        List<Setting> out = new ArrayList<>();
        for (OssParser.SettingContext line : lines) {
            if (broken(line)) {
                continue;
            }
            List<Atom> atoms = new ArrayList<>();
            Token prev = null;
            for (OssParser.AtomContext a : line.atom()) {
                Atom atom = atom(a, prev);
                if (atom != null) {
                    atoms.add(atom);
                    prev = a.getStop();
                }
            }
            int start = 0;
            for (int i = 1; i <= atoms.size(); i++) {
                boolean split = i == atoms.size() || (atoms.get(i).kind() == Atom.Kind.WORD
                        && !atoms.get(i).glued() && keys.contains(atoms.get(i).text()));
                if (split && start < atoms.size()) {
                    List<Atom> part = atoms.subList(start, i);
                    out.add(new Setting(part.get(0), List.copyOf(part.subList(1, part.size())),
                            Spans.cover(part.get(0).span(), part.get(part.size() - 1).span())));
                    start = i;
                }
            }
        }
        return new SettingsBlock(kind, out, Spans.of(ctx));
    }

    private Atom atom(OssParser.AtomContext a, Token prev) {
        Token t = real(a.getStart());
        if (t == null) {
            return null;
        }
        Atom.Kind kind;
        if (a.word() != null) {
            kind = Atom.Kind.WORD;
        } else if (a.NUMBER() != null) {
            kind = Atom.Kind.NUMBER;
        } else if (a.STRING() != null) {
            kind = Atom.Kind.STRING;
        } else {
            kind = Atom.Kind.SIGN;
        }
        boolean glued = prev != null && prev.getLine() == t.getLine()
                && prev.getStopIndex() + 1 == t.getStartIndex();
        return new Atom(kind, a.getText(), glued, Spans.of(a));
    }

    // ------------------------------------------------------------ declarations

    private Declaration declaration(OssParser.DeclarationContext d) {
        if (d instanceof OssParser.MutexDeclContext m) {
            return decl(Declaration.Kind.MUTEX, m.declName(), null, d);
        }
        if (d instanceof OssParser.SemaphoreDeclContext s) {
            if (s.ASSIGN() != null && s.init == null) {
                return null;
            }
            return decl(Declaration.Kind.SEMAPHORE, s.declName(), s.init, d);
        }
        if (d instanceof OssParser.ResourceDeclContext r) {
            return decl(Declaration.Kind.RESOURCE, r.declName(), r.instances, d);
        }
        if (d instanceof OssParser.SpinlockDeclContext x) {
            return decl(Declaration.Kind.SPINLOCK, x.declName(), null, d);
        }
        if (d instanceof OssParser.RwlockDeclContext x) {
            Declaration built = decl(Declaration.Kind.RWLOCK, x.declName(), null, d);
            return built == null || x.WRITER_PREFERRING() == null ? built
                    : new Declaration(built.kind(), built.name(), built.arraySize(), built.value(), List.of(), true,
                    built.span());
        }
        if (d instanceof OssParser.SeqlockDeclContext x) {
            return decl(Declaration.Kind.SEQLOCK, x.declName(), null, d);
        }
        if (d instanceof OssParser.CondvarDeclContext x) {
            return decl(Declaration.Kind.CONDVAR, x.declName(), null, d);
        }
        if (d instanceof OssParser.BarrierDeclContext x) {
            return x.parties == null ? null : decl(Declaration.Kind.BARRIER, x.declName(), x.parties, d);
        }
        if (d instanceof OssParser.SemsetDeclContext x) {
            Name name = name(x.identifier());
            if (name == null || x.RBRACK() == null || real(x.RBRACK().getSymbol()) == null) {
                return null;
            }
            List<Expr> values = new ArrayList<>();
            for (OssParser.ExprContext e : x.expr()) {
                Expr v = expr(e);
                if (v == null) {
                    return null;
                }
                values.add(v);
            }
            return new Declaration(Declaration.Kind.SEMSET, name, Optional.empty(), Optional.empty(), values, false,
                    Spans.of(d));
        }
        return null;
    }

    private FileDeclNode fileDecl(FileDeclNode.Kind kind, Token path, OssParser.QuantityContext size,
                                  ParserRuleContext ctx) {
        Text p = text(path);
        Quantity q = quantity(size);
        return p == null || q == null ? null : new FileDeclNode(kind, p, q, Spans.of(ctx));
    }

    /**
     * An optional part such as a range's end or its step: empty when absent,
     * null when present but broken (the statement is then dropped, its syntax
     * error already reported).
     */
    private Optional<Quantity> optionalQuantity(boolean present, OssParser.QuantityContext ctx) {
        if (!present) {
            return Optional.empty();
        }
        Quantity q = quantity(ctx);
        return q == null ? null : Optional.of(q);
    }

    private Text text(Token t) {
        Token real = real(t);
        return real == null ? null : new Text(unquote(real.getText()), Spans.of(real));
    }

    private Declaration decl(Declaration.Kind kind, OssParser.DeclNameContext dn, OssParser.ExprContext value,
                             ParserRuleContext ctx) {
        if (dn == null) {
            return null;
        }
        Name name = name(dn.identifier());
        if (name == null) {
            return null;
        }
        Optional<Expr> size = Optional.empty();
        if (dn.LBRACK() != null) {
            Expr e = expr(dn.size);
            if (e == null || dn.RBRACK() == null) {
                return null;
            }
            size = Optional.of(e);
        }
        Optional<Expr> v = Optional.empty();
        if (value != null) {
            Expr e = expr(value);
            if (e == null) {
                return null;
            }
            v = Optional.of(e);
        }
        return new Declaration(kind, name, size, v, Spans.of(ctx));
    }

    // ------------------------------------------------------------ processes

    private ProcessNode process(OssParser.ProcessContext p) {
        if (p == null || broken(p)) {
            return null;
        }
        Name name = name(p.identifier(0));
        if (name == null) {
            return null;
        }
        Optional<ProcessNode.IndexRange> array = Optional.empty();
        if (p.LBRACK() != null) {
            Name var = name(p.index);
            Range range = range(p.range());
            if (var == null || range == null || p.RBRACK() == null) {
                return null;
            }
            array = Optional.of(new ProcessNode.IndexRange(var, range,
                    Spans.cover(Spans.of(p.LBRACK().getSymbol()), Spans.of(p.RBRACK().getSymbol()))));
        }
        List<ProcessAttr> attrs = new ArrayList<>();
        for (OssParser.ProcessAttrContext a : p.processAttr()) {
            ProcessAttr built = safe(() -> attr(a));
            if (built != null) {
                attrs.add(built);
            }
        }
        Block body = block(p.block());
        if (body == null) {
            return null;
        }
        return new ProcessNode(name, array, attrs, body, Spans.of(p));
    }

    private ProcessAttr attr(OssParser.ProcessAttrContext a) {
        if (a instanceof OssParser.NiceAttrContext n) {
            Expr e = expr(n.expr());
            return e == null ? null : new ProcessAttr.Nice(e, Spans.of(a));
        }
        if (a instanceof OssParser.ArrivesAttrContext n) {
            Quantity q = quantity(n.quantity());
            return q == null ? null : new ProcessAttr.Arrives(q, Spans.of(a));
        }
        if (a instanceof OssParser.PolicyAttrContext n) {
            Name policy = name(n.identifier());
            if (policy == null) {
                return null;
            }
            Optional<Expr> prio = Optional.empty();
            if (n.PRIORITY() != null) {
                Expr e = expr(n.expr());
                if (e == null) {
                    return null;
                }
                prio = Optional.of(e);
            }
            return new ProcessAttr.Policy(policy, prio, Spans.of(a));
        }
        if (a instanceof OssParser.PriorityAttrContext n) {
            Expr e = expr(n.expr());
            return e == null ? null : new ProcessAttr.Priority(e, Spans.of(a));
        }
        if (a instanceof OssParser.FramesAttrContext n) {
            Expr e = expr(n.expr());
            return e == null ? null : new ProcessAttr.Frames(e, Spans.of(a));
        }
        if (a instanceof OssParser.TicketsAttrContext n) {
            Expr e = expr(n.expr());
            return e == null ? null : new ProcessAttr.Tickets(e, Spans.of(a));
        }
        return null;
    }

    private Range range(OssParser.RangeContext r) {
        if (r == null || r.DOTDOT() == null) {
            return null;
        }
        Expr from = expr(r.from);
        Expr to = expr(r.to);
        if (from == null || to == null) {
            return null;
        }
        return new Range(from, to, Spans.of(r));
    }

    private Block block(OssParser.BlockContext b) {
        if (b == null || b.LBRACE() == null || real(b.LBRACE().getSymbol()) == null) {
            return null;
        }
        List<Stmt> stmts = new ArrayList<>();
        for (OssParser.StatementContext s : b.statement()) {
            Stmt built = safe(() -> statement(s));
            if (built != null) {
                stmts.add(built);
            }
        }
        return new Block(stmts, Spans.of(b));
    }

    private Stmt statement(OssParser.StatementContext s) {
        if (broken(s)) {
            return null;
        }
        var span = Spans.of(s);
        if (s instanceof OssParser.ComputeStmtContext c) {
            Quantity q = quantity(c.quantity());
            return q == null ? null : new Stmt.Compute(q, span);
        }
        if (s instanceof OssParser.SleepStmtContext c) {
            Quantity q = quantity(c.quantity());
            return q == null ? null : new Stmt.Sleep(q, span);
        }
        if (s instanceof OssParser.IoStmtContext c) {
            Quantity q = quantity(c.quantity());
            return q == null ? null : new Stmt.Io(q, span);
        }
        if (s instanceof OssParser.RepeatStmtContext c) {
            Expr count = expr(c.count);
            Block body = block(c.block());
            return count == null || body == null ? null : new Stmt.Repeat(count, body, span);
        }
        if (s instanceof OssParser.ForStmtContext c) {
            Name var = name(c.var);
            Range range = range(c.range());
            Block body = block(c.block());
            return var == null || range == null || body == null ? null : new Stmt.For(var, range, body, span);
        }
        if (s instanceof OssParser.LockStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.Lock(r, span);
        }
        if (s instanceof OssParser.UnlockStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.Unlock(r, span);
        }
        if (s instanceof OssParser.TrylockStmtContext c) {
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
        if (s instanceof OssParser.WaitAnyStmtContext) {
            return new Stmt.WaitAny(span);
        }
        Stmt sync = syncStatement(s, span);
        if (sync != null) {
            return sync;
        }
        if (s instanceof OssParser.WaitStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.Wait(r, span);
        }
        if (s instanceof OssParser.PostStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.Post(r, span);
        }
        if (s instanceof OssParser.CallStmtContext c) {
            Name callee = name(c.callee);
            Ref r = ref(c.ref());
            return callee == null || r == null || c.RPAREN() == null || real(c.RPAREN().getSymbol()) == null
                    ? null : new Stmt.Call(callee, r, span);
        }
        if (s instanceof OssParser.ClaimStmtContext c) {
            List<Amount> a = amounts(c.amounts());
            return a == null ? null : new Stmt.Claim(a, span);
        }
        if (s instanceof OssParser.RequestStmtContext c) {
            List<Amount> a = amounts(c.amounts());
            return a == null ? null : new Stmt.Request(a, span);
        }
        if (s instanceof OssParser.ReleaseStmtContext c) {
            List<Amount> a = amounts(c.amounts());
            return a == null ? null : new Stmt.Release(a, span);
        }
        if (s instanceof OssParser.ForkStmtContext c) {
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
        Stmt memory = memoryStatement(s, span);
        if (memory != null) {
            return memory;
        }
        if (s instanceof OssParser.ExitStmtContext c) {
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
        return null;
    }

    private Stmt memoryStatement(OssParser.StatementContext s, oss.ir.program.Span span) {
        if (s instanceof OssParser.MmapStmtContext c) {
            Name var = name(c.var);
            Name prot = name(c.prot);
            if (var == null || prot == null || c.share == null) {
                return null;
            }
            Optional<Quantity> size = Optional.empty();
            Optional<Text> file = Optional.empty();
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
            return new Stmt.Mmap(var, size, file, c.share.getType() == OssLexer.SHARED, prot, address, span);
        }
        if (s instanceof OssParser.MallocStmtContext c) {
            Name var = name(c.var);
            Quantity q = quantity(c.quantity());
            return var == null || q == null ? null : new Stmt.Malloc(var, q, span);
        }
        if (s instanceof OssParser.MunmapStmtContext c) {
            Name n = name(c.identifier());
            return n == null ? null : new Stmt.Munmap(n, span);
        }
        if (s instanceof OssParser.MsyncStmtContext c) {
            Name n = name(c.identifier());
            return n == null ? null : new Stmt.Msync(n, span);
        }
        if (s instanceof OssParser.FreeStmtContext c) {
            Name n = name(c.identifier());
            return n == null ? null : new Stmt.Free(n, span);
        }
        if (s instanceof OssParser.TouchStmtContext c) {
            Name n = name(c.identifier());
            return n == null ? null : new Stmt.Touch(n, span);
        }
        if (s instanceof OssParser.JoinStmtContext c) {
            Name n = name(c.identifier());
            return n == null ? null : new Stmt.Join(n, span);
        }
        if (s instanceof OssParser.BrkStmtContext c) {
            Quantity q = quantity(c.quantity());
            return q == null || c.sign == null ? null : new Stmt.Brk(c.sign.getType() == OssLexer.PLUS, q, span);
        }
        if (s instanceof OssParser.MemAccessStmtContext c) {
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
        if (s instanceof OssParser.LibraryAccessStmtContext c) {
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
        if (s instanceof OssParser.AddressAccessStmtContext c) {
            Expr e = expr(c.address);
            return e == null || c.kind == null ? null : new Stmt.AddressAccess(c.kind.getType() == OssLexer.WRITE, e, span);
        }
        if (s instanceof OssParser.PageRefsStmtContext c) {
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
        if (s instanceof OssParser.SnapshotStmtContext c) {
            Text t = text(c.label);
            return t == null ? null : new Stmt.Snapshot(t, span);
        }
        if (s instanceof OssParser.VforkStmtContext c) {
            Optional<Name> var = variable(c.ASSIGN(), c.var);
            Block body = block(c.block());
            return var == null || body == null ? null : new Stmt.VFork(var, body, span);
        }
        if (s instanceof OssParser.ThreadStmtContext c) {
            Optional<Name> var = variable(c.ASSIGN(), c.var);
            Block body = block(c.block());
            return var == null || body == null ? null : new Stmt.Thread(var, body, span);
        }
        if (s instanceof OssParser.CloneStmtContext c) {
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
        if (s instanceof OssParser.ExecStmtContext c) {
            Text t = text(c.program);
            Block body = block(c.block());
            return t == null || body == null ? null : new Stmt.Exec(t, body, span);
        }
        return null;
    }

    /** The statements of the synchronisation primitives beyond mutexes and semaphores; null for any other. */
    private Stmt syncStatement(OssParser.StatementContext s, oss.ir.program.Span span) {
        if (s instanceof OssParser.SpinLockStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.SpinLock(r, span);
        }
        if (s instanceof OssParser.SpinUnlockStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.SpinUnlock(r, span);
        }
        if (s instanceof OssParser.ReadLockStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.ReadLock(r, span);
        }
        if (s instanceof OssParser.ReadUnlockStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.ReadUnlock(r, span);
        }
        if (s instanceof OssParser.WriteLockStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.WriteLock(r, span);
        }
        if (s instanceof OssParser.WriteUnlockStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.WriteUnlock(r, span);
        }
        if (s instanceof OssParser.SeqWriteStmtContext c) {
            Ref r = ref(c.ref());
            Block body = block(c.block());
            return r == null || body == null ? null : new Stmt.SeqWrite(r, body, span);
        }
        if (s instanceof OssParser.SeqReadStmtContext c) {
            Ref r = ref(c.ref());
            Block body = block(c.block());
            return r == null || body == null ? null : new Stmt.SeqRead(r, body, span);
        }
        if (s instanceof OssParser.CondWaitStmtContext c) {
            Ref cond = ref(c.cond);
            Ref mutex = ref(c.mutex);
            return cond == null || mutex == null ? null : new Stmt.CondWait(cond, mutex, span);
        }
        if (s instanceof OssParser.SignalStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.Signal(r, span);
        }
        if (s instanceof OssParser.BroadcastStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.Broadcast(r, span);
        }
        if (s instanceof OssParser.BarrierStmtContext c) {
            Ref r = ref(c.ref());
            return r == null ? null : new Stmt.BarrierWait(r, span);
        }
        if (s instanceof OssParser.SemopStmtContext c) {
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
        if (s instanceof OssParser.ChooseStmtContext c) {
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
        return null;
    }

    /** The variable of {@code v = vfork}, empty without one, null when broken. */
    private Optional<Name> variable(TerminalNode assign, OssParser.IdentifierContext var) {
        if (assign == null) {
            return Optional.empty();
        }
        Name n = name(var);
        return n == null ? null : Optional.of(n);
    }

    private List<Amount> amounts(OssParser.AmountsContext a) {
        if (a == null || a.amount().isEmpty()) {
            return null;
        }
        List<Amount> out = new ArrayList<>();
        for (OssParser.AmountContext one : a.amount()) {
            Ref r = ref(one.ref());
            if (r == null) {
                return null;
            }
            Optional<Expr> count = Optional.empty();
            if (one.count != null) {
                Expr e = expr(one.count);
                if (e == null) {
                    return null;
                }
                count = Optional.of(e);
            }
            out.add(new Amount(r, count, Spans.of(one)));
        }
        return out;
    }

    private Ref ref(OssParser.RefContext r) {
        if (r == null) {
            return null;
        }
        Name n = name(r.identifier());
        if (n == null) {
            return null;
        }
        Optional<Expr> index = Optional.empty();
        if (r.LBRACK() != null) {
            Expr e = expr(r.index);
            if (e == null || r.RBRACK() == null || real(r.RBRACK().getSymbol()) == null) {
                return null;
            }
            index = Optional.of(e);
        }
        return new Ref(n, index, Spans.of(r));
    }

    // ------------------------------------------------------------ banker

    private BankerNode banker(OssParser.BankerContext b) {
        if (b == null || b.RBRACE() == null || real(b.RBRACE().getSymbol()) == null) {
            return null;
        }
        List<BankerNode.Row> rows = new ArrayList<>();
        for (OssParser.BankerRowContext r : b.bankerRow()) {
            BankerNode.Row row = safe(() -> bankerRow(r));
            if (row != null) {
                rows.add(row);
            }
        }
        return new BankerNode(rows, Spans.of(b));
    }

    private BankerNode.Row bankerRow(OssParser.BankerRowContext r) {
        if (broken(r)) {
            return null;
        }
        var span = Spans.of(r);
        if (r instanceof OssParser.BankerResourcesContext c) {
            List<Name> names = new ArrayList<>();
            for (OssParser.IdentifierContext i : c.identifier()) {
                Name n = name(i);
                if (n == null) {
                    return null;
                }
                names.add(n);
            }
            return new BankerNode.Resources(names, span);
        }
        if (r instanceof OssParser.BankerTotalContext c) {
            return new BankerNode.Vector(false, numbers(c.NUMBER()), span);
        }
        if (r instanceof OssParser.BankerAvailableContext c) {
            return new BankerNode.Vector(true, numbers(c.NUMBER()), span);
        }
        if (r instanceof OssParser.BankerProcessContext c) {
            Name n = name(c.identifier());
            if (n == null) {
                return null;
            }
            List<BankerNode.Part> parts = new ArrayList<>();
            for (OssParser.BankerVectorContext v : c.bankerVector()) {
                Token kind = real(v.kind);
                if (kind == null) {
                    return null;
                }
                parts.add(new BankerNode.Part(kind.getText(), numbers(v.NUMBER()), Spans.of(v)));
            }
            return new BankerNode.ProcessRow(n, parts, span);
        }
        if (r instanceof OssParser.BankerRequestContext c) {
            Name n = name(c.identifier());
            return n == null ? null : new BankerNode.Request(n, numbers(c.NUMBER()), span);
        }
        return null;
    }

    private List<Expr.Number> numbers(List<TerminalNode> nodes) {
        List<Expr.Number> out = new ArrayList<>();
        for (TerminalNode n : nodes) {
            Token t = real(n.getSymbol());
            if (t != null) {
                out.add(new Expr.Number(t.getText(), Spans.of(t)));
            }
        }
        return out;
    }

    // ------------------------------------------------------------ expectations

    private ExpectNode expectation(OssParser.ExpectationContext e) {
        var span = Spans.of(e);
        if (e instanceof OssParser.FlagExpectContext f) {
            Name flag = name(f.flag);
            return flag == null ? null : new ExpectNode.Flag(f.NO() != null, flag, span);
        }
        if (e instanceof OssParser.ListExpectContext l) {
            Name list = name(l.list);
            if (list == null || l.RBRACK() == null || real(l.RBRACK().getSymbol()) == null) {
                return null;
            }
            List<Ref> items = new ArrayList<>();
            for (OssParser.RefContext r : l.ref()) {
                Ref ref = ref(r);
                if (ref == null) {
                    return null;
                }
                items.add(ref);
            }
            return new ExpectNode.NameList(list, items, span);
        }
        if (e instanceof OssParser.MetricExpectContext m) {
            Ref subject = ref(m.subject);
            Name metric = m.metric == null || real(m.metric.getStart()) == null ? null
                    : new Name(m.metric.getText(), Spans.of(m.metric));
            Quantity q = quantity(m.quantity());
            if (subject == null || metric == null || m.op == null || q == null || m.op.getStart() == null) {
                return null;
            }
            return new ExpectNode.Metric(subject, metric, m.op.getText(), q, span);
        }
        return null;
    }

    // ------------------------------------------------------------ values

    private Quantity quantity(OssParser.QuantityContext q) {
        if (q == null) {
            return null;
        }
        Expr value = expr(q.expr());
        if (value == null) {
            return null;
        }
        Token unit = real(q.unit);
        Optional<Name> u = unit == null ? Optional.empty() : Optional.of(new Name(unit.getText(), Spans.of(unit)));
        return new Quantity(value, u, Spans.of(q));
    }

    Expr expr(OssParser.ExprContext e) {
        if (e == null || e.exception != null && e.getChildCount() == 0) {
            return null;
        }
        var span = Spans.of(e);
        if (e instanceof OssParser.NumberExprContext n) {
            Token t = real(n.NUMBER() == null ? null : n.NUMBER().getSymbol());
            return t == null ? null : new Expr.Number(t.getText(), span);
        }
        if (e instanceof OssParser.NameExprContext n) {
            Name name = name(n.identifier());
            return name == null ? null : new Expr.NameRef(name.text(), span);
        }
        if (e instanceof OssParser.NegateExprContext n) {
            Expr inner = expr(n.expr());
            return inner == null ? null : new Expr.Negate(inner, span);
        }
        if (e instanceof OssParser.MultiplyExprContext n) {
            return binary(n.op, n.expr(0), n.expr(1), span);
        }
        if (e instanceof OssParser.AddExprContext n) {
            return binary(n.op, n.expr(0), n.expr(1), span);
        }
        if (e instanceof OssParser.CallExprContext n) {
            if (n.expr().size() != 2 || n.RPAREN() == null || real(n.RPAREN().getSymbol()) == null) {
                return null;
            }
            Expr a = expr(n.expr(0));
            Expr b = expr(n.expr(1));
            return a == null || b == null ? null
                    : new Expr.Call(n.fn.getText().toLowerCase(Locale.ROOT), a, b, span);
        }
        if (e instanceof OssParser.ParenExprContext n) {
            Expr inner = expr(n.expr());
            return inner == null || n.RPAREN() == null || real(n.RPAREN().getSymbol()) == null ? null
                    : new Expr.Paren(inner, span);
        }
        return null;
    }

    private Expr binary(Token op, OssParser.ExprContext l, OssParser.ExprContext r, oss.ir.program.Span span) {
        Expr a = expr(l);
        Expr b = expr(r);
        if (a == null || b == null || op == null) {
            return null;
        }
        return new Expr.Binary(op.getText(), a, b, span);
    }

    private Name name(OssParser.IdentifierContext id) {
        if (id == null) {
            return null;
        }
        Token t = real(id.getStart());
        if (t == null || id.getChildCount() == 0) {
            return null;
        }
        ParseTree child = id.getChild(0);
        if (child instanceof TerminalNode tn && real(tn.getSymbol()) == null) {
            return null;
        }
        if (t.getType() == OssLexer.EOF) {
            return null;
        }
        return new Name(id.getText(), Spans.of(id));
    }
}
