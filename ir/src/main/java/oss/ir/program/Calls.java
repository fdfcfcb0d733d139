package oss.ir.program;

/**
 * What every engine asks of a call of the three families of "Processes that talk" without
 * knowing its meaning: its system call's name (for messages, traces and {@code strace}-like
 * counts) and whether it may put the caller to sleep. One place, so the compiler's checks, the
 * kernel and the explorer agree.
 */
public final class Calls {
    private Calls() {}

    /** The system call's name as a man page writes it: {@code read}, {@code msgrcv}, {@code sigaction}. */
    public static String name(Op op) {
        if (op instanceof Op.Fd f) {
            return f.call().accept(FD_NAME);
        }
        if (op instanceof Op.Ipc i) {
            return i.call().accept(IPC_NAME);
        }
        if (op instanceof Op.Sig s) {
            return s.call().accept(SIG_NAME);
        }
        if (op instanceof Op.IoModel m) {
            return m.call().accept(IO_NAME);
        }
        throw new IllegalArgumentException("not a call of issue 14's families: " + op);
    }

    /**
     * Whether the call may sleep: a read of an empty pipe, a write to a full one, opening a FIFO,
     * a receive from an empty queue, a send to a full one, pause and sigsuspend. With
     * {@code nowait} (O_NONBLOCK, IPC_NOWAIT) none of them sleeps.
     */
    public static boolean mayBlock(Op op) {
        if (op instanceof Op.Fd f) {
            FdOp c = f.call();
            return c instanceof FdOp.Read r ? !r.nowait()
                    : c instanceof FdOp.Write w ? !w.nowait()
                    : c instanceof FdOp.Open o && (o.flags() & FdOp.O_NONBLOCK) == 0;
        }
        if (op instanceof Op.Ipc i) {
            IpcOp c = i.call();
            return c instanceof IpcOp.MsgSnd s ? !s.nowait()
                    : c instanceof IpcOp.MsgRcv r ? !r.nowait()
                    : c instanceof IpcOp.MqSend s ? !s.nowait()
                    : c instanceof IpcOp.MqReceive r && !r.nowait();
        }
        if (op instanceof Op.Sig s) {
            return s.call() instanceof SigOp.Pause || s.call() instanceof SigOp.Sigsuspend;
        }
        if (op instanceof Op.IoModel m) {
            // the readiness calls sleep unless their timeout is 0; aio_suspend until the request is done
            IoOp c = m.call();
            return c instanceof IoOp.Select x ? x.timeoutNs() != 0
                    : c instanceof IoOp.EpollWait w ? w.timeoutNs() != 0
                    : c instanceof IoOp.AioSuspend;
        }
        return false;
    }

    private static final IoOp.Visitor<String> IO_NAME = new IoOp.Visitor<>() {
        @Override
        public String visitSelect(IoOp.Select op) {
            return op.poll() ? "poll" : "select";
        }

        @Override
        public String visitEpollCreate(IoOp.EpollCreate op) {
            return "epoll_create";
        }

        @Override
        public String visitEpollCtl(IoOp.EpollCtl op) {
            return "epoll_ctl";
        }

        @Override
        public String visitEpollWait(IoOp.EpollWait op) {
            return "epoll_wait";
        }

        @Override
        public String visitFcntl(IoOp.Fcntl op) {
            return "fcntl";
        }

        @Override
        public String visitAioRead(IoOp.AioRead op) {
            return "aio_read";
        }

        @Override
        public String visitAioSuspend(IoOp.AioSuspend op) {
            return "aio_suspend";
        }

        @Override
        public String visitAioReturn(IoOp.AioReturn op) {
            return "aio_return";
        }
    };

    private static final FdOp.Visitor<String> FD_NAME = new FdOp.Visitor<>() {
        @Override
        public String visitPipe(FdOp.Pipe op) {
            return op.socket() ? "socketpair" : "pipe";
        }

        @Override
        public String visitMkfifo(FdOp.Mkfifo op) {
            return "mkfifo";
        }

        @Override
        public String visitOpen(FdOp.Open op) {
            return "open";
        }

        @Override
        public String visitRead(FdOp.Read op) {
            return "read";
        }

        @Override
        public String visitWrite(FdOp.Write op) {
            return "write";
        }

        @Override
        public String visitClose(FdOp.Close op) {
            return "close";
        }

        @Override
        public String visitDup(FdOp.Dup op) {
            return "dup";
        }

        @Override
        public String visitLseek(FdOp.Lseek op) {
            return "lseek";
        }

        @Override
        public String visitDup2(FdOp.Dup2 op) {
            return "dup2";
        }

        @Override
        public String visitFsync(FdOp.Fsync op) {
            return op.dataOnly() ? "fdatasync" : "fsync";
        }

        @Override
        public String visitPathCall(FdOp.PathCall op) {
            return op.kind().word();
        }

        @Override
        public String visitFstat(FdOp.Fstat op) {
            return "fstat";
        }
    };

    private static final IpcOp.Visitor<String> IPC_NAME = new IpcOp.Visitor<>() {
        @Override
        public String visitMsgGet(IpcOp.MsgGet op) {
            return "msgget";
        }

        @Override
        public String visitMsgSnd(IpcOp.MsgSnd op) {
            return "msgsnd";
        }

        @Override
        public String visitMsgRcv(IpcOp.MsgRcv op) {
            return "msgrcv";
        }

        @Override
        public String visitMsgRmid(IpcOp.MsgRmid op) {
            return "msgctl";
        }

        @Override
        public String visitMqOpen(IpcOp.MqOpen op) {
            return "mq_open";
        }

        @Override
        public String visitMqSend(IpcOp.MqSend op) {
            return "mq_send";
        }

        @Override
        public String visitMqReceive(IpcOp.MqReceive op) {
            return "mq_receive";
        }

        @Override
        public String visitMqUnlink(IpcOp.MqUnlink op) {
            return "mq_unlink";
        }

        @Override
        public String visitShmGet(IpcOp.ShmGet op) {
            return "shmget";
        }

        @Override
        public String visitShmAt(IpcOp.ShmAt op) {
            return "shmat";
        }

        @Override
        public String visitShmDt(IpcOp.ShmDt op) {
            return "shmdt";
        }

        @Override
        public String visitShmRmid(IpcOp.ShmRmid op) {
            return "shmctl";
        }

        @Override
        public String visitShmOpen(IpcOp.ShmOpen op) {
            return "shm_open";
        }

        @Override
        public String visitShmUnlink(IpcOp.ShmUnlink op) {
            return "shm_unlink";
        }
    };

    private static final SigOp.Visitor<String> SIG_NAME = new SigOp.Visitor<>() {
        @Override
        public String visitKill(SigOp.Kill op) {
            return "kill";
        }

        @Override
        public String visitRaise(SigOp.Raise op) {
            return "raise";
        }

        @Override
        public String visitAction(SigOp.Action op) {
            return "sigaction";
        }

        @Override
        public String visitMask(SigOp.Mask op) {
            return "sigprocmask";
        }

        @Override
        public String visitPause(SigOp.Pause op) {
            return "pause";
        }

        @Override
        public String visitSigsuspend(SigOp.Sigsuspend op) {
            return "sigsuspend";
        }

        @Override
        public String visitAlarm(SigOp.Alarm op) {
            return "alarm";
        }

        @Override
        public String visitSigreturn(SigOp.Sigreturn op) {
            return "rt_sigreturn";
        }
    };
}
