package oss.compiler.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Name;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.FileDecl;
import oss.ir.program.LibraryDecl;
import oss.ir.program.Op;
import oss.ir.program.Span;

/**
 * The memory and process-creation statements of one body: local names get
 * slots and a kind (child, thread, mapping, malloc'ed block), sizes and
 * offsets are folded, and faults that certainly happen when the statement
 * runs are warned about (OSS1302, OSS1303). The facts about a name follow
 * the statements in order; a child's body starts with a copy, an
 * {@code exec} body with nothing, and after a {@code trylock} only what
 * both branches agree on is kept.
 */
final class MemoryLowerer {
    enum Kind {
        CHILD("a child process"), THREAD("a thread"), MAPPING("a mapping made by mmap"),
        MSG_QUEUE("a System V message queue (msgget)"), MQ("a POSIX message queue (mq_open)"),
        BLOCK("a block from malloc"), SEGMENT("a shared-memory segment from shmget"),
        SHM_OBJECT("a shared-memory object from shm_open"), PIPE("a pipe"), DESCRIPTOR("a descriptor from open"),
        SOCKET("a socket pair (socketpair)"),
        AIOCB("an aio request (aio_read)"),
        UNKNOWN("a local name");

        final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    /**
     * What is known about a local name here. {@code bytes} is a mapping's or block's size, {@code prot}
     * its PROT_* bits; {@code releasedAt} is where it was certainly munmap'ed or freed, or null.
     */
    record Local(int slot, Kind kind, long bytes, int prot, Span definedAt, Span releasedAt) {
        Local unknown() {
            return new Local(slot, kind, -1, -1, definedAt, null);
        }
    }

    /** The names visible at one point. */
    static final class Scope {
        final Map<String, Local> names;

        Scope(Map<String, Local> names) {
            this.names = names;
        }
    }

    static final List<String> CLONE_FLAGS = List.of("vm", "files", "fs", "sighand");

    private final Diags diags;
    private final ExprEval eval;
    private final Units units;
    private final Symbols symbols;
    private final MemoryContext context;
    private final Map<String, Integer> slots;
    private final BodyLowerer body;
    private Map<String, Local> scope = new HashMap<>();

    MemoryLowerer(Diags diags, ExprEval eval, Units units, Symbols symbols, MemoryContext context,
                  Map<String, Integer> slots, BodyLowerer body) {
        this.diags = diags;
        this.eval = eval;
        this.units = units;
        this.symbols = symbols;
        this.context = context;
        this.slots = slots;
        this.body = body;
    }

    // ------------------------------------------------------------ scopes

    Scope scope() {
        return new Scope(new HashMap<>(scope));
    }

    void restore(Scope s) {
        scope = new HashMap<>(s.names);
    }

    /** After a trylock: {@code other} is the scope at the end of the success branch, the current one the other's. */
    void merge(Scope other) {
        Set<String> all = new LinkedHashSet<>(scope.keySet());
        all.addAll(other.names.keySet());
        Map<String, Local> merged = new HashMap<>();
        for (String n : all) {
            Local a = scope.get(n);
            Local b = other.names.get(n);
            if (a != null && a.equals(b)) {
                merged.put(n, a);
            } else {
                Local any = a != null ? a : b;
                Kind kind = a != null && b != null && a.kind() != b.kind() ? Kind.UNKNOWN : any.kind();
                merged.put(n, new Local(any.slot(), kind, -1, -1, any.definedAt(), null));
            }
        }
        scope = merged;
    }

    /** Lowers a child's body: it starts with a copy of the names here ({@code fresh}: with none, for exec). */
    List<Op> child(Supplier<List<Op>> lower, boolean fresh) {
        Map<String, Local> saved = scope;
        scope = fresh ? new HashMap<>() : new HashMap<>(saved);
        try {
            return lower.get();
        } finally {
            scope = saved;
        }
    }

    void define(Name n, int slot, Kind kind) {
        scope.put(n.text(), new Local(slot, kind, -1, -1, n.span(), null));
    }

    /** A name the shared-memory calls set: a segment, an object, or a region ({@code MAPPING}) of {@code bytes}. */
    void define(Name n, int slot, Kind kind, long bytes, int prot) {
        scope.put(n.text(), new Local(slot, kind, bytes, prot, n.span(), null));
    }

    /** The local {@code n} names for {@code statement}, if it is of one of the wanted kinds; reports otherwise. */
    Optional<Local> local(Name n, String statement, Kind... wanted) {
        return use(n, statement, wanted);
    }

    /** {@code n} was certainly unmapped (shmdt) at {@code span}: later accesses are OSS1302. */
    void released(Name n, Local l, Span span) {
        release(n, l, span);
    }

    /** The machine, files and shared-memory keys this body's memory statements are checked against. */
    MemoryContext context() {
        return context;
    }

    int slot(Name n) {
        return slots.computeIfAbsent(n.text(), k -> slots.size());
    }

    /** For {@code wait NAME} on a local name: false (after reporting) when it names a thread or memory. */
    boolean waitable(Name n) {
        Local l = scope.get(n.text());
        if (l == null || l.kind() == Kind.CHILD || l.kind() == Kind.UNKNOWN) {
            return true;
        }
        String hint = l.kind() == Kind.THREAD ? ": use `join " + n.text() + "`" : ": only children can be waited for";
        diags.report(Code.WRONG_KIND, n.span(), "`" + n.text() + "` is " + l.kind().noun + ", not a child process" + hint);
        return false;
    }

    /** The local that {@code n} names, if it is of one of the wanted kinds; reports otherwise. */
    Optional<Local> use(Name n, String statement, Kind... wanted) {
        String name = n.text();
        Local l = scope.get(name);
        if (l == null) {
            Integer slot = slots.get(name);
            if (slot != null) {
                // set somewhere else in this process (a branch, a child's body): nothing known here
                return Optional.of(new Local(slot, Kind.UNKNOWN, -1, -1, n.span(), null));
            }
            Symbols.Symbol s = symbols.lookup(name);
            if (s != null) {
                diags.report(Code.WRONG_KIND, n.span(), "`" + statement + " " + name + "`: `" + name + "` is "
                        + s.describe() + ", not " + nouns(wanted));
                return Optional.empty();
            }
            diags.report(Code.UNKNOWN_NAME, n.span(), "`" + statement + " " + name + "`: `" + name + "` is not set "
                    + "here; it must be " + nouns(wanted) + " set earlier, as in `" + example(wanted[0]) + "`"
                    + Suggest.hint(name, scope.keySet()));
            return Optional.empty();
        }
        if (l.kind() == Kind.UNKNOWN) {
            return Optional.of(l);
        }
        for (Kind k : wanted) {
            if (l.kind() == k) {
                return Optional.of(l);
            }
        }
        String fix = switch (l.kind()) {
            case MAPPING -> ": use `munmap " + name + "`";
            case BLOCK -> ": use `free " + name + "`";
            case THREAD -> ": use `join " + name + "`";
            case CHILD -> ": use `wait " + name + "`";
            default -> "";
        };
        boolean memoryFix = (statement.equals("free") || statement.equals("munmap"))
                && (l.kind() == Kind.MAPPING || l.kind() == Kind.BLOCK);
        boolean taskFix = statement.equals("join") && (l.kind() == Kind.CHILD || l.kind() == Kind.THREAD);
        if (!memoryFix && !taskFix) {
            fix = "";
        }
        diags.report(Code.WRONG_KIND, n.span(), "`" + statement + " " + name + "`: `" + name + "` is " + l.kind().noun
                + ", not " + nouns(wanted) + fix, l.definedAt(), "`" + name + "` is set here");
        return Optional.empty();
    }

    private static String nouns(Kind... kinds) {
        List<String> parts = new ArrayList<>();
        for (Kind k : kinds) {
            parts.add(k.noun);
        }
        return String.join(" or ", parts);
    }

    private static String example(Kind k) {
        return switch (k) {
            case MAPPING -> "x = mmap 16 KiB anon private rw";
            case PIPE -> "p = pipe";
            case DESCRIPTOR -> "f = open \"chan\" O_RDONLY";
            case BLOCK -> "p = malloc 64 B";
            case MSG_QUEUE -> "q = msgget 42";
            case MQ -> "m = mq_open \"/jobs\"";
            case THREAD -> "t = thread { ... }";
            case SEGMENT -> "s = shmget 42 8 KiB";
            case SHM_OBJECT -> "fd = shm_open \"/counter\" 4 KiB";
            default -> "c = fork { ... }";
        };
    }

    // ------------------------------------------------------------ statements

    // One method per statement, called by BodyLowerer's visitor.

    void malloc(Stmt.Malloc m, Map<String, Long> env, List<Op> out) {
        OptionalLong bytes = bytes(m.size(), env, "malloc");
        if (bytes.isPresent() && bytes.getAsLong() <= 0) {
            diags.report(Code.NOT_POSITIVE, m.size().span(), "`malloc` needs a size above 0");
            bytes = OptionalLong.empty();
        }
        int slot = slot(m.variable());
        scope.put(m.variable().text(), new Local(slot, Kind.BLOCK, bytes.orElse(-1),
                Op.PROT_READ | Op.PROT_WRITE, m.variable().span(), null));
        bytes.ifPresent(b -> body.emit(out, new Op.Malloc(slot, b, m.span())));
    }

    void munmap(Stmt.Munmap m, List<Op> out) {
        use(m.region(), "munmap", Kind.MAPPING).ifPresent(l -> {
            release(m.region(), l, m.span());
            body.emit(out, new Op.Munmap(l.slot(), m.span()));
        });
    }

    void msync(Stmt.Msync m, List<Op> out) {
        use(m.region(), "msync", Kind.MAPPING).ifPresent(l -> body.emit(out, new Op.Msync(l.slot(), m.span())));
    }

    void free(Stmt.Free f, List<Op> out) {
        use(f.block(), "free", Kind.BLOCK).ifPresent(l -> {
            release(f.block(), l, f.span());
            body.emit(out, new Op.Free(l.slot(), f.span()));
        });
    }

    void touch(Stmt.Touch t, List<Op> out) {
        use(t.region(), "touch", Kind.MAPPING, Kind.BLOCK).ifPresent(l -> {
            if (l.kind() == Kind.MAPPING && l.releasedAt() != null) {
                outside(t.region(), l, t.span(), "`" + t.region().text() + "` is no longer mapped");
            }
            body.emit(out, new Op.Touch(l.slot(), t.span()));
        });
    }

    void brk(Stmt.Brk b, Map<String, Long> env, List<Op> out) {
        size(b.size(), env, "brk").ifPresent(n -> body.emit(out, new Op.Brk(b.grow() ? n : -n, b.span())));
    }

    void addressAccess(Stmt.AddressAccess a, Map<String, Long> env, List<Op> out) {
        eval.address(a.address(), env, "an address", context.addressBits())
                .ifPresent(addr -> body.emit(out, new Op.MemAccess(-1, addr, addr, 1, a.write(), a.span())));
    }

    void vfork(Stmt.VFork v, Map<String, Long> env, List<Op> out) {
        int slot = v.variable().map(this::slot).orElse(-1);
        List<Op> ops = child(() -> body.block(v.body(), env), false);
        v.variable().ifPresent(n -> define(n, slot, Kind.CHILD));
        body.emit(out, new Op.VFork(slot, ops, v.span()));
    }

    void thread(Stmt.Thread t, Map<String, Long> env, List<Op> out) {
        int slot = t.variable().map(this::slot).orElse(-1);
        List<Op> ops = child(() -> body.block(t.body(), env), false);
        t.variable().ifPresent(n -> define(n, slot, Kind.THREAD));
        body.emit(out, new Op.Thread(slot, ops, t.span()));
    }

    void exec(Stmt.Exec e, Map<String, Long> env, List<Op> out) {
        List<Op> ops = child(() -> body.block(e.body(), env), true);
        body.emit(out, new Op.Exec(e.program().value(), ops, e.span()));
    }

    void join(Stmt.Join j, List<Op> out) {
        use(j.thread(), "join", Kind.THREAD).ifPresent(l -> body.emit(out, new Op.Join(l.slot(), j.span())));
    }

    private void release(Name n, Local l, Span span) {
        scope.put(n.text(), new Local(l.slot(), l.kind(), l.bytes(), l.prot(), l.definedAt(), span));
    }

    void mmap(Stmt.Mmap m, Map<String, Long> env, List<Op> out) {
        int file = -1;
        long bytes = -1;
        boolean ok = true;
        if (m.file().isPresent()) {
            String path = m.file().get().value();
            List<String> paths = context.files().stream().map(FileDecl::path).toList();
            file = paths.indexOf(path);
            if (file < 0) {
                diags.report(Code.UNKNOWN_NAME, m.file().get().span(), "no file \"" + path + "\" is declared"
                        + Suggest.closest(path, paths).map(x -> "; did you mean \"" + x + "\"?").orElse("")
                        + " (declare it with `file \"" + path + "\" size 1 MiB`)");
                ok = false;
            } else {
                bytes = context.files().get(file).sizeBytes();
            }
        }
        int object = -1;
        if (m.descriptor().isPresent()) {
            Optional<Local> fd = use(m.descriptor().get(), "mmap", Kind.SHM_OBJECT);
            ok &= fd.isPresent();
            object = fd.map(Local::slot).orElse(-1);
            bytes = fd.map(Local::bytes).orElse(-1L);
        }
        if (m.size().isPresent()) {
            OptionalLong v = size(m.size().get(), env, "mmap");
            ok &= v.isPresent();
            bytes = v.orElse(-1);
        }
        OptionalLong prot = prot(m.prot());
        ok &= prot.isPresent();
        long fixed = -1;
        if (m.address().isPresent()) {
            Expr a = m.address().get();
            OptionalLong addr = eval.address(a, env, "the address", context.addressBits());
            if (addr.isEmpty()) {
                ok = false;
            } else if (addr.getAsLong() % context.pageSize() != 0) {
                diags.report(Code.VALUE_OUT_OF_RANGE, a.span(), String.format("the address 0x%x is not a multiple of the "
                        + "page size (%d bytes); MAP_FIXED needs a page-aligned address", addr.getAsLong(), context.pageSize()));
                ok = false;
            } else if (Long.compareUnsigned(addr.getAsLong(), context.userTop()) > 0
                    || bytes > 0 && addr.getAsLong() + bytes - 1 > context.userTop()) {
                diags.report(Code.VALUE_OUT_OF_RANGE, a.span(), String.format("the mapping would end above 0x%x, the "
                        + "highest user-space address", context.userTop()));
                ok = false;
            } else {
                fixed = addr.getAsLong();
            }
        }
        int slot = slot(m.variable());
        scope.put(m.variable().text(), new Local(slot, Kind.MAPPING, ok ? bytes : -1, ok ? (int) prot.getAsLong() : -1,
                m.variable().span(), null));
        if (ok) {
            body.emit(out, new Op.Mmap(slot, m.size().isPresent() || object < 0 ? bytes : -1, file, m.shared(),
                    (int) prot.getAsLong(), fixed, object, m.span()));
        }
    }

    /** {@code r}, {@code rw}, {@code rx}, {@code rwx}, ... in any order, or {@code none}. */
    private OptionalLong prot(Name n) {
        String p = n.text();
        if (p.equals("none")) {
            return OptionalLong.of(0);
        }
        int bits = 0;
        for (char c : p.toCharArray()) {
            int bit = c == 'r' ? Op.PROT_READ : c == 'w' ? Op.PROT_WRITE : c == 'x' ? Op.PROT_EXEC : 0;
            if (bit == 0 || (bits & bit) != 0) {
                diags.report(Code.VALUE_OUT_OF_RANGE, n.span(), "`" + p + "` is not a protection: write the letters r, w "
                        + "and x, each at most once (`r`, `rw`, `rx`, `rwx`), or `none`");
                return OptionalLong.empty();
            }
            bits |= bit;
        }
        return OptionalLong.of(bits);
    }

    /** A size above 0, with a unit. */
    private OptionalLong size(Quantity q, Map<String, Long> env, String what) {
        OptionalLong v = units.of(q, env, Units.Kind.SIZE, what);
        if (v.isPresent() && v.getAsLong() <= 0) {
            diags.report(Code.NOT_POSITIVE, q.span(), "`" + what + "` needs a size above 0");
            return OptionalLong.empty();
        }
        return v;
    }

    /**
     * A number of bytes where C counts bytes and nothing else is meant: an
     * offset into a region (`x[5000]`), a range's end, its step, malloc's
     * size. A plain number is bytes, as `p[5000]`, `p += 8` and `malloc(100)`
     * are in C; a unit may still be written (`4 KiB`, `2 pages`).
     */
    private OptionalLong bytes(Quantity q, Map<String, Long> env, String what) {
        if (q.unit().isPresent()) {
            return units.of(q, env, Units.Kind.SIZE, what);
        }
        OptionalLong v = eval.integer(q.value(), env, what);
        if (v.isPresent() && Math.abs(v.getAsLong()) > Units.MAX_SIZE_BYTES) {
            diags.report(Code.VALUE_OUT_OF_RANGE, q.span(), "`" + what + "` of " + v.getAsLong() + " bytes is beyond the"
                    + " simulator's limit of 2^48 bytes (256 TiB, all of x86-64's 48-bit virtual address space)");
            return OptionalLong.empty();
        }
        return v;
    }

    /** A byte offset (a plain number is bytes), at least 0. */
    private OptionalLong offset(Quantity q, Map<String, Long> env, String what) {
        OptionalLong v = bytes(q, env, what);
        if (v.isPresent() && v.getAsLong() < 0) {
            diags.report(Code.VALUE_OUT_OF_RANGE, q.span(), what + " cannot be negative: offsets count from the start of "
                    + "the region");
            return OptionalLong.empty();
        }
        return v;
    }

    void access(Stmt.MemAccess a, Map<String, Long> env, List<Op> out) {
        Optional<Local> local = use(a.region(), a.write() ? "write" : "read", Kind.MAPPING, Kind.BLOCK);
        Optional<long[]> range = range(a.write(), a.region().text(), a.from(), a.to(), a.step(), env);
        if (local.isEmpty() || range.isEmpty()) {
            return;
        }
        long[] r = range.get();
        Local l = local.get();
        check(a.region(), l, a.span(), r[1], a.write(), "offset " + bytes(r[1]));
        body.emit(out, new Op.MemAccess(l.slot(), r[0], r[1], r[2], a.write(), a.span()));
    }

    /** {@code read "libc.so.6"[off]}: the library must be declared; its pages are mapped read-only and executable. */
    void libraryAccess(Stmt.LibraryAccess a, Map<String, Long> env, List<Op> out) {
        String name = a.library().value();
        List<String> names = context.libraries().stream().map(LibraryDecl::name).toList();
        int lib = names.indexOf(name);
        if (lib < 0) {
            diags.report(Code.UNKNOWN_NAME, a.library().span(), "no library \"" + name + "\" is declared"
                    + " (declare it with `library \"" + name + "\" size 2 MiB`)");
        }
        Optional<long[]> range = range(a.write(), "\"" + name + "\"", a.from(), a.to(), a.step(), env);
        if (lib < 0 || range.isEmpty()) {
            return;
        }
        long[] r = range.get();
        long size = (context.libraries().get(lib).sizeBytes() + context.pageSize() - 1) / context.pageSize()
                * context.pageSize();
        if (r[1] >= size) {
            diags.report(Code.ACCESS_OUTSIDE_MAPPING, a.span(), "offset " + bytes(r[1]) + " is beyond the "
                    + bytes(size) + " of \"" + name + "\": no VMA covers the address, so the access raises SIGSEGV");
        } else if (a.write()) {
            diags.report(Code.WRITE_TO_READ_ONLY, a.span(), "\"" + name + "\" is mapped r-x (shared code):"
                    + " this write raises a protection fault and SIGSEGV");
        }
        body.emit(out, new Op.LibraryAccess(lib, r[0], r[1], r[2], a.write(), a.span()));
    }

    /**
     * The offsets of {@code [from]} or {@code [from .. to] step S}: {from, last offset accessed, step}, or
     * empty after reporting what is wrong. The end is not included; the step defaults to the page size.
     */
    private Optional<long[]> range(boolean write, String region, Quantity fromQ, Optional<Quantity> toQ,
            Optional<Quantity> stepQ, Map<String, Long> env) {
        OptionalLong from = offset(fromQ, env, "the offset");
        long step = 1;
        long last = from.orElse(0);
        boolean ok = from.isPresent();
        if (toQ.isPresent()) {
            OptionalLong to = offset(toQ.get(), env, "the end of the range");
            step = context.pageSize();
            if (stepQ.isPresent()) {
                OptionalLong st = bytes(stepQ.get(), env, "step");
                if (st.isPresent() && st.getAsLong() <= 0) {
                    diags.report(Code.NOT_POSITIVE, stepQ.get().span(), "the step must be above 0");
                    st = OptionalLong.empty();
                }
                ok &= st.isPresent();
                step = st.orElse(1);
            }
            ok &= to.isPresent();
            if (ok && to.getAsLong() <= from.getAsLong()) {
                diags.report(Code.VALUE_OUT_OF_RANGE, toQ.get().span(), "the range is empty: its end (" + to.getAsLong()
                        + " bytes, not included) must be above its start (" + from.getAsLong() + " bytes)");
                ok = false;
            }
            if (ok) {
                last = from.getAsLong() + (to.getAsLong() - 1 - from.getAsLong()) / step * step;
            }
        } else if (stepQ.isPresent()) {
            diags.report(Code.SYNTAX, stepQ.get().span(), "`step` goes with a range, as in `" + (write ? "write" : "read")
                    + " " + region + "[0 .. 64 KiB] step 4 KiB`");
            ok = false;
        }
        return ok ? Optional.of(new long[] {from.getAsLong(), last, step}) : Optional.empty();
    }

    void pageRefs(Stmt.PageRefs p, Map<String, Long> env, List<Op> out) {
        Optional<Local> local = use(p.region(), "access", Kind.MAPPING, Kind.BLOCK);
        long[] pages = new long[p.pages().size()];
        boolean ok = true;
        for (int i = 0; i < pages.length; i++) {
            OptionalLong v = eval.inRange(p.pages().get(i), env, "a page number", 0, Long.MAX_VALUE / context.pageSize(),
                    Code.VALUE_OUT_OF_RANGE);
            ok &= v.isPresent();
            pages[i] = v.orElse(0);
        }
        if (local.isEmpty() || !ok) {
            return;
        }
        Local l = local.get();
        long highest = 0;
        for (long page : pages) {
            highest = Math.max(highest, page);
        }
        check(p.region(), l, p.span(), highest * context.pageSize(), p.write(), "page " + highest);
        body.emit(out, new Op.PageRefs(l.slot(), pages, p.write(), p.span()));
    }

    /** The static fault checks of an access whose highest offset is {@code offset}. */
    private void check(Name n, Local l, Span span, long offset, boolean write, String what) {
        if (l.kind() != Kind.MAPPING) {
            return;
        }
        String name = n.text();
        if (write && l.prot() >= 0 && (l.prot() & Op.PROT_WRITE) == 0) {
            diags.report(Code.WRITE_TO_READ_ONLY, span, "`" + name + "` is mapped without `w`: this write raises a "
                    + "protection fault and SIGSEGV", l.definedAt(), "`" + name + "` is mapped here");
        }
        if (l.releasedAt() != null) {
            outside(n, l, span, "`" + name + "` is no longer mapped (munmap at " + l.releasedAt().line() + ":"
                    + l.releasedAt().column() + ")");
        } else if (l.bytes() > 0) {
            long pages = (l.bytes() + context.pageSize() - 1) / context.pageSize();
            long mapped = pages * context.pageSize();
            if (offset >= mapped) {
                outside(n, l, span, what + " is beyond the " + bytes(mapped) + " (" + pages + (pages == 1 ? " page" : " pages")
                        + ") mapped at `" + name + "`");
            }
        }
    }

    private void outside(Name n, Local l, Span span, String why) {
        diags.report(Code.ACCESS_OUTSIDE_MAPPING, span, why + ": no VMA covers the address, so the access raises SIGSEGV",
                l.definedAt(), "`" + n.text() + "` is mapped here");
    }

    private static String bytes(long b) {
        if (b != 0 && b % (1L << 20) == 0) {
            return (b >> 20) + " MiB";
        }
        if (b != 0 && b % 1024 == 0) {
            return (b >> 10) + " KiB";
        }
        return b + " B";
    }

    void clone(Stmt.Clone c, Map<String, Long> env, List<Op> out) {
        boolean[] flags = new boolean[CLONE_FLAGS.size()];
        Map<String, Span> seen = new HashMap<>();
        for (Name f : c.flags()) {
            int i = CLONE_FLAGS.indexOf(f.text());
            if (i < 0) {
                diags.report(Code.UNKNOWN_NAME, f.span(), "unknown clone flag `" + f.text() + "`"
                        + Suggest.hint(f.text(), CLONE_FLAGS) + " (the flags are vm, files, fs and sighand: what the child shares)");
                continue;
            }
            Span first = seen.putIfAbsent(f.text(), f.span());
            if (first != null) {
                diags.report(Code.DUPLICATE_NAME, f.span(), "`" + f.text() + "` is given twice", first, "first here");
            }
            flags[i] = true;
        }
        int slot = c.variable().map(this::slot).orElse(-1);
        List<Op> ops = child(() -> body.block(c.body(), env), false);
        c.variable().ifPresent(n -> define(n, slot, Kind.CHILD));
        body.emit(out, new Op.Clone(slot, flags[0], flags[1], flags[2], flags[3], ops, c.span()));
    }
}
