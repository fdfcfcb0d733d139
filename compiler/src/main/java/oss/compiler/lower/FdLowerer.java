package oss.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.FdCall;
import oss.compiler.ast.FdRef;
import oss.compiler.ast.Name;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.check.Units;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.FdOp;
import oss.ir.program.Op;
import oss.ir.program.Val;

/**
 * Lowers the descriptors and pipes calls of one process body (docs/language.md, "Processes that talk").
 * One instance per {@link BodyLowerer}; the local names it defines live in the body's slots, with the
 * kinds {@link MemoryLowerer} keeps: a pipe (two ends, {@code p.read} and {@code p.write}) or a plain
 * descriptor from {@code open}. A result the call returns goes to a private temporary first and then
 * to the user's variable, so the call is one step that touches no variable others can see.
 */
final class FdLowerer {
    /** open(2)'s flags as written, with their bits. */
    static final Map<String, Integer> FLAGS = Map.of("O_RDONLY", FdOp.O_RDONLY, "O_WRONLY", FdOp.O_WRONLY,
            "O_RDWR", FdOp.O_RDWR, "O_NONBLOCK", FdOp.O_NONBLOCK, "O_CREAT", FdOp.O_CREAT, "O_TRUNC", FdOp.O_TRUNC,
            "O_APPEND", FdOp.O_APPEND);
    /** The standard streams, in descriptor order: stdin is 0, stdout 1, stderr 2. */
    static final List<String> STD = List.of("stdin", "stdout", "stderr");
    /** lseek's whence, in the order of their values (SEEK_SET is 0). */
    private static final List<String> WHENCE = List.of("SEEK_SET", "SEEK_CUR", "SEEK_END");
    private static final List<String> FLAG_ORDER = List.of("O_RDONLY", "O_WRONLY", "O_RDWR", "O_NONBLOCK", "O_CREAT",
            "O_TRUNC", "O_APPEND");

    private final Diags diags;
    private final ExprEval eval;
    private final Units units;
    private final Resolver resolver;
    private final Symbols symbols;
    private final MemoryLowerer memory;
    private final DataLowerer data;
    private final Map<String, Integer> slots;
    private final BodyLowerer body;

    FdLowerer(Diags diags, ExprEval eval, Units units, Resolver resolver, Symbols symbols, MemoryLowerer memory,
                DataLowerer data, Map<String, Integer> slots, BodyLowerer body) {
        this.diags = diags;
        this.eval = eval;
        this.units = units;
        this.resolver = resolver;
        this.symbols = symbols;
        this.memory = memory;
        this.data = data;
        this.slots = slots;
        this.body = body;
    }

    void lower(Stmt.Fd s, Map<String, Long> env, List<Op> out) {
        s.call().accept(new FdCall.Visitor<Void>() {
            @Override
            public Void visitPipe(FdCall.Pipe c) {
                if (s.variable().isEmpty()) {
                    diags.report(Code.BAD_FD_CALL, c.span(), c.socket() ? "`socketpair` makes two descriptors that"
                            + " need a name: write `s = socketpair`, then use `s[0]` and `s[1]`" : "`pipe` makes two"
                            + " descriptors that need a name: write `p = pipe`, then use `p.read` and `p.write`");
                    return null;
                }
                Name n = s.variable().get();
                int slot = memory.slot(n);
                memory.define(n, slot, c.socket() ? MemoryLowerer.Kind.SOCKET : MemoryLowerer.Kind.PIPE);
                body.emit(out, new Op.Fd(new FdOp.Pipe(slot, n.text(), c.socket()), s.span()));
                return null;
            }

            @Override
            public Void visitMkfifo(FdCall.Mkfifo c) {
                if (s.variable().isPresent()) {
                    diags.report(Code.BAD_FD_CALL, s.variable().get().span(), "`mkfifo` makes a name in the file"
                            + " system, not a descriptor: write `mkfifo \"" + c.path().value() + "\"`, then `f = open \""
                            + c.path().value() + "\" O_RDONLY`");
                    return null;
                }
                body.emit(out, new Op.Fd(new FdOp.Mkfifo(c.path().value()), s.span()));
                return null;
            }

            @Override
            public Void visitOpen(FdCall.Open c) {
                Integer flags = flags(c.flags());
                if (flags == null) {
                    return null;
                }
                int slot = -1;
                if (s.variable().isPresent()) {
                    slot = memory.slot(s.variable().get());
                    memory.define(s.variable().get(), slot, MemoryLowerer.Kind.DESCRIPTOR);
                }
                body.emit(out, new Op.Fd(new FdOp.Open(slot, c.path().value(), flags), s.span()));
                return null;
            }

            @Override
            public Void visitRead(FdCall.Read c) {
                Optional<int[]> fd = descriptor(c.fd(), "read");
                long bytes = 4;
                if (c.size().isPresent()) {
                    OptionalLong b = size(c.size().get(), env, "read");
                    if (b.isEmpty()) {
                        return null;
                    }
                    bytes = b.getAsLong();
                }
                List<Op> after = new ArrayList<>();
                Cell into = null;
                Cell got = null;
                if (c.into().isPresent()) {
                    // y changes only when an int arrives: `if (got) y = into` after the call
                    List<Op> copy = new ArrayList<>();
                    into = data.callResult(c.into().get(), env, copy);
                    if (into == null) {
                        return null;
                    }
                    got = data.callTemp("got");
                    after.add(new Op.If(new Val.Read(got), copy, List.of(), c.into().get().span()));
                }
                Cell result = result(s, env, after);
                if (fd.isEmpty() || result == MISSING) {
                    return null;
                }
                body.emit(out, new Op.Fd(new FdOp.Read(fd.get()[0], fd.get()[1], bytes, into, got, result, c.nowait()),
                        s.span()));
                body.emitAll(out, after);
                return null;
            }

            @Override
            public Void visitWrite(FdCall.Write c) {
                Optional<int[]> fd = descriptor(c.fd(), "write");
                List<Op> before = new ArrayList<>();
                long bytes = 4;
                Val value = null;
                Quantity q = c.payload();
                if (q.unit().isPresent()) {
                    OptionalLong b = size(q, env, "write");
                    if (b.isEmpty()) {
                        return null;
                    }
                    bytes = b.getAsLong();
                } else {
                    // no unit: one C int whose value the reader gets (docs: "Payloads")
                    value = data.condition(q.value(), env, before);
                    if (value == null) {
                        return null;
                    }
                }
                List<Op> after = new ArrayList<>();
                Cell result = result(s, env, after);
                if (fd.isEmpty() || result == MISSING) {
                    return null;
                }
                body.emitAll(out, before);
                body.emit(out, new Op.Fd(new FdOp.Write(fd.get()[0], fd.get()[1], bytes, value, result, c.nowait()),
                        s.span()));
                body.emitAll(out, after);
                return null;
            }

            @Override
            public Void visitDup(FdCall.Dup c) {
                Optional<int[]> fd = descriptor(c.fd(), "dup");
                if (fd.isEmpty()) {
                    return null;
                }
                int slot = -1;
                if (s.variable().isPresent()) {
                    slot = memory.slot(s.variable().get());
                    memory.define(s.variable().get(), slot, MemoryLowerer.Kind.DESCRIPTOR);
                }
                body.emit(out, new Op.Fd(new FdOp.Dup(fd.get()[0], fd.get()[1], slot), s.span()));
                return null;
            }

            @Override
            public Void visitDup2(FdCall.Dup2 c) {
                Optional<int[]> from = descriptor(c.from(), "dup2");
                Optional<int[]> to = descriptor(c.to(), "dup2");
                if (from.isEmpty() || to.isEmpty()) {
                    return null;
                }
                int slot = -1;
                if (s.variable().isPresent()) {
                    slot = memory.slot(s.variable().get());
                    memory.define(s.variable().get(), slot, MemoryLowerer.Kind.DESCRIPTOR);
                }
                body.emit(out, new Op.Fd(new FdOp.Dup2(from.get()[0], from.get()[1], to.get()[0], to.get()[1], slot),
                        s.span()));
                return null;
            }

            @Override
            public Void visitPathCall(FdCall.PathCall c) {
                FdOp.PathKind kind = FdOp.PathKind.valueOf(c.call().toUpperCase(java.util.Locale.ROOT));
                FdOp.StatField field = null;
                if (c.field().isPresent()) {
                    field = field(c.field().get(), c.call());
                    if (field == null) {
                        return null;
                    }
                }
                List<Op> after = new ArrayList<>();
                Cell result = result(s, env, after);
                if (result == MISSING) {
                    return null;
                }
                body.emit(out, new Op.Fd(new FdOp.PathCall(kind, c.path().value(), c.target().map(t -> t.value())
                        .orElse(null), field, result), s.span()));
                body.emitAll(out, after);
                return null;
            }

            @Override
            public Void visitFstat(FdCall.Fstat c) {
                Optional<int[]> fd = descriptor(c.fd(), "fstat");
                FdOp.StatField field = field(c.field(), "fstat");
                List<Op> after = new ArrayList<>();
                Cell result = result(s, env, after);
                if (fd.isEmpty() || field == null || result == MISSING) {
                    return null;
                }
                body.emit(out, new Op.Fd(new FdOp.Fstat(fd.get()[0], fd.get()[1], field, result), s.span()));
                body.emitAll(out, after);
                return null;
            }

            @Override
            public Void visitFsync(FdCall.Fsync c) {
                String name = c.dataOnly() ? "fdatasync" : "fsync";
                Optional<int[]> fd = descriptor(c.fd(), name);
                List<Op> after = new ArrayList<>();
                Cell result = result(s, env, after);
                if (fd.isEmpty() || result == MISSING) {
                    return null;
                }
                body.emit(out, new Op.Fd(new FdOp.Fsync(fd.get()[0], fd.get()[1], c.dataOnly(), result), s.span()));
                body.emitAll(out, after);
                return null;
            }

            @Override
            public Void visitLseek(FdCall.Lseek c) {
                Optional<int[]> fd = descriptor(c.fd(), "lseek");
                OptionalLong offset = eval.inRange(c.offset(), env, "the offset (bytes)", Integer.MIN_VALUE,
                        Integer.MAX_VALUE, Code.VALUE_OUT_OF_RANGE);
                int whence = WHENCE.indexOf(c.whence().text());
                if (whence < 0) {
                    diags.report(Code.UNKNOWN_NAME, c.whence().span(), "unknown whence `" + c.whence().text()
                            + "` for lseek (one of " + String.join(", ", WHENCE) + ")"
                            + Suggest.hint(c.whence().text(), WHENCE));
                    return null;
                }
                List<Op> after = new ArrayList<>();
                Cell result = result(s, env, after);
                if (fd.isEmpty() || offset.isEmpty() || result == MISSING) {
                    return null;
                }
                body.emit(out, new Op.Fd(new FdOp.Lseek(fd.get()[0], fd.get()[1], offset.getAsLong(), whence, result),
                        s.span()));
                body.emitAll(out, after);
                return null;
            }

            @Override
            public Void visitClose(FdCall.Close c) {
                if (s.variable().isPresent()) {
                    diags.report(Code.BAD_FD_CALL, s.variable().get().span(), "`close` returns nothing to keep here:"
                            + " write `close " + c.fd().name().text() + (c.fd().end().map(FdRef.End::written).orElse(""))
                            + "` alone");
                    return null;
                }
                descriptor(c.fd(), "close").ifPresent(fd -> body.emit(out, new Op.Fd(new FdOp.Close(fd[0], fd[1]),
                        s.span())));
                return null;
            }
        });
    }

    /** stat's field as written; null after a report. */
    private FdOp.StatField field(Name n, String call) {
        List<String> fields = java.util.Arrays.stream(FdOp.StatField.values()).map(FdOp.StatField::word).toList();
        int i = fields.indexOf(n.text());
        if (i < 0) {
            diags.report(Code.UNKNOWN_NAME, n.span(), "unknown field `" + n.text() + "` for " + call + " (one of "
                    + String.join(", ", fields) + ")" + Suggest.hint(n.text(), fields));
            return null;
        }
        return FdOp.StatField.values()[i];
    }

    /** Marks a result that could not be lowered (reported). */
    private static final Cell MISSING = Cell.scalar(Cell.Scope.PRIVATE, -1, "?");

    /** The temporary that {@code n = call} sets, null without one, {@link #MISSING} after a report. */
    private Cell result(Stmt.Fd s, Map<String, Long> env, List<Op> after) {
        if (s.variable().isEmpty()) {
            return null;
        }
        Name n = s.variable().get();
        Cell c = data.callResult(new Ref(n, Optional.empty(), n.span()), env, after);
        return c == null ? MISSING : c;
    }

    /** A descriptor as written: {slot, end}; empty after a report. */
    Optional<int[]> descriptor(FdRef ref, String statement) {
        Name n = ref.name();
        // stdin, stdout and stderr are open in every process; a name the program sets itself wins
        if (STD.contains(n.text()) && !slots.containsKey(n.text()) && symbols.lookup(n.text()) == null) {
            if (ref.end().isPresent()) {
                diags.report(Code.WRONG_KIND, ref.span(), "`" + n.text() + "` is descriptor " + STD.indexOf(n.text())
                        + ", which has no ends: write `" + statement + " " + n.text() + "`");
                return Optional.empty();
            }
            return Optional.of(new int[] {STD.indexOf(n.text()), FdOp.STD});
        }
        Optional<MemoryLowerer.Local> l = memory.local(n, statement, MemoryLowerer.Kind.PIPE,
                MemoryLowerer.Kind.DESCRIPTOR, MemoryLowerer.Kind.SOCKET);
        if (l.isEmpty()) {
            return Optional.empty();
        }
        MemoryLowerer.Kind kind = l.get().kind();
        if (ref.badIndex() != null || kind == MemoryLowerer.Kind.SOCKET && ref.end().isPresent() && !ref.end().get().socket()
                || kind == MemoryLowerer.Kind.PIPE && ref.end().isPresent() && ref.end().get().socket()) {
            String ends = kind == MemoryLowerer.Kind.SOCKET ? "`" + n.text() + "[0]` and `" + n.text() + "[1]`"
                    : kind == MemoryLowerer.Kind.PIPE ? "`" + n.text() + ".read` and `" + n.text() + ".write`" : null;
            diags.report(Code.WRONG_KIND, ref.span(), "`" + n.text() + (ref.badIndex() != null ? "[" + ref.badIndex()
                    + "]" : ref.end().get().written()) + "`: `" + n.text() + "` is " + kind.noun
                    + (ends == null ? ", which has no ends: write `" + statement + " " + n.text() + "`"
                    : ", whose ends are " + ends), l.get().definedAt(), "`" + n.text() + "` is set here");
            return Optional.empty();
        }
        if (ref.end().isEmpty() && kind == MemoryLowerer.Kind.SOCKET) {
            diags.report(Code.WRONG_KIND, ref.span(), "`" + statement + " " + n.text() + "`: `" + n.text() + "` is a"
                    + " socket pair, two descriptors: name one end, `" + n.text() + "[0]` or `" + n.text() + "[1]`",
                    l.get().definedAt(), "`" + n.text() + "` is set here");
            return Optional.empty();
        }
        String written = statement + " " + n.text() + ref.end().map(FdRef.End::written).orElse("");
        if (ref.end().isEmpty()) {
            if (kind == MemoryLowerer.Kind.PIPE) {
                diags.report(Code.WRONG_KIND, ref.span(), "`" + written + "`: `" + n.text() + "` is a pipe, two"
                        + " descriptors: name one end, `" + n.text() + ".read` or `" + n.text() + ".write`",
                        l.get().definedAt(), "`" + n.text() + "` is set here");
                return Optional.empty();
            }
            return Optional.of(new int[] {l.get().slot(), FdOp.PLAIN});
        }
        if (kind == MemoryLowerer.Kind.DESCRIPTOR) {
            diags.report(Code.WRONG_KIND, ref.span(), "`" + written + "`: `" + n.text() + "` is a descriptor from"
                    + " open, which has no ends: write `" + statement + " " + n.text() + "`", l.get().definedAt(),
                    "`" + n.text() + "` is set here");
            return Optional.empty();
        }
        // a socket pair's [0] sits where a pipe's read end does, [1] where its write end does
        FdRef.End end = ref.end().get();
        return Optional.of(new int[] {l.get().slot(), end == FdRef.End.READ || end == FdRef.End.FIRST ? FdOp.READ_END
                : FdOp.WRITE_END});
    }

    private OptionalLong size(Quantity q, Map<String, Long> env, String what) {
        OptionalLong b = units.of(q, env, Units.Kind.SIZE, what);
        if (b.isPresent() && b.getAsLong() < 0) {
            diags.report(Code.NOT_POSITIVE, q.span(), "`" + what + "` needs a size of at least 0 bytes");
            return OptionalLong.empty();
        }
        return b;
    }

    /** open's flags; null after a report. One access mode at most (O_RDONLY without one, as its value 0). */
    private Integer flags(List<Name> written) {
        int flags = 0;
        Name mode = null;
        for (Name f : written) {
            Integer bit = FLAGS.get(f.text());
            if (bit == null) {
                diags.report(Code.UNKNOWN_NAME, f.span(), "unknown flag `" + f.text() + "` for open (flags: "
                        + String.join(", ", FLAG_ORDER) + ")" + Suggest.hint(f.text(), FLAG_ORDER));
                return null;
            }
            boolean access = f.text().equals("O_RDONLY") || f.text().equals("O_WRONLY") || f.text().equals("O_RDWR");
            if (access && mode != null) {
                diags.report(Code.BAD_FD_CALL, f.span(), "open takes one access mode, and `" + mode.text()
                        + "` is already one: `" + f.text() + "` cannot be added (O_RDWR opens both ways)");
                return null;
            }
            if (access) {
                mode = f;
            }
            flags |= bit;
        }
        return flags;
    }
}
