package oss.compiler.lower;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.Block;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Name;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.format.Canonical;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.SharedData;
import oss.ir.program.Span;
import oss.ir.program.Val;

/**
 * The data statements of one body (docs/language.md, "Shared data"), lowered by the rules every
 * part of oss relies on: outside {@code await} and {@code atomic}, each read of a variable others
 * can see (shared, or the process's own when it has threads) is an {@link Op.Load} into a private
 * temporary of its own, so that a value reads only private cells and each step touches at most
 * one visible variable; {@code &&} and {@code ||} whose right side loads become an {@link Op.If}
 * (C's short circuit); {@code while (c) B} is {@code Loop[loads of c; If(!c, [Break]); B]}.
 * Locals and temporaries take slots in the body's slot map after what is there, so
 * {@code ProcessDef.slots()} counts them; temporaries are reused from one statement to the next.
 */
final class DataLowerer {
    /** What a name in a body stands for: a variable's cells. */
    record Var(String name, Cell.Scope scope, int base, int length, boolean array, Span span) {
        Cell cell(Val index) {
            return new Cell(scope, -1, base, length, index, name);
        }
    }

    /** Where the key of a slot that no user name owns starts: no name has this character. */
    private static final String HIDDEN = "\u0000";

    private final Diags diags;
    private final ExprEval eval;
    private final Symbols symbols;
    private final Map<String, SharedData.VarDecl> shared;
    private final Map<String, Integer> slots;
    private final boolean threaded;
    private final Deque<Map<String, Var>> scopes = new ArrayDeque<>();
    /** The process's own variables (not a thread's), first declaration of a name, for {@code expect P.x}. */
    private final Map<String, Var> processVariables = new LinkedHashMap<>();
    private final List<Integer> temps = new ArrayList<>();
    /** The first slot and the length of each declaration, by the declaration itself. */
    private final Map<Stmt.Var, int[]> sites = new java.util.IdentityHashMap<>();
    private int nextTemp;
    private int threadDepth;
    private int childDepth;
    private int loopDepth;
    private int atomicDepth;
    private int hidden;

    DataLowerer(Diags diags, ExprEval eval, Symbols symbols, Map<String, SharedData.VarDecl> shared,
                Map<String, Integer> slots, boolean threaded) {
        this.diags = diags;
        this.eval = eval;
        this.symbols = symbols;
        this.shared = shared;
        this.slots = slots;
        this.threaded = threaded;
        scopes.push(new LinkedHashMap<>());
    }

    Map<String, Var> processVariables() {
        return Map.copyOf(processVariables);
    }

    /** Whether {@code name} is a data variable here, for the messages of folded expressions. */
    boolean isVariable(String name) {
        return find(name) != null || shared.containsKey(name);
    }

    // ------------------------------------------------------------ scopes and contexts

    void openScope() {
        scopes.push(new LinkedHashMap<>());
    }

    void closeScope() {
        scopes.pop();
    }

    /** The body of a thread: the variables it declares are its own (its stack). */
    <T> T inThread(java.util.function.Supplier<T> lower) {
        threadDepth++;
        try {
            return outsideLoop(lower);
        } finally {
            threadDepth--;
        }
    }

    /** The body of a forked child (fork, vfork, clone without vm): its variables are the child's, not the process's. */
    <T> T inChild(java.util.function.Supplier<T> lower) {
        childDepth++;
        try {
            return outsideLoop(lower);
        } finally {
            childDepth--;
        }
    }

    /** A body a {@code break} cannot leave through: another task's, a {@code repeat}'s, a seqlock section. */
    <T> T outsideLoop(java.util.function.Supplier<T> lower) {
        int loops = loopDepth;
        loopDepth = 0;
        try {
            return lower.get();
        } finally {
            loopDepth = loops;
        }
    }

    boolean inAtomic() {
        return atomicDepth > 0;
    }

    /** A new statement: the temporaries of the one before are dead. */
    void statement() {
        nextTemp = 0;
    }

    private int temp() {
        if (nextTemp == temps.size()) {
            temps.add(newSlot("t" + temps.size()));
        }
        return temps.get(nextTemp++);
    }

    private int newSlot(String what) {
        int slot = slots.size();
        slots.put(HIDDEN + what + "#" + hidden++, slot);
        return slot;
    }

    /** The names of slots that user code wrote (fork results, mappings), without locals and temporaries. */
    static Map<String, Integer> named(Map<String, Integer> slots) {
        Map<String, Integer> out = new LinkedHashMap<>();
        slots.forEach((k, v) -> {
            if (!k.startsWith(HIDDEN)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Var find(String name) {
        for (Map<String, Var> scope : scopes) {
            Var v = scope.get(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    // ------------------------------------------------------------ statements

    /** {@code int x = e}, {@code int a[4]}, {@code int a[2] = {0, 1}}: the local is set where it stands. */
    void declare(Stmt.Var s, Map<String, Long> env, List<Op> out) {
        String name = s.name().text();
        if (!fresh(s.name(), env)) {
            return;
        }
        int length = 1;
        boolean array = s.size().isPresent();
        if (array) {
            OptionalLong n = eval.inRange(s.size().get(), env, "the array size", 1, Lowering.MAX_ARRAY, Code.NOT_POSITIVE);
            if (n.isEmpty()) {
                return;
            }
            length = (int) n.getAsLong();
        }
        if (array && s.value().isPresent()) {
            diags.report(Code.WRONG_KIND, s.value().get().span(), "an array is set element by element: write `int "
                    + name + "[" + length + "] = {...}`");
            return;
        }
        if (!array && !s.initial().isEmpty()) {
            diags.report(Code.NOT_AN_ARRAY, s.span(), "`{...}` sets an array: `" + name + "` is a single int, so write `int "
                    + name + " = " + Canonical.expr(s.initial().get(0)) + "`");
            return;
        }
        if (s.initial().size() > length) {
            diags.report(Code.INDEX_OUT_OF_RANGE, s.initial().get(length).span(), "`" + name + "` has " + length
                    + " element" + (length == 1 ? "" : "s") + ", and " + s.initial().size() + " values are given");
            return;
        }
        List<Val> values = new ArrayList<>();
        if (s.value().isPresent()) {
            Val v = value(s.value().get(), env, out);
            if (v == null) {
                return;
            }
            values.add(v);
        }
        for (Expr e : s.initial()) {
            Val v = value(e, env, out);
            if (v == null) {
                return;
            }
            values.add(v);
        }
        Cell.Scope scope = threadDepth == 0 && threaded ? Cell.Scope.GROUP : Cell.Scope.PRIVATE;
        // one declaration keeps its slots however often it is lowered (a `for` unrolls its body): the
        // variable of one pass is dead when the next pass declares it again, and the state stays small
        int[] site = sites.get(s);
        if (site == null || site[1] != length) {
            site = new int[] {slots.size(), length};
            for (int i = 0; i < length; i++) {
                newSlot(name + (array ? "[" + i + "]" : ""));
            }
            sites.put(s, site);
        }
        int base = site[0];
        Var v = new Var(name, scope, base, length, array, s.name().span());
        scopes.peek().put(name, v);
        if (threadDepth == 0 && childDepth == 0) {
            processVariables.putIfAbsent(name, v);
        }
        for (int i = 0; i < length; i++) {
            Val init = i < values.size() ? values.get(i) : new Val.Const(0);
            out.add(new Op.Assign(v.cell(new Val.Const(i)), init, s.span()));
        }
    }

    /** A new name must not hide a loop index, a declaration, a shared variable or another variable in scope. */
    private boolean fresh(Name n, Map<String, Long> env) {
        String name = n.text();
        Var local = find(name);
        if (local != null) {
            diags.report(Code.DUPLICATE_NAME, n.span(), "`" + name + "` is already a variable here", local.span(),
                    "declared here");
            return false;
        }
        SharedData.VarDecl g = shared.get(name);
        if (g != null) {
            diags.report(Code.DUPLICATE_NAME, n.span(), "`" + name + "` is already a shared variable: pick another name for"
                    + " this one, or use the shared one", g.span(), "the shared variable");
            return false;
        }
        Symbols.Symbol s = symbols.lookup(name);
        if (s != null) {
            diags.report(Code.DUPLICATE_NAME, n.span(), "`" + name + "` is already declared as " + s.describe(), s.span(),
                    "declared here");
            return false;
        }
        if (env.containsKey(name)) {
            diags.report(Code.DUPLICATE_NAME, n.span(), "`" + name + "` is a loop or process index here; pick another name");
            return false;
        }
        if (slots.containsKey(name)) {
            diags.report(Code.DUPLICATE_NAME, n.span(), "`" + name + "` already holds a child, a thread or memory here");
            return false;
        }
        return true;
    }

    /** {@code x = e}, {@code a[i] = e}, {@code x += e}, {@code x -= e}, {@code x++}, {@code x--}. */
    void assign(Stmt.Assign s, Map<String, Long> env, List<Op> out) {
        Cell target = target(s.target(), env, out);
        if (target == null) {
            return;
        }
        Val value;
        if (s.op().equals("=")) {
            value = value(s.value().orElseThrow(), env, out);
        } else {
            Val current = read(target, s.target().span(), out);
            Val.BinOp op = s.op().startsWith("+") ? Val.BinOp.ADD : Val.BinOp.SUB;
            Val operand = s.value().isPresent() ? value(s.value().get(), env, out) : new Val.Const(1);
            value = operand == null ? null : new Val.Binary(op, current, operand);
        }
        if (value != null) {
            out.add(write(target, value, s.span()));
        }
    }

    /**
     * A system call's result ({@code n = read ...}, {@code read FD into y}): the call sets a fresh private
     * temporary, returned; then {@code target} gets it, with a store when others can see it, added to
     * {@code after}. Null after a report.
     */
    Cell callResult(Ref target, Map<String, Long> env, List<Op> after) {
        Cell t = target(target, env, after);
        if (t == null) {
            return null;
        }
        Cell temp = Cell.scalar(Cell.Scope.PRIVATE, temp(), target.name().text());
        after.add(write(t, new Val.Read(temp), target.span()));
        return temp;
    }

    /** A private temporary of this statement, for a call that sets more than its result. */
    Cell callTemp(String name) {
        return Cell.scalar(Cell.Scope.PRIVATE, temp(), name);
    }

    /** {@code atomic_inc(x)}, {@code fetch_add(x, 1)}, ... as a statement: its result is not kept. */
    void atomicOp(Stmt.AtomicOp s, Map<String, Long> env, List<Op> out) {
        new Values(env, out).rmw(s.operation(), false);
    }

    Val condition(Expr e, Map<String, Long> env, List<Op> out) {
        return value(e, env, out);
    }

    /** {@code await c}: the condition read in one step, so it reads shared variables directly. */
    Val awaited(Expr e, Map<String, Long> env, List<Op> out) {
        Values v = new Values(env, out);
        v.direct = true;
        v.inAwait = true;
        return v.lower(e);
    }

    /** {@code while (c) { B }} → {@code Loop[loads of c; If(!c, [Break], []); B]}; {@code body} lowers B. */
    void loop(Stmt.While s, Map<String, Long> env, List<Op> out, java.util.function.Function<Block, List<Op>> body) {
        List<Op> ops = new ArrayList<>();
        Val c = value(s.condition(), env, ops);
        loopDepth++;
        List<Op> b;
        try {
            b = body.apply(s.body());
        } finally {
            loopDepth--;
        }
        if (c == null) {
            return;
        }
        if (c instanceof Val.Const k && k.value() == 0) {
            // while (0): the body never runs
            return;
        }
        if (!(c instanceof Val.Const)) {
            ops.add(new Op.If(new Val.Unary(Val.UnOp.NOT, c), List.of(new Op.Break(s.span())), List.of(), s.span()));
        }
        ops.addAll(b);
        out.add(new Op.Loop(ops, s.span()));
    }

    void breakLoop(Stmt.Break s, List<Op> out) {
        if (loopDepth == 0) {
            diags.report(Code.MISPLACED_STATEMENT, s.span(), "`break` leaves a `while` loop, and there is none around it"
                    + " here (a `repeat`, `for`, seqlock section or the body of another task cannot be left with it)");
            return;
        }
        out.add(new Op.Break(s.span()));
    }

    /** {@code atomic { }}: the block runs as one step, its values reading shared variables directly. */
    List<Op> atomic(java.util.function.Supplier<List<Op>> body) {
        atomicDepth++;
        try {
            return body.get();
        } finally {
            atomicDepth--;
        }
    }

    static Op.FenceKind fence(String name) {
        return switch (name) {
            case "rmb", "smp_rmb" -> Op.FenceKind.RMB;
            case "wmb", "smp_wmb" -> Op.FenceKind.WMB;
            default -> Op.FenceKind.MB;
        };
    }

    // ------------------------------------------------------------ cells and values

    /**
     * A system call's int payload ({@code msgsnd q type 1 x}): shared reads are hoisted into loads
     * before the call, so the call itself reads only private cells. Null after a report.
     */
    Val callValue(Expr e, Map<String, Long> env, List<Op> out) {
        return value(e, env, out);
    }

    /**
     * Where a system call's int result goes ({@code n = msgrcv ...}, {@code into y}): a private cell
     * the call sets, the variable's own when only its task sees it, else a temporary that
     * {@code after} copies to the variable, so a call is one step that writes only its own task's
     * slots. {@code keepsOld}: the call may not set it, and the variable must then keep its value.
     * Null after a report.
     */
    Cell callResult(Ref r, Map<String, Long> env, List<Op> before, List<Op> after, Span span, boolean keepsOld) {
        Cell target = target(r, env, before);
        if (target == null) {
            return null;
        }
        if (!target.visible() && target.index() instanceof Val.Const) {
            return target; // the task's own cell: the call sets it
        }
        Cell temp = Cell.scalar(Cell.Scope.PRIVATE, temp(), target.name());
        if (keepsOld) {
            // a call that may leave the variable as it was (a message of bytes) copies back its old value
            before.add(new Op.Assign(temp, read(target, span, before), span));
        }
        after.add(write(target, new Val.Read(temp), span));
        return temp;
    }

    private Val value(Expr e, Map<String, Long> env, List<Op> out) {
        Values v = new Values(env, out);
        v.direct = inAtomic();
        return v.lower(e);
    }

    /** A plain read of {@code cell}: a load into a temporary when others can see it (outside atomic). */
    private Val read(Cell cell, Span span, List<Op> out) {
        if (!cell.visible() || inAtomic()) {
            return new Val.Read(cell);
        }
        int t = temp();
        out.add(new Op.Load(t, cell, span));
        return new Val.Read(Cell.scalar(Cell.Scope.PRIVATE, t, cell.name()));
    }

    private Op write(Cell target, Val value, Span span) {
        return target.visible() ? new Op.Store(target, value, span) : new Op.Assign(target, value, span);
    }

    /** The cell an assignment or atomic operation writes; null after a report. */
    private Cell target(Ref r, Map<String, Long> env, List<Op> out) {
        String name = r.name().text();
        if (env.containsKey(name) && find(name) == null) {
            diags.report(Code.WRONG_KIND, r.name().span(), "`" + name + "` is a loop or process index, a constant: only"
                    + " a variable can be assigned (declare one with `int " + name + "2 = " + name + "`)");
            return null;
        }
        Var v = variable(r.name());
        if (v == null) {
            return null;
        }
        return cell(v, r.index(), r.span(), env, out);
    }

    /** The variable {@code n} names, locals before shared ones; null after a report. */
    private Var variable(Name n) {
        String name = n.text();
        Var v = find(name);
        if (v != null) {
            return v;
        }
        SharedData.VarDecl g = shared.get(name);
        if (g != null) {
            return new Var(name, Cell.Scope.SHARED, g.base(), g.length(), symbols.lookup(name) != null
                    && symbols.lookup(name).isArray(), g.span());
        }
        Symbols.Symbol s = symbols.lookup(name);
        if (s != null) {
            diags.report(Code.WRONG_KIND, n.span(), "`" + name + "` is " + s.describe() + ", not a variable");
            return null;
        }
        if (slots.containsKey(name)) {
            diags.report(Code.WRONG_KIND, n.span(), "`" + name + "` holds a child, a thread or memory, not an int");
            return null;
        }
        List<String> known = new ArrayList<>(shared.keySet());
        for (Map<String, Var> scope : scopes) {
            known.addAll(scope.keySet());
        }
        diags.report(Code.UNKNOWN_NAME, n.span(), "unknown variable `" + name + "`" + Suggest.hint(name, known)
                + (known.isEmpty() ? " (declare it with `int " + name + " = 0`)" : ""));
        return null;
    }

    private Cell cell(Var v, Optional<Expr> index, Span at, Map<String, Long> env, List<Op> out) {
        return cell(v, index, at, env, e -> value(e, env, out));
    }

    /** The cell of {@code v} at {@code index}, lowered by {@code lower}; null after a report. */
    private Cell cell(Var v, Optional<Expr> index, Span at, Map<String, Long> env,
                      java.util.function.Function<Expr, Val> lower) {
        if (v.array() && index.isEmpty()) {
            diags.report(Code.NOT_AN_ARRAY, at, "`" + v.name() + "` is an array of " + v.length() + ": say which element,"
                    + " e.g. `" + v.name() + "[0]`");
            return null;
        }
        if (!v.array() && index.isPresent()) {
            diags.report(Code.NOT_AN_ARRAY, at, "`" + v.name() + "` is a single int, not an array: write `" + v.name()
                    + "` without `[...]`");
            return null;
        }
        if (index.isEmpty()) {
            return v.cell(new Val.Const(0));
        }
        Val i = lower.apply(index.get());
        if (i == null) {
            return null;
        }
        if (i instanceof Val.Const k && (k.value() < 0 || k.value() >= v.length())) {
            diags.report(Code.INDEX_OUT_OF_RANGE, index.get().span(), "index " + k.value() + " is out of range: `"
                    + v.name() + "` has " + v.length() + " elements, " + v.name() + "[0] to " + v.name() + "["
                    + (v.length() - 1) + "]" + Resolver.bindings(env));
            return null;
        }
        return v.cell(i);
    }

    /** One expression's lowering: ops go to {@code out} in evaluation order, the value is returned (null: reported). */
    private final class Values implements Expr.Visitor<Val> {
        private final Map<String, Long> env;
        private List<Op> out;
        /** Reads of visible cells stay in the value (await, atomic): the whole value is one step. */
        boolean direct;
        boolean inAwait;

        Values(Map<String, Long> env, List<Op> out) {
            this.env = env;
            this.out = out;
        }

        Val lower(Expr e) {
            if (constant(e)) {
                OptionalLong v = eval.integer(e, env, "the value");
                if (v.isEmpty()) {
                    return null;
                }
                if (v.getAsLong() < Integer.MIN_VALUE || v.getAsLong() > Integer.MAX_VALUE) {
                    diags.report(Code.VALUE_OUT_OF_RANGE, e.span(), v.getAsLong() + " does not fit in an int (from "
                            + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")");
                    return null;
                }
                return new Val.Const((int) v.getAsLong());
            }
            return e.accept(this);
        }

        /** Numbers and loop indexes only: folded now, with the compile-time checks (division by 0, ...). */
        private boolean constant(Expr e) {
            if (e instanceof Expr.Number) {
                return true;
            }
            if (e instanceof Expr.NameRef n) {
                return env.containsKey(n.name()) && find(n.name()) == null;
            }
            if (e instanceof Expr.Negate n) {
                return constant(n.operand());
            }
            if (e instanceof Expr.Not n) {
                return constant(n.operand());
            }
            if (e instanceof Expr.Paren p) {
                return constant(p.inner());
            }
            if (e instanceof Expr.Binary b) {
                return constant(b.left()) && constant(b.right());
            }
            if (e instanceof Expr.Call c) {
                return constant(c.first()) && constant(c.second());
            }
            return false;
        }

        private Val read(Cell cell, Span span) {
            if (!cell.visible() || direct) {
                return new Val.Read(cell);
            }
            int t = temp();
            out.add(new Op.Load(t, cell, span));
            return new Val.Read(Cell.scalar(Cell.Scope.PRIVATE, t, cell.name()));
        }

        @Override
        public Val visitNumber(Expr.Number e) {
            return lower(e);
        }

        @Override
        public Val visitNameRef(Expr.NameRef e) {
            Var v = variable(new Name(e.name(), e.span()));
            if (v == null) {
                return null;
            }
            Cell c = cell(v, Optional.empty(), e.span(), env, out);
            return c == null ? null : read(c, e.span());
        }

        @Override
        public Val visitElement(Expr.Element e) {
            Var v = variable(e.array());
            if (v == null) {
                return null;
            }
            // the index is part of this value: read directly in await and atomic, loaded otherwise
            Cell c = cell(v, Optional.of(e.index()), e.span(), env, this::lower);
            return c == null ? null : read(c, e.span());
        }

        @Override
        public Val visitNegate(Expr.Negate e) {
            Val x = lower(e.operand());
            return x == null ? null : new Val.Unary(Val.UnOp.NEG, x);
        }

        @Override
        public Val visitNot(Expr.Not e) {
            Val x = lower(e.operand());
            return x == null ? null : new Val.Unary(Val.UnOp.NOT, x);
        }

        @Override
        public Val visitParen(Expr.Paren e) {
            return lower(e.inner());
        }

        @Override
        public Val visitCall(Expr.Call e) {
            Val a = lower(e.first());
            Val b = lower(e.second());
            return a == null || b == null ? null
                    : new Val.Binary(e.function().equals("min") ? Val.BinOp.MIN : Val.BinOp.MAX, a, b);
        }

        @Override
        public Val visitBinary(Expr.Binary e) {
            Val.BinOp op = binOp(e.op());
            if (op == Val.BinOp.AND || op == Val.BinOp.OR) {
                return shortCircuit(e, op);
            }
            Val a = lower(e.left());
            Val b = lower(e.right());
            if (a == null || b == null) {
                return null;
            }
            if ((op == Val.BinOp.DIV || op == Val.BinOp.MOD) && b instanceof Val.Const k && k.value() == 0) {
                diags.report(Code.DIVISION_BY_ZERO, e.right().span(), "division by zero: `" + e.op()
                        + "` by a value that is 0");
                return null;
            }
            return new Val.Binary(op, a, b);
        }

        /** The right side's loads and atomic operations happen only when the left side does not decide. */
        private Val shortCircuit(Expr.Binary e, Val.BinOp op) {
            Val a = lower(e.left());
            List<Op> outer = out;
            List<Op> right = new ArrayList<>();
            out = right;
            Val b;
            try {
                b = lower(e.right());
            } finally {
                out = outer;
            }
            if (a == null || b == null) {
                return null;
            }
            if (right.isEmpty()) {
                return new Val.Binary(op, a, b);
            }
            int t = temp();
            Cell result = Cell.scalar(Cell.Scope.PRIVATE, t, Canonical.expr(e));
            Val zero = new Val.Const(0);
            out.add(new Op.Assign(result, new Val.Binary(Val.BinOp.NE, a, zero), e.span()));
            right.add(new Op.Assign(result, new Val.Binary(Val.BinOp.NE, b, zero), e.span()));
            Val decide = op == Val.BinOp.AND ? new Val.Read(result) : new Val.Unary(Val.UnOp.NOT, new Val.Read(result));
            out.add(new Op.If(decide, right, List.of(), e.span()));
            return new Val.Read(result);
        }

        @Override
        public Val visitField(Expr.Field e) {
            diags.report(Code.WRONG_KIND, e.span(), "`" + Canonical.expr(e) + "` names another process's variable: only"
                    + " an `expect` line can read it; a process reads its own variables by name");
            return null;
        }

        @Override
        public Val visitAtomic(Expr.Atomic e) {
            return rmw(e, true);
        }

        /** One {@link Op.Rmw}: its old value into a temporary when {@code keep}. */
        Val rmw(Expr.Atomic e, boolean keep) {
            String fn = e.function().text();
            if (inAwait) {
                diags.report(Code.MISPLACED_STATEMENT, e.span(), "`await` only reads: `" + fn + "` writes, so it cannot"
                        + " be part of the condition");
                return null;
            }
            int wanted = switch (fn) {
                case "atomic_inc", "atomic_dec", "test_and_set" -> 0;
                case "cmpxchg" -> 2;
                default -> 1;
            };
            if (e.arguments().size() != wanted) {
                String form = switch (fn) {
                    case "atomic_inc", "atomic_dec", "test_and_set" -> fn + "(x)";
                    case "cmpxchg" -> "cmpxchg(x, old, new)";
                    default -> fn + "(x, value)";
                };
                diags.report(Code.SYNTAX, e.span(), "`" + fn + "` takes " + (wanted == 0 ? "one variable" : "a variable and "
                        + (wanted == 1 ? "a value" : "two values")) + ": " + form);
                return null;
            }
            if (keep && fn.startsWith("atomic_")) {
                diags.report(Code.WRONG_KIND, e.function().span(), "`" + fn + "` has no value, as in the kernel; use `"
                        + "fetch_add` for the old value");
                return null;
            }
            Cell target = target(e.target(), env, out);
            if (target == null) {
                return null;
            }
            List<Val> args = new ArrayList<>();
            for (Expr a : e.arguments()) {
                Val v = lower(a);
                if (v == null) {
                    return null;
                }
                args.add(v);
            }
            Op.RmwKind kind = switch (fn) {
                case "xchg" -> Op.RmwKind.XCHG;
                case "cmpxchg" -> Op.RmwKind.CMPXCHG;
                case "test_and_set" -> Op.RmwKind.TEST_AND_SET;
                default -> Op.RmwKind.FETCH_ADD;
            };
            Val operand = switch (fn) {
                case "atomic_inc", "test_and_set" -> new Val.Const(1);
                case "atomic_dec" -> new Val.Const(-1);
                default -> args.get(0);
            };
            Val replacement = kind == Op.RmwKind.CMPXCHG ? args.get(1) : null;
            int slot = keep ? temp() : -1;
            out.add(new Op.Rmw(kind, slot, target, operand, replacement, e.span()));
            return keep ? new Val.Read(Cell.scalar(Cell.Scope.PRIVATE, slot, fn + "(" + target.name() + ")")) : null;
        }
    }

    static Val.BinOp binOp(String op) {
        return switch (op) {
            case "+" -> Val.BinOp.ADD;
            case "-" -> Val.BinOp.SUB;
            case "*" -> Val.BinOp.MUL;
            case "/" -> Val.BinOp.DIV;
            case "%" -> Val.BinOp.MOD;
            case "==" -> Val.BinOp.EQ;
            case "!=" -> Val.BinOp.NE;
            case "<" -> Val.BinOp.LT;
            case "<=" -> Val.BinOp.LE;
            case ">" -> Val.BinOp.GT;
            case ">=" -> Val.BinOp.GE;
            case "&&" -> Val.BinOp.AND;
            case "||" -> Val.BinOp.OR;
            default -> throw new IllegalArgumentException("not an operator: " + op);
        };
    }
}
