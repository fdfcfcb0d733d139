package oss.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.Ref;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Units;
import oss.compiler.expect.CompareOp;
import oss.compiler.expect.Expectation;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.SharedData;
import oss.ir.program.Span;
import oss.ir.program.Val;

/** {@code expect} lines → {@link Expectation}s, with names, metrics and units checked. */
final class ExpectationLowerer {
    static final List<String> TIME_METRICS = List.of("turnaround", "response", "waiting", "finish", "arrival",
            "first_run", "cpu", "spin_time", "stime", "utime");
    static final List<String> COUNT_METRICS = List.of("exit", "voluntary_switches", "involuntary_switches",
            "page_faults", "minor_faults", "major_faults", "cow_faults", "rss", "seq_retries", "signal", "free_blocks",
            // issue 15, the page cache: cachestat's hits and misses, /proc/PID/io's read_bytes and write_bytes
            "cache_hits", "cache_misses", "read_bytes", "write_bytes");
    /** Every signal of signal(7) that can end a process, and {@code none}. */
    static final List<String> SIGNALS = java.util.stream.Stream.concat(java.util.Arrays.stream(
            oss.ir.program.Signal.values()).map(Enum::name), java.util.stream.Stream.of("none")).toList();
    /** The names strace prints for the statements that are system calls (runtime's SyscallNames), sorted. */
    static final List<String> SYSCALL_NAMES = List.of("alarm", "brk", "chdir", "clock_nanosleep", "clone", "close",
            "dup", "dup2", "epoll_create", "epoll_ctl", "epoll_wait", "execve", "exit", "exit_group", "fcntl", "fdatasync", "fsync",
            "kill", "link", "lseek", "mkdir", "mknodat", "mmap", "mq_open", "mq_timedreceive", "mq_timedsend",
            "mq_unlink", "msgctl", "msgget", "msgrcv", "msgsnd", "msync", "munmap", "newfstatat", "openat", "pause",
            "pipe2", "poll", "read", "rmdir", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "rt_sigsuspend",
            "select", "semop", "shmat", "shmctl", "shmdt", "shmget", "socketpair", "symlink", "tgkill", "unlink", "vfork",
            "wait4", "write");
    static final List<String> TLB_METRICS = List.of("hits", "misses");
    static final List<String> MEMORY_METRICS = List.of("accesses", "page_walks");
    /** The paging-structure caches: walks they shortened or not, and each cache's own lookups. */
    static final List<String> PSC_METRICS = List.of("hits", "misses", "pde_hits", "pde_misses", "pdpte_hits",
            "pdpte_misses", "pml4e_hits", "pml4e_misses");
    static final List<String> CACHE_METRICS = List.of("hits", "misses", "writebacks");
    private static final List<String> FLAGS = List.of("deadlock", "safe", "unsafe", "granted", "denied", "leaks");
    private static final List<String> NO_FLAGS = List.of("deadlock", "zombies", "leaks");
    private static final List<String> LISTS = List.of("safe_sequence", "finish_order");

    private final Diags diags;
    private final ExprEval eval;
    private final Units units;
    private final ProcessNames processes;
    private final Optional<List<String>> bankerRows;
    private final SourceText source;
    private final List<String> caches;
    private final long pageSize;

    private final Map<String, Map<String, Integer>> variables;
    private final boolean freeList;

    ExpectationLowerer(Diags diags, ExprEval eval, Units units, ProcessNames processes,
                       Optional<List<String>> bankerRows, SourceText source, List<String> caches, long pageSize,
                       Map<String, Map<String, Integer>> variables, boolean freeList) {
        this.variables = variables;
        this.freeList = freeList;
        this.caches = caches;
        this.pageSize = pageSize;
        this.diags = diags;
        this.eval = eval;
        this.units = units;
        this.processes = processes;
        this.bankerRows = bankerRows;
        this.source = source;
    }

    Optional<Expectation> lower(ExpectNode e) {
        String text = source.of(e.span());
        return e.accept(new ExpectNode.Visitor<Optional<Expectation>>() {
            @Override
            public Optional<Expectation> visitFlag(ExpectNode.Flag f) {
                return flag(f, text);
            }

            @Override
            public Optional<Expectation> visitNameList(ExpectNode.NameList l) {
                return list(l, text);
            }

            @Override
            public Optional<Expectation> visitMetric(ExpectNode.Metric m) {
                return metric(m, text);
            }

            @Override
            public Optional<Expectation> visitValue(ExpectNode.Value v) {
                SharedData.Property.Mode mode = switch (v.quantifier()) {
                    case AT_END -> SharedData.Property.Mode.AT_END;
                    case ALWAYS -> SharedData.Property.Mode.ALWAYS;
                    case POSSIBLE -> SharedData.Property.Mode.POSSIBLE;
                };
                Val c = new ValueReader().lower(v.condition());
                return c == null ? Optional.empty() : property(mode, c, text, v.span());
            }

            @Override
            public Optional<Expectation> visitAssertions(ExpectNode.Assertions a) {
                return Optional.of(new Expectation.Assertions(a.possible(), text, a.span()));
            }

            @Override
            public Optional<Expectation> visitRace(ExpectNode.Race r) {
                return Optional.of(new Expectation.Race(r.no(), text, r.span()));
            }
        });
    }

    // ------------------------------------------------------------ values

    private Map<String, SharedData.VarDecl> shared = Map.of();
    private Map<String, Map<String, DataLowerer.Var>> dataVariables = Map.of();
    private Map<String, Integer> processIndexes = Map.of();
    private final List<SharedData.Property> properties = new ArrayList<>();

    ExpectationLowerer withData(Map<String, SharedData.VarDecl> shared, Map<String, Map<String, DataLowerer.Var>> data,
                                Map<String, Integer> processIndexes) {
        this.shared = shared;
        this.dataVariables = data;
        this.processIndexes = processIndexes;
        return this;
    }

    /** The value expectations, in source order, for {@code Program.data()}. */
    List<SharedData.Property> properties() {
        return List.copyOf(properties);
    }

    private Optional<Expectation> property(SharedData.Property.Mode mode, Val condition, String text, Span span) {
        SharedData.Property p = new SharedData.Property(mode, condition, text, span);
        properties.add(p);
        return Optional.of(new Expectation.Value(p, text, span));
    }

    /** {@code expect P.x == 3} where x is a data variable of P: a value expectation when the run ends. */
    private Optional<Expectation> dataMetric(ExpectNode.Metric m, String process, DataLowerer.Var var, String text) {
        if (m.value().unit().isPresent()) {
            diags.report(Code.WRONG_UNIT, m.value().unit().get().span(), "`" + var.name() + "` is an int, without a unit");
            return Optional.empty();
        }
        Cell cell = processCell(var, process, m.metric().span());
        Val value = new ValueReader().lower(m.value().value());
        if (cell == null || value == null) {
            return Optional.empty();
        }
        Val c = new Val.Binary(DataLowerer.binOp(m.op()), new Val.Read(cell), value);
        return property(SharedData.Property.Mode.AT_END, c, text, m.span());
    }

    private Cell processCell(DataLowerer.Var v, String process, Span at) {
        if (v.array()) {
            diags.report(Code.NOT_AN_ARRAY, at, "`" + v.name() + "` is an array: an expectation reads one int");
            return null;
        }
        Integer index = processIndexes.get(process);
        if (index == null) {
            return null;
        }
        return new Cell(v.scope(), index, v.base(), 1, new Val.Const(0), process + "." + v.name());
    }

    /**
     * An expectation's condition as a value over the final state: shared variables by name, a process's own
     * as {@code P.x} or {@code p[1].x}; constants folded. Nothing is loaded: the judge reads memory directly.
     */
    private final class ValueReader implements oss.compiler.ast.Expr.Visitor<Val> {
        Val lower(oss.compiler.ast.Expr e) {
            return e.accept(this);
        }

        private Val constant(oss.compiler.ast.Expr e) {
            OptionalLong v = eval.integer(e, Map.of(), "the value");
            if (v.isEmpty()) {
                return null;
            }
            if (v.getAsLong() < Integer.MIN_VALUE || v.getAsLong() > Integer.MAX_VALUE) {
                diags.report(Code.VALUE_OUT_OF_RANGE, e.span(), v.getAsLong() + " does not fit in an int");
                return null;
            }
            return new Val.Const((int) v.getAsLong());
        }

        @Override
        public Val visitNumber(oss.compiler.ast.Expr.Number e) {
            return constant(e);
        }

        @Override
        public Val visitNameRef(oss.compiler.ast.Expr.NameRef e) {
            SharedData.VarDecl g = shared.get(e.name());
            if (g == null) {
                List<String> known = new ArrayList<>(shared.keySet());
                diags.report(Code.UNKNOWN_NAME, e.span(), "unknown shared variable `" + e.name() + "`"
                        + Suggest.hint(e.name(), known) + "; a process's own variable is written `P." + e.name() + "`");
                return null;
            }
            if (g.length() != 1) {
                diags.report(Code.NOT_AN_ARRAY, e.span(), "`" + e.name() + "` is an array: say which element");
                return null;
            }
            return new Val.Read(new Cell(Cell.Scope.SHARED, -1, g.base(), 1, new Val.Const(0), e.name()));
        }

        @Override
        public Val visitElement(oss.compiler.ast.Expr.Element e) {
            SharedData.VarDecl g = shared.get(e.array().text());
            if (g == null) {
                diags.report(Code.UNKNOWN_NAME, e.array().span(), "unknown shared variable `" + e.array().text() + "`"
                        + Suggest.hint(e.array().text(), new ArrayList<>(shared.keySet())));
                return null;
            }
            OptionalLong i = eval.integer(e.index(), Map.of(), "an index");
            if (i.isEmpty()) {
                return null;
            }
            if (i.getAsLong() < 0 || i.getAsLong() >= g.length()) {
                diags.report(Code.INDEX_OUT_OF_RANGE, e.index().span(), "index " + i.getAsLong() + " is out of range: `"
                        + g.name() + "` has " + g.length() + " elements");
                return null;
            }
            return new Val.Read(new Cell(Cell.Scope.SHARED, -1, g.base(), g.length(), new Val.Const((int) i.getAsLong()),
                    g.name()));
        }

        @Override
        public Val visitField(oss.compiler.ast.Expr.Field e) {
            Optional<String> process = processes.resolve(e.owner(), eval, diags);
            if (process.isEmpty()) {
                return null;
            }
            DataLowerer.Var v = dataVariables.getOrDefault(process.get(), Map.of()).get(e.field().text());
            if (v == null) {
                List<String> known = new ArrayList<>(dataVariables.getOrDefault(process.get(), Map.of()).keySet());
                diags.report(Code.UNKNOWN_NAME, e.field().span(), "`" + process.get() + "` has no variable `"
                        + e.field().text() + "`" + Suggest.hint(e.field().text(), known)
                        + (known.isEmpty() ? "" : " (its variables: " + String.join(", ", known) + ")"));
                return null;
            }
            Cell c = processCell(v, process.get(), e.field().span());
            return c == null ? null : new Val.Read(c);
        }

        @Override
        public Val visitNegate(oss.compiler.ast.Expr.Negate e) {
            Val x = lower(e.operand());
            return x == null ? null : new Val.Unary(Val.UnOp.NEG, x);
        }

        @Override
        public Val visitNot(oss.compiler.ast.Expr.Not e) {
            Val x = lower(e.operand());
            return x == null ? null : new Val.Unary(Val.UnOp.NOT, x);
        }

        @Override
        public Val visitBinary(oss.compiler.ast.Expr.Binary e) {
            Val a = lower(e.left());
            Val b = lower(e.right());
            if (a == null || b == null) {
                return null;
            }
            Val.BinOp op = DataLowerer.binOp(e.op());
            if ((op == Val.BinOp.DIV || op == Val.BinOp.MOD) && b instanceof Val.Const k && k.value() == 0) {
                diags.report(Code.DIVISION_BY_ZERO, e.right().span(), "division by zero: `" + e.op() + "` by a value that is 0");
                return null;
            }
            return new Val.Binary(op, a, b);
        }

        @Override
        public Val visitCall(oss.compiler.ast.Expr.Call e) {
            Val a = lower(e.first());
            Val b = lower(e.second());
            return a == null || b == null ? null
                    : new Val.Binary(e.function().equals("min") ? Val.BinOp.MIN : Val.BinOp.MAX, a, b);
        }

        @Override
        public Val visitParen(oss.compiler.ast.Expr.Paren e) {
            return lower(e.inner());
        }

        @Override
        public Val visitAtomic(oss.compiler.ast.Expr.Atomic e) {
            diags.report(Code.WRONG_KIND, e.span(), "an expectation reads the final values: `" + e.function().text()
                    + "` would change one");
            return null;
        }
    }

    private Optional<Expectation> flag(ExpectNode.Flag f, String text) {
        String name = f.flag().text();
        List<String> allowed = f.no() ? NO_FLAGS : FLAGS;
        if (!allowed.contains(name) && !f.no() && shared.containsKey(name)) {
            diags.report(Code.UNKNOWN_EXPECTATION, f.flag().span(), "`" + name + "` is a shared variable: say what it"
                    + " holds, as in `expect " + name + " == 1`");
            return Optional.empty();
        }
        if (!allowed.contains(name)) {
            List<String> all = new ArrayList<>(FLAGS);
            all.add("zombies");
            String hint = Suggest.hint(name, allowed);
            diags.report(Code.UNKNOWN_EXPECTATION, f.flag().span(), "unknown expectation `expect " + (f.no() ? "no " : "")
                    + name + "`" + hint + " (known: deadlock, no deadlock, safe, unsafe, granted, denied, no zombies,"
                    + " leaks, no leaks, safe_sequence [...], finish_order [...], P.metric == value, race, no race,"
                    + " always assert, possible assert, a condition on variables)");
            return Optional.empty();
        }
        if (List.of("safe", "unsafe", "granted", "denied").contains(name) && bankerRows.isEmpty()) {
            diags.report(Code.UNKNOWN_EXPECTATION, f.flag().span(), "`expect " + name
                    + "` is about a banker table, and this scenario has no `banker { }` block");
            return Optional.empty();
        }
        return Optional.of(new Expectation.Flag(name, f.no(), text, f.span()));
    }

    private Optional<Expectation> list(ExpectNode.NameList l, String text) {
        String list = l.list().text();
        if (!LISTS.contains(list)) {
            diags.report(Code.UNKNOWN_EXPECTATION, l.list().span(), "unknown list `" + list + "`" + Suggest.hint(list, LISTS)
                    + " (known: safe_sequence, finish_order)");
            return Optional.empty();
        }
        boolean ok = true;
        List<String> names = new ArrayList<>();
        if (list.equals("safe_sequence")) {
            if (bankerRows.isEmpty()) {
                diags.report(Code.UNKNOWN_EXPECTATION, l.list().span(),
                        "`safe_sequence` is about a banker table, and this scenario has no `banker { }` block");
                return Optional.empty();
            }
            for (Ref r : l.items()) {
                String n = r.name().text();
                if (r.index().isPresent() || !bankerRows.get().contains(n)) {
                    diags.report(Code.UNKNOWN_NAME, r.span(), "`" + n + "` is not a row of the banker table"
                            + Suggest.hint(n, bankerRows.get()));
                    ok = false;
                }
                names.add(n);
            }
        } else {
            for (Ref r : l.items()) {
                Optional<String> n = processes.resolve(r, eval, diags);
                n.ifPresent(names::add);
                ok &= n.isPresent();
            }
        }
        return ok ? Optional.of(new Expectation.NameList(list, names, text, l.span())) : Optional.empty();
    }

    private Optional<Expectation> metric(ExpectNode.Metric m, String text) {
        String subject = m.subject().name().text();
        if (m.subject().index().isEmpty() && !processes.contains(subject)
                && (subject.equals("tlb") || subject.equals("memory") || subject.equals("psc")
                        || caches.contains(subject))) {
            return machine(m, subject, text);
        }
        Optional<String> process = processes.resolve(m.subject(), eval, diags, machineSubjects());
        String metric = m.metric().text();
        if (metric.equals("signal")) {
            return signal(m, process, text);
        }
        if (metric.contains(".") || metric.equals("syscalls")) {
            return syscalls(m, process, metric, text);
        }
        DataLowerer.Var data = process.isEmpty() ? null : dataVariables.getOrDefault(process.get(), Map.of()).get(metric);
        if (data != null) {
            return dataMetric(m, process.get(), data, text);
        }
        if (process.isPresent() && !TIME_METRICS.contains(metric) && !COUNT_METRICS.contains(metric)) {
            Integer slot = variables.getOrDefault(process.get(), Map.of()).get(metric);
            if (slot != null) {
                return variable(m, process.get(), metric, slot, text);
            }
        }
        if (metric.equals("free_blocks") && !freeList) {
            diags.report(Code.UNKNOWN_EXPECTATION, m.metric().span(), "`free_blocks` counts the blocks on a"
                    + " `malloc freelist` allocator's free list; ptmalloc keeps bins instead (see them in a snapshot)");
            return Optional.empty();
        }
        boolean time = TIME_METRICS.contains(metric);
        if (!time && !COUNT_METRICS.contains(metric)) {
            List<String> all = new ArrayList<>(TIME_METRICS);
            all.addAll(COUNT_METRICS);
            diags.report(Code.UNKNOWN_EXPECTATION, m.metric().span(), "unknown metric `" + metric + "`"
                    + Suggest.hint(metric, all) + " (known: " + String.join(", ", all) + ")");
            return Optional.empty();
        }
        CompareOp op = switch (m.op()) {
            case "==" -> CompareOp.EQ;
            case "!=" -> CompareOp.NE;
            case "<" -> CompareOp.LT;
            case "<=" -> CompareOp.LE;
            case ">" -> CompareOp.GT;
            default -> CompareOp.GE;
        };
        OptionalLong value;
        if (time) {
            value = units.of(m.value(), Map.of(), Units.Kind.TIME, "expect " + m.subject().name().text() + "." + metric);
        } else if (metric.equals("rss") && m.value().unit().isPresent()) {
            value = units.of(m.value(), Map.of(), Units.Kind.SIZE, "expect " + m.subject().name().text() + ".rss");
            if (value.isPresent() && value.getAsLong() % pageSize != 0) {
                diags.report(Code.NOT_AN_INTEGER, m.value().span(), "the resident set is a whole number of pages of "
                        + pageSize + " bytes, and " + value.getAsLong() + " bytes is not");
                return Optional.empty();
            }
            value = value.isPresent() ? OptionalLong.of(value.getAsLong() / pageSize) : value;
        } else if (metric.endsWith("_bytes") && m.value().unit().isPresent()) {
            value = units.of(m.value(), Map.of(), Units.Kind.SIZE, "expect " + m.subject().name().text() + "." + metric);
        } else {
            if (m.value().unit().isPresent()) {
                diags.report(Code.WRONG_UNIT, m.value().unit().get().span(), "`" + metric
                        + "` is a plain count, without a unit");
                return Optional.empty();
            }
            value = eval.integer(m.value().value(), Map.of(), "`" + metric + "`");
        }
        if (process.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Expectation.Metric(process.get(), metric, op, value.getAsLong(), time, text, m.span()));
    }

    /**
     * {@code P.syscalls.read}: how many times P entered read(2), by the name strace prints (the
     * runtime's SyscallNames). A name the runtime never counts is a typo, not a zero.
     */
    private Optional<Expectation> syscalls(ExpectNode.Metric m, Optional<String> process, String metric, String text) {
        int dot = metric.indexOf('.');
        String name = dot < 0 ? "" : metric.substring(dot + 1);
        if (dot < 0 || !metric.startsWith("syscalls.")) {
            diags.report(Code.UNKNOWN_EXPECTATION, m.metric().span(), "`" + metric + "` is not a metric; `"
                    + "syscalls.NAME` counts the calls of one system call, e.g. `syscalls.read`");
            return Optional.empty();
        }
        if (!SYSCALL_NAMES.contains(name)) {
            diags.report(Code.UNKNOWN_EXPECTATION, m.metric().span(), "`" + name + "` is not a system call a scenario"
                    + " makes" + Suggest.hint(name, SYSCALL_NAMES) + " (known: " + String.join(", ", SYSCALL_NAMES) + ")");
            return Optional.empty();
        }
        if (m.value().unit().isPresent()) {
            diags.report(Code.WRONG_UNIT, m.value().unit().get().span(), "`" + metric + "` is a plain count, without a unit");
            return Optional.empty();
        }
        OptionalLong value = eval.integer(m.value().value(), Map.of(), "`" + metric + "`");
        if (process.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Expectation.Metric(process.get(), metric, compare(m.op()), value.getAsLong(), false, text,
                m.span()));
    }

    private static CompareOp compare(String op) {
        return switch (op) {
            case "==" -> CompareOp.EQ;
            case "!=" -> CompareOp.NE;
            case "<" -> CompareOp.LT;
            case "<=" -> CompareOp.LE;
            case ">" -> CompareOp.GT;
            default -> CompareOp.GE;
        };
    }

    private List<String> machineSubjects() {
        List<String> out = new ArrayList<>(List.of("tlb", "memory", "psc"));
        out.addAll(caches);
        return out;
    }

    /** {@code tlb.misses < 10}, {@code L1d.hits >= 1}, {@code memory.accesses > 0}. */
    private Optional<Expectation> machine(ExpectNode.Metric m, String subject, String text) {
        String metric = m.metric().text();
        List<String> known = subject.equals("tlb") ? TLB_METRICS : subject.equals("memory") ? MEMORY_METRICS
                : subject.equals("psc") ? PSC_METRICS : CACHE_METRICS;
        if (!known.contains(metric)) {
            String what = subject.equals("tlb") ? "the TLB" : subject.equals("memory") ? "memory"
                    : subject.equals("psc") ? "the paging-structure caches" : "the cache `" + subject + "`";
            diags.report(Code.UNKNOWN_EXPECTATION, m.metric().span(), "unknown metric `" + metric + "` of " + what
                    + Suggest.hint(metric, known) + " (known: " + String.join(", ", known) + ")");
            return Optional.empty();
        }
        if (m.value().unit().isPresent()) {
            diags.report(Code.WRONG_UNIT, m.value().unit().get().span(), "`" + subject + "." + metric
                    + "` is a plain count, without a unit");
            return Optional.empty();
        }
        OptionalLong value = eval.integer(m.value().value(), Map.of(), "`" + subject + "." + metric + "`");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Expectation.Machine(subject, metric, compare(m.op()), value.getAsLong(), text, m.span()));
    }

    /** {@code P.p == 0x55555555a010}, {@code P.p == NULL}: what a variable of the process held at its end. */
    private Optional<Expectation> variable(ExpectNode.Metric m, String process, String name, int slot, String text) {
        CompareOp op = compare(m.op());
        if (op != CompareOp.EQ && op != CompareOp.NE) {
            diags.report(Code.UNKNOWN_EXPECTATION, m.span(), "a variable is compared with `==` or `!=`, not `"
                    + m.op() + "`");
            return Optional.empty();
        }
        if (m.value().unit().isPresent()) {
            diags.report(Code.WRONG_UNIT, m.value().unit().get().span(), "`" + name + "` holds an address or a pid,"
                    + " without a unit");
            return Optional.empty();
        }
        if (m.value().value() instanceof oss.compiler.ast.Expr.NameRef n && n.name().equals("NULL")) {
            return Optional.of(new Expectation.Variable(process, name, slot, op, 0, text, m.span()));
        }
        OptionalLong value = eval.address(m.value().value(), Map.of(), "`" + name + "`", 64);
        return value.isEmpty() ? Optional.empty()
                : Optional.of(new Expectation.Variable(process, name, slot, op, value.getAsLong(), text, m.span()));
    }

    /** {@code P.signal == SIGSEGV}, {@code P.signal != SIGKILL}, {@code P.signal == none}. */
    private Optional<Expectation> signal(ExpectNode.Metric m, Optional<String> process, String text) {
        CompareOp op = compare(m.op());
        if (op != CompareOp.EQ && op != CompareOp.NE) {
            diags.report(Code.UNKNOWN_EXPECTATION, m.span(), "a signal is compared with `==` or `!=`, not `" + m.op() + "`");
            return Optional.empty();
        }
        if (!(m.value().value() instanceof oss.compiler.ast.Expr.NameRef n) || m.value().unit().isPresent()
                || !SIGNALS.contains(n.name())) {
            String written = m.value().value() instanceof oss.compiler.ast.Expr.NameRef n ? n.name() : "";
            diags.report(Code.UNKNOWN_NAME, m.value().span(), "expected a signal of signal(7) (SIGTERM, SIGSEGV,"
                    + " SIGKILL, ...) or none" + Suggest.hint(written, SIGNALS));
            return Optional.empty();
        }
        if (process.isEmpty()) {
            return Optional.empty();
        }
        String sig = n.name().equals("none") ? null : n.name();
        return Optional.of(new Expectation.Signal(process.get(), op, sig, text, m.span()));
    }

    /** The declared processes, by base name, with their array ranges. */
    static final class ProcessNames {
        private final Map<String, long[]> arrays;
        private final Set<String> singles;

        ProcessNames(Set<String> singles, Map<String, long[]> arrays) {
            this.singles = singles;
            this.arrays = arrays;
        }

        boolean contains(String name) {
            return singles.contains(name) || arrays.containsKey(name);
        }

        Optional<String> resolve(Ref r, ExprEval eval, Diags diags) {
            return resolve(r, eval, diags, List.of());
        }

        /** {@code others}: further names that may stand here (machine subjects), for the suggestion. */
        Optional<String> resolve(Ref r, ExprEval eval, Diags diags, List<String> others) {
            String n = r.name().text();
            if (singles.contains(n)) {
                if (r.index().isPresent()) {
                    diags.report(Code.NOT_AN_ARRAY, r.span(), "process `" + n + "` is not an array: write `" + n
                            + "` without `[...]`");
                    return Optional.empty();
                }
                return Optional.of(n);
            }
            long[] range = arrays.get(n);
            if (range == null) {
                List<String> all = new ArrayList<>(singles);
                all.addAll(arrays.keySet());
                all.addAll(others);
                diags.report(Code.UNKNOWN_NAME, r.name().span(), "unknown process `" + n + "`" + Suggest.hint(n, all)
                        + (others.isEmpty() ? "" : " (machine counters are under " + String.join(", ", others) + ")"));
                return Optional.empty();
            }
            if (r.index().isEmpty()) {
                diags.report(Code.NOT_AN_ARRAY, r.span(), "`" + n + "` is an array of processes: say which one, e.g. `"
                        + n + "[" + range[0] + "]`");
                return Optional.empty();
            }
            OptionalLong i = eval.integer(r.index().get(), Map.of(), "an index");
            if (i.isEmpty()) {
                return Optional.empty();
            }
            if (i.getAsLong() < range[0] || i.getAsLong() > range[1]) {
                diags.report(Code.INDEX_OUT_OF_RANGE, r.index().get().span(), "index " + i.getAsLong()
                        + " is out of range: `" + n + "` goes from " + range[0] + " to " + range[1]);
                return Optional.empty();
            }
            return Optional.of(n + "[" + i.getAsLong() + "]");
        }
    }
}
