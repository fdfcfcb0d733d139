package oss.runtime.kernel.syscall;

import oss.ir.program.FdOp;
import oss.ir.program.Op;
import oss.runtime.kernel.Task;
import oss.runtime.kernel.fs.FdCalls;

/**
 * The arguments strace prints for a call, as far as the scenario knows them: descriptors by
 * number, sizes in bytes, paths and flags; a buffer is {@code ...} (contents are not simulated).
 * Calls this does not know print {@code ...}: a new call shows in the trace before it is taught here.
 */
final class SyscallArgs {
    private SyscallArgs() {
    }

    static String of(Task t, Op op) {
        if (op instanceof Op.Fd f) {
            return fd(t, f.call());
        }
        if (op instanceof Op.Exit e) {
            return Integer.toString(e.status());
        }
        if (op instanceof Op.Sleep s) {
            return "CLOCK_REALTIME, 0, {tv_sec=" + s.ns() / 1_000_000_000L + ", tv_nsec=" + s.ns() % 1_000_000_000L
                    + "}, NULL";
        }
        if (op instanceof Op.Mmap m) {
            return "NULL, " + m.bytes() + ", ..., " + (m.shared() ? "MAP_SHARED" : "MAP_PRIVATE") + ", ...";
        }
        if (op instanceof Op.WaitChild w) {
            return slot(t, w.slot()) + ", ..., 0, NULL";
        }
        if (op instanceof Op.WaitAny) {
            return "-1, ..., 0, NULL";
        }
        return "...";
    }

    private static long slot(Task t, int slot) {
        return slot >= 0 && slot < t.slots.length ? t.slots[slot] : -1;
    }

    /** The result a call keeps in the statement's own variable (open's descriptor, dup's), or null. */
    static Long kept(Task t, Op op) {
        // fork, vfork, clone and thread: the child's pid (the parent's return); wait: the reaped
        // child's; mmap: the address, or MAP_FAILED (-1)
        int child = op instanceof Op.Fork f ? f.slot() : op instanceof Op.VFork v ? v.slot()
                : op instanceof Op.Clone c ? c.slot() : op instanceof Op.Thread th ? th.slot()
                : op instanceof Op.WaitChild w ? w.slot() : op instanceof Op.Mmap m ? m.slot() : -1;
        if (child >= 0 && child < t.slots.length) {
            return t.slots[child];
        }
        if (op instanceof Op.Fd f) {
            FdOp c = f.call();
            int slot = c instanceof FdOp.Open o ? o.slot() : c instanceof FdOp.Dup d ? d.newSlot()
                    : c instanceof FdOp.Dup2 d2 ? d2.newSlot() : -1;
            if (slot >= 0 && slot < t.slots.length) {
                return t.slots[slot] < 0 ? -1L : t.slots[slot];
            }
            if (c instanceof FdOp.Pipe p && p.slot() >= 0 && p.slot() < t.slots.length) {
                return t.slots[p.slot()] < 0 ? -1L : 0L;
            }
        }
        return null;
    }

    private static String fd(Task t, FdOp c) {
        if (c instanceof FdOp.Read r) {
            return FdCalls.fd(t, r.slot(), r.end()) + ", ..., " + r.bytes();
        }
        if (c instanceof FdOp.Write w) {
            return FdCalls.fd(t, w.slot(), w.end()) + ", ..., " + w.bytes();
        }
        if (c instanceof FdOp.Close x) {
            return Long.toString(FdCalls.fd(t, x.slot(), x.end()));
        }
        if (c instanceof FdOp.Lseek l) {
            return FdCalls.fd(t, l.slot(), l.end()) + ", " + l.offset() + ", "
                    + (l.whence() == FdOp.SEEK_SET ? "SEEK_SET" : l.whence() == FdOp.SEEK_CUR ? "SEEK_CUR" : "SEEK_END");
        }
        if (c instanceof FdOp.Dup d) {
            return Long.toString(FdCalls.fd(t, d.slot(), d.end()));
        }
        if (c instanceof FdOp.Dup2 d) {
            return FdCalls.fd(t, d.fromSlot(), d.fromEnd()) + ", " + FdCalls.fd(t, d.slot(), d.end());
        }
        if (c instanceof FdOp.Open o) {
            return "AT_FDCWD, \"" + o.path() + "\", " + flags(o.flags());
        }
        if (c instanceof FdOp.Pipe p) {
            long v = p.slot() >= 0 && p.slot() < t.slots.length ? t.slots[p.slot()] : -1;
            String fds = v < 0 ? "..." : "[" + (v & 0xffffffffL) + ", " + (v >>> 32) + "]";
            return p.socket() ? "AF_UNIX, SOCK_STREAM, 0, " + fds : fds + ", 0"; // socketpair(2), pipe2(2)
        }
        if (c instanceof FdOp.Mkfifo m) {
            return "AT_FDCWD, \"" + m.path() + "\", S_IFIFO|0666";
        }
        return "...";
    }

    private static String flags(int f) {
        StringBuilder sb = new StringBuilder(switch (f & 3) {
            case FdOp.O_WRONLY -> "O_WRONLY";
            case FdOp.O_RDWR -> "O_RDWR";
            default -> "O_RDONLY";
        });
        if ((f & FdOp.O_CREAT) != 0) {
            sb.append("|O_CREAT");
        }
        if ((f & FdOp.O_TRUNC) != 0) {
            sb.append("|O_TRUNC");
        }
        if ((f & FdOp.O_APPEND) != 0) {
            sb.append("|O_APPEND");
        }
        if ((f & FdOp.O_NONBLOCK) != 0) {
            sb.append("|O_NONBLOCK");
        }
        return sb.toString();
    }
}
