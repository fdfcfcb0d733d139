package oss.runtime.kernel.syscall;

import oss.ir.program.FdOp;
import oss.ir.program.IpcOp;
import oss.ir.program.Op;
import oss.ir.program.SigOp;

/**
 * The name strace(1) prints for a statement, or null when the statement is not a system call.
 * Names are the x86-64 kernel's, which is what glibc's wrappers enter: fork(3) is clone,
 * wait/waitpid are wait4, exit(3) is exit_group, mkfifo(3) is mknodat, raise(3) is tgkill,
 * mq_send(3) is mq_timedsend, shm_open(3) is openat on /dev/shm and shm_unlink(3) is unlink.
 * Locks, semaphores, condition variables and barriers live in user space and enter the kernel
 * (futex) only on contention, so they are not counted here; neither are compute, memory
 * accesses, malloc/free (served from the heap already mapped) or the simulator's own statements.
 */
public final class SyscallNames {
    /**
     * Every name {@link #of} gives, and exit (a thread that runs off its end): what
     * {@code expect P.syscalls.NAME} may name. The compiler keeps the same list
     * (ExpectationLowerer.SYSCALL_NAMES); SyscallNamesAgreeTest holds the two together.
     */
    public static final java.util.List<String> ALL = java.util.List.of("alarm", "brk", "chdir", "clock_nanosleep",
            "clone", "close", "dup", "dup2", "epoll_create", "epoll_ctl", "epoll_wait", "execve", "exit",
            "exit_group", "fcntl", "fdatasync", "fsync", "kill", "link", "lseek", "mkdir", "mknodat", "mmap", "mq_open", "mq_timedreceive",
            "mq_timedsend", "mq_unlink", "msgctl", "msgget", "msgrcv", "msgsnd", "msync", "munmap", "newfstatat",
            "openat", "pause", "pipe2", "poll", "read", "rmdir", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn",
            "rt_sigsuspend", "select", "semop", "shmat", "shmctl", "shmdt", "shmget", "socketpair", "symlink", "tgkill",
            "unlink", "vfork", "wait4", "write");

    private SyscallNames() {
    }

    public static String of(Op op) {
        if (op instanceof Op.Fd f) {
            return fd(f.call());
        }
        if (op instanceof Op.Ipc i) {
            return ipc(i.call());
        }
        if (op instanceof Op.Sig s) {
            return sig(s.call());
        }
        if (op instanceof Op.IoModel m) {
            // glibc's aio_* are library calls served by threads of its own: not the caller's system calls
            oss.ir.program.IoOp c = m.call();
            return c instanceof oss.ir.program.IoOp.Select x ? (x.poll() ? "poll" : "select")
                    : c instanceof oss.ir.program.IoOp.EpollCreate ? "epoll_create"
                    : c instanceof oss.ir.program.IoOp.EpollCtl ? "epoll_ctl"
                    : c instanceof oss.ir.program.IoOp.EpollWait ? "epoll_wait"
                    : c instanceof oss.ir.program.IoOp.Fcntl ? "fcntl" : null;
        }
        if (op instanceof Op.Fork || op instanceof Op.Thread || op instanceof Op.Clone) {
            return "clone";
        }
        if (op instanceof Op.VFork) {
            return "vfork";
        }
        if (op instanceof Op.Exec) {
            return "execve";
        }
        if (op instanceof Op.WaitChild || op instanceof Op.WaitAny) {
            return "wait4";
        }
        if (op instanceof Op.Exit) {
            return "exit_group";
        }
        if (op instanceof Op.Sleep) {
            // glibc's sleep and nanosleep enter clock_nanosleep
            return "clock_nanosleep";
        }
        if (op instanceof Op.Mmap) {
            return "mmap";
        }
        if (op instanceof Op.Munmap) {
            return "munmap";
        }
        if (op instanceof Op.Msync) {
            return "msync";
        }
        if (op instanceof Op.Brk) {
            return "brk";
        }
        if (op instanceof Op.SemOp) {
            return "semop";
        }
        return null;
    }

    private static String fd(FdOp c) {
        if (c instanceof FdOp.Pipe p) {
            return p.socket() ? "socketpair" : "pipe2";
        }
        if (c instanceof FdOp.Mkfifo) {
            return "mknodat";
        }
        if (c instanceof FdOp.Open) {
            return "openat";
        }
        if (c instanceof FdOp.Read) {
            return "read";
        }
        if (c instanceof FdOp.Write) {
            return "write";
        }
        if (c instanceof FdOp.Close) {
            return "close";
        }
        if (c instanceof FdOp.Lseek) {
            return "lseek";
        }
        if (c instanceof FdOp.Dup) {
            return "dup";
        }
        if (c instanceof FdOp.Dup2) {
            return "dup2";
        }
        if (c instanceof FdOp.PathCall p) {
            // glibc 2.33 and later enter newfstatat for stat and lstat (AT_SYMLINK_NOFOLLOW) and fstat (AT_EMPTY_PATH)
            return p.kind() == FdOp.PathKind.STAT || p.kind() == FdOp.PathKind.LSTAT ? "newfstatat" : p.kind().word();
        }
        if (c instanceof FdOp.Fstat) {
            return "newfstatat";
        }
        if (c instanceof FdOp.Fsync f) {
            return f.dataOnly() ? "fdatasync" : "fsync";
        }
        return null;
    }

    private static String ipc(IpcOp c) {
        if (c instanceof IpcOp.MsgGet) {
            return "msgget";
        }
        if (c instanceof IpcOp.MsgSnd) {
            return "msgsnd";
        }
        if (c instanceof IpcOp.MsgRcv) {
            return "msgrcv";
        }
        if (c instanceof IpcOp.MsgRmid) {
            return "msgctl";
        }
        if (c instanceof IpcOp.MqOpen) {
            return "mq_open";
        }
        if (c instanceof IpcOp.MqSend) {
            return "mq_timedsend";
        }
        if (c instanceof IpcOp.MqReceive) {
            return "mq_timedreceive";
        }
        if (c instanceof IpcOp.MqUnlink) {
            return "mq_unlink";
        }
        if (c instanceof IpcOp.ShmGet) {
            return "shmget";
        }
        if (c instanceof IpcOp.ShmAt) {
            return "shmat";
        }
        if (c instanceof IpcOp.ShmDt) {
            return "shmdt";
        }
        if (c instanceof IpcOp.ShmRmid) {
            return "shmctl";
        }
        if (c instanceof IpcOp.ShmOpen) {
            return "openat";
        }
        if (c instanceof IpcOp.ShmUnlink) {
            return "unlink";
        }
        return null;
    }

    private static String sig(SigOp c) {
        if (c instanceof SigOp.Kill) {
            return "kill";
        }
        if (c instanceof SigOp.Raise) {
            return "tgkill";
        }
        if (c instanceof SigOp.Action) {
            return "rt_sigaction";
        }
        if (c instanceof SigOp.Mask) {
            return "rt_sigprocmask";
        }
        if (c instanceof SigOp.Pause) {
            return "pause";
        }
        if (c instanceof SigOp.Sigsuspend) {
            return "rt_sigsuspend";
        }
        if (c instanceof SigOp.Alarm) {
            return "alarm";
        }
        if (c instanceof SigOp.Sigreturn) {
            return "rt_sigreturn";
        }
        return null;
    }
}
