package oss.compiler.format;

import static oss.compiler.format.Canonical.expr;
import static oss.compiler.format.Canonical.quantity;
import static oss.compiler.format.Canonical.ref;

import java.util.List;
import java.util.stream.Collectors;
import oss.compiler.ast.FdCall;
import oss.compiler.ast.FdRef;
import oss.compiler.ast.IoCall;
import oss.compiler.ast.IpcCall;
import oss.compiler.ast.Name;
import oss.compiler.ast.SigCall;
import oss.compiler.ast.Text;

/**
 * The canonical text of a system call of the three families of "Processes that talk" (descriptors,
 * IPC, signals), without a handler's block: {@code oss fmt}, the language server's outline and
 * hovers write a call the same way.
 */
public final class CallText {
    private CallText() {}

    public static String of(FdCall c) {
        return c.accept(FD);
    }

    public static String of(IpcCall c) {
        return c.accept(IPC);
    }

    /** The header of a handler ({@code signal SIGINT}, {@code sigaction SIGCHLD restart}) or the whole call. */
    public static String of(SigCall c) {
        return c.accept(SIG);
    }

    public static String of(IoCall c) {
        return c.accept(IO);
    }

    public static String fd(FdRef r) {
        return r.name().text() + r.end().map(FdRef.End::written).orElse("");
    }

    private static String str(Text t) {
        return "\"" + t.value() + "\"";
    }

    private static String words(List<Name> names) {
        return names.stream().map(n -> " " + n.text()).collect(Collectors.joining());
    }

    private static String nowait(boolean nowait) {
        return nowait ? " nowait" : "";
    }

    private static final FdCall.Visitor<String> FD = new FdCall.Visitor<>() {
        @Override
        public String visitPipe(FdCall.Pipe c) {
            return c.socket() ? "socketpair" : "pipe";
        }

        @Override
        public String visitMkfifo(FdCall.Mkfifo c) {
            return "mkfifo " + str(c.path());
        }

        @Override
        public String visitOpen(FdCall.Open c) {
            return "open " + str(c.path()) + words(c.flags());
        }

        @Override
        public String visitRead(FdCall.Read c) {
            String what = c.size().map(q -> " " + quantity(q)).orElseGet(() -> " into " + ref(c.into().orElseThrow()));
            return "read " + fd(c.fd()) + what + nowait(c.nowait());
        }

        @Override
        public String visitWrite(FdCall.Write c) {
            return "write " + fd(c.fd()) + " " + quantity(c.payload()) + nowait(c.nowait());
        }

        @Override
        public String visitClose(FdCall.Close c) {
            return "close " + fd(c.fd());
        }

        @Override
        public String visitDup(FdCall.Dup c) {
            return "dup " + fd(c.fd());
        }

        @Override
        public String visitLseek(FdCall.Lseek c) {
            return "lseek " + fd(c.fd()) + " " + expr(c.offset()) + " " + c.whence().text();
        }

        @Override
        public String visitFsync(FdCall.Fsync c) {
            return (c.dataOnly() ? "fdatasync " : "fsync ") + fd(c.fd());
        }

        @Override
        public String visitDup2(FdCall.Dup2 c) {
            return "dup2 " + fd(c.from()) + " " + fd(c.to());
        }

        @Override
        public String visitPathCall(FdCall.PathCall c) {
            return c.call() + " " + str(c.path()) + c.target().map(t -> " " + str(t)).orElse("")
                    + c.field().map(f -> " " + f.text()).orElse("");
        }

        @Override
        public String visitFstat(FdCall.Fstat c) {
            return "fstat " + fd(c.fd()) + " " + c.field().text();
        }
    };

    private static final IpcCall.Visitor<String> IPC = new IpcCall.Visitor<>() {
        @Override
        public String visitMsgGet(IpcCall.MsgGet c) {
            return "msgget " + expr(c.key());
        }

        @Override
        public String visitMsgSnd(IpcCall.MsgSnd c) {
            return "msgsnd " + c.queue().text() + " type " + expr(c.type()) + " " + quantity(c.payload())
                    + nowait(c.nowait());
        }

        @Override
        public String visitMsgRcv(IpcCall.MsgRcv c) {
            return "msgrcv " + c.queue().text() + " type " + expr(c.type())
                    + c.into().map(r -> " into " + ref(r)).orElse("") + nowait(c.nowait());
        }

        @Override
        public String visitMsgCtl(IpcCall.MsgCtl c) {
            return "msgctl " + c.queue().text() + " " + c.command().text();
        }

        @Override
        public String visitMqOpen(IpcCall.MqOpen c) {
            return "mq_open " + str(c.path()) + c.options().stream()
                    .map(o -> " " + o.key().text() + " " + quantity(o.value())).collect(Collectors.joining());
        }

        @Override
        public String visitMqSend(IpcCall.MqSend c) {
            return "mq_send " + c.queue().text() + " " + quantity(c.payload())
                    + c.prio().map(p -> " prio " + expr(p)).orElse("") + nowait(c.nowait());
        }

        @Override
        public String visitMqReceive(IpcCall.MqReceive c) {
            return "mq_receive " + c.queue().text() + c.into().map(r -> " into " + ref(r)).orElse("") + nowait(c.nowait());
        }

        @Override
        public String visitMqUnlink(IpcCall.MqUnlink c) {
            return "mq_unlink " + str(c.path());
        }

        @Override
        public String visitShmGet(IpcCall.ShmGet c) {
            return "shmget " + expr(c.key()) + " " + quantity(c.size());
        }

        @Override
        public String visitShmAt(IpcCall.ShmAt c) {
            return "shmat " + c.segment().text() + c.access().map(a -> " " + a.text()).orElse("");
        }

        @Override
        public String visitShmDt(IpcCall.ShmDt c) {
            return "shmdt " + c.region().text();
        }

        @Override
        public String visitShmCtl(IpcCall.ShmCtl c) {
            return "shmctl " + c.segment().text() + " " + c.command().text();
        }

        @Override
        public String visitShmOpen(IpcCall.ShmOpen c) {
            return "shm_open " + str(c.path()) + " " + quantity(c.size());
        }

        @Override
        public String visitShmUnlink(IpcCall.ShmUnlink c) {
            return "shm_unlink " + str(c.path());
        }
    };

    private static final SigCall.Visitor<String> SIG = new SigCall.Visitor<>() {
        @Override
        public String visitKill(SigCall.Kill c) {
            String target = c.target().map(Canonical::ref).orElseGet(() -> expr(c.pid().orElseThrow()));
            return "kill " + target + " " + c.signal().text();
        }

        @Override
        public String visitRaise(SigCall.Raise c) {
            return "raise " + c.signal().text();
        }

        @Override
        public String visitHandler(SigCall.Handler c) {
            return "signal " + c.signal().text() + c.action().map(a -> " " + a.text()).orElse("");
        }

        @Override
        public String visitSigaction(SigCall.Sigaction c) {
            return "sigaction " + c.signal().text() + words(c.flags());
        }

        @Override
        public String visitSigprocmask(SigCall.Sigprocmask c) {
            return "sigprocmask " + c.how().text() + " "
                    + c.signals().stream().map(Name::text).collect(Collectors.joining(", "));
        }

        @Override
        public String visitPause(SigCall.Pause c) {
            return "pause";
        }

        @Override
        public String visitSigsuspend(SigCall.Sigsuspend c) {
            return "sigsuspend" + (c.mask().isEmpty() ? ""
                    : " " + c.mask().stream().map(Name::text).collect(Collectors.joining(", ")));
        }

        @Override
        public String visitAlarm(SigCall.Alarm c) {
            return "alarm " + quantity(c.time());
        }
    };

    // issue 15, the I/O models
    private static final IoCall.Visitor<String> IO = new IoCall.Visitor<>() {
        @Override
        public String visitSelect(IoCall.Select c) {
            return (c.poll() ? "poll " : "select ") + c.fds().stream().map(CallText::fd).collect(Collectors.joining(", "))
                    + c.timeout().map(t -> " timeout " + quantity(t)).orElse("");
        }

        @Override
        public String visitEpollCreate(IoCall.EpollCreate c) {
            return "epoll_create";
        }

        @Override
        public String visitEpollCtl(IoCall.EpollCtl c) {
            return "epoll_ctl " + c.epoll().text() + " " + c.operation().text() + " " + fd(c.fd())
                    + c.events().stream().map(n -> " " + n.text()).collect(Collectors.joining());
        }

        @Override
        public String visitEpollWait(IoCall.EpollWait c) {
            return "epoll_wait " + c.epoll().text() + c.timeout().map(t -> " timeout " + quantity(t)).orElse("");
        }

        @Override
        public String visitFcntl(IoCall.Fcntl c) {
            return "fcntl " + fd(c.fd()) + " " + c.flag().text();
        }

        @Override
        public String visitAioRead(IoCall.AioRead c) {
            return "aio_read " + fd(c.fd()) + " " + quantity(c.size()) + c.signal().map(n -> " notify " + n.text())
                    .orElse("");
        }

        @Override
        public String visitAioSuspend(IoCall.AioSuspend c) {
            return "aio_suspend " + c.request().text();
        }

        @Override
        public String visitAioReturn(IoCall.AioReturn c) {
            return "aio_return " + c.request().text();
        }
    };
}
