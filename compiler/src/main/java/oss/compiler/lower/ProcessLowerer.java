package oss.compiler.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.ProcessAttr;
import oss.compiler.ast.ProcessNode;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.ResourceDecl;
import oss.ir.program.SchedPolicy;
import oss.ir.program.Span;

/** One {@code process} declaration → one ProcessDef, or one per index of {@code p[i in a..b]}. */
final class ProcessLowerer {
    private final Diags diags;
    private final ExprEval eval;
    private final Units units;
    private final Symbols symbols;
    private final List<ResourceDecl> resources;
    private final Budget budget;
    private final Resolver resolver;
    private final MemoryContext memory;

    ProcessLowerer(Diags diags, ExprEval eval, Units units, Symbols symbols, List<ResourceDecl> resources,
                   Budget budget, Resolver resolver, MemoryContext memory) {
        this.memory = memory;
        this.diags = diags;
        this.eval = eval;
        this.units = units;
        this.symbols = symbols;
        this.resources = resources;
        this.budget = budget;
        this.resolver = resolver;
    }

    /** Each lowered process's variables (name → slot), for `expect P.x == ...`. */
    private java.util.Map<String, java.util.Map<String, Integer>> variables = new java.util.HashMap<>();

    ProcessLowerer recordingVariablesIn(java.util.Map<String, java.util.Map<String, Integer>> into) {
        this.variables = into;
        return this;
    }

    private Map<String, oss.ir.program.SharedData.VarDecl> shared = Map.of();
    private Map<String, Map<String, DataLowerer.Var>> dataVariables = new HashMap<>();

    /** The shared variables the bodies may use, and where each process's own data variables are recorded. */
    ProcessLowerer withData(Map<String, oss.ir.program.SharedData.VarDecl> shared,
                            Map<String, Map<String, DataLowerer.Var>> dataVariables) {
        this.shared = shared;
        this.dataVariables = dataVariables;
        return this;
    }

    /** The index range of a process array, checked. */
    Optional<long[]> range(ProcessNode p) {
        ProcessNode.IndexRange r = p.array().orElseThrow();
        OptionalLong from = eval.integer(r.range().from(), Map.of(), "the start of the range");
        OptionalLong to = eval.integer(r.range().to(), Map.of(), "the end of the range");
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        if (to.getAsLong() < from.getAsLong()) {
            diags.report(Code.VALUE_OUT_OF_RANGE, r.range().span(), "the range " + from.getAsLong() + ".." + to.getAsLong()
                    + " is empty: the end must not be below the start");
            return Optional.empty();
        }
        if (to.getAsLong() - from.getAsLong() >= Lowering.MAX_ARRAY) {
            diags.report(Code.TOO_LARGE, r.range().span(), "at most " + Lowering.MAX_ARRAY + " processes per array");
            return Optional.empty();
        }
        return Optional.of(new long[] {from.getAsLong(), to.getAsLong()});
    }

    List<ProcessDef> lowerArray(ProcessNode p, long[] range) {
        List<ProcessDef> out = new ArrayList<>();
        String var = p.array().get().variable().text();
        for (long i = range[0]; i <= range[1] && !budget.exhausted(); i++) {
            Map<String, Long> env = new HashMap<>();
            env.put(var, i);
            lower(p, env, p.name().text() + "[" + i + "]").ifPresent(out::add);
        }
        if (budget.exhausted() && budget.firstReport()) {
            diags.report(Code.TOO_LARGE, p.name().span(), "the processes unroll to " + budget.what());
        }
        return out;
    }

    Optional<ProcessDef> lower(ProcessNode p, Map<String, Long> env, String name) {
        Attributes at = new Attributes(env);
        Map<String, Span> seen = new HashMap<>();
        for (ProcessAttr a : p.attributes()) {
            if (a instanceof ProcessAttr.Policy pol && pol.priority().isPresent()) {
                Span first = seen.putIfAbsent("priority", pol.span());
                if (first != null) {
                    diags.report(Code.DUPLICATE_NAME, a.span(), "`priority` is given twice", first, "first here");
                }
            }
            Span first = seen.putIfAbsent(a.keyword(), a.span());
            if (first != null) {
                diags.report(Code.DUPLICATE_NAME, a.span(), "`" + a.keyword() + "` is given twice", first, "first here");
                continue;
            }
            a.accept(at);
        }
        SchedPolicy policy = at.policy;
        int priority = at.priority;
        if (policy.isRealTime() && at.priorityAt == null) {
            diags.report(Code.VALUE_OUT_OF_RANGE, at.policyAt, "a real-time process needs a priority from 1 to 99, e.g. `policy "
                    + policy.name().toLowerCase(java.util.Locale.ROOT) + " priority 50`");
        }
        if (!policy.isRealTime() && at.priorityAt != null && at.priorityAt.isKnown()) {
            diags.report(Code.VALUE_OUT_OF_RANGE, at.priorityAt, "`priority` is for the real-time policies: write "
                    + "`policy fifo priority N` or `policy rr priority N` (normal processes use `nice`)");
            priority = 0;
        }
        BodyLowerer body = new BodyLowerer(diags, eval, units, resolver, symbols, resources, budget, memory, shared,
                BodyLowerer.makesThreads(p.body()));
        List<Op> ops = body.block(p.body(), env);
        PipeEnds.check(p.name().text(), p.body(), diags);
        variables.put(name, body.variables());
        dataVariables.put(name, body.dataVariables());
        return Optional.of(new ProcessDef(name, at.nice, at.arrives, policy, policy.isRealTime() ? priority : 0, at.tickets,
                at.frames, ops, body.slotCount(), p.name().span()));
    }

    /** The attributes of one process, each given once, checked and read into its setting. */
    private final class Attributes implements ProcessAttr.Visitor<Void> {
        private final Map<String, Long> env;
        int nice = 0;
        long arrives = 0;
        SchedPolicy policy = SchedPolicy.NORMAL;
        int priority = 0;
        /** Where the priority was given; {@link Span#NONE} when the policy was unknown (already reported). */
        Span priorityAt = null;
        Span policyAt = null;
        int tickets = ProcessDef.DEFAULT_TICKETS;
        int frames = ProcessDef.NO_FRAME_LIMIT;

        Attributes(Map<String, Long> env) {
            this.env = env;
        }

        @Override
        public Void visitNice(ProcessAttr.Nice n) {
            nice = (int) eval.inRange(n.value(), env, "nice", -20, 19, Code.VALUE_OUT_OF_RANGE).orElse(0);
            return null;
        }

        @Override
        public Void visitArrives(ProcessAttr.Arrives n) {
            OptionalLong t = units.of(n.time(), env, Units.Kind.TIME, "arrives");
            if (t.isPresent() && t.getAsLong() < 0) {
                diags.report(Code.VALUE_OUT_OF_RANGE, n.time().span(), "a process cannot arrive before time 0");
            } else {
                arrives = t.orElse(0);
            }
            return null;
        }

        @Override
        public Void visitPolicy(ProcessAttr.Policy n) {
            policyAt = n.span();
            String word = n.policy().text();
            switch (word) {
                case "fifo" -> policy = SchedPolicy.FIFO;
                case "rr" -> policy = SchedPolicy.RR;
                case "normal" -> policy = SchedPolicy.NORMAL;
                default -> policyAt = null;
            }
            if (policyAt == null) {
                diags.report(Code.UNKNOWN_NAME, n.policy().span(), "unknown policy `" + word + "`"
                        + Suggest.hint(word, List.of("fifo", "rr", "normal"))
                        + " (a process's policy is fifo, rr or normal)");
                priorityAt = Span.NONE;
            }
            if (n.priority().isPresent() && priorityAt == null) {
                priorityAt = n.span();
                priority = (int) eval.inRange(n.priority().get(), env, "a real-time priority", 1, 99,
                        Code.VALUE_OUT_OF_RANGE).orElse(1);
            }
            return null;
        }

        @Override
        public Void visitPriority(ProcessAttr.Priority n) {
            priorityAt = n.span();
            priority = (int) eval.inRange(n.value(), env, "a real-time priority", 1, 99, Code.VALUE_OUT_OF_RANGE)
                    .orElse(1);
            return null;
        }

        @Override
        public Void visitFrames(ProcessAttr.Frames n) {
            frames = (int) eval.inRange(n.value(), env, "the number of frames", 1, Integer.MAX_VALUE,
                    Code.NOT_POSITIVE).orElse(ProcessDef.NO_FRAME_LIMIT);
            return null;
        }

        @Override
        public Void visitTickets(ProcessAttr.Tickets n) {
            tickets = (int) eval.inRange(n.value(), env, "the number of tickets", 1, Integer.MAX_VALUE,
                    Code.NOT_POSITIVE).orElse(ProcessDef.DEFAULT_TICKETS);
            return null;
        }
    }
}
