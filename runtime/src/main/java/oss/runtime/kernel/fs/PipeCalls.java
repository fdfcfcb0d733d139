package oss.runtime.kernel.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.FdOp;
import oss.ir.program.Signal;
import oss.ir.program.Span;
import oss.ir.program.Vals;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * pipe(2), mkfifo(3), a FIFO's open(2), and read(2)/write(2) on a pipe, as fs/pipe.c and fs/fifo.c
 * do them (pipe(7), fifo(7)). A reader of an empty pipe sleeps while a write end is open anywhere;
 * a writer sleeps while its data does not fit (all of it for a write of at most PIPE_BUF, which is
 * atomic; what fits for a larger one, which goes in pieces and may interleave with others). A
 * sleeper is woken when the pipe changes and runs its call again, as pipe_read and pipe_write loop.
 */
final class PipeCalls {
    private final Core k;
    private final long capacity;
    /** Every pipe and FIFO of the run, by id. */
    final List<Pipe> pipes = new ArrayList<>();
    /** The FIFOs by name (the file system's part of them; issue 15 makes these inodes). */
    final TreeMap<String, Pipe> fifos = new TreeMap<>();
    /** A FIFO opener asleep in wait_for_partner: its open file, the count it waits to move, its slot. */
    private final TreeMap<Integer, Object[]> opening = new TreeMap<>();
    /** Statements already warned about, once each. */
    private final java.util.Set<Span> warned = new java.util.HashSet<>();

    PipeCalls(Core k, long capacity) {
        this.k = k;
        this.capacity = capacity;
    }

    boolean pipe(Task t, FdOp.Pipe op, Span at) {
        if (t.files.free() < 2) {
            t.slots[op.slot()] = -1;
            warn(at, t + ": " + (op.socket() ? "socketpair" : "pipe") + " fails with EMFILE: every descriptor up to "
                    + (FdTable.NOFILE - 1) + " is in use");
            t.next();
            return true;
        }
        if (op.socket()) {
            return socketpair(t, op, at);
        }
        Pipe p = new Pipe(pipes.size(), "pipe " + op.name(), capacity, false);
        pipes.add(p);
        p.readers = 1;
        p.writers = 1;
        int r = t.files.install(new OpenFile(p, true, false, false));
        int w = t.files.install(new OpenFile(p, false, true, false));
        t.slots[op.slot()] = (long) w << 32 | r;
        k.facts().record(at, t, k.now(), "pipe", p.name + ": descriptors " + r + " (read end) and " + w
                + " (write end), a buffer of " + Pipe.size(capacity), List.of());
        t.next();
        return true;
    }

    /**
     * socketpair(2), AF_UNIX SOCK_STREAM: two connected sockets, each with a receive queue the other
     * sends to (unix(7)). Each queue is a pipe buffer here: the same capacity (pipe_buffer) and the
     * same rules for a read of an empty queue (sleep, EAGAIN, or end of file once the peer is closed)
     * and a write with the peer closed (EPIPE and SIGPIPE). Descriptor s[0] sits where a pipe's read
     * end does, s[1] where its write end does.
     */
    private boolean socketpair(Task t, FdOp.Pipe op, Span at) {
        Pipe a = new Pipe(pipes.size(), "socket " + op.name() + "[0]", capacity, false);
        pipes.add(a);
        Pipe b = new Pipe(pipes.size(), "socket " + op.name() + "[1]", capacity, false);
        pipes.add(b);
        a.readers = 1;
        a.writers = 1;
        b.readers = 1;
        b.writers = 1;
        int first = t.files.install(new OpenFile(a, b, true, true, false));
        int second = t.files.install(new OpenFile(b, a, true, true, false));
        t.slots[op.slot()] = (long) second << 32 | first;
        k.facts().record(at, t, k.now(), "socketpair", "descriptors " + first + " (" + op.name() + "[0]) and " + second
                + " (" + op.name() + "[1]): connected AF_UNIX stream sockets, each receiving into a buffer of "
                + Pipe.size(capacity), List.of());
        t.next();
        return true;
    }

    boolean mkfifo(Task t, FdOp.Mkfifo op, Span at) {
        if (fifos.containsKey(op.path())) {
            k.facts().record(at, t, k.now(), "mkfifo", "\"" + op.path() + "\" exists already: mkfifo fails with EEXIST",
                    List.of());
        } else {
            Pipe p = new Pipe(pipes.size(), "FIFO \"" + op.path() + "\"", capacity, true);
            pipes.add(p);
            fifos.put(op.path(), p);
            k.facts().record(at, t, k.now(), "mkfifo", p.name + " made", List.of());
        }
        t.next();
        return true;
    }

    /**
     * unlink of a FIFO's name (FIFOs' names are kept here, as mkfifo wrote them, apart from the file
     * system's tree): the name goes, so a later open is ENOENT; ends already open keep the pipe.
     */
    boolean unlinkFifo(String path) {
        return fifos.remove(path) != null;
    }

    /** fifo_open: counts the new end, wakes the other side's openers, and waits for a partner unless nonblocking. */
    boolean open(Task t, FdOp.Open op, Span at) {
        Pipe p = fifos.get(op.path());
        if (p == null) {
            setSlot(t, op.slot(), -1);
            warn(at, t + ": open \"" + op.path() + "\" fails with ENOENT: no file of that name (a `file` line"
                    + " or an open with O_CREAT) and no FIFO (mkfifo) was made before it");
            t.next();
            return true;
        }
        int mode = op.flags() & 3;
        boolean nonblock = (op.flags() & FdOp.O_NONBLOCK) != 0;
        boolean reads = mode != FdOp.O_WRONLY;
        boolean writes = mode != FdOp.O_RDONLY;
        if (t.files.free() < 1) {
            setSlot(t, op.slot(), -1);
            warn(at, t + ": open fails with EMFILE: every descriptor is in use");
            t.next();
            return true;
        }
        if (writes && !reads && nonblock && p.readers == 0) {
            setSlot(t, op.slot(), -1);
            k.facts().record(at, t, k.now(), "open", p.name + ": no reader has it open, so a nonblocking open for"
                    + " writing fails with ENXIO", List.of());
            t.next();
            return true;
        }
        OpenFile f = new OpenFile(p, reads, writes, nonblock);
        if (reads) {
            p.readOpens++;
            p.readers++;
        }
        if (writes) {
            p.writeOpens++;
            p.writers++;
        }
        wakeOpeners(p);
        boolean waits = !nonblock && (reads != writes) && (reads ? p.writers == 0 : p.readers == 0);
        if (!waits) {
            install(t, f, op.slot(), at);
            t.next();
            return true;
        }
        opening.put(t.pid, new Object[] {f, reads ? p.writeOpens : p.readOpens, op.slot()});
        p.openWait.add(t.pid);
        t.markStep(); // arriving and leaving are two steps when the open has to wait, as in the explorer
        k.block(t, Task.Blocker.FIFO_OPEN, p.id, at, p.name + ": nobody has opened its " + (reads ? "write" : "read")
                + " end yet (an open of a FIFO waits for the other end)");
        return false;
    }

    private void install(Task t, OpenFile f, int slot, Span at) {
        int fd = t.files.install(f);
        setSlot(t, slot, fd);
        k.facts().record(at, t, k.now(), "open", f.describe() + ": descriptor " + fd, List.of());
    }

    private static void setSlot(Task t, int slot, long v) {
        if (slot >= 0) {
            t.slots[slot] = v;
        }
    }

    /** wait_for_partner ends when the other side's open count moved. */
    private void wakeOpeners(Pipe p) {
        List<Integer> sleepers = new ArrayList<>();
        p.openWait.forEach(sleepers::add);
        for (int pid : sleepers) {
            Object[] o = opening.get(pid);
            Task w = k.task(pid);
            if (o == null || !w.alive() || w.blocker != Task.Blocker.FIFO_OPEN) {
                p.openWait.remove(pid);
                continue;
            }
            OpenFile f = (OpenFile) o[0];
            long counter = f.reads ? p.writeOpens : p.readOpens;
            if (counter != (long) o[1]) {
                p.openWait.remove(pid);
                opening.remove(pid);
                install(w, f, (int) o[2], w.blockedAt);
                w.next();
                k.wake(w);
            }
        }
    }

    /** A task ended while waiting in a FIFO's open: its half-made open file goes. */
    void forgetOpen(Task t, FdCalls fds) {
        Object[] o = opening.remove(t.pid);
        if (o != null) {
            ((OpenFile) o[0]).pipe.openWait.remove(t.pid);
            fds.put((OpenFile) o[0]);
        }
    }

    boolean read(Task t, OpenFile f, FdOp.Read op, Span at) {
        if (f == null || !f.reads) {
            if (op.got() != null) {
                t.slots[op.got().base()] = 0;
            }
            return badDescriptor(t, f, op.result(), "read", at);
        }
        Pipe p = f.pipe;
        if (op.bytes() == 0) {
            if (op.got() != null) {
                t.slots[op.got().base()] = 0;
            }
            return done(t, op.result(), 0);
        }
        if (p.bytes() > 0) {
            long before = p.bytes();
            long[] got = p.take(op.bytes());
            if (op.into() != null) {
                t.slots[op.into().base()] = (int) got[1];
                t.slots[op.got().base()] = (int) got[2];
            }
            k.facts().record(at, t, k.now(), "read", p.name + ": " + Pipe.size(got[0]) + " read"
                    + (got[2] == 1 && op.into() != null ? " (the value " + got[1] + ")" : "") + "; "
                    + Pipe.size(before) + " of " + Pipe.size(p.capacity) + " were buffered", List.of());
            wakeAll(p.writeWait, Task.Blocker.PIPE_WRITE, p);
            return done(t, op.result(), got[0]);
        }
        if (op.got() != null) {
            t.slots[op.got().base()] = 0;
        }
        if (p.writers == 0) {
            k.facts().record(at, t, k.now(), "read", p.name + ": end of file (0 bytes): it is empty and every write"
                    + " end is closed", List.of());
            return done(t, op.result(), 0);
        }
        if (op.nowait() || f.nonblock) {
            k.facts().record(at, t, k.now(), "read", p.name + " is empty: -1 (EAGAIN) instead of waiting", List.of());
            t.syscalls.errno("EAGAIN");
            return done(t, op.result(), -1);
        }
        p.readWait.add(t.pid);
        k.block(t, Task.Blocker.PIPE_READ, p.id, at, p.name + " (empty)");
        return false;
    }

    boolean write(Task t, OpenFile f, FdOp.Write op, Span at, Vals.Memory values) {
        if (f == null || !f.writes) {
            return badDescriptor(t, f, op.result(), "write", at);
        }
        Pipe p = f.sendTo != null ? f.sendTo : f.pipe; // a socket writes its peer's queue
        if (p.readers == 0) {
            long written = t.pipeWritten;
            t.pipeWritten = 0;
            warn(at, t + " writes to " + p.name + ", which no process can read any more (every read end is closed):"
                    + " the kernel sends SIGPIPE, whose default action ends the writer; ignored, the write fails"
                    + " with EPIPE");
            if (!k.sendSignal(t, Signal.SIGPIPE, at)) {
                return false;
            }
            t.syscalls.errno("EPIPE");
            return done(t, op.result(), written > 0 ? written : -1);
        }
        long total = op.bytes();
        if (total == 0) {
            return done(t, op.result(), 0);
        }
        if (op.value() != null) {
            // an int goes in whole (4 bytes, far below PIPE_BUF): atomic
            if (p.space() >= 4) {
                int v;
                try {
                    v = Vals.eval(op.value(), values);
                } catch (Vals.DataFault e) {
                    v = 0;
                    warn(at, t + ": the value written cannot be computed: " + e.getMessage());
                }
                p.put(4, v, true);
                t.pipeWritten = total;
            }
        } else if (total <= Pipe.PIPE_BUF) {
            if (p.space() >= total) {
                p.put(total, 0, false);
                t.pipeWritten = total;
            }
        } else if (p.space() > 0) {
            long n = Math.min(p.space(), total - t.pipeWritten);
            p.put(n, 0, false);
            t.pipeWritten += n;
            wakeAll(p.readWait, Task.Blocker.PIPE_READ, p);
            if (t.pipeWritten < total) {
                t.markStep(); // each piece of a large write is a step, as in the explorer
            }
        }
        if (t.pipeWritten == total) {
            t.pipeWritten = 0;
            k.facts().record(at, t, k.now(), "write", p.name + ": " + Pipe.size(total) + " written; " + p.fill(),
                    List.of());
            wakeAll(p.readWait, Task.Blocker.PIPE_READ, p);
            return done(t, op.result(), total);
        }
        if (op.nowait() || f.nonblock) {
            long written = t.pipeWritten;
            t.pipeWritten = 0;
            k.facts().record(at, t, k.now(), "write", p.name + " is full (" + p.fill() + "): "
                    + (written > 0 ? written + " bytes written" : "-1 (EAGAIN)") + " instead of waiting", List.of());
            t.syscalls.errno("EAGAIN");
            return done(t, op.result(), written > 0 ? written : -1);
        }
        p.writeWait.add(t.pid);
        k.block(t, Task.Blocker.PIPE_WRITE, p.id, at, p.name + " (full: " + p.fill() + ")");
        return false;
    }

    private boolean badDescriptor(Task t, OpenFile f, Cell result, String call, Span at) {
        warn(at, t + ": " + call + " fails with EBADF: " + (f == null ? "the descriptor is not open (closed, or its"
                + " open failed)" : "it is the " + f.describe() + ", which cannot be " + (call.equals("read") ? "read"
                : "written")));
        t.syscalls.errno("EBADF");
        return done(t, result, -1);
    }

    /** A call that fails with {@code why} ("EBADF: ..."): OSS2601 once per statement, and -1. */
    void failed(Task t, Cell result, Span at, String call, String why) {
        warn(at, t + ": " + call + " fails with " + why);
        t.syscalls.errno(why);
        done(t, result, -1);
    }

    private void warn(Span at, String message) {
        if (warned.add(at)) {
            k.findings().add(message.contains("SIGPIPE") ? Code.BROKEN_PIPE : Code.BAD_DESCRIPTOR, at, message);
        }
    }

    static boolean done(Task t, Cell result, long value) {
        t.syscalls.returned(value); // what strace shows the call returned
        if (result != null) {
            t.slots[result.base()] = (int) value;
        }
        t.next();
        return true;
    }

    /** Wakes every sleeper of {@code q} still asleep on {@code p}: each runs its call again. */
    void wakeAll(oss.runtime.kernel.locking.WaitQueue q, Task.Blocker blocker, Pipe p) {
        int n = q.size();
        for (int i = 0; i < n; i++) {
            int pid = q.poll();
            Task w = k.task(pid);
            if (w.alive() && w.blocker == blocker && w.blockerIndex == p.id) {
                k.wake(w);
            }
        }
    }
}
