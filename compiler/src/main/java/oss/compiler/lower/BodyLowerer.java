package oss.compiler.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
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

    BodyLowerer(Diags diags, ExprEval eval, Units units, Resolver resolver, Symbols symbols,
                List<ResourceDecl> resources, Budget budget, MemoryContext context) {
        this.diags = diags;
        this.eval = eval;
        this.units = units;
        this.resolver = resolver;
        this.symbols = symbols;
        this.resources = resources;
        this.budget = budget;
        this.memory = new MemoryLowerer(diags, eval, units, symbols, context, slots, this);
    }

    int slotCount() {
        return slots.size();
    }

    /** Every variable of the body and its slot. */
    Map<String, Integer> variables() {
        return Map.copyOf(slots);
    }

    List<Op> block(Block b, Map<String, Long> env) {
        List<Op> out = new ArrayList<>();
        for (Stmt s : b.statements()) {
            if (budget.exhausted()) {
                break;
            }
            budget.work(1);
            oss.ir.Deadline.check();
            statement(s, env, out);
        }
        return out;
    }

    void emit(List<Op> out, Op op) {
        budget.spend(1);
        out.add(op);
    }

    private void statement(Stmt s, Map<String, Long> env, List<Op> out) {
        Span span = s.span();
        if (s instanceof Stmt.Compute c) {
            time(c.time(), env, "compute", true).ifPresent(ns -> emit(out, new Op.Compute(ns, span)));
        } else if (s instanceof Stmt.Sleep c) {
            time(c.time(), env, "sleep", false).ifPresent(ns -> emit(out, new Op.Sleep(ns, span)));
        } else if (s instanceof Stmt.Io c) {
            time(c.time(), env, "io", false).ifPresent(ns -> emit(out, new Op.Io(ns, span)));
        } else if (s instanceof Stmt.Repeat r) {
            OptionalLong n = eval.inRange(r.count(), env, "the repeat count", 1, Long.MAX_VALUE, Code.NOT_POSITIVE);
            List<Op> body = block(r.body(), env);
            n.ifPresent(count -> emit(out, new Op.Repeat(count, body, span)));
        } else if (s instanceof Stmt.For f) {
            unroll(f, env, out);
        } else if (s instanceof Stmt.Lock l) {
            resolver.resolve(l.mutex(), Declaration.Kind.MUTEX, env).ifPresent(m -> emit(out, new Op.Lock(m, span)));
        } else if (s instanceof Stmt.Unlock l) {
            resolver.resolve(l.mutex(), Declaration.Kind.MUTEX, env).ifPresent(m -> emit(out, new Op.Unlock(m, span)));
        } else if (s instanceof Stmt.TryLock t) {
            OptionalInt m = resolver.resolve(t.mutex(), Declaration.Kind.MUTEX, env);
            MemoryLowerer.Scope entry = memory.scope();
            List<Op> then = t.then().map(b -> block(b, env)).orElse(List.of());
            MemoryLowerer.Scope afterThen = memory.scope();
            memory.restore(entry);
            List<Op> otherwise = t.otherwise().map(b -> block(b, env)).orElse(List.of());
            memory.merge(afterThen);
            m.ifPresent(i -> emit(out, new Op.TryLock(i, then, otherwise, span)));
        } else if (s instanceof Stmt.WaitAny) {
            emit(out, new Op.WaitAny(span));
        } else if (s instanceof Stmt.Wait w) {
            waitFor(w.target(), env, out, span);
        } else if (s instanceof Stmt.Post p) {
            resolver.resolve(p.semaphore(), Declaration.Kind.SEMAPHORE, env).ifPresent(i -> emit(out, new Op.SemPost(i, span)));
        } else if (s instanceof Stmt.Call c) {
            call(c, env, out, span);
        } else if (s instanceof Stmt.Claim c) {
            vector(c.amounts(), env, true).ifPresent(v -> emit(out, new Op.Claim(v, span)));
        } else if (s instanceof Stmt.Request c) {
            vector(c.amounts(), env, false).ifPresent(v -> emit(out, new Op.Request(v, span)));
        } else if (s instanceof Stmt.Release c) {
            vector(c.amounts(), env, false).ifPresent(v -> emit(out, new Op.Release(v, span)));
        } else if (s instanceof Stmt.Fork f) {
            int slot = f.variable().map(v -> slots.computeIfAbsent(v.text(), k -> slots.size())).orElse(-1);
            List<Op> body = memory.child(() -> block(f.body(), env), false);
            f.variable().ifPresent(v -> memory.define(v, slot, MemoryLowerer.Kind.CHILD));
            emit(out, new Op.Fork(slot, body, span));
        } else if (s instanceof Stmt.Exit e) {
            int status = 0;
            if (e.status().isPresent()) {
                OptionalLong v = eval.inRange(e.status().get(), env, "the exit status", 0, 255, Code.VALUE_OUT_OF_RANGE);
                if (v.isEmpty()) {
                    return;
                }
                status = (int) v.getAsLong();
            }
            emit(out, new Op.Exit(status, span));
        } else if (!sync(s, env, out)) {
            memory.statement(s, env, out);
        }
    }

    /** Spinlocks, rwlocks, seqlocks, condition variables, barriers, semaphore sets and choose; false for others. */
    private boolean sync(Stmt s, Map<String, Long> env, List<Op> out) {
        Span span = s.span();
        if (s instanceof Stmt.SpinLock l) {
            resolver.resolve(l.lock(), Declaration.Kind.SPINLOCK, env).ifPresent(i -> emit(out, new Op.SpinLock(i, span)));
        } else if (s instanceof Stmt.SpinUnlock l) {
            resolver.resolve(l.lock(), Declaration.Kind.SPINLOCK, env).ifPresent(i -> emit(out, new Op.SpinUnlock(i, span)));
        } else if (s instanceof Stmt.ReadLock l) {
            resolver.resolve(l.rwlock(), Declaration.Kind.RWLOCK, env).ifPresent(i -> emit(out, new Op.ReadLock(i, span)));
        } else if (s instanceof Stmt.ReadUnlock l) {
            resolver.resolve(l.rwlock(), Declaration.Kind.RWLOCK, env).ifPresent(i -> emit(out, new Op.ReadUnlock(i, span)));
        } else if (s instanceof Stmt.WriteLock l) {
            resolver.resolve(l.rwlock(), Declaration.Kind.RWLOCK, env).ifPresent(i -> emit(out, new Op.WriteLock(i, span)));
        } else if (s instanceof Stmt.WriteUnlock l) {
            resolver.resolve(l.rwlock(), Declaration.Kind.RWLOCK, env)
                    .ifPresent(i -> emit(out, new Op.WriteUnlock(i, span)));
        } else if (s instanceof Stmt.SeqWrite w) {
            OptionalInt q = resolver.resolve(w.seqlock(), Declaration.Kind.SEQLOCK, env);
            List<Op> body = block(w.body(), env);
            q.ifPresent(i -> emit(out, new Op.SeqWrite(i, body, span)));
        } else if (s instanceof Stmt.SeqRead r) {
            OptionalInt q = resolver.resolve(r.seqlock(), Declaration.Kind.SEQLOCK, env);
            List<Op> body = block(r.body(), env);
            q.ifPresent(i -> emit(out, new Op.SeqRead(i, body, span)));
        } else if (s instanceof Stmt.CondWait w) {
            OptionalInt c = resolver.resolve(w.cond(), Declaration.Kind.CONDVAR, env);
            OptionalInt m = resolver.resolve(w.mutex(), Declaration.Kind.MUTEX, env);
            if (c.isPresent() && m.isPresent()) {
                emit(out, new Op.CondWait(c.getAsInt(), m.getAsInt(), span));
            }
        } else if (s instanceof Stmt.Signal c) {
            resolver.resolve(c.cond(), Declaration.Kind.CONDVAR, env).ifPresent(i -> emit(out, new Op.CondSignal(i, span)));
        } else if (s instanceof Stmt.Broadcast c) {
            resolver.resolve(c.cond(), Declaration.Kind.CONDVAR, env)
                    .ifPresent(i -> emit(out, new Op.CondBroadcast(i, span)));
        } else if (s instanceof Stmt.BarrierWait b) {
            resolver.resolve(b.barrier(), Declaration.Kind.BARRIER, env)
                    .ifPresent(i -> emit(out, new Op.BarrierWait(i, span)));
        } else if (s instanceof Stmt.SemOp o) {
            semop(o, env, out);
        } else if (s instanceof Stmt.Choose c) {
            choose(c, env, out);
        } else {
            return false;
        }
        return true;
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
