package oss.runtime.kernel.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import oss.ir.program.Cell;
import oss.ir.program.FdOp;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.ir.program.Vals;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * The descriptor system calls (fs/open.c, fs/file.c) and what the rest of the kernel tells this
 * subsystem: a new task's table (fork copies it, threads share it), a task's exit (its descriptors
 * close when the last user of its table goes), and, for the wait-for graph, who still holds the
 * ends a sleeper waits for. The pipe calls themselves are {@link PipeCalls}.
 *
 * <p>A pipe variable's slot holds both descriptors, the write end's in the high half; a descriptor
 * from open is the slot's value; -1 when the call failed.
 */
public final class FdCalls {
    private final Core k;
    private final PipeCalls pipes;
    private final Vfs vfs;
    private final PathCalls paths;
    /** The opens whose descriptor was found open at an exit: one OSS2910 each. */
    private final java.util.Set<Span> leaked = new java.util.HashSet<>();

    /** The declared devices' driver (kernel.io): open, read and write of a device are its. */
    private final oss.runtime.kernel.io.DeviceCalls devices;

    public FdCalls(Core k, long pipeBuffer, List<oss.ir.program.FileDecl> files,
                   oss.runtime.kernel.io.DeviceCalls devices) {
        this.k = k;
        this.devices = devices;
        this.vfs = new Vfs(k, files);
        this.paths = new PathCalls(vfs);
        this.pipes = new PipeCalls(k, pipeBuffer);
        // a handled signal ends these sleeps (signal(7): restarted with SA_RESTART, else EINTR)
        oss.runtime.kernel.Interrupts.WaitQueue pipeQueue = new oss.runtime.kernel.Interrupts.WaitQueue() {
            @Override
            public void dequeue(Task t, int index) {
                Pipe p = pipes.pipes.get(index);
                p.readWait.remove(t.pid);
                p.writeWait.remove(t.pid);
            }

            @Override
            public void eintr(Task t, Op op) {
                long written = t.pipeWritten;
                t.pipeWritten = 0;
                Cell result = null;
                if (op instanceof Op.Fd fd && fd.call() instanceof FdOp.Read r) {
                    result = r.result();
                    if (r.got() != null) {
                        t.slots[r.got().base()] = 0;
                    }
                } else if (op instanceof Op.Fd fd && fd.call() instanceof FdOp.Write w) {
                    result = w.result();
                }
                t.syscalls.errno(written > 0 ? null : "EINTR");
                PipeCalls.done(t, result, written > 0 ? written : -1);
            }
        };
        k.interrupts().register(Task.Blocker.PIPE_READ, pipeQueue);
        k.interrupts().register(Task.Blocker.PIPE_WRITE, pipeQueue);
        k.interrupts().register(Task.Blocker.FIFO_OPEN, new oss.runtime.kernel.Interrupts.WaitQueue() {
            @Override
            public void dequeue(Task t, int index) {
                pipes.forgetOpen(t, FdCalls.this); // fifo_open's error path gives back the end it counted
            }

            @Override
            public void eintr(Task t, Op op) {
                if (op instanceof Op.Fd fd && fd.call() instanceof FdOp.Open o && o.slot() >= 0) {
                    t.slots[o.slot()] = -1;
                }
                t.next();
            }
        });
    }

    /** Runs one call for the running {@code t}; false when it left the CPU (it sleeps or a signal ended it). */
    public boolean call(Task t, Op.Fd op) {
        Span at = op.span();
        return op.call().accept(new FdOp.Visitor<Boolean>() {
            @Override
            public Boolean visitPipe(FdOp.Pipe c) {
                return pipes.pipe(t, c, at);
            }

            @Override
            public Boolean visitMkfifo(FdOp.Mkfifo c) {
                return pipes.mkfifo(t, c, at);
            }

            @Override
            public Boolean visitOpen(FdOp.Open c) {
                if (devices.lookup(c.path()) != null) {
                    return install(t, devices.open(t, c, at), c, at);
                }
                if (pipes.fifos.containsKey(c.path())) {
                    return pipes.open(t, c, at);
                }
                OpenFile f = vfs.open(t, c, at);
                if (f == null) {
                    return pipes.open(t, c, at); // no such name: ENOENT, said as before FIFOs and files
                }
                if (f == Vfs.FAILED) {
                    if (c.slot() >= 0) {
                        t.slots[c.slot()] = -1;
                    }
                    return true;
                }
                return openFile(t, c, f, at);
            }

            @Override
            public Boolean visitPathCall(FdOp.PathCall c) {
                return paths.call(t, c, at, pipes);
            }

            @Override
            public Boolean visitFstat(FdOp.Fstat c) {
                return paths.fstat(t, t.files.get(fd(t, c.slot(), c.end())), c, at);
            }

            @Override
            public Boolean visitRead(FdOp.Read c) {
                OpenFile f = t.files.get(fd(t, c.slot(), c.end()));
                // stdin is the terminal: when the scenario declares "/dev/tty", that device's driver serves it
                oss.runtime.kernel.io.CharDevice dev = devices.deviceOf(f);
                if (dev != null || f != null && f.device != null) {
                    return devices.read(t, dev, f, c, at);
                }
                if (f != null && f.inode != null && f.reads) {
                    return vfs.read(t, f, c, at);
                }
                return pipes.read(t, f, c, at);
            }

            @Override
            public Boolean visitWrite(FdOp.Write c) {
                OpenFile f = t.files.get(fd(t, c.slot(), c.end()));
                if (f != null && f.device != null) {
                    return devices.write(t, f, c, at);
                }
                if (f != null && f.inode != null && f.writes) {
                    return vfs.write(t, f, c, at);
                }
                return pipes.write(t, t.files.get(fd(t, c.slot(), c.end())), c, at, privateCells(t));
            }

            @Override
            public Boolean visitDup(FdOp.Dup c) {
                long old = fd(t, c.slot(), c.end());
                OpenFile f = t.files.get(old);
                int fd = f == null ? -1 : t.files.install(f);
                if (c.newSlot() >= 0) {
                    t.slots[c.newSlot()] = fd;
                }
                if (f == null || fd < 0) {
                    pipes.failed(t, null, at, "dup", f == null ? "EBADF: the descriptor is not open (closed, or its open"
                            + " failed)" : "EMFILE: every descriptor is in use");
                    return true;
                }
                f.refs++; // one more descriptor refers to the same struct file (get_file)
                k.facts().record(at, t, k.now(), "dup", "descriptor " + fd + " now refers to what " + old + " does ("
                        + f.describe() + "): one offset for both", List.of());
                t.next();
                return true;
            }

            @Override
            public Boolean visitDup2(FdOp.Dup2 c) {
                return dup2(t, c, at);
            }

            @Override
            public Boolean visitFsync(FdOp.Fsync c) {
                return vfs.fsync(t, t.files.get(fd(t, c.slot(), c.end())), c, at, pipes);
            }

            @Override
            public Boolean visitLseek(FdOp.Lseek c) {
                OpenFile f = t.files.get(fd(t, c.slot(), c.end()));
                return vfs.lseek(t, f, c, at, pipes);
            }

            @Override
            public Boolean visitClose(FdOp.Close c) {
                long fd = fd(t, c.slot(), c.end());
                OpenFile f = t.files.remove(fd);
                if (f == null) {
                    k.facts().record(at, t, k.now(), "close", "descriptor not open: close fails with EBADF", List.of());
                } else {
                    k.facts().record(at, t, k.now(), "close", "descriptor " + fd + " (" + f.describe() + ") closed"
                            + (f.refs > 1 ? "; " + (f.refs - 1) + " other descriptor(s) in other processes still"
                            + " refer to it" : ""), List.of());
                    put(f);
                }
                t.syscalls.returned(f == null ? -1 : 0); // for strace's line and errors column
                t.syscalls.errno(f == null ? "EBADF" : null);
                t.next();
                return true;
            }
        });
    }

    /**
     * dup2(2): newfd refers to oldfd's open file, newfd's own file released first (silently, as
     * dup2 does, so an error closing it is lost); oldfd == newfd does nothing and returns newfd;
     * EBADF when oldfd is not open or newfd is out of range. One step, so no other task sees newfd
     * closed in between (the race dup2 exists to avoid, against close then dup).
     */
    private boolean dup2(Task t, FdOp.Dup2 c, Span at) {
        long old = fd(t, c.fromSlot(), c.fromEnd());
        long to = fd(t, c.slot(), c.end());
        OpenFile f = t.files.get(old);
        if (f == null || to < 0 || to >= FdTable.NOFILE) {
            if (c.newSlot() >= 0) {
                t.slots[c.newSlot()] = -1;
            }
            pipes.failed(t, null, at, "dup2", f == null ? "EBADF: the descriptor to copy is not open (closed, or its"
                    + " open failed)" : "EBADF: the target is no descriptor (its open failed)");
            return true;
        }
        if (c.newSlot() >= 0) {
            t.slots[c.newSlot()] = to;
        }
        if (old == to) {
            k.facts().record(at, t, k.now(), "dup2", "descriptor " + to + " already refers to " + f.describe()
                    + ": nothing to do", List.of());
            t.next();
            return true;
        }
        f.refs++;
        OpenFile was = t.files.installAt((int) to, f);
        k.facts().record(at, t, k.now(), "dup2", "descriptor " + to + " now refers to what " + old + " does ("
                + f.describe() + ")" + (was == null ? "" : "; " + was.describe() + " was closed on it first"), List.of());
        if (was != null) {
            put(was);
        }
        t.next();
        return true;
    }

    /** A regular file's open: the lowest free descriptor, or -1 with EMFILE. */
    private boolean openFile(Task t, FdOp.Open c, OpenFile f, Span at) {
        return install(t, f, c, at);
    }

    /** A regular file's or a device's open file gets the lowest free descriptor, or -1 with EMFILE. */
    private boolean install(Task t, OpenFile f, FdOp.Open c, Span at) {
        f.openedAt = at;
        int fd = t.files.install(f);
        if (c.slot() >= 0) {
            t.slots[c.slot()] = fd;
        }
        if (fd < 0) {
            put(f);
        }
        k.facts().record(at, t, k.now(), "open", fd < 0 ? "open fails with EMFILE: every descriptor is in use"
                : f.describe() + (f.device != null ? "" : f.created ? ", created empty" : ", size " + f.inode.size)
                + ": descriptor " + fd,
                List.of());
        t.next();
        return true;
    }

    /** The page cache regular files are read and written through; null in a run without memory. */
    public void pageCache(oss.runtime.kernel.mm.Filemap cache) {
        vfs.cache = cache;
    }

    /** The file system, for views and expectations. */
    public Vfs vfs() {
        return vfs;
    }

    /** The descriptor a slot and an end name in {@code t}; -1 when the call that set it failed. */
    public static long fd(Task t, int slot, int end) {
        if (end == FdOp.STD) {
            return slot;
        }
        if (slot < 0 || slot >= t.slots.length) {
            return -1;
        }
        long v = t.slots[slot];
        if (v < 0) {
            return -1;
        }
        return switch (end) {
            case FdOp.READ_END -> v & 0xffffffffL;
            case FdOp.WRITE_END -> v >>> 32;
            default -> v;
        };
    }

    /** The pipe {@code t}'s slot and end name now, or null: for happens-before edges and hovers. */
    public static Pipe pipeOf(Task t, int slot, int end) {
        OpenFile f = t.files.get(fd(t, slot, end));
        return f == null ? null : f.pipe;
    }

    /** The pipe a write on {@code t}'s slot and end goes to: its peer's queue for an end of a socket pair. */
    public static Pipe sendPipeOf(Task t, int slot, int end) {
        OpenFile f = t.files.get(fd(t, slot, end));
        return f == null ? null : f.sendTo != null ? f.sendTo : f.pipe;
    }

    /** An int payload reads only private temporaries (the lowering loads shared variables first). */
    private static Vals.Memory privateCells(Task t) {
        return (Cell c, int index) -> (int) t.slots[c.base() + index];
    }

    /**
     * fput: one descriptor fewer refers to {@code f}; the last one releases it, closing its end of
     * the pipe: the last write end wakes the readers (end of file), the last read end the writers
     * (SIGPIPE).
     */
    void put(OpenFile f) {
        if (--f.refs > 0) {
            return;
        }
        Pipe p = f.pipe;
        if (p == null) {
            vfs.closed(f.inode); // a file has no readers or writers to wake; an unlinked one may go now
            return;
        }
        if (f.sendTo != null) {
            // an end of a socket pair: it no longer reads its queue (the peer's writes get EPIPE) nor
            // writes the peer's (the peer's reads get end of file)
            p.readers--;
            f.sendTo.writers--;
            if (p.readers == 0) {
                pipes.wakeAll(p.writeWait, Task.Blocker.PIPE_WRITE, p);
            }
            if (f.sendTo.writers == 0) {
                pipes.wakeAll(f.sendTo.readWait, Task.Blocker.PIPE_READ, f.sendTo);
            }
            return;
        }
        if (f.reads) {
            p.readers--;
        }
        if (f.writes) {
            p.writers--;
        }
        if (f.reads && p.readers == 0) {
            pipes.wakeAll(p.writeWait, Task.Blocker.PIPE_WRITE, p);
        }
        if (f.writes && p.writers == 0) {
            pipes.wakeAll(p.readWait, Task.Blocker.PIPE_READ, p);
        }
        if (p.fifo && p.readers == 0 && p.writers == 0) {
            p.drop();
        }
    }

    /** A new task's descriptors: {@code share} for threads and {@code clone files}, else a copy (dup_fd). */
    public void forked(Task parent, Task child, boolean share) {
        child.files = parent.files.inherit(share);
        vfs.forked(parent, child, share);
    }

    /** {@code t} exits (exit_files): when no other task uses its table, every descriptor in it closes. */
    public void exited(Task t) {
        pipes.forgetOpen(t, this);
        FdTable table = t.files;
        t.files = new FdTable();
        if (!table.release()) {
            return;
        }
        for (int fd : table.open()) {
            OpenFile f = table.remove(fd);
            // 0, 1 and 2 are left for exit to close by convention, even after a dup2 onto them (ls > out)
            if (fd >= FdTable.STDIO && f.inode != null && f.openedAt != null && leaked.add(f.openedAt)) {
                k.findings().add(oss.ir.diag.Code.FD_LEAKED, f.openedAt, t + " exits with descriptor " + fd + " ("
                        + f.describe() + ") still open: the kernel closes it at exit, but a program that runs on keeps"
                        + " it until then, and one that opens in a loop runs out of descriptors (EMFILE); add `close`");
            }
            put(f);
        }
    }

    /**
     * For the wait-for graph: who could end {@code t}'s sleep on a pipe. A reader waits for every
     * task that still holds a write end (one of them may write, or all may close it); a writer for
     * the holders of read ends; a FIFO's opener for whoever may still open it. Says so in
     * {@code t.blockedOn} as well, in the user's words, since who holds what changed since it slept.
     */
    public List<Integer> waitsFor(Task t, int taskCount, IntFunction<Task> tasks) {
        Pipe p = pipes.pipes.get(t.blockerIndex);
        List<Integer> out = new ArrayList<>();
        if (t.blocker == Task.Blocker.FIFO_OPEN) {
            String path = p.name.substring("FIFO \"".length(), p.name.length() - 1);
            for (int pid = 2; pid < taskCount; pid++) {
                Task o = tasks.apply(pid);
                if (o != t && o.alive() && o.mayReach(op -> op instanceof Op.Fd fd
                        && fd.call() instanceof FdOp.Open open && open.path().equals(path))) {
                    out.add(pid);
                }
            }
            return out;
        }
        boolean reader = t.blocker == Task.Blocker.PIPE_READ;
        List<String> holders = new ArrayList<>();
        for (int pid = 2; pid < taskCount; pid++) {
            Task o = tasks.apply(pid);
            if (o.alive() && o.files.holds(p, reader)) {
                // its own end cannot help it while it sleeps (as a semaphore's sleeper cannot post)
                if (o != t) {
                    out.add(pid);
                }
                holders.add(o == t ? "itself" : o.toString());
            }
        }
        t.blockedOn = p.name + " (" + (reader ? "empty" : "full") + "): " + (reader ? "write" : "read") + " ends still"
                + " open in " + String.join(", ", holders);
        return out;
    }

    /** "pipe p: 12 KiB of 64 KiB buffered" for the pipe {@code t}'s slot names, or null. */
    public static String fill(Task t, int slot, int end) {
        Pipe p = pipeOf(t, slot, end);
        return p == null ? null : p.name + ": " + p.fill();
    }
}
