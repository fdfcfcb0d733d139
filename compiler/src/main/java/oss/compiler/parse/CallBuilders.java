package oss.compiler.parse;

import static oss.compiler.parse.Parts.expr;
import static oss.compiler.parse.Parts.name;
import static oss.compiler.parse.Parts.quantity;
import static oss.compiler.parse.Parts.ref;
import static oss.compiler.parse.Parts.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.ast.Block;
import oss.compiler.ast.Expr;
import oss.compiler.ast.FdCall;
import oss.compiler.ast.FdRef;
import oss.compiler.ast.IoCall;
import oss.compiler.ast.IpcCall;
import oss.compiler.ast.Name;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Ref;
import oss.compiler.ast.SigCall;
import oss.compiler.ast.Text;
import oss.grammar.OssParser;

/**
 * The builders of the three families of system calls ("Processes that talk"): one per grammar
 * rule ({@code fdCall}, {@code ipcCall}, {@code signalCall}), each a {@link RuleBuilder} with one
 * {@code visitX} per labelled alternative. Null when a part is missing (its syntax error is
 * already reported).
 */
final class CallBuilders {
    private CallBuilders() {}

    /** The names of a list, or null when one is broken. */
    private static List<Name> names(List<OssParser.IdentifierContext> ids) {
        List<Name> out = new ArrayList<>();
        for (OssParser.IdentifierContext id : ids) {
            Name n = name(id);
            if (n == null) {
                return null;
            }
            out.add(n);
        }
        return out;
    }

    /** An optional {@code into x}: empty when absent, null when broken. */
    private static Optional<Ref> into(OssParser.RefContext r) {
        if (r == null) {
            return Optional.empty();
        }
        Ref ref = ref(r);
        return ref == null ? null : Optional.of(ref);
    }

    private static FdRef fdRef(OssParser.FdRefContext c) {
        if (c == null) {
            return null;
        }
        Name n = name(c.identifier());
        if (n == null) {
            return null;
        }
        Optional<FdRef.End> end = Optional.empty();
        if (c.DOT() != null) {
            if (Parts.real(c.end) == null) {
                return null;
            }
            end = Optional.of(c.end.getType() == OssParser.READ ? FdRef.End.READ : FdRef.End.WRITE);
        } else if (c.LBRACK() != null) {
            if (Parts.real(c.index) == null) {
                return null;
            }
            // a socket pair has two ends, s[0] and s[1]; another index is the lowering's to refuse
            String index = c.index.getText();
            if (!index.equals("0") && !index.equals("1")) {
                return new FdRef(n, Optional.empty(), Spans.of(c), index);
            }
            end = Optional.of(index.equals("0") ? FdRef.End.FIRST : FdRef.End.SECOND);
        }
        return new FdRef(n, end, Spans.of(c));
    }

    static final class Fd extends RuleBuilder<FdCall> {
        Fd() {
            super(OssParser.FdCallContext.class);
        }

        @Override
        public FdCall visitPipeCall(OssParser.PipeCallContext c) {
            return new FdCall.Pipe(Spans.of(c));
        }

        @Override
        public FdCall visitSocketpairCall(OssParser.SocketpairCallContext c) {
            return new FdCall.Pipe(true, Spans.of(c));
        }

        @Override
        public FdCall visitMkfifoCall(OssParser.MkfifoCallContext c) {
            Text path = text(c.path);
            return path == null ? null : new FdCall.Mkfifo(path, Spans.of(c));
        }

        @Override
        public FdCall visitOpenCall(OssParser.OpenCallContext c) {
            Text path = text(c.path);
            List<Name> flags = names(c.flags);
            return path == null || flags == null ? null : new FdCall.Open(path, flags, Spans.of(c));
        }

        @Override
        public FdCall visitFdReadCall(OssParser.FdReadCallContext c) {
            FdRef fd = fdRef(c.fdRef());
            Optional<Quantity> size = Optional.empty();
            if (c.size != null) {
                Quantity q = quantity(c.size);
                if (q == null) {
                    return null;
                }
                size = Optional.of(q);
            }
            Optional<Ref> target = c.INTO() == null ? Optional.empty() : into(c.target);
            if (fd == null || target == null || (c.INTO() != null && target.isEmpty())) {
                return null;
            }
            if (size.isEmpty() && target.isEmpty()) {
                return null;
            }
            return new FdCall.Read(fd, size, target, c.NOWAIT() != null, Spans.of(c));
        }

        @Override
        public FdCall visitFdWriteCall(OssParser.FdWriteCallContext c) {
            FdRef fd = fdRef(c.fdRef());
            Quantity payload = quantity(c.payload);
            return fd == null || payload == null ? null : new FdCall.Write(fd, payload, c.NOWAIT() != null, Spans.of(c));
        }

        @Override
        public FdCall visitLseekCall(OssParser.LseekCallContext c) {
            FdRef fd = fdRef(c.fdRef());
            Expr offset = expr(c.offset);
            Name whence = c.whence == null ? null : name(c.whence);
            return fd == null || offset == null || whence == null ? null
                    : new FdCall.Lseek(fd, offset, whence, Spans.of(c));
        }

        @Override
        public FdCall visitDupCall(OssParser.DupCallContext c) {
            FdRef fd = fdRef(c.fdRef());
            return fd == null ? null : new FdCall.Dup(fd, Spans.of(c));
        }

        @Override
        public FdCall visitDup2Call(OssParser.Dup2CallContext c) {
            FdRef from = fdRef(c.from);
            FdRef to = fdRef(c.to);
            return from == null || to == null ? null : new FdCall.Dup2(from, to, Spans.of(c));
        }

        @Override
        public FdCall visitPathCall(OssParser.PathCallContext c) {
            Text path = text(c.path);
            return path == null ? null : new FdCall.PathCall(c.call.getText(), path, Optional.empty(), Optional.empty(),
                    Spans.of(c));
        }

        @Override
        public FdCall visitLinkCall(OssParser.LinkCallContext c) {
            Text path = text(c.path);
            Text target = text(c.target);
            return path == null || target == null ? null : new FdCall.PathCall(c.call.getText(), path,
                    Optional.of(target), Optional.empty(), Spans.of(c));
        }

        @Override
        public FdCall visitStatCall(OssParser.StatCallContext c) {
            Text path = text(c.path);
            Name field = c.field == null ? null : name(c.field);
            return path == null || field == null ? null : new FdCall.PathCall(c.call.getText(), path, Optional.empty(),
                    Optional.of(field), Spans.of(c));
        }

        @Override
        public FdCall visitFstatCall(OssParser.FstatCallContext c) {
            FdRef fd = fdRef(c.fdRef());
            Name field = c.field == null ? null : name(c.field);
            return fd == null || field == null ? null : new FdCall.Fstat(fd, field, Spans.of(c));
        }

        @Override
        public FdCall visitFsyncCall(OssParser.FsyncCallContext c) {
            FdRef fd = fdRef(c.fdRef());
            return fd == null ? null : new FdCall.Fsync(fd, c.kind.getType() == OssParser.FDATASYNC, Spans.of(c));
        }

        @Override
        public FdCall visitCloseCall(OssParser.CloseCallContext c) {
            FdRef fd = fdRef(c.fdRef());
            return fd == null ? null : new FdCall.Close(fd, Spans.of(c));
        }
    }

    static final class Ipc extends RuleBuilder<IpcCall> {
        Ipc() {
            super(OssParser.IpcCallContext.class);
        }

        @Override
        public IpcCall visitMsggetCall(OssParser.MsggetCallContext c) {
            Expr key = expr(c.key);
            return key == null ? null : new IpcCall.MsgGet(key, Spans.of(c));
        }

        @Override
        public IpcCall visitMsgsndCall(OssParser.MsgsndCallContext c) {
            Name q = name(c.queue);
            Expr type = expr(c.msgType);
            Quantity payload = quantity(c.payload);
            return q == null || type == null || payload == null ? null
                    : new IpcCall.MsgSnd(q, type, payload, c.NOWAIT() != null, Spans.of(c));
        }

        @Override
        public IpcCall visitMsgrcvCall(OssParser.MsgrcvCallContext c) {
            Name q = name(c.queue);
            Expr type = expr(c.msgType);
            Optional<Ref> target = into(c.target);
            return q == null || type == null || target == null ? null
                    : new IpcCall.MsgRcv(q, type, target, c.NOWAIT() != null, Spans.of(c));
        }

        @Override
        public IpcCall visitMsgctlCall(OssParser.MsgctlCallContext c) {
            Name q = name(c.queue);
            Name cmd = name(c.command);
            return q == null || cmd == null ? null : new IpcCall.MsgCtl(q, cmd, Spans.of(c));
        }

        @Override
        public IpcCall visitMqOpenCall(OssParser.MqOpenCallContext c) {
            Text path = text(c.path);
            if (path == null || c.identifier().size() != c.quantity().size()) {
                return null;
            }
            List<IpcCall.Option> options = new ArrayList<>();
            for (int i = 0; i < c.identifier().size(); i++) {
                Name key = name(c.identifier(i));
                Quantity value = quantity(c.quantity(i));
                if (key == null || value == null) {
                    return null;
                }
                options.add(new IpcCall.Option(key, value, Spans.cover(key.span(), value.span())));
            }
            return new IpcCall.MqOpen(path, options, Spans.of(c));
        }

        @Override
        public IpcCall visitMqSendCall(OssParser.MqSendCallContext c) {
            Name q = name(c.queue);
            Quantity payload = quantity(c.payload);
            Optional<Expr> prio = Optional.empty();
            if (c.PRIO() != null) {
                Expr p = expr(c.prio);
                if (p == null) {
                    return null;
                }
                prio = Optional.of(p);
            }
            return q == null || payload == null ? null
                    : new IpcCall.MqSend(q, payload, prio, c.NOWAIT() != null, Spans.of(c));
        }

        @Override
        public IpcCall visitMqReceiveCall(OssParser.MqReceiveCallContext c) {
            Name q = name(c.queue);
            Optional<Ref> target = into(c.target);
            return q == null || target == null ? null : new IpcCall.MqReceive(q, target, c.NOWAIT() != null, Spans.of(c));
        }

        @Override
        public IpcCall visitMqUnlinkCall(OssParser.MqUnlinkCallContext c) {
            Text path = text(c.path);
            return path == null ? null : new IpcCall.MqUnlink(path, Spans.of(c));
        }

        @Override
        public IpcCall visitShmgetCall(OssParser.ShmgetCallContext c) {
            Expr key = expr(c.key);
            Quantity size = quantity(c.size);
            return key == null || size == null ? null : new IpcCall.ShmGet(key, size, Spans.of(c));
        }

        @Override
        public IpcCall visitShmatCall(OssParser.ShmatCallContext c) {
            Name seg = name(c.segment);
            Optional<Name> access = Optional.empty();
            if (c.access != null) {
                Name a = name(c.access);
                if (a == null) {
                    return null;
                }
                access = Optional.of(a);
            }
            return seg == null ? null : new IpcCall.ShmAt(seg, access, Spans.of(c));
        }

        @Override
        public IpcCall visitShmdtCall(OssParser.ShmdtCallContext c) {
            Name region = name(c.region);
            return region == null ? null : new IpcCall.ShmDt(region, Spans.of(c));
        }

        @Override
        public IpcCall visitShmctlCall(OssParser.ShmctlCallContext c) {
            Name seg = name(c.segment);
            Name cmd = name(c.command);
            return seg == null || cmd == null ? null : new IpcCall.ShmCtl(seg, cmd, Spans.of(c));
        }

        @Override
        public IpcCall visitShmOpenCall(OssParser.ShmOpenCallContext c) {
            Text path = text(c.path);
            Quantity size = quantity(c.size);
            return path == null || size == null ? null : new IpcCall.ShmOpen(path, size, Spans.of(c));
        }

        @Override
        public IpcCall visitShmUnlinkCall(OssParser.ShmUnlinkCallContext c) {
            Text path = text(c.path);
            return path == null ? null : new IpcCall.ShmUnlink(path, Spans.of(c));
        }
    }

    static final class Sig extends RuleBuilder<SigCall> {
        private final AstBuilder blocks;

        Sig(AstBuilder blocks) {
            super(OssParser.SignalCallContext.class);
            this.blocks = blocks;
        }

        /** An optional handler: empty when absent, null when broken. */
        private Optional<Block> handler(OssParser.BlockContext b) {
            if (b == null) {
                return Optional.empty();
            }
            Block block = blocks.block(b);
            return block == null ? null : Optional.of(block);
        }

        @Override
        public SigCall visitKillCall(OssParser.KillCallContext c) {
            Name sig = name(c.sig);
            if (sig == null) {
                return null;
            }
            if (c.target != null) {
                Ref target = ref(c.target);
                return target == null ? null : new SigCall.Kill(Optional.of(target), Optional.empty(), sig, Spans.of(c));
            }
            var pid = Parts.real(c.pid);
            return pid == null ? null : new SigCall.Kill(Optional.empty(),
                    Optional.of(new Expr.Number(pid.getText(), Spans.of(pid))), sig, Spans.of(c));
        }

        @Override
        public SigCall visitRaiseCall(OssParser.RaiseCallContext c) {
            Name sig = name(c.sig);
            return sig == null ? null : new SigCall.Raise(sig, Spans.of(c));
        }

        @Override
        public SigCall visitSignalHandlerCall(OssParser.SignalHandlerCallContext c) {
            Name sig = name(c.sig);
            Optional<Name> action = Optional.empty();
            if (c.action != null) {
                Name a = name(c.action);
                if (a == null) {
                    return null;
                }
                action = Optional.of(a);
            }
            Optional<Block> handler = handler(c.handler);
            if (sig == null || handler == null || (action.isEmpty() && handler.isEmpty())) {
                return null;
            }
            return new SigCall.Handler(sig, action, handler, Spans.of(c));
        }

        @Override
        public SigCall visitSigactionCall(OssParser.SigactionCallContext c) {
            Name sig = name(c.sig);
            List<Name> flags = names(c.flags);
            Optional<Block> handler = handler(c.handler);
            return sig == null || flags == null || handler == null ? null
                    : new SigCall.Sigaction(sig, flags, handler, Spans.of(c));
        }

        @Override
        public SigCall visitSigprocmaskCall(OssParser.SigprocmaskCallContext c) {
            Name how = name(c.how);
            List<Name> sigs = names(c.sigs);
            return how == null || sigs == null ? null : new SigCall.Sigprocmask(how, sigs, Spans.of(c));
        }

        @Override
        public SigCall visitPauseCall(OssParser.PauseCallContext c) {
            return new SigCall.Pause(Spans.of(c));
        }

        @Override
        public SigCall visitSigsuspendCall(OssParser.SigsuspendCallContext c) {
            List<Name> sigs = names(c.sigs);
            return sigs == null ? null : new SigCall.Sigsuspend(sigs, Spans.of(c));
        }

        @Override
        public SigCall visitAlarmCall(OssParser.AlarmCallContext c) {
            Quantity t = quantity(c.time);
            return t == null ? null : new SigCall.Alarm(t, Spans.of(c));
        }
    }

    // issue 15, the I/O models
    static final class Io extends RuleBuilder<IoCall> {
        Io() {
            super(OssParser.IoCallContext.class);
        }

        /** An optional {@code timeout T}: empty when absent, null when broken. */
        private static Optional<Quantity> timeout(OssParser.QuantityContext q) {
            if (q == null) {
                return Optional.empty();
            }
            Quantity t = quantity(q);
            return t == null ? null : Optional.of(t);
        }

        @Override
        public IoCall visitSelectCall(OssParser.SelectCallContext c) {
            List<FdRef> fds = new ArrayList<>();
            for (OssParser.FdRefContext f : c.fds) {
                FdRef r = fdRef(f);
                if (r == null) {
                    return null;
                }
                fds.add(r);
            }
            Optional<Quantity> timeout = c.TIMEOUT() == null ? Optional.empty() : timeout(c.timeout);
            if (timeout == null || c.TIMEOUT() != null && timeout.isEmpty() || fds.isEmpty()) {
                return null;
            }
            return new IoCall.Select(c.kind.getType() == OssParser.POLL, fds, timeout, Spans.of(c));
        }

        @Override
        public IoCall visitEpollCreateCall(OssParser.EpollCreateCallContext c) {
            return new IoCall.EpollCreate(Spans.of(c));
        }

        @Override
        public IoCall visitEpollCtlCall(OssParser.EpollCtlCallContext c) {
            Name ep = name(c.ep);
            Name op = name(c.op);
            FdRef fd = fdRef(c.fdRef());
            List<Name> events = new ArrayList<>();
            for (OssParser.EpollEventContext e : c.events) {
                Name n = e.identifier() != null ? name(e.identifier())
                        : Parts.real(e.IN().getSymbol()) == null ? null : new Name("in", Spans.of(e));
                if (n == null) {
                    return null;
                }
                events.add(n);
            }
            return ep == null || op == null || fd == null ? null : new IoCall.EpollCtl(ep, op, fd, events, Spans.of(c));
        }

        @Override
        public IoCall visitEpollWaitCall(OssParser.EpollWaitCallContext c) {
            Name ep = name(c.ep);
            Optional<Quantity> timeout = c.TIMEOUT() == null ? Optional.empty() : timeout(c.timeout);
            if (ep == null || timeout == null || c.TIMEOUT() != null && timeout.isEmpty()) {
                return null;
            }
            return new IoCall.EpollWait(ep, timeout, Spans.of(c));
        }

        @Override
        public IoCall visitFcntlCall(OssParser.FcntlCallContext c) {
            FdRef fd = fdRef(c.fdRef());
            Name flag = name(c.flag);
            return fd == null || flag == null ? null : new IoCall.Fcntl(fd, flag, Spans.of(c));
        }

        @Override
        public IoCall visitAioReadCall(OssParser.AioReadCallContext c) {
            FdRef fd = fdRef(c.fdRef());
            Quantity size = c.size == null ? null : quantity(c.size);
            Optional<Name> sig = Optional.empty();
            if (c.NOTIFY() != null) {
                Name n = name(c.sig);
                if (n == null) {
                    return null;
                }
                sig = Optional.of(n);
            }
            return fd == null || size == null ? null : new IoCall.AioRead(fd, size, sig, Spans.of(c));
        }

        @Override
        public IoCall visitAioSuspendCall(OssParser.AioSuspendCallContext c) {
            Name r = name(c.request);
            return r == null ? null : new IoCall.AioSuspend(r, Spans.of(c));
        }

        @Override
        public IoCall visitAioReturnCall(OssParser.AioReturnCallContext c) {
            Name r = name(c.request);
            return r == null ? null : new IoCall.AioReturn(r, Spans.of(c));
        }
    }
}
