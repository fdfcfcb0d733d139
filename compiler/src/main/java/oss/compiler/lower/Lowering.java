package oss.compiler.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.SettingsReader;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.compiler.expect.Expectation;
import oss.ir.diag.Code;
import oss.ir.program.BankerTable;
import oss.ir.program.CacheSpec;
import oss.ir.program.FileDecl;
import oss.ir.program.LibraryDecl;
import oss.ir.program.MallocSpec;
import oss.ir.program.MutexDecl;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.ResourceDecl;
import oss.ir.program.SemaphoreDecl;
import oss.ir.program.SharedData;
import oss.ir.program.Span;
import oss.ir.program.SyncObjects;

/**
 * Checks a scenario and lowers it to a {@link Program}: settings, then
 * declarations, processes (arrays flattened, bodies lowered), the banker
 * table, and expectations. The program is returned only without errors.
 */
public final class Lowering {
    /** Most elements of one declared array, and most processes of one process array. */
    public static final int MAX_ARRAY = 10_000;

    public record Result(Optional<Program> program, List<Expectation> expectations) {}

    private final Diags diags;
    private final Symbols symbols = new Symbols();
    private final ExprEval eval;
    private final Units units;
    private final SourceText source;
    private final List<MutexDecl> mutexes = new ArrayList<>();
    private final List<SemaphoreDecl> semaphores = new ArrayList<>();
    private final List<ResourceDecl> resources = new ArrayList<>();
    private final List<FileDecl> files = new ArrayList<>();
    private final List<LibraryDecl> libraries = new ArrayList<>();
    private final List<oss.ir.program.DeviceDecl> devices = new ArrayList<>();
    private final List<SyncObjects.SpinlockDecl> spinlocks = new ArrayList<>();
    private final List<SyncObjects.RwLockDecl> rwlocks = new ArrayList<>();
    private final List<SyncObjects.SeqlockDecl> seqlocks = new ArrayList<>();
    private final List<SyncObjects.CondvarDecl> condvars = new ArrayList<>();
    private final List<SyncObjects.BarrierDecl> barriers = new ArrayList<>();
    private final List<SyncObjects.SemSetDecl> semsets = new ArrayList<>();
    /** The shared variables by name, in declaration order (their cells one after another). */
    private final Map<String, SharedData.VarDecl> shared = new LinkedHashMap<>();

    public Lowering(Diags diags, String text) {
        this.diags = diags;
        this.eval = new ExprEval(diags, symbols);
        this.units = new Units(diags, eval);
        this.source = new SourceText(text);
    }

    public Result lower(Scenario s) {
        Phases phases = new Phases();
        for (Section sec : s.sections()) {
            sec.accept(phases);
        }
        SettingsReader settings = new SettingsReader(diags, units);
        settings.read(phases.settings);

        phases.declarations.forEach(Runnable::run);
        MemoryContext memory = new MemoryContext(settings.machine(), List.copyOf(files), List.copyOf(libraries),
                ShmKeys.of(phases.processes, symbols));

        List<ProcessDef> processes = new ArrayList<>();
        Set<String> singles = new LinkedHashSet<>();
        Map<String, long[]> arrays = new LinkedHashMap<>();
        Map<String, Span> processSpans = new HashMap<>();
        Budget budget = new Budget();
        Map<String, Map<String, Integer>> variables = new HashMap<>();
        Map<String, Map<String, DataLowerer.Var>> dataVariables = new HashMap<>();
        StaticFlow flow = new StaticFlow(diags, mutexes, resources, spinlocks, rwlocks);
        for (ProcessNode p : phases.processes) {
            Span first = processSpans.putIfAbsent(p.name().text(), p.name().span());
            if (first != null) {
                diags.report(Code.DUPLICATE_NAME, p.name().span(), "a process named `" + p.name().text()
                        + "` is already declared", first, "first declared here");
                continue;
            }
            ProcessLowerer pl = new ProcessLowerer(diags, eval, units, symbols, resources, budget,
                    new Resolver(diags, symbols, eval), memory).recordingVariablesIn(variables)
                    .withData(shared, dataVariables);
            if (p.array().isPresent()) {
                Optional<long[]> range = pl.range(p);
                range.ifPresent(r -> arrays.put(p.name().text(), r));
                range.ifPresent(r -> processes.addAll(pl.lowerArray(p, r)));
            } else {
                singles.add(p.name().text());
                pl.lower(p, Map.of(), p.name().text()).ifPresent(processes::add);
            }
        }
        if (!budget.exhausted()) {
            for (ProcessDef def : processes) {
                flow.check(def.body());
            }
            SignalLowerer.checkTargets(processes, diags);
        }

        Optional<BankerTable> banker = Optional.empty();
        Optional<List<String>> bankerRows = Optional.empty();
        BankerNode firstBanker = null;
        for (BankerNode b : phases.bankers) {
            if (firstBanker != null) {
                diags.report(Code.BANKER_SHAPE, b.span(), "only one banker table per scenario", firstBanker.span(),
                        "the first one is here");
                continue;
            }
            firstBanker = b;
            bankerRows = Optional.of(BankerLowerer.rowProcesses(b));
            banker = new BankerLowerer(diags).lower(b);
        }

        eval.setVariables(n -> false);
        ExpectationLowerer el = new ExpectationLowerer(diags, eval, units,
                new ExpectationLowerer.ProcessNames(singles, arrays), bankerRows, source,
                settings.hardware().caches().stream().map(CacheSpec::name).toList(), settings.machine().pageSize(),
                variables, settings.kernel().memory().malloc().kind() == MallocSpec.Kind.FREELIST)
                .withData(shared, dataVariables, processIndexes(processes));
        List<Expectation> expectations = new ArrayList<>();
        for (ExpectNode e : phases.expectations) {
            el.lower(e).ifPresent(expectations::add);
        }
        SharedData data = new SharedData(List.copyOf(shared.values()), settings.memoryModel(), settings.storeBuffer(),
                el.properties());

        if (diags.hasErrors()) {
            return new Result(Optional.empty(), List.copyOf(expectations));
        }
        Program program = new Program(s.title(), settings.machine(), settings.kernel(), List.copyOf(mutexes),
                List.copyOf(semaphores), List.copyOf(resources), List.copyOf(processes), banker, List.copyOf(files),
                List.copyOf(libraries), new SyncObjects(List.copyOf(spinlocks), List.copyOf(rwlocks),
                List.copyOf(seqlocks), List.copyOf(condvars), List.copyOf(barriers), List.copyOf(semsets)), data,
                List.copyOf(devices));
        QueueCheck.check(program, diags);
        return new Result(Optional.of(program), List.copyOf(expectations));
    }

    /** Each lowered process's index in the program, by its name ({@code p[1]} for an array's). */
    private static Map<String, Integer> processIndexes(List<ProcessDef> processes) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < processes.size(); i++) {
            out.put(processes.get(i).name(), i);
        }
        return out;
    }

    /**
     * Each section in the phase that reads it, in source order within a phase: the settings
     * first, as every size and time depends on them; then the names, which the processes use.
     */
    private final class Phases implements Section.Visitor<Void> {
        final List<SettingsBlock> settings = new ArrayList<>();
        /** Declarations and files, interleaved as written. */
        final List<Runnable> declarations = new ArrayList<>();
        final List<ProcessNode> processes = new ArrayList<>();
        final List<BankerNode> bankers = new ArrayList<>();
        final List<ExpectNode> expectations = new ArrayList<>();

        @Override
        public Void visitSettings(SettingsBlock s) {
            settings.add(s);
            return null;
        }

        @Override
        public Void visitDeclaration(Declaration s) {
            declarations.add(() -> declare(s));
            return null;
        }

        @Override
        public Void visitFile(FileDeclNode s) {
            declarations.add(() -> declareFile(s));
            return null;
        }

        @Override
        public Void visitProcess(ProcessNode s) {
            processes.add(s);
            return null;
        }

        @Override
        public Void visitBanker(BankerNode s) {
            bankers.add(s);
            return null;
        }

        @Override
        public Void visitExpect(ExpectNode s) {
            expectations.add(s);
            return null;
        }
    }

    /** {@code file "/data/log" size 1 MiB}, {@code library "libc.so.6" size 2 MiB}: one per path, size above 0. */
    private void declareFile(FileDeclNode f) {
        if (f.kind() == FileDeclNode.Kind.DEVICE) {
            DeviceLowerer.lower(f, devices, diags, units, eval).ifPresent(devices::add);
            return;
        }
        String path = f.path().value();
        boolean file = f.kind() == FileDeclNode.Kind.FILE;
        Optional<Span> first = file
                ? files.stream().filter(x -> x.path().equals(path)).map(FileDecl::span).findFirst()
                : libraries.stream().filter(x -> x.name().equals(path)).map(LibraryDecl::span).findFirst();
        if (first.isPresent()) {
            diags.report(Code.DUPLICATE_NAME, f.path().span(), "the " + f.kind().keyword() + " \"" + path
                    + "\" is already declared", first.get(), "first declared here");
            return;
        }
        OptionalLong size = units.of(f.size(), Map.of(), Units.Kind.SIZE, f.kind().keyword() + " size");
        if (size.isPresent() && size.getAsLong() <= 0) {
            diags.report(Code.NOT_POSITIVE, f.size().span(), "a " + f.kind().keyword() + " needs a size above 0");
            return;
        }
        if (size.isEmpty()) {
            return;
        }
        if (file) {
            files.add(new FileDecl(path, size.getAsLong(), f.readOnly(), f.path().span()));
        } else {
            libraries.add(new LibraryDecl(path, size.getAsLong(), f.path().span()));
        }
    }

    /**
     * {@code int count = 0}, {@code int slot[4]}, {@code int flag[2] = {0, 1}}: a shared variable, its cells after
     * the ones before it. Initial values are numbers (no variable has a value yet); missing elements are 0, as in C.
     */
    private void declareInt(Declaration d, int arrayLength) {
        String name = d.name().text();
        int length = arrayLength < 0 ? 1 : arrayLength;
        if (arrayLength >= 0 && d.value().isPresent()) {
            diags.report(Code.WRONG_KIND, d.value().get().span(), "an array is set element by element: write `int "
                    + name + "[" + length + "] = {...}`");
            return;
        }
        if (arrayLength < 0 && !d.initial().isEmpty()) {
            diags.report(Code.NOT_AN_ARRAY, d.span(), "`{...}` sets an array: `" + name + "` is a single int");
            return;
        }
        if (d.initial().size() > length) {
            diags.report(Code.INDEX_OUT_OF_RANGE, d.initial().get(length).span(), "`" + name + "` has " + length
                    + " element" + (length == 1 ? "" : "s") + ", and " + d.initial().size() + " values are given");
            return;
        }
        List<oss.compiler.ast.Expr> written = new ArrayList<>(d.initial());
        d.value().ifPresent(written::add);
        int[] initial = new int[length];
        for (int i = 0; i < written.size(); i++) {
            initial[i] = (int) eval.inRange(written.get(i), Map.of(), "an initial value", Integer.MIN_VALUE,
                    Integer.MAX_VALUE, Code.VALUE_OUT_OF_RANGE).orElse(0);
        }
        Symbols.Symbol sym = symbols.add(name, Declaration.Kind.INT, arrayLength, d.name().span());
        shared.put(name, new SharedData.VarDecl(name, sym.firstIndex(), length, initial, d.name().span()));
    }

    /** Linux's SEMVMX: the largest value a System V semaphore can hold. */
    static final int SEMVMX = 32767;

    /** {@code semset s = [1, 0, 2]}: one set (not an array) of semaphores with these initial values. */
    private void declareSet(Declaration d) {
        String name = d.name().text();
        if (d.initial().isEmpty()) {
            diags.report(Code.SYNTAX, d.span(), "semset `" + name + "` needs its initial values, as in `semset "
                    + name + " = [1, 0]`");
            return;
        }
        if (d.initial().size() > MAX_ARRAY) {
            diags.report(Code.TOO_LARGE, d.span(), "at most " + MAX_ARRAY + " semaphores per set");
            return;
        }
        int[] initial = new int[d.initial().size()];
        for (int i = 0; i < initial.length; i++) {
            initial[i] = (int) eval.inRange(d.initial().get(i), Map.of(), "the initial value", 0, SEMVMX,
                    Code.VALUE_OUT_OF_RANGE).orElse(0);
        }
        symbols.add(name, Declaration.Kind.SEMSET, -1, d.name().span());
        symbols.setElements(name, initial.length);
        semsets.add(new SyncObjects.SemSetDecl(name, initial, d.name().span()));
    }

    private void declare(Declaration d) {
        String name = d.name().text();
        Symbols.Symbol existing = symbols.lookup(name);
        if (existing != null) {
            diags.report(Code.DUPLICATE_NAME, d.name().span(), "`" + name + "` is already declared as "
                    + existing.describe(), existing.span(), "first declared here");
            return;
        }
        int length = -1;
        if (d.arraySize().isPresent()) {
            OptionalLong n = eval.inRange(d.arraySize().get(), Map.of(), "the array size", 1, MAX_ARRAY, Code.NOT_POSITIVE);
            length = n.isPresent() ? (int) n.getAsLong() : 1;
        }
        int value = 0;
        switch (d.kind()) {
            case SEMAPHORE -> {
                if (d.value().isEmpty()) {
                    diags.report(Code.SYNTAX, d.span(), "semaphore `" + name + "` needs an initial value, as "
                            + "POSIX sem_init does: write `semaphore " + name + " = 1`");
                } else {
                    value = (int) eval.inRange(d.value().get(), Map.of(), "the initial value", 0, Integer.MAX_VALUE,
                            Code.VALUE_OUT_OF_RANGE).orElse(0);
                }
            }
            case RESOURCE -> value = d.value().isEmpty() ? 1 : (int) eval.inRange(d.value().get(), Map.of(),
                    "the number of instances", 1, Integer.MAX_VALUE, Code.NOT_POSITIVE).orElse(1);
            case BARRIER -> value = d.value().isEmpty() ? 1 : (int) eval.inRange(d.value().get(), Map.of(),
                    "the number of parties", 1, Integer.MAX_VALUE, Code.NOT_POSITIVE).orElse(1);
            case SEMSET -> {
                declareSet(d);
                return;
            }
            case INT -> {
                declareInt(d, length);
                return;
            }
            default -> {
            }
        }
        symbols.add(name, d.kind(), length, d.name().span());
        int count = length < 0 ? 1 : length;
        for (int i = 0; i < count; i++) {
            String flat = length < 0 ? name : name + "[" + i + "]";
            // a switch expression, so that a new kind of declaration that is not filed here fails to compile
            boolean added = switch (d.kind()) {
                case MUTEX -> mutexes.add(new MutexDecl(flat, d.name().span()));
                case SEMAPHORE -> semaphores.add(new SemaphoreDecl(flat, value, d.name().span()));
                case RESOURCE -> resources.add(new ResourceDecl(flat, value, d.name().span()));
                case SPINLOCK -> spinlocks.add(new SyncObjects.SpinlockDecl(flat, d.name().span()));
                case RWLOCK -> rwlocks.add(new SyncObjects.RwLockDecl(flat, d.writerPreferring(), d.name().span()));
                case SEQLOCK -> seqlocks.add(new SyncObjects.SeqlockDecl(flat, d.name().span()));
                case CONDVAR -> condvars.add(new SyncObjects.CondvarDecl(flat, d.name().span()));
                case BARRIER -> barriers.add(new SyncObjects.BarrierDecl(flat, value, d.name().span()));
                case SEMSET -> throw new IllegalStateException("a semaphore set is declared by declareSet");
                case INT -> throw new IllegalStateException("a shared variable is declared by declareInt");
            };
        }
    }
}
