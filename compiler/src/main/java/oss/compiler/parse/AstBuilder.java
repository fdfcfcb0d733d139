package oss.compiler.parse;

import static oss.compiler.parse.Parts.expr;
import static oss.compiler.parse.Parts.name;
import static oss.compiler.parse.Parts.numbers;
import static oss.compiler.parse.Parts.quantity;
import static oss.compiler.parse.Parts.range;
import static oss.compiler.parse.Parts.real;
import static oss.compiler.parse.Parts.ref;
import static oss.compiler.parse.Parts.text;
import static oss.compiler.parse.Parts.unquote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
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
import oss.compiler.ast.Section;
import oss.compiler.ast.Setting;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.ast.Stmt;
import oss.compiler.ast.Text;
import oss.grammar.OssLexer;
import oss.grammar.OssParser;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;

/**
 * Parse tree to AST, on the generated ANTLR visitor: one {@code visitX} per labelled alternative
 * (statements in {@link StatementBuilder}, expressions in {@link Parts}). Works on trees with
 * recovered errors too: a node whose required parts are missing is left out (its builder returns
 * null, its syntax error is already reported), so the rest of the file still gets an AST. A node
 * whose builder fails is a bug in oss: it is left out with an {@link Code#INTERNAL} diagnostic at
 * its span, never silently.
 */
final class AstBuilder {
    private final List<Diagnostic> diags;
    private final SectionBuilder sections = new SectionBuilder();
    private final DeclarationBuilder declarations = new DeclarationBuilder();
    private final AttrBuilder attrs = new AttrBuilder();
    private final StatementBuilder statements = new StatementBuilder(this);
    private final RowBuilder rows = new RowBuilder();
    private final ExpectationBuilder expectations = new ExpectationBuilder();
    private int failures;

    /** {@code diags} receives a diagnostic for every node whose builder failed. */
    AstBuilder(List<Diagnostic> diags) {
        this.diags = diags;
    }

    /** How many nodes were left out because their builder failed. */
    int failures() {
        return failures;
    }

    Scenario scenario(OssParser.ScenarioContext ctx) {
        Token title = real(ctx.title);
        String text = title == null ? "" : unquote(title.getText());
        List<Section> built = new ArrayList<>();
        for (OssParser.SectionContext s : ctx.section()) {
            add(built, safe(s, () -> section(s)));
        }
        return new Scenario(text, title == null ? oss.ir.program.Span.NONE : Spans.of(title), built,
                Spans.of(ctx));
    }

    private static <T> void add(List<? super T> out, T node) {
        if (node != null) {
            out.add(node);
        }
    }

    /** The node {@code build} makes of {@code ctx}; null, with a diagnostic at {@code ctx}, when it fails. */
    <T> T safe(ParserRuleContext ctx, Supplier<T> build) {
        try {
            return build.get();
        } catch (RuntimeException e) {
            failures++;
            diags.add(Diagnostic.of(Code.INTERNAL, Spans.of(ctx), "oss failed to read this part of the file ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); it is left out. This is a bug in oss, not in the scenario"));
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

    private Section section(OssParser.SectionContext s) {
        if (!(s instanceof OssParser.MachineSectionContext) && !(s instanceof OssParser.KernelSectionContext)
                && !(s instanceof OssParser.BankerSectionContext) && !(s instanceof OssParser.ProcessSectionContext)
                && broken(s)) {
            return null;
        }
        return s.accept(sections);
    }

    /** One method per labelled alternative of {@code section}. */
    private final class SectionBuilder extends RuleBuilder<Section> {
        SectionBuilder() {
            super(OssParser.SectionContext.class);
        }

        @Override
        public Section visitMachineSection(OssParser.MachineSectionContext m) {
            return settings(SettingsBlock.Kind.MACHINE, m.setting(), m, m.RBRACE());
        }

        @Override
        public Section visitKernelSection(OssParser.KernelSectionContext k) {
            return settings(SettingsBlock.Kind.KERNEL, k.setting(), k, k.RBRACE());
        }

        @Override
        public Section visitDeclarationSection(OssParser.DeclarationSectionContext d) {
            return d.declaration() == null ? null : d.declaration().accept(declarations);
        }

        @Override
        public Section visitProcessSection(OssParser.ProcessSectionContext p) {
            return process(p.process());
        }

        @Override
        public Section visitBankerSection(OssParser.BankerSectionContext b) {
            return banker(b.banker());
        }

        @Override
        public Section visitExpectationSection(OssParser.ExpectationSectionContext e) {
            return expectation(e.expectation());
        }
    }

    // ------------------------------------------------------------ settings

    private SettingsBlock settings(SettingsBlock.Kind kind, List<OssParser.SettingContext> lines,
                                   ParserRuleContext ctx, TerminalNode close) {
        if (close == null || real(close.getSymbol()) == null) {
            return null;
        }
        List<String> keys = kind == SettingsBlock.Kind.MACHINE ? SettingKeys.MACHINE : SettingKeys.KERNEL;
        return new SettingsBlock(kind, settingLines(lines, keys), Spans.of(ctx));
    }

    /** Setting lines split into settings where a word of {@code keys} starts one (several may share a line). */
    List<Setting> settingLines(List<OssParser.SettingContext> lines, List<String> keys) {
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
        return out;
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

    /** One method per labelled alternative of {@code declaration}: a {@link Declaration}, or a file or library. */
    private final class DeclarationBuilder extends RuleBuilder<Section> {
        DeclarationBuilder() {
            super(OssParser.DeclarationContext.class);
        }

        @Override
        public Section visitMutexDecl(OssParser.MutexDeclContext m) {
            return decl(Declaration.Kind.MUTEX, m.declName(), null, m);
        }

        @Override
        public Section visitSemaphoreDecl(OssParser.SemaphoreDeclContext s) {
            if (s.ASSIGN() != null && s.init == null) {
                return null;
            }
            return decl(Declaration.Kind.SEMAPHORE, s.declName(), s.init, s);
        }

        @Override
        public Section visitResourceDecl(OssParser.ResourceDeclContext r) {
            return decl(Declaration.Kind.RESOURCE, r.declName(), r.instances, r);
        }

        @Override
        public Section visitFileDecl(OssParser.FileDeclContext f) {
            FileDeclNode n = fileDecl(FileDeclNode.Kind.FILE, f.path, f.quantity(), f);
            return n == null || f.READONLY() == null ? n
                    : new FileDeclNode(n.kind(), n.path(), n.size(), n.arrivals(), true, n.span());
        }

        @Override
        public Section visitLibraryDecl(OssParser.LibraryDeclContext f) {
            return fileDecl(FileDeclNode.Kind.LIBRARY, f.path, f.quantity(), f);
        }

        @Override
        public Section visitDeviceDecl(OssParser.DeviceDeclContext d) {
            Text p = text(d.path);
            Quantity size = d.size == null ? null : quantity(d.size);
            if (p == null || size == null) {
                return null;
            }
            List<Quantity> times = new ArrayList<>();
            for (OssParser.QuantityContext q : d.times) {
                Quantity t = quantity(q);
                if (t == null) {
                    return null;
                }
                times.add(t);
            }
            Optional<Quantity> period = Optional.ofNullable(d.period == null ? null : quantity(d.period));
            Optional<Expr> count = Optional.ofNullable(d.count == null ? null : expr(d.count));
            if (times.isEmpty() && (period.isEmpty() || count.isEmpty())) {
                return null;
            }
            Optional<Quantity> latency = Optional.ofNullable(d.latency == null ? null : quantity(d.latency));
            Optional<Quantity> bandwidth = Optional.ofNullable(d.bandwidth == null ? null : quantity(d.bandwidth));
            Optional<Name> per = Optional.ofNullable(d.per == null ? null : name(d.per));
            if (d.latency != null && latency.isEmpty() || d.bandwidth != null && (bandwidth.isEmpty() || per.isEmpty())) {
                return null;
            }
            return new FileDeclNode(FileDeclNode.Kind.DEVICE, p, size, Optional.of(new FileDeclNode.Arrivals(period,
                    count, times, latency, bandwidth, per)), Spans.of(d));
        }

        @Override
        public Section visitSpinlockDecl(OssParser.SpinlockDeclContext x) {
            return decl(Declaration.Kind.SPINLOCK, x.declName(), null, x);
        }

        @Override
        public Section visitRwlockDecl(OssParser.RwlockDeclContext x) {
            Declaration built = decl(Declaration.Kind.RWLOCK, x.declName(), null, x);
            return built == null || x.WRITER_PREFERRING() == null ? built
                    : new Declaration(built.kind(), built.name(), built.arraySize(), built.value(), List.of(), true,
                    built.span());
        }

        @Override
        public Section visitSeqlockDecl(OssParser.SeqlockDeclContext x) {
            return decl(Declaration.Kind.SEQLOCK, x.declName(), null, x);
        }

        @Override
        public Section visitCondvarDecl(OssParser.CondvarDeclContext x) {
            return decl(Declaration.Kind.CONDVAR, x.declName(), null, x);
        }

        @Override
        public Section visitBarrierDecl(OssParser.BarrierDeclContext x) {
            return x.parties == null ? null : decl(Declaration.Kind.BARRIER, x.declName(), x.parties, x);
        }

        @Override
        public Section visitIntDecl(OssParser.IntDeclContext x) {
            StatementBuilder.IntVar v = StatementBuilder.intVar(x.intVar());
            return v == null ? null : new Declaration(Declaration.Kind.INT, v.name(), v.size(), v.value(), v.initial(),
                    false, Spans.of(x));
        }

        @Override
        public Section visitSemsetDecl(OssParser.SemsetDeclContext x) {
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
                    Spans.of(x));
        }
    }

    private FileDeclNode fileDecl(FileDeclNode.Kind kind, Token path, OssParser.QuantityContext size,
                                  ParserRuleContext ctx) {
        Text p = text(path);
        Quantity q = quantity(size);
        return p == null || q == null ? null : new FileDeclNode(kind, p, q, Spans.of(ctx));
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
        List<ProcessAttr> attributes = new ArrayList<>();
        for (OssParser.ProcessAttrContext a : p.processAttr()) {
            add(attributes, safe(a, () -> a.accept(attrs)));
        }
        Block body = block(p.block());
        if (body == null) {
            return null;
        }
        return new ProcessNode(name, array, attributes, body, Spans.of(p));
    }

    /** One method per labelled alternative of {@code processAttr}. */
    private final class AttrBuilder extends RuleBuilder<ProcessAttr> {
        AttrBuilder() {
            super(OssParser.ProcessAttrContext.class);
        }

        @Override
        public ProcessAttr visitNiceAttr(OssParser.NiceAttrContext n) {
            Expr e = expr(n.expr());
            return e == null ? null : new ProcessAttr.Nice(e, Spans.of(n));
        }

        @Override
        public ProcessAttr visitArrivesAttr(OssParser.ArrivesAttrContext n) {
            Quantity q = quantity(n.quantity());
            return q == null ? null : new ProcessAttr.Arrives(q, Spans.of(n));
        }

        @Override
        public ProcessAttr visitPolicyAttr(OssParser.PolicyAttrContext n) {
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
            return new ProcessAttr.Policy(policy, prio, Spans.of(n));
        }

        @Override
        public ProcessAttr visitPriorityAttr(OssParser.PriorityAttrContext n) {
            Expr e = expr(n.expr());
            return e == null ? null : new ProcessAttr.Priority(e, Spans.of(n));
        }

        @Override
        public ProcessAttr visitFramesAttr(OssParser.FramesAttrContext n) {
            Expr e = expr(n.expr());
            return e == null ? null : new ProcessAttr.Frames(e, Spans.of(n));
        }

        @Override
        public ProcessAttr visitTicketsAttr(OssParser.TicketsAttrContext n) {
            Expr e = expr(n.expr());
            return e == null ? null : new ProcessAttr.Tickets(e, Spans.of(n));
        }
    }

    Block block(OssParser.BlockContext b) {
        if (b == null || b.LBRACE() == null || real(b.LBRACE().getSymbol()) == null) {
            return null;
        }
        List<Stmt> stmts = new ArrayList<>();
        for (OssParser.StatementContext s : b.statement()) {
            add(stmts, safe(s, () -> broken(s) ? null : s.accept(statements)));
        }
        return new Block(stmts, Spans.of(b));
    }

    // ------------------------------------------------------------ banker

    private BankerNode banker(OssParser.BankerContext b) {
        if (b == null || b.RBRACE() == null || real(b.RBRACE().getSymbol()) == null) {
            return null;
        }
        List<BankerNode.Row> built = new ArrayList<>();
        for (OssParser.BankerRowContext r : b.bankerRow()) {
            add(built, safe(r, () -> broken(r) ? null : r.accept(rows)));
        }
        return new BankerNode(built, Spans.of(b));
    }

    /** One method per labelled alternative of {@code bankerRow}. */
    private final class RowBuilder extends RuleBuilder<BankerNode.Row> {
        RowBuilder() {
            super(OssParser.BankerRowContext.class);
        }

        @Override
        public BankerNode.Row visitBankerResources(OssParser.BankerResourcesContext c) {
            var span = Spans.of(c);
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

        @Override
        public BankerNode.Row visitBankerTotal(OssParser.BankerTotalContext c) {
            var span = Spans.of(c);
            return new BankerNode.Vector(false, numbers(c.NUMBER()), span);
        }

        @Override
        public BankerNode.Row visitBankerAvailable(OssParser.BankerAvailableContext c) {
            var span = Spans.of(c);
            return new BankerNode.Vector(true, numbers(c.NUMBER()), span);
        }

        @Override
        public BankerNode.Row visitBankerProcess(OssParser.BankerProcessContext c) {
            var span = Spans.of(c);
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

        @Override
        public BankerNode.Row visitBankerRequest(OssParser.BankerRequestContext c) {
            var span = Spans.of(c);
            Name n = name(c.identifier());
            return n == null ? null : new BankerNode.Request(n, numbers(c.NUMBER()), span);
        }
    }

    // ------------------------------------------------------------ expectations

    private static final java.util.Set<String> COMPARISONS = java.util.Set.of("==", "!=", "<", "<=", ">", ">=");

    /** Numbers and names under {@code + - * / % min max}: what a metric's value may be. */
    private static boolean arithmetic(Expr e) {
        if (e instanceof Expr.Number || e instanceof Expr.NameRef) {
            return true;
        }
        if (e instanceof Expr.Negate n) {
            return arithmetic(n.operand());
        }
        if (e instanceof Expr.Paren p) {
            return arithmetic(p.inner());
        }
        if (e instanceof Expr.Call c) {
            return arithmetic(c.first()) && arithmetic(c.second());
        }
        if (e instanceof Expr.Binary b) {
            return !COMPARISONS.contains(b.op()) && !b.op().equals("&&") && !b.op().equals("||")
                    && arithmetic(b.left()) && arithmetic(b.right());
        }
        return false;
    }

    ExpectNode expectation(OssParser.ExpectationContext e) {
        return e == null ? null : e.accept(expectations);
    }

    /** One method per labelled alternative of {@code expectation}. */
    private final class ExpectationBuilder extends RuleBuilder<ExpectNode> {
        ExpectationBuilder() {
            super(OssParser.ExpectationContext.class);
        }

        @Override
        public ExpectNode visitFlagExpect(OssParser.FlagExpectContext f) {
            var span = Spans.of(f);
            Name flag = name(f.flag);
            if (flag != null && flag.text().equals("race")) {
                return new ExpectNode.Race(f.NO() != null, span);
            }
            return flag == null ? null : new ExpectNode.Flag(f.NO() != null, flag, span);
        }

        @Override
        public ExpectNode visitListExpect(OssParser.ListExpectContext l) {
            var span = Spans.of(l);
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

        @Override
        public ExpectNode visitAssertExpect(OssParser.AssertExpectContext a) {
            Token q = real(a.quantifier);
            return q == null ? null : new ExpectNode.Assertions(q.getType() == OssLexer.POSSIBLE, Spans.of(a));
        }

        /**
         * {@code expect P.exit == 3} reads as a value too (the grammar tries that first): a comparison of
         * {@code P.name} with a plain number or arithmetic is built as the metric it has always been; the
         * lowering turns it into a value expectation when {@code name} is a data variable of P.
         */
        @Override
        public ExpectNode visitValueExpect(OssParser.ValueExpectContext v) {
            var span = Spans.of(v);
            Expr cond = expr(v.cond);
            if (cond == null) {
                return null;
            }
            Token q = real(v.quantifier);
            if (q == null && cond instanceof Expr.Binary b && COMPARISONS.contains(b.op()) && b.left() instanceof Expr.Field f
                    && arithmetic(b.right())) {
                return new ExpectNode.Metric(f.owner(), f.field(), b.op(), new Quantity(b.right(), Optional.empty(),
                        b.right().span()), span);
            }
            ExpectNode.Quantifier quantifier = q == null ? ExpectNode.Quantifier.AT_END
                    : q.getType() == OssLexer.ALWAYS ? ExpectNode.Quantifier.ALWAYS : ExpectNode.Quantifier.POSSIBLE;
            return new ExpectNode.Value(quantifier, cond, span);
        }

        @Override
        public ExpectNode visitMetricExpect(OssParser.MetricExpectContext m) {
            var span = Spans.of(m);
            Ref subject = ref(m.subject);
            Name metric = m.metric == null || real(m.metric.getStart()) == null ? null
                    : new Name(m.metric.getText(), Spans.of(m.metric));
            if (metric != null && m.sub != null && real(m.sub.getStart()) != null) {
                // P.syscalls.read: one metric named by both words (issue 15, syscalls)
                metric = new Name(metric.text() + "." + m.sub.getText(), Spans.cover(Spans.of(m.metric), Spans.of(m.sub)));
            }
            Quantity q = quantity(m.quantity());
            if (subject == null || metric == null || m.op == null || q == null || m.op.getStart() == null) {
                return null;
            }
            return new ExpectNode.Metric(subject, metric, m.op.getText(), q, span);
        }
    }
}
