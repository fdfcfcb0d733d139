package oss.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.FdRef;
import oss.compiler.ast.IoCall;
import oss.compiler.ast.Name;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.Units;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.IoOp;
import oss.ir.program.Op;
import oss.ir.program.Signal;

/**
 * Lowers the calls of the I/O models of one process body (docs/language.md, "The five I/O
 * models"). Descriptors are resolved as the descriptor calls resolve them ({@link FdLowerer}); an
 * epoll instance is a descriptor, an aio request a name of its own ({@code a = aio_read ...}). A
 * result goes to a private temporary first, as for the other families.
 */
final class IoLowerer {
    private static final List<String> CTL_OPS = List.of("add", "del");
    private static final List<String> EVENTS = List.of("in", "et");
    private static final List<String> FCNTL_FLAGS = List.of("O_ASYNC");

    private final Diags diags;
    private final Units units;
    private final MemoryLowerer memory;
    private final DataLowerer data;
    private final FdLowerer fds;
    private final BodyLowerer body;

    IoLowerer(Diags diags, Units units, MemoryLowerer memory, DataLowerer data, FdLowerer fds, BodyLowerer body) {
        this.diags = diags;
        this.units = units;
        this.memory = memory;
        this.data = data;
        this.fds = fds;
        this.body = body;
    }

    /** Marks a result that could not be lowered (reported). */
    private static final Cell MISSING = Cell.scalar(Cell.Scope.PRIVATE, -1, "?");

    void lower(Stmt.IoModel s, Map<String, Long> env, List<Op> out) {
        List<Op> after = new ArrayList<>();
        IoOp op = s.call().accept(new IoCall.Visitor<IoOp>() {
            @Override
            public IoOp visitSelect(IoCall.Select c) {
                String what = c.poll() ? "poll" : "select";
                List<Integer> slots = new ArrayList<>();
                List<Integer> ends = new ArrayList<>();
                for (FdRef f : c.fds()) {
                    Optional<int[]> fd = fds.descriptor(f, what);
                    if (fd.isEmpty()) {
                        return null;
                    }
                    slots.add(fd.get()[0]);
                    ends.add(fd.get()[1]);
                }
                long timeout = timeout(c.timeout(), env, what);
                Cell result = result(s, env, after);
                return timeout == -2 || result == MISSING ? null
                        : new IoOp.Select(c.poll(), slots, ends, timeout, result);
            }

            @Override
            public IoOp visitEpollCreate(IoCall.EpollCreate c) {
                if (s.variable().isEmpty()) {
                    diags.report(Code.BAD_IO_CALL, c.span(), "`epoll_create` makes a descriptor that the other epoll"
                            + " calls name: write `ep = epoll_create`");
                    return null;
                }
                Name n = s.variable().get();
                int slot = memory.slot(n);
                memory.define(n, slot, MemoryLowerer.Kind.DESCRIPTOR);
                return new IoOp.EpollCreate(slot);
            }

            @Override
            public IoOp visitEpollCtl(IoCall.EpollCtl c) {
                Optional<MemoryLowerer.Local> ep = memory.local(c.epoll(), "epoll_ctl", MemoryLowerer.Kind.DESCRIPTOR);
                Optional<int[]> fd = fds.descriptor(c.fd(), "epoll_ctl");
                int op = CTL_OPS.indexOf(c.operation().text());
                if (op < 0) {
                    diags.report(Code.BAD_IO_CALL, c.operation().span(), "epoll_ctl's operation is `add`"
                            + " (EPOLL_CTL_ADD) or `del` (EPOLL_CTL_DEL), not `" + c.operation().text() + "`"
                            + Suggest.hint(c.operation().text(), CTL_OPS));
                    return null;
                }
                boolean edge = false;
                for (Name e : c.events()) {
                    if (!EVENTS.contains(e.text())) {
                        diags.report(Code.BAD_IO_CALL, e.span(), "epoll_ctl's events are `in` (EPOLLIN, the default)"
                                + " and `et` (EPOLLET, edge-triggered), not `" + e.text() + "`"
                                + Suggest.hint(e.text(), EVENTS));
                        return null;
                    }
                    edge |= e.text().equals("et");
                }
                if (op == 1 && !c.events().isEmpty()) {
                    diags.report(Code.BAD_IO_CALL, c.events().get(0).span(), "`epoll_ctl ep del f` takes no events:"
                            + " it takes f off the interest list");
                    return null;
                }
                Cell result = result(s, env, after);
                if (ep.isEmpty() || fd.isEmpty() || result == MISSING) {
                    return null;
                }
                return new IoOp.EpollCtl(ep.get().slot(), op == 0, fd.get()[0], fd.get()[1], edge, result);
            }

            @Override
            public IoOp visitEpollWait(IoCall.EpollWait c) {
                Optional<MemoryLowerer.Local> ep = memory.local(c.epoll(), "epoll_wait", MemoryLowerer.Kind.DESCRIPTOR);
                long timeout = timeout(c.timeout(), env, "epoll_wait");
                Cell result = result(s, env, after);
                return ep.isEmpty() || timeout == -2 || result == MISSING ? null
                        : new IoOp.EpollWait(ep.get().slot(), timeout, result);
            }

            @Override
            public IoOp visitFcntl(IoCall.Fcntl c) {
                Optional<int[]> fd = fds.descriptor(c.fd(), "fcntl");
                if (!FCNTL_FLAGS.contains(c.flag().text())) {
                    diags.report(Code.BAD_IO_CALL, c.flag().span(), "fcntl here sets O_ASYNC (F_SETFL, with F_SETOWN"
                            + " to the caller), not `" + c.flag().text() + "`" + Suggest.hint(c.flag().text(),
                            FCNTL_FLAGS));
                    return null;
                }
                Cell result = result(s, env, after);
                return fd.isEmpty() || result == MISSING ? null : new IoOp.Fcntl(fd.get()[0], fd.get()[1], result);
            }

            @Override
            public IoOp visitAioRead(IoCall.AioRead c) {
                if (s.variable().isEmpty()) {
                    diags.report(Code.BAD_IO_CALL, c.span(), "`aio_read` makes a request that aio_suspend and"
                            + " aio_return name: write `a = aio_read ...`");
                    return null;
                }
                Optional<int[]> fd = fds.descriptor(c.fd(), "aio_read");
                OptionalLong bytes = units.of(c.size(), env, Units.Kind.SIZE, "aio_read size");
                Signal sig = null;
                if (c.signal().isPresent()) {
                    Name n = c.signal().get();
                    Optional<Signal> named = Signal.named(n.text());
                    if (named.isEmpty() || !named.get().catchable()) {
                        diags.report(Code.BAD_IO_CALL, n.span(), "`notify` names the signal sent when the read"
                                + " completes (SIGEV_SIGNAL), one a handler can catch: SIGUSR1, SIGIO, ...; not `"
                                + n.text() + "`");
                        return null;
                    }
                    sig = named.get();
                }
                if (fd.isEmpty() || bytes.isEmpty()) {
                    return null;
                }
                if (bytes.getAsLong() <= 0) {
                    diags.report(Code.NOT_POSITIVE, c.size().span(), "`aio_read` needs a size above 0");
                    return null;
                }
                Name n = s.variable().get();
                int slot = memory.slot(n);
                memory.define(n, slot, MemoryLowerer.Kind.AIOCB);
                return new IoOp.AioRead(slot, fd.get()[0], fd.get()[1], bytes.getAsLong(), sig, null);
            }

            @Override
            public IoOp visitAioSuspend(IoCall.AioSuspend c) {
                Optional<MemoryLowerer.Local> r = memory.local(c.request(), "aio_suspend", MemoryLowerer.Kind.AIOCB);
                Cell result = result(s, env, after);
                return r.isEmpty() || result == MISSING ? null : new IoOp.AioSuspend(r.get().slot(), result);
            }

            @Override
            public IoOp visitAioReturn(IoCall.AioReturn c) {
                Optional<MemoryLowerer.Local> r = memory.local(c.request(), "aio_return", MemoryLowerer.Kind.AIOCB);
                Cell result = result(s, env, after);
                return r.isEmpty() || result == MISSING ? null : new IoOp.AioReturn(r.get().slot(), result);
            }
        });
        if (op != null) {
            body.emit(out, new Op.IoModel(op, s.span()));
            body.emitAll(out, after);
        }
    }

    /** A timeout in ns: -1 without one, -2 after a report. */
    private long timeout(Optional<Quantity> q, Map<String, Long> env, String what) {
        if (q.isEmpty()) {
            return -1;
        }
        OptionalLong t = units.of(q.get(), env, Units.Kind.TIME, what + " timeout");
        if (t.isEmpty()) {
            return -2;
        }
        if (t.getAsLong() < 0) {
            diags.report(Code.NOT_POSITIVE, q.get().span(), "a timeout is 0 (return at once) or more");
            return -2;
        }
        return t.getAsLong();
    }

    /** The temporary that {@code n = call} sets, null without one, {@link #MISSING} after a report. */
    private Cell result(Stmt.IoModel s, Map<String, Long> env, List<Op> after) {
        if (s.variable().isEmpty()) {
            return null;
        }
        Name n = s.variable().get();
        Cell c = data.callResult(new Ref(n, Optional.empty(), n.span()), env, after);
        return c == null ? MISSING : c;
    }
}
