package oss.compiler.lower;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.Block;
import oss.compiler.ast.Name;
import oss.compiler.ast.Ref;
import oss.compiler.ast.SigCall;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Op;
import oss.ir.program.SigOp;
import oss.ir.program.Signal;

/**
 * Lowers the signals calls of one process body (docs/language.md, "Signals"): names read against
 * signal(7)'s table, kill targets resolved, handlers lowered as bodies of their own that run in
 * the task. One instance per {@link BodyLowerer}.
 */
final class SignalLowerer {
    private static final List<String> NAMES = Arrays.stream(Signal.values()).map(Enum::name).toList();

    private final Diags diags;
    private final ExprEval eval;
    private final Units units;
    private final Symbols symbols;
    private final MemoryLowerer memory;
    private final Map<String, Integer> slots;
    private final BodyLowerer body;

    SignalLowerer(Diags diags, ExprEval eval, Units units, Resolver resolver, Symbols symbols, MemoryLowerer memory,
                DataLowerer data, Map<String, Integer> slots, BodyLowerer body) {
        this.diags = diags;
        this.eval = eval;
        this.units = units;
        this.symbols = symbols;
        this.memory = memory;
        this.slots = slots;
        this.body = body;
    }

    void lower(Stmt.Sig s, Map<String, Long> env, List<Op> out) {
        SigOp op = s.call().accept(new Calls(env));
        if (op != null) {
            body.emit(out, new Op.Sig(op, s.span()));
        }
    }

    /**
     * Once every process is lowered: each {@code kill NAME} names a declared process (OSS1101 with
     * the nearest name otherwise), an element of an array within its range.
     */
    static void checkTargets(List<oss.ir.program.ProcessDef> processes, Diags diags) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (oss.ir.program.ProcessDef p : processes) {
            names.add(p.name());
        }
        java.util.Set<oss.ir.program.Span> said = new java.util.HashSet<>();
        java.util.ArrayDeque<List<Op>> todo = new java.util.ArrayDeque<>();
        processes.forEach(p -> todo.add(p.body()));
        for (int budget = 0; !todo.isEmpty() && budget < 1_000_000; budget++) {
            for (Op op : todo.poll()) {
                todo.addAll(oss.ir.program.OpBodies.of(op));
                if (op instanceof Op.Sig s && s.call() instanceof SigOp.Kill k && k.target().process() != null
                        && !names.contains(k.target().process()) && said.add(k.target().at())) {
                    String base = k.target().process().replaceAll("\\[.*", "");
                    List<String> bases = names.stream().map(n -> n.replaceAll("\\[.*", "")).distinct().toList();
                    diags.report(Code.UNKNOWN_NAME, k.target().at(), "`kill " + k.target().process() + "`: no process"
                            + " of that name is declared (kill sends to a child variable, a declared process, `parent`"
                            + " or a pid)" + (bases.contains(base) ? "; `" + base + "` has no such element"
                                    : Suggest.hint(base, bases)));
                }
            }
        }
    }

    /** The signal of that name, or empty after OSS1101 with the nearest name. */
    private Optional<Signal> signal(Name n) {
        Optional<Signal> s = Signal.named(n.text());
        if (s.isEmpty()) {
            diags.report(Code.UNKNOWN_NAME, n.span(), "unknown signal `" + n.text() + "`: signal(7) names them SIGINT,"
                    + " SIGTERM, SIGUSR1, SIGCHLD, ..." + Suggest.hint(n.text(), NAMES));
        }
        return s;
    }

    /** A signal a handler, ignore or mask may name: not SIGKILL nor SIGSTOP (OSS1320). */
    private Optional<Signal> catchable(Name n, String what) {
        Optional<Signal> s = signal(n);
        if (s.isPresent() && !s.get().catchable()) {
            diags.report(Code.SIG_UNCATCHABLE, n.span(), s.get() + " cannot be " + what + " (signal(7)): the kernel"
                    + " always " + (s.get() == Signal.SIGKILL ? "kills" : "stops") + " the process");
            return Optional.empty();
        }
        return s;
    }

    private OptionalLong mask(List<Name> names, String what) {
        long m = 0;
        boolean ok = true;
        for (Name n : names) {
            Optional<Signal> s = catchable(n, what);
            ok &= s.isPresent();
            m |= s.map(Signal::bit).orElse(0L);
        }
        return ok ? OptionalLong.of(m) : OptionalLong.empty();
    }

    private List<Op> handler(Block b, Map<String, Long> env) {
        // the handler runs in the task, between two of its statements: names it defines stay its own
        MemoryLowerer.Scope entry = memory.scope();
        List<Op> ops = body.block(b, env);
        memory.restore(entry);
        return ops;
    }

    private final class Calls implements SigCall.Visitor<SigOp> {
        private final Map<String, Long> env;

        Calls(Map<String, Long> env) {
            this.env = env;
        }

        @Override
        public SigOp visitKill(SigCall.Kill c) {
            Optional<Signal> sig = signal(c.signal());
            SigOp.Target target = c.target().isPresent() ? target(c.target().get()) : pid(c);
            return sig.isEmpty() || target == null ? null : new SigOp.Kill(target, sig.get());
        }

        private SigOp.Target pid(SigCall.Kill c) {
            OptionalLong v = eval.inRange(c.pid().orElseThrow(), env, "the pid", 1, 32_767, Code.VALUE_OUT_OF_RANGE);
            return v.isEmpty() ? null : SigOp.Target.pid((int) v.getAsLong());
        }

        private SigOp.Target target(Ref r) {
            String name = r.name().text();
            if (name.equals("parent") && r.index().isEmpty() && !slots.containsKey(name)) {
                return SigOp.Target.parentOf();
            }
            Integer slot = slots.get(name);
            if (slot != null && r.index().isEmpty()) {
                if (!memory.waitable(r.name())) {
                    diags.report(Code.SIG_BAD_TARGET, r.name().span(), "`kill " + name + "`: `" + name + "` is not a"
                            + " child process; kill sends to a child (`c = fork { }`), a declared process, `parent` or a pid");
                    return null;
                }
                return SigOp.Target.child(slot);
            }
            if (symbols.lookup(name) != null) {
                diags.report(Code.SIG_BAD_TARGET, r.name().span(), "`kill " + name + "`: `" + name + "` is "
                        + symbols.lookup(name).describe() + ", not a process; kill sends to a child, a declared process,"
                        + " `parent` or a pid");
                return null;
            }
            if (r.index().isEmpty()) {
                return SigOp.Target.process(name, r.span());
            }
            OptionalLong i = eval.integer(r.index().get(), env, "an index");
            return i.isEmpty() ? null : SigOp.Target.process(name + "[" + i.getAsLong() + "]", r.span());
        }

        @Override
        public SigOp visitRaise(SigCall.Raise c) {
            return signal(c.signal()).map(SigOp.Raise::new).orElse(null);
        }

        @Override
        public SigOp visitHandler(SigCall.Handler c) {
            String word = c.action().map(Name::text).orElse("");
            Optional<Signal> sig = catchable(c.signal(), word.equals("ignore") ? "ignored" : "caught");
            List<Op> ops = c.handler().map(b -> handler(b, env)).orElse(List.of());
            if (sig.isEmpty()) {
                return null;
            }
            SigOp.Disposition d = c.handler().isPresent() ? SigOp.Disposition.HANDLER
                    : word.equals("ignore") ? SigOp.Disposition.IGNORE : SigOp.Disposition.DEFAULT;
            // glibc's signal() is BSD's: SA_RESTART, the handler stays, the signal blocked while it runs
            return new SigOp.Action(sig.get(), d, true, 0, false, false, ops);
        }

        @Override
        public SigOp visitSigaction(SigCall.Sigaction c) {
            boolean restart = false;
            boolean resethand = false;
            boolean nodefer = false;
            SigOp.Disposition d = c.handler().isPresent() ? SigOp.Disposition.HANDLER : null;
            for (Name f : c.flags()) {
                switch (f.text()) {
                    case "restart" -> restart = true;
                    case "resethand" -> resethand = true;
                    case "nodefer" -> nodefer = true;
                    case "ignore", "default" -> {
                        if (d != null) {
                            diags.report(Code.MISPLACED_STATEMENT, f.span(), "`" + f.text() + "` and a handler (or"
                                    + " another disposition) exclude each other: give one");
                            return null;
                        }
                        d = f.text().equals("ignore") ? SigOp.Disposition.IGNORE : SigOp.Disposition.DEFAULT;
                    }
                    default -> {
                        diags.report(Code.UNKNOWN_NAME, f.span(), "unknown sigaction flag `" + f.text() + "`"
                                + Suggest.hint(f.text(), List.of("restart", "resethand", "nodefer", "ignore", "default")));
                        return null;
                    }
                }
            }
            if (d == null) {
                diags.report(Code.MISPLACED_STATEMENT, c.span(), "sigaction needs a handler `{ ... }`, `ignore` or"
                        + " `default`");
                return null;
            }
            Optional<Signal> sig = catchable(c.signal(), d == SigOp.Disposition.IGNORE ? "ignored" : "caught");
            List<Op> ops = c.handler().map(b -> handler(b, env)).orElse(List.of());
            return sig.isEmpty() ? null : new SigOp.Action(sig.get(), d, restart, 0, resethand, nodefer, ops);
        }

        @Override
        public SigOp visitSigprocmask(SigCall.Sigprocmask c) {
            SigOp.How how = switch (c.how().text()) {
                case "block" -> SigOp.How.BLOCK;
                case "unblock" -> SigOp.How.UNBLOCK;
                case "setmask" -> SigOp.How.SETMASK;
                default -> null;
            };
            if (how == null) {
                diags.report(Code.UNKNOWN_NAME, c.how().span(), "sigprocmask takes `block`, `unblock` or `setmask`"
                        + Suggest.hint(c.how().text(), List.of("block", "unblock", "setmask")));
                return null;
            }
            OptionalLong m = mask(c.signals(), "blocked");
            return m.isEmpty() ? null : new SigOp.Mask(how, m.getAsLong());
        }

        @Override
        public SigOp visitPause(SigCall.Pause c) {
            return new SigOp.Pause();
        }

        @Override
        public SigOp visitSigsuspend(SigCall.Sigsuspend c) {
            OptionalLong m = mask(c.mask(), "blocked");
            return m.isEmpty() ? null : new SigOp.Sigsuspend(m.getAsLong());
        }

        @Override
        public SigOp visitAlarm(SigCall.Alarm c) {
            OptionalLong ns = units.of(c.time(), env, Units.Kind.TIME, "alarm");
            if (ns.isPresent() && ns.getAsLong() < 0) {
                diags.report(Code.NOT_POSITIVE, c.time().span(), "`alarm` needs a time of at least 0 (0 cancels)");
                return null;
            }
            return ns.isEmpty() ? null : new SigOp.Alarm(ns.getAsLong());
        }
    }
}
