package oss.compiler.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import oss.compiler.ast.Amount;
import oss.compiler.ast.Block;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.Name;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Ref;
import oss.compiler.ast.SemOpItem;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Op;
import oss.ir.program.ResourceDecl;
import oss.ir.program.Span;
import oss.ir.program.Val;

/**
 * Lowers one process body (for one value of its index) to ops: names
 * resolved, expressions folded, {@code for} unrolled, fork variables given
 * slots. One instance per lowered process.
 */
final class BodyLowerer {
    private final Diags diags;
    private final ExprEval eval;
    private final Units units;
    private final Resolver resolver;
    private final Symbols symbols;
    private final List<ResourceDecl> resources;
    private final Budget budget;
    private final Map<String, Integer> slots = new LinkedHashMap<>();
    private final MemoryLowerer memory;
    private final DataLowerer data;
    private final FdLowerer fds;
    private final IpcLowerer ipc;
    private final SignalLowerer signals;
    private final IoLowerer io;

    BodyLowerer(Diags diags, ExprEval eval, Units units, Resolver resolver, Symbols symbols,
                List<ResourceDecl> resources, Budget budget, MemoryContext context,
                Map<String, oss.ir.program.SharedData.VarDecl> shared, boolean threaded) {
        this.diags = diags;
        this.eval = eval;
        this.units = units;
        this.resolver = resolver;
        this.symbols = symbols;
        this.resources = resources;
        this.budget = budget;
        this.memory = new MemoryLowerer(diags, eval, units, symbols, context, slots, this);
        this.data = new DataLowerer(diags, eval, symbols, shared, slots, threaded);
        this.fds = new FdLowerer(diags, eval, units, resolver, symbols, memory, data, slots, this);
        this.ipc = new IpcLowerer(diags, eval, units, resolver, symbols, memory, data, slots, this);
        this.signals = new SignalLowerer(diags, eval, units, resolver, symbols, memory, data, slots, this);
        this.io = new IoLowerer(diags, units, memory, data, fds, this);
    }

    /** Whether a body makes threads anywhere (its forked children too): its variables are then shared by them. */
    static boolean makesThreads(Block b) {
        for (Stmt s : b.statements()) {
            if (s instanceof Stmt.Thread) {
                return true;
            }
            if (s instanceof Stmt.Clone c && c.flags().stream().anyMatch(f -> f.text().equals("vm"))) {
                return true;
            }
            for (Block inner : oss.compiler.ast.Blocks.of(s)) {
                if (makesThreads(inner)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The process's own data variables, for {@code expect P.x}. */
    Map<String, DataLowerer.Var> dataVariables() {
        return data.processVariables();
    }

    int slotCount() {
        return slots.size();
    }

    /** Every variable of the body that holds a child, a thread or memory, and its slot. */
    Map<String, Integer> variables() {
        return Map.copyOf(DataLowerer.named(slots));
    }

    List<Op> block(Block b, Map<String, Long> env) {
        List<Op> out = new ArrayList<>();
        Statements lower = new Statements(env, out);
        data.openScope();
        eval.setVariables(data::isVariable);
        try {
            for (Stmt s : b.statements()) {
                if (budget.exhausted()) {
                    break;
                }
                budget.work(1);
                oss.ir.Deadline.check();
                data.statement();
                if (data.inAtomic() && !ATOMIC_BODY.contains(s.getClass())) {
                    diags.report(Code.MISPLACED_STATEMENT, s.span(), "only assignments, `int`, `if`, `assert` and atomic"
                            + " operations can be done inside `atomic { }`: the block is one step, and this statement"
                            + " could wait or is a step of its own");
                    continue;
                }
                s.accept(lower);
            }
        } finally {
            data.closeScope();
        }
        return out;
    }

    private static final java.util.Set<Class<?>> ATOMIC_BODY = java.util.Set.of(Stmt.Var.class, Stmt.Assign.class,
            Stmt.If.class, Stmt.Assert.class, Stmt.AtomicOp.class);

    /** Ops emitted one by one (data lowering makes several per statement), each counted in the budget. */
    void emitAll(List<Op> out, List<Op> ops) {
        for (Op op : ops) {
            emit(out, op);
        }
    }

    void emit(List<Op> out, Op op) {
        budget.spend(1);
        out.add(op);
    }

    /**
     * Lowers the statements of one block in one environment; a visitor, so a new statement
     * cannot be left out of the lowering. The memory and process-creation statements go to
     * {@link MemoryLowerer}, which follows the facts about local names.
     */
    private final class Statements implements Stmt.Visitor<Void> {
        private final Map<String, Long> env;
        private final List<Op> out;

        Statements(Map<String, Long> env, List<Op> out) {
            this.env = env;
            this.out = out;
        }

        private Void onObject(Ref ref, Declaration.Kind kind, IntFunction<Op> op) {
            resolver.resolve(ref, kind, env).ifPresent(i -> emit(out, op.apply(i)));
            return null;
        }

        @Override
        public Void visitCompute(Stmt.Compute s) {
            time(s.time(), env, "compute", true).ifPresent(ns -> emit(out, new Op.Compute(ns, s.span())));
            return null;
        }

        @Override
        public Void visitSleep(Stmt.Sleep s) {
            time(s.time(), env, "sleep", false).ifPresent(ns -> emit(out, new Op.Sleep(ns, s.span())));
            return null;
        }

        @Override
        public Void visitIo(Stmt.Io s) {
            time(s.time(), env, "io", false).ifPresent(ns -> emit(out, new Op.Io(ns, s.span())));
            return null;
        }

        @Override
        public Void visitRepeat(Stmt.Repeat s) {
            OptionalLong n = eval.inRange(s.count(), env, "the repeat count", 1, Long.MAX_VALUE, Code.NOT_POSITIVE);
            List<Op> body = data.outsideLoop(() -> block(s.body(), env));
            n.ifPresent(count -> emit(out, new Op.Repeat(count, body, s.span())));
            return null;
        }

        @Override
        public Void visitFor(Stmt.For s) {
            unroll(s, env, out);
            return null;
        }

        @Override
        public Void visitLock(Stmt.Lock s) {
            return onObject(s.mutex(), Declaration.Kind.MUTEX, m -> new Op.Lock(m, s.span()));
        }

        @Override
        public Void visitUnlock(Stmt.Unlock s) {
            return onObject(s.mutex(), Declaration.Kind.MUTEX, m -> new Op.Unlock(m, s.span()));
        }

        @Override
        public Void visitTryLock(Stmt.TryLock s) {
            OptionalInt m = resolver.resolve(s.mutex(), Declaration.Kind.MUTEX, env);
            MemoryLowerer.Scope entry = memory.scope();
            List<Op> then = s.then().map(b -> block(b, env)).orElse(List.of());
            MemoryLowerer.Scope afterThen = memory.scope();
            memory.restore(entry);
            List<Op> otherwise = s.otherwise().map(b -> block(b, env)).orElse(List.of());
            memory.merge(afterThen);
            m.ifPresent(i -> emit(out, new Op.TryLock(i, then, otherwise, s.span())));
            return null;
        }

        @Override
        public Void visitWaitAny(Stmt.WaitAny s) {
            emit(out, new Op.WaitAny(s.span()));
            return null;
        }

        @Override
        public Void visitWait(Stmt.Wait s) {
            waitFor(s.target(), env, out, s.span());
            return null;
        }

        @Override
        public Void visitPost(Stmt.Post s) {
            return onObject(s.semaphore(), Declaration.Kind.SEMAPHORE, i -> new Op.SemPost(i, s.span()));
        }

        @Override
        public Void visitCall(Stmt.Call s) {
            call(s, env, out, s.span());
            return null;
        }

        @Override
        public Void visitClaim(Stmt.Claim s) {
            vector(s.amounts(), env, true).ifPresent(v -> emit(out, new Op.Claim(v, s.span())));
            return null;
        }

        @Override
        public Void visitRequest(Stmt.Request s) {
            vector(s.amounts(), env, false).ifPresent(v -> emit(out, new Op.Request(v, s.span())));
            return null;
        }

        @Override
        public Void visitRelease(Stmt.Release s) {
            vector(s.amounts(), env, false).ifPresent(v -> emit(out, new Op.Release(v, s.span())));
            return null;
        }

        @Override
        public Void visitFork(Stmt.Fork s) {
            int slot = s.variable().map(v -> slots.computeIfAbsent(v.text(), k -> slots.size())).orElse(-1);
            List<Op> body = data.inChild(() -> memory.child(() -> block(s.body(), env), false));
            s.variable().ifPresent(v -> memory.define(v, slot, MemoryLowerer.Kind.CHILD));
            emit(out, new Op.Fork(slot, body, s.span()));
            return null;
        }

        @Override
        public Void visitExit(Stmt.Exit s) {
            int status = 0;
            if (s.status().isPresent()) {
                OptionalLong v = eval.inRange(s.status().get(), env, "the exit status", 0, 255, Code.VALUE_OUT_OF_RANGE);
                if (v.isEmpty()) {
                    return null;
                }
                status = (int) v.getAsLong();
            }
            emit(out, new Op.Exit(status, s.span()));
            return null;
        }

        @Override
        public Void visitMmap(Stmt.Mmap s) {
            memory.mmap(s, env, out);
            return null;
        }

        @Override
        public Void visitMalloc(Stmt.Malloc s) {
            memory.malloc(s, env, out);
            return null;
        }

        @Override
        public Void visitMunmap(Stmt.Munmap s) {
            memory.munmap(s, out);
            return null;
        }

        @Override
        public Void visitMsync(Stmt.Msync s) {
            memory.msync(s, out);
            return null;
        }

        @Override
        public Void visitFree(Stmt.Free s) {
            memory.free(s, out);
            return null;
        }

        @Override
        public Void visitBrk(Stmt.Brk s) {
            memory.brk(s, env, out);
            return null;
        }

        @Override
        public Void visitMemAccess(Stmt.MemAccess s) {
            memory.access(s, env, out);
            return null;
        }

        @Override
        public Void visitLibraryAccess(Stmt.LibraryAccess s) {
            memory.libraryAccess(s, env, out);
            return null;
        }

        @Override
        public Void visitAddressAccess(Stmt.AddressAccess s) {
            memory.addressAccess(s, env, out);
            return null;
        }

        @Override
        public Void visitPageRefs(Stmt.PageRefs s) {
            memory.pageRefs(s, env, out);
            return null;
        }

        @Override
        public Void visitTouch(Stmt.Touch s) {
            memory.touch(s, out);
            return null;
        }

        @Override
        public Void visitSnapshot(Stmt.Snapshot s) {
            emit(out, new Op.Snapshot(s.label().value(), s.span()));
            return null;
        }

        @Override
        public Void visitVFork(Stmt.VFork s) {
            return data.inChild(() -> {
                memory.vfork(s, env, out);
                return null;
            });
        }

        @Override
        public Void visitExec(Stmt.Exec s) {
            return data.outsideLoop(() -> {
                memory.exec(s, env, out);
                return null;
            });
        }

        @Override
        public Void visitThread(Stmt.Thread s) {
            return data.inThread(() -> {
                memory.thread(s, env, out);
                return null;
            });
        }

        @Override
        public Void visitJoin(Stmt.Join s) {
            memory.join(s, out);
            return null;
        }

        @Override
        public Void visitClone(Stmt.Clone s) {
            java.util.function.Supplier<Void> lower = () -> {
                memory.clone(s, env, out);
                return null;
            };
            // a clone that shares the address space is a thread: what it declares is its own
            return s.flags().stream().anyMatch(f -> f.text().equals("vm")) ? data.inThread(lower) : data.inChild(lower);
        }

        @Override
        public Void visitSpinLock(Stmt.SpinLock s) {
            return onObject(s.lock(), Declaration.Kind.SPINLOCK, i -> new Op.SpinLock(i, s.span()));
        }

        @Override
        public Void visitSpinUnlock(Stmt.SpinUnlock s) {
            return onObject(s.lock(), Declaration.Kind.SPINLOCK, i -> new Op.SpinUnlock(i, s.span()));
        }

        @Override
        public Void visitReadLock(Stmt.ReadLock s) {
            return onObject(s.rwlock(), Declaration.Kind.RWLOCK, i -> new Op.ReadLock(i, s.span()));
        }

        @Override
        public Void visitReadUnlock(Stmt.ReadUnlock s) {
            return onObject(s.rwlock(), Declaration.Kind.RWLOCK, i -> new Op.ReadUnlock(i, s.span()));
        }

        @Override
        public Void visitWriteLock(Stmt.WriteLock s) {
            return onObject(s.rwlock(), Declaration.Kind.RWLOCK, i -> new Op.WriteLock(i, s.span()));
        }

        @Override
        public Void visitWriteUnlock(Stmt.WriteUnlock s) {
            return onObject(s.rwlock(), Declaration.Kind.RWLOCK, i -> new Op.WriteUnlock(i, s.span()));
        }

        @Override
        public Void visitSeqWrite(Stmt.SeqWrite s) {
            OptionalInt q = resolver.resolve(s.seqlock(), Declaration.Kind.SEQLOCK, env);
            List<Op> body = data.outsideLoop(() -> block(s.body(), env));
            q.ifPresent(i -> emit(out, new Op.SeqWrite(i, body, s.span())));
            return null;
        }

        @Override
        public Void visitSeqRead(Stmt.SeqRead s) {
            OptionalInt q = resolver.resolve(s.seqlock(), Declaration.Kind.SEQLOCK, env);
            List<Op> body = data.outsideLoop(() -> block(s.body(), env));
            q.ifPresent(i -> emit(out, new Op.SeqRead(i, body, s.span())));
            return null;
        }

        @Override
        public Void visitCondWait(Stmt.CondWait s) {
            OptionalInt c = resolver.resolve(s.cond(), Declaration.Kind.CONDVAR, env);
            OptionalInt m = resolver.resolve(s.mutex(), Declaration.Kind.MUTEX, env);
            if (c.isPresent() && m.isPresent()) {
                emit(out, new Op.CondWait(c.getAsInt(), m.getAsInt(), s.span()));
            }
            return null;
        }

        @Override
        public Void visitSignal(Stmt.Signal s) {
            return onObject(s.cond(), Declaration.Kind.CONDVAR, i -> new Op.CondSignal(i, s.span()));
        }

        @Override
        public Void visitBroadcast(Stmt.Broadcast s) {
            return onObject(s.cond(), Declaration.Kind.CONDVAR, i -> new Op.CondBroadcast(i, s.span()));
        }

        @Override
        public Void visitBarrierWait(Stmt.BarrierWait s) {
            return onObject(s.barrier(), Declaration.Kind.BARRIER, i -> new Op.BarrierWait(i, s.span()));
        }

        @Override
        public Void visitSemOp(Stmt.SemOp s) {
            semop(s, env, out);
            return null;
        }

        @Override
        public Void visitChoose(Stmt.Choose s) {
            choose(s, env, out);
            return null;
        }

        // ---- data: see DataLowerer

        @Override
        public Void visitVar(Stmt.Var s) {
            List<Op> ops = new ArrayList<>();
            data.declare(s, env, ops);
            emitAll(out, ops);
            return null;
        }

        @Override
        public Void visitAssign(Stmt.Assign s) {
            List<Op> ops = new ArrayList<>();
            data.assign(s, env, ops);
            emitAll(out, ops);
            return null;
        }

        @Override
        public Void visitIf(Stmt.If s) {
            List<Op> ops = new ArrayList<>();
            Val c = data.condition(s.condition(), env, ops);
            MemoryLowerer.Scope entry = memory.scope();
            List<Op> then = block(s.then(), env);
            MemoryLowerer.Scope afterThen = memory.scope();
            memory.restore(entry);
            List<Op> otherwise = new ArrayList<>();
            if (s.elseIf().isPresent()) {
                data.statement();
                visitNested(s.elseIf().get(), otherwise);
            } else if (s.otherwise().isPresent()) {
                otherwise = block(s.otherwise().get(), env);
            }
            memory.merge(afterThen);
            if (c instanceof Val.Const k) {
                // decided when the file is compiled (`if (i == 0)` in p[i in 0..1]): only the branch taken, so
                // the static checks see what each process does
                emitAll(out, ops);
                out.addAll(k.value() != 0 ? then : otherwise);
            } else if (c != null) {
                emitAll(out, ops);
                emit(out, new Op.If(c, then, otherwise, s.span()));
            }
            return null;
        }

        /** An {@code else if}: lowered into the outer {@code else} list, in a scope of its own. */
        private void visitNested(Stmt.If s, List<Op> into) {
            data.openScope();
            try {
                new Statements(env, into).visitIf(s);
            } finally {
                data.closeScope();
            }
        }

        @Override
        public Void visitWhile(Stmt.While s) {
            List<Op> ops = new ArrayList<>();
            data.loop(s, env, ops, b -> block(b, env));
            emitAll(out, ops);
            return null;
        }

        @Override
        public Void visitBreak(Stmt.Break s) {
            List<Op> ops = new ArrayList<>();
            data.breakLoop(s, ops);
            emitAll(out, ops);
            return null;
        }

        @Override
        public Void visitAssert(Stmt.Assert s) {
            List<Op> ops = new ArrayList<>();
            Val c = data.condition(s.condition(), env, ops);
            if (c != null) {
                emitAll(out, ops);
                emit(out, new Op.Assert(c, oss.compiler.format.Canonical.expr(s.condition()), s.span()));
            }
            return null;
        }

        @Override
        public Void visitAwait(Stmt.Await s) {
            if (data.inAtomic()) {
                return null;
            }
            List<Op> ops = new ArrayList<>();
            Val c = data.awaited(s.condition(), env, ops);
            if (c != null) {
                emitAll(out, ops);
                emit(out, new Op.Await(c, s.span()));
            }
            return null;
        }

        @Override
        public Void visitAtomic(Stmt.Atomic s) {
            if (data.inAtomic()) {
                return null;
            }
            List<Op> body = data.atomic(() -> block(s.body(), env));
            emit(out, new Op.Atomic(body, s.span()));
            return null;
        }

        @Override
        public Void visitAtomicOp(Stmt.AtomicOp s) {
            List<Op> ops = new ArrayList<>();
            data.atomicOp(s, env, ops);
            emitAll(out, ops);
            return null;
        }

        @Override
        public Void visitFence(Stmt.Fence s) {
            emit(out, new Op.Fence(DataLowerer.fence(s.name()), s.span()));
            return null;
        }

        @Override
        public Void visitFd(Stmt.Fd s) {
            fds.lower(s, env, out);
            return null;
        }

        @Override
        public Void visitIpc(Stmt.Ipc s) {
            ipc.lower(s, env, out);
            return null;
        }

        @Override
        public Void visitSig(Stmt.Sig s) {
            signals.lower(s, env, out);
            return null;
        }

        @Override
        public Void visitIoModel(Stmt.IoModel s) {
            io.lower(s, env, out);
            return null;
        }
    }

    /** Linux's SEMVMX: no change can be larger than the largest value a semaphore holds. */
    private static final int SEMVMX = Lowering.SEMVMX;

    private void semop(Stmt.SemOp o, Map<String, Long> env, List<Op> out) {
        int set = -1;
        SemOpItem first = null;
        int[] index = new int[o.items().size()];
        int[] delta = new int[o.items().size()];
        boolean ok = true;
        for (int k = 0; k < o.items().size(); k++) {
            SemOpItem item = o.items().get(k);
            java.util.Optional<int[]> element = resolver.resolveElement(item.element(), env);
            OptionalLong d = eval.inRange(item.delta(), env, "the change", -SEMVMX, SEMVMX, Code.VALUE_OUT_OF_RANGE);
            if (element.isEmpty() || d.isEmpty()) {
                ok = false;
                continue;
            }
            if (first == null) {
                first = item;
                set = element.get()[0];
            } else if (element.get()[0] != set) {
                String a = first.element().name().text();
                String b = item.element().name().text();
                diags.report(Code.WRONG_KIND, item.element().name().span(), "`" + b + "` is another semaphore set: one "
                        + "`semop` works on one set, and this one started with `" + a + "`; use a `semop` per set",
                        first.element().span(), "`" + a + "` is used here");
                ok = false;
                continue;
            }
            index[k] = element.get()[1];
            delta[k] = (int) d.getAsLong();
        }
        if (ok) {
            emit(out, new Op.SemOp(set, index, delta, o.span()));
        }
    }

    /** Every branch starts from the names visible before {@code choose}; afterwards, what all branches agree on. */
    private void choose(Stmt.Choose c, Map<String, Long> env, List<Op> out) {
        if (c.branches().size() < 2) {
            diags.report(Code.SYNTAX, c.span(), "`choose` needs at least two branches: add `or { ... }` after its block");
        }
        MemoryLowerer.Scope entry = memory.scope();
        List<List<Op>> branches = new ArrayList<>();
        List<MemoryLowerer.Scope> ends = new ArrayList<>();
        for (Block b : c.branches()) {
            memory.restore(entry);
            branches.add(block(b, env));
            ends.add(memory.scope());
        }
        memory.restore(ends.get(ends.size() - 1));
        for (int i = 0; i < ends.size() - 1; i++) {
            memory.merge(ends.get(i));
        }
        if (c.branches().size() >= 2) {
            emit(out, new Op.Choose(branches, c.span()));
        }
    }

    private OptionalLong time(Quantity q, Map<String, Long> env, String what, boolean positive) {
        OptionalLong ns = units.of(q, env, Units.Kind.TIME, what);
        if (ns.isPresent() && (ns.getAsLong() < 0 || (positive && ns.getAsLong() == 0))) {
            diags.report(Code.NOT_POSITIVE, q.span(), "`" + what + "` needs a time " + (positive ? "above 0" : "of at least 0"));
            return OptionalLong.empty();
        }
        return ns;
    }

    private void unroll(Stmt.For f, Map<String, Long> env, List<Op> out) {
        String var = f.variable().text();
        if (env.containsKey(var)) {
            diags.report(Code.DUPLICATE_NAME, f.variable().span(), "`" + var + "` is already bound by an enclosing loop or "
                    + "process index; pick another name");
            return;
        }
        OptionalLong from = eval.integer(f.range().from(), env, "the start of the range");
        OptionalLong to = eval.integer(f.range().to(), env, "the end of the range");
        if (from.isEmpty() || to.isEmpty()) {
            return;
        }
        if (to.getAsLong() < from.getAsLong()) {
            diags.report(Code.VALUE_OUT_OF_RANGE, f.range().span(), "the range " + from.getAsLong() + ".." + to.getAsLong()
                    + " is empty: the end must not be below the start");
            return;
        }
        for (long i = from.getAsLong(); i <= to.getAsLong(); i++) {
            Map<String, Long> inner = new HashMap<>(env);
            inner.put(var, i);
            budget.work(1);
            out.addAll(block(f.body(), inner));
            if (budget.exhausted()) {
                if (budget.firstReport()) {
                    diags.report(Code.TOO_LARGE, f.span(), "this loop unrolls to " + budget.what()
                        + "; use `repeat` for plain repetition");
                }
                return;
            }
        }
    }

    private void waitFor(Ref target, Map<String, Long> env, List<Op> out, Span span) {
        String name = target.name().text();
        Integer slot = slots.get(name);
        if (slot != null && target.index().isEmpty()) {
            if (memory.waitable(target.name())) {
                emit(out, new Op.WaitChild(slot, span));
            }
            return;
        }
        if (symbols.contains(name)) {
            resolver.resolve(target, Declaration.Kind.SEMAPHORE, env).ifPresent(i -> emit(out, new Op.SemWait(i, span)));
            return;
        }
        List<String> candidates = new ArrayList<>(slots.keySet());
        candidates.addAll(symbols.names(Declaration.Kind.SEMAPHORE));
        diags.report(Code.UNKNOWN_NAME, target.name().span(), "`wait " + name + "`: `" + name
                + "` is neither a child (a variable set by `" + name + " = fork { }` earlier) nor a semaphore"
                + Suggest.hint(name, candidates));
    }

    private void call(Stmt.Call c, Map<String, Long> env, List<Op> out, Span span) {
        String callee = c.callee().text();
        if (callee.equals("P") || callee.equals("V")) {
            resolver.resolve(c.argument(), Declaration.Kind.SEMAPHORE, env).ifPresent(i ->
                    emit(out, callee.equals("P") ? new Op.SemWait(i, span) : new Op.SemPost(i, span)));
            return;
        }
        Name n = c.callee();
        diags.report(Code.UNKNOWN_NAME, n.span(), "unknown operation `" + callee + "(...)`; did you mean P or V?");
    }

    /** An amount per resource; {@code claim} checks each against the resource's instances. */
    private java.util.Optional<int[]> vector(List<Amount> amounts, Map<String, Long> env, boolean claim) {
        int[] v = new int[resources.size()];
        boolean ok = true;
        for (Amount a : amounts) {
            OptionalInt r = resolver.resolve(a.resource(), Declaration.Kind.RESOURCE, env);
            long n = 1;
            if (a.count().isPresent()) {
                OptionalLong c = eval.inRange(a.count().get(), env, "the number of instances", 1, Integer.MAX_VALUE,
                        Code.NOT_POSITIVE);
                if (c.isEmpty()) {
                    ok = false;
                    continue;
                }
                n = c.getAsLong();
            }
            if (r.isEmpty()) {
                ok = false;
                continue;
            }
            int idx = r.getAsInt();
            long sum = v[idx] + n;
            if (sum > Integer.MAX_VALUE) {
                diags.report(Code.VALUE_OUT_OF_RANGE, a.span(), "too many instances");
                ok = false;
                continue;
            }
            v[idx] = (int) sum;
            ResourceDecl decl = resources.get(idx);
            if (claim && v[idx] > decl.instances()) {
                diags.report(Code.CLAIM_ABOVE_TOTAL, a.span(), "claim of " + v[idx] + " `" + decl.name()
                        + "` is more than the " + decl.instances() + " that exist; no process can ever need more than the total",
                        decl.span(), "`" + decl.name() + "` is declared here");
                ok = false;
            }
        }
        return ok ? java.util.Optional.of(v) : java.util.Optional.empty();
    }
}
