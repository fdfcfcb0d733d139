package oss.runtime.explore;

import static oss.runtime.explore.Model.*;

import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.FdOp;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.ir.program.Vals;

/**
 * Pipes and FIFOs in the explorer, with the run's semantics (runtime kernel.fs, PipeCalls): the
 * same blocking rules, PIPE_BUF atomicity and pieces of a larger write, end of file, SIGPIPE and a
 * FIFO's open waiting for its partner. Compact state: per pipe, whether it exists and its buffer
 * as pieces (bytes, or one int and its value); per task (the thread-group leader for threads,
 * which share one table), how many descriptors of each end it holds. A pipe's variable holds the
 * pipe's number and which of its two descriptors this task closed; a FIFO's descriptor its
 * number, its access mode and O_NONBLOCK.
 *
 * <p>A write larger than PIPE_BUF takes one step per piece that fits, its progress in the task's
 * AUX field, as the run marks a step per piece. A FIFO's open that waits is two steps (arrive,
 * then leave once the partner came), as a barrier is.
 */
final class PipeSteps {
    /** Pieces a pipe may hold at once in the explorer (a run has no such bound). */
    static final int MAX_PIECES = 16;
    /**
     * DELIVERED: for a device, the deliveries made so far (its writer goes once all are made);
     * OWNERS: the tasks (a bit each) that asked for SIGIO at each arrival (fcntl O_ASYNC, F_SETOWN).
     */
    static final int EXISTS = 0, PIECES = 1, BYTES = 2, DELIVERED = 3, OWNERS = 4, FIRST_PIECE = 5;
    static final int RECORD = FIRST_PIECE + 2 * MAX_PIECES;
    private static final int VALUE = 1 << 30;
    // a descriptor in a slot: the object + 1, then flags
    private static final int OBJ = 0xffff, READ_CLOSED = 1 << 16, WRITE_CLOSED = 1 << 17, CLOSED = 1 << 18,
            MODE_SHIFT = 20, NONBLOCK = 1 << 22;
    /**
     * An end of a socket pair: it reads its object and writes the other of the pair, the next
     * object (SEND_NEXT) or the one before (SEND_PREV). A socketpair statement's value is its first
     * object + 1 with SOCKETS: end [0] (READ_END's place) reads the first and writes the second, end
     * [1] (WRITE_END's place) the other way round; READ_CLOSED and WRITE_CLOSED close them.
     */
    private static final int SEND_NEXT = 1 << 23, SEND_PREV = 1 << 24, SOCKETS = 1 << 25;
    static final long PIPE_BUF = 4096;

    private final Model m;
    private final Semantics sem;

    PipeSteps(Model m, Semantics sem) {
        this.m = m;
        this.sem = sem;
    }

    private int pipe(int obj) {
        return m.pipeBase + obj * RECORD;
    }

    /** Where task {@code t}'s descriptors are counted: its thread-group leader's record. */
    private int holder(int[] s, int t) {
        int b = m.base(t);
        return s[b + GROUP] == 0 ? b : m.base(s[b + GROUP] - 1);
    }

    int readers(int[] s, int obj) {
        int n = 0;
        for (int u = 0; u < s[0]; u++) {
            n += s[m.base(u) + m.holdBase + obj] & 0xff;
        }
        return n;
    }

    int writers(int[] s, int obj) {
        // a device writes its own deliveries: a writer while some are still to come (EOF after the last)
        int n = m.deviceOfPipe[obj] >= 0 && s[pipe(obj) + DELIVERED] < m.deviceCount[obj] ? 1 : 0;
        for (int u = 0; u < s[0]; u++) {
            n += (s[m.base(u) + m.holdBase + obj] >>> 8) & 0xff;
        }
        return n;
    }

    /** The descriptor a slot and an end name: {object, reads, writes, nonblock}, or null (EBADF). */
    private int[] fd(int[] s, int t, int slot, int end) {
        if (slot < 0) {
            return null;
        }
        int v = s[m.base(t) + (end == FdOp.STD ? m.stdBase : m.slotBase) + slot];
        return decode(v, end);
    }

    /** A descriptor's value decoded as {@link #fd} does; STD's as a plain descriptor (a pipe dup2'd onto it). */
    private static int[] decode(int v, int end) {
        int obj = (v & OBJ) - 1;
        if (obj < 0 || v < 0) { // v < 0: a failed dup
            return null;
        }
        int nonblock = (v & NONBLOCK) != 0 ? 1 : 0;
        if ((v & SOCKETS) != 0) {
            return switch (end) {
                case FdOp.READ_END -> (v & READ_CLOSED) != 0 ? null : new int[] {obj, 1, 1, 0, obj + 1};
                case FdOp.WRITE_END -> (v & WRITE_CLOSED) != 0 ? null : new int[] {obj + 1, 1, 1, 0, obj};
                default -> null;
            };
        }
        return switch (end) {
            case FdOp.READ_END -> (v & READ_CLOSED) != 0 ? null : new int[] {obj, 1, 0, 0, obj};
            case FdOp.WRITE_END -> (v & WRITE_CLOSED) != 0 ? null : new int[] {obj, 0, 1, 0, obj};
            default -> {
                int mode = (v >>> MODE_SHIFT) & 3;
                int send = (v & SEND_NEXT) != 0 ? obj + 1 : (v & SEND_PREV) != 0 ? obj - 1 : obj;
                yield (v & CLOSED) != 0 || mode == 0 ? null
                        : new int[] {obj, mode != FdOp.O_WRONLY + 1 ? 1 : 0, mode != FdOp.O_RDONLY + 1 ? 1 : 0, nonblock,
                                send};
            }
        };
    }

    /** Whether the task's pipe instruction can be taken now. */
    boolean enabled(int[] s, int t, FlatCode c, int pc) {
        int b = m.base(t);
        return switch (c.kind[pc]) {
            case FD_OPEN -> s[b + PHASE] != PH_WAITING;
            case FD_READ -> {
                Op.Fd op = (Op.Fd) c.op[pc];
                FdOp.Read r = (FdOp.Read) op.call();
                int[] fd = fd(s, t, c.a[pc], c.b[pc]);
                yield fd == null || fd[1] == 0 || r.bytes() == 0 || r.nowait() || fd[3] != 0
                        || s[pipe(fd[0]) + BYTES] > 0 || writers(s, fd[0]) == 0;
            }
            case FD_WRITE -> {
                FdOp.Write w = (FdOp.Write) ((Op.Fd) c.op[pc]).call();
                int[] fd = fd(s, t, c.a[pc], c.b[pc]);
                if (fd == null || fd[2] == 0 || w.bytes() == 0 || w.nowait() || fd[3] != 0
                        || readers(s, fd[4]) == 0 || m.deviceOfPipe[fd[4]] >= 0) {
                    yield true;
                }
                long space = m.pipeCapacity - s[pipe(fd[4]) + BYTES];
                yield w.bytes() <= PIPE_BUF ? space >= w.bytes() : space > 0;
            }
            default -> true;
        };
    }

    /** Takes the step; true when the task moves on to its next instruction. */
    boolean apply(int[] s, int t, FlatCode c, int pc) {
        int b = m.base(t);
        Op.Fd op = (Op.Fd) c.op[pc];
        return switch (c.kind[pc]) {
            case FD_PIPE -> {
                int p = pipe(c.a[pc]);
                if (s[p + EXISTS] != 0 && (readers(s, c.a[pc]) > 0 || writers(s, c.a[pc]) > 0)) {
                    throw new DataSteps.PathCut(Code.EXPLORE_BUDGET, op.span(), "this `pipe` runs again while the"
                            + " pipe it made before is still open: the explorer keeps one pipe per `pipe` statement");
                }
                java.util.Arrays.fill(s, p, p + RECORD, 0);
                s[p + EXISTS] = 1;
                s[holder(s, t) + m.holdBase + c.a[pc]] += 1 | 1 << 8;
                boolean sockets = ((FdOp.Pipe) op.call()).socket();
                if (sockets) {
                    // the second queue: end [0] reads the first and writes it, end [1] the other way round
                    int q = pipe(c.a[pc] + 1);
                    java.util.Arrays.fill(s, q, q + RECORD, 0);
                    s[q + EXISTS] = 1;
                    s[holder(s, t) + m.holdBase + c.a[pc] + 1] += 1 | 1 << 8;
                }
                s[b + m.slotBase + c.b[pc]] = c.a[pc] + 1 | (sockets ? SOCKETS : 0);
                yield true;
            }
            case FD_MKFIFO -> {
                s[pipe(c.a[pc]) + EXISTS] = 1;
                yield true;
            }
            case FD_OPEN -> open(s, t, c, pc);
            case FD_READ -> read(s, t, c, pc);
            case FD_WRITE -> write(s, t, c, pc);
            case FD_CLOSE -> {
                if (c.b[pc] == FdOp.PLAIN && c.a[pc] >= 0 && EpollSteps.isEpoll(s[b + m.slotBase + c.a[pc]])) {
                    s[b + m.slotBase + c.a[pc]] = 0; // an epoll descriptor: closed (its instance goes with the last)
                    yield true;
                }
                int[] fd = fd(s, t, c.a[pc], c.b[pc]);
                if (fd != null) {
                    s[holder(s, t) + m.holdBase + fd[0]] -= fd[1];
                    s[holder(s, t) + m.holdBase + fd[4]] -= fd[2] << 8;
                    s[b + (c.b[pc] == FdOp.STD ? m.stdBase : m.slotBase) + c.a[pc]] |= switch (c.b[pc]) {
                        case FdOp.READ_END -> READ_CLOSED;
                        case FdOp.WRITE_END -> WRITE_CLOSED;
                        default -> CLOSED;
                    };
                    if (readers(s, fd[0]) == 0 && writers(s, fd[0]) == 0 && fifo(fd[0])) {
                        drop(s, fd[0]); // the last end of a FIFO: its buffer is freed, the name stays
                    }
                }
                yield true;
            }
            // lseek(2) on a pipe fails with ESPIPE, on a descriptor not open with EBADF: -1 either way
            case FD_LSEEK -> result(s, b, ((FdOp.Lseek) op.call()).result(), -1);
            case FD_DUP -> dup(s, t, c, pc);
            default -> throw new IllegalStateException(c.kind[pc] + " is not a pipe call");
        };
    }

    /** dup(2) of a pipe's end or a FIFO's descriptor: a plain descriptor for the same end, -1 (EBADF) when not open. */
    private boolean dup(int[] s, int t, FlatCode c, int pc) {
        int to = ((FdOp.Dup) ((Op.Fd) c.op[pc]).call()).newSlot();
        int v = plain(s, t, c.a[pc], c.b[pc]);
        hold(s, t, v, +1);
        setSlot(s, m.base(t), to, v);
        return true;
    }

    /** The plain descriptor value a dup of this pipe descriptor holds (same ends, same O_NONBLOCK), or -1 (EBADF). */
    int plain(int[] s, int t, int slot, int end) {
        int[] fd = fd(s, t, slot, end);
        if (fd == null) {
            return -1;
        }
        int mode = fd[1] != 0 && fd[2] != 0 ? FdOp.O_RDWR : fd[1] != 0 ? FdOp.O_RDONLY : FdOp.O_WRONLY;
        return fd[0] + 1 | (mode + 1) << MODE_SHIFT | (fd[3] != 0 ? NONBLOCK : 0)
                | (fd[4] == fd[0] + 1 ? SEND_NEXT : fd[4] == fd[0] - 1 ? SEND_PREV : 0);
    }

    /** One descriptor more ({@code delta} 1) or fewer (-1) of the ends a plain value names, counted for {@code t}'s table. */
    void hold(int[] s, int t, int v, int delta) {
        int[] fd = v < 0 ? null : decode(v, FdOp.PLAIN);
        if (fd != null) {
            s[holder(s, t) + m.holdBase + fd[0]] += delta * fd[1];
            s[holder(s, t) + m.holdBase + fd[4]] += delta * (fd[2] << 8);
            if (delta < 0 && readers(s, fd[0]) == 0 && writers(s, fd[0]) == 0 && fifo(fd[0])) {
                drop(s, fd[0]);
            }
        }
    }

    private boolean fifo(int obj) {
        return m.pipeNames.get(obj).startsWith("FIFO");
    }

    private void drop(int[] s, int obj) {
        int p = pipe(obj);
        java.util.Arrays.fill(s, p + PIECES, p + RECORD, 0);
    }

    private boolean open(int[] s, int t, FlatCode c, int pc) {
        int b = m.base(t);
        if (s[b + PHASE] == PH_WOKEN) {
            s[b + PHASE] = 0;
            return true;
        }
        FdOp.Open o = (FdOp.Open) ((Op.Fd) c.op[pc]).call();
        int obj = c.a[pc];
        int slot = c.b[pc];
        int mode = o.flags() & 3;
        boolean nonblock = (o.flags() & FdOp.O_NONBLOCK) != 0;
        boolean reads = mode != FdOp.O_WRONLY;
        boolean writes = mode != FdOp.O_RDONLY;
        if (s[pipe(obj) + EXISTS] == 0 || writes && !reads && nonblock && readers(s, obj) == 0) {
            setSlot(s, b, slot, 0); // ENOENT, ENXIO: -1
            return true;
        }
        s[holder(s, t) + m.holdBase + obj] += (reads ? 1 : 0) | (writes ? 1 << 8 : 0);
        setSlot(s, b, slot, obj + 1 | (mode + 1) << MODE_SHIFT | (nonblock ? NONBLOCK : 0));
        // wake_up_partner: openers of the other end waiting on this FIFO go on
        for (int u = 0; u < s[0]; u++) {
            int ub = m.base(u);
            if (u != t && sem.waitsOn(s, u, Instr.FD_OPEN, obj)) {
                FlatCode uc = sem.code(s, u);
                int umode = ((FdOp.Open) ((Op.Fd) uc.op[sem.pc(s, u)]).call()).flags() & 3;
                if (umode == FdOp.O_RDONLY ? writes : reads) {
                    s[ub + PHASE] = PH_WOKEN;
                }
            }
        }
        // a device's open never waits for a partner: the driver is there from boot
        boolean waits = !nonblock && reads != writes && m.deviceOfPipe[obj] < 0
                && (reads ? writers(s, obj) == 0 : readers(s, obj) == 0);
        if (waits) {
            s[b + PHASE] = PH_WAITING;
            return false;
        }
        return true;
    }

    /** Takes up to {@code want} bytes of device {@code obj}'s buffer (plain bytes, no values): how many. */
    int take(int[] s, int obj, long want) {
        int p = pipe(obj);
        long taken = 0;
        while (taken < want && s[p + PIECES] > 0) {
            int size = s[p + FIRST_PIECE] & ~VALUE;
            long k = Math.min(size, want - taken);
            if (k == size) {
                int n = s[p + PIECES];
                System.arraycopy(s, p + FIRST_PIECE + 2, s, p + FIRST_PIECE, 2 * (n - 1));
                s[p + FIRST_PIECE + 2 * (n - 1)] = 0;
                s[p + FIRST_PIECE + 2 * (n - 1) + 1] = 0;
                s[p + PIECES] = n - 1;
            } else {
                s[p + FIRST_PIECE] = (int) (size - k);
                s[p + FIRST_PIECE + 1] = 0;
            }
            taken += k;
        }
        s[p + BYTES] -= (int) taken;
        return (int) taken;
    }

    /** Bytes buffered in pipe or device {@code obj}. */
    int bytes(int[] s, int obj) {
        return s[pipe(obj) + BYTES];
    }

    /**
     * The pipe object (a pipe, FIFO or device) a descriptor names, for epoll_ctl; -1 when it is not
     * open, or is not one (a regular file, an epoll instance: EPERM in the run).
     */
    int objectOf(int[] s, int t, int slot, int end) {
        if (slot < 0) {
            return -1;
        }
        int v = s[m.base(t) + (end == FdOp.STD ? m.stdBase : m.slotBase) + slot];
        if ((v & FileSteps.TAG) != 0 || EpollSteps.isEpoll(v)) {
            return -1;
        }
        int[] fd = fd(s, t, slot, end);
        return fd == null ? -1 : fd[0];
    }

    /**
     * For select and poll (the run's IoCalls.select): 1 when the descriptor is readable (a device
     * with data or at end of file; a pipe, a regular file or the terminal always, as the run counts
     * them), 0 when it is a device with nothing yet, -1 when it is not open (EBADF) or is an epoll
     * descriptor (EINVAL).
     */
    int selectState(int[] s, int t, int slot, int end) {
        if (slot < 0) {
            return -1;
        }
        int v = s[m.base(t) + (end == FdOp.STD ? m.stdBase : m.slotBase) + slot];
        if (EpollSteps.isEpoll(v)) {
            return -1;
        }
        if ((v & FileSteps.TAG) != 0) {
            return (v & FileSteps.CLOSED) != 0 ? -1 : 1;
        }
        int[] fd = fd(s, t, slot, end);
        if (fd == null) {
            return -1;
        }
        return m.deviceOfPipe[fd[0]] < 0 || s[pipe(fd[0]) + BYTES] > 0 || writers(s, fd[0]) == 0 ? 1 : 0;
    }

    /** Devices whose next delivery can come now (some are left), in object order: the delivery steps. */
    int pendingDeliveries(int[] s) {
        int n = 0;
        for (int p = 0; p < m.pipes; p++) {
            n += m.deviceOfPipe[p] >= 0 && s[pipe(p) + DELIVERED] < m.deviceCount[p] ? 1 : 0;
        }
        return n;
    }

    /** The pipe object of the {@code k}-th device with a delivery to come. */
    int pendingDevice(int[] s, int k) {
        for (int p = 0; p < m.pipes; p++) {
            if (m.deviceOfPipe[p] >= 0 && s[pipe(p) + DELIVERED] < m.deviceCount[p] && k-- == 0) {
                return p;
            }
        }
        throw new IllegalStateException("no delivery " + k);
    }

    /**
     * The device's next delivery arrives: its bytes join the buffer (one run of bytes, as a byte
     * stream keeps no boundaries), as DeviceCalls.arrive does in the run.
     */
    void deliver(int[] s, int obj) {
        int p = pipe(obj);
        int bytes = m.deviceBytes[obj];
        int n = s[p + PIECES];
        if (n > 0 && (s[p + FIRST_PIECE + 2 * (n - 1)] & VALUE) == 0) {
            s[p + FIRST_PIECE + 2 * (n - 1)] += bytes;
        } else if (n < MAX_PIECES) {
            s[p + FIRST_PIECE + 2 * n] = bytes;
            s[p + FIRST_PIECE + 2 * n + 1] = 0;
            s[p + PIECES] = n + 1;
        }
        s[p + BYTES] += bytes;
        s[p + DELIVERED]++;
        // as the run's arrive: aio requests take their share first, then readiness, then SIGIO
        sem.aio.serve(s, obj);
        sem.epoll.readable(s, obj, s[p + BYTES] > 0 || writers(s, obj) == 0);
        // send_sigio: each owner that asked with fcntl O_ASYNC gets SIGIO, as a kill from the kernel
        for (int u = 0; u < s[0] && m.signals != null; u++) {
            if ((s[p + OWNERS] & 1 << u) != 0) {
                m.signals.send(s, u, oss.ir.program.Signal.SIGIO, m.program.devices().get(m.deviceOfPipe[obj]).span());
            }
        }
    }

    /**
     * fcntl(f, F_SETOWN, getpid()) and F_SETFL O_ASYNC, as the run's IoCalls: the caller gets SIGIO at
     * each arrival on a device (on anything else, none comes); -1 (EBADF) when f is not open.
     */
    long fcntl(int[] s, int t, int slot, int end) {
        int state = selectState(s, t, slot, end);
        if (state < 0) {
            return -1;
        }
        int v = s[m.base(t) + (end == FdOp.STD ? m.stdBase : m.slotBase) + slot];
        int[] fd = (v & FileSteps.TAG) != 0 ? null : fd(s, t, slot, end);
        if (fd != null && m.deviceOfPipe[fd[0]] >= 0) {
            if (t >= 31) {
                throw new DataSteps.PathCut(oss.ir.diag.Code.EXPLORE_BUDGET, Span.NONE, "fcntl O_ASYNC by a task"
                        + " beyond the 31st: the explorer keeps a device's SIGIO owners in one word");
            }
            s[pipe(fd[0]) + OWNERS] |= 1 << t;
        }
        return 0;
    }

    private void setSlot(int[] s, int b, int slot, int v) {
        if (slot >= 0) {
            s[b + m.slotBase + slot] = v;
        }
    }

    private boolean read(int[] s, int t, FlatCode c, int pc) {
        int b = m.base(t);
        FdOp.Read r = (FdOp.Read) ((Op.Fd) c.op[pc]).call();
        int[] fd = fd(s, t, c.a[pc], c.b[pc]);
        if (r.got() != null) {
            s[b + m.slotBase + r.got().base()] = 0;
        }
        if (fd == null || fd[1] == 0) {
            return result(s, b, r.result(), -1);
        }
        int p = pipe(fd[0]);
        if (r.bytes() == 0) {
            return result(s, b, r.result(), 0);
        }
        if (s[p + BYTES] > 0) {
            long want = r.bytes();
            long taken = 0;
            int value = 0;
            boolean whole = false;
            while (taken < want && s[p + PIECES] > 0) {
                int size = s[p + FIRST_PIECE] & ~VALUE;
                boolean isValue = (s[p + FIRST_PIECE] & VALUE) != 0;
                long k = Math.min(size, want - taken);
                whole = taken == 0 && k == size && isValue;
                value = whole ? s[p + FIRST_PIECE + 1] : 0;
                if (k == size) {
                    int n = s[p + PIECES];
                    System.arraycopy(s, p + FIRST_PIECE + 2, s, p + FIRST_PIECE, 2 * (n - 1));
                    s[p + FIRST_PIECE + 2 * (n - 1)] = 0;
                    s[p + FIRST_PIECE + 2 * (n - 1) + 1] = 0;
                    s[p + PIECES] = n - 1;
                } else {
                    s[p + FIRST_PIECE] = (int) (size - k); // a value cut in two is only bytes now
                    s[p + FIRST_PIECE + 1] = 0;
                }
                taken += k;
            }
            s[p + BYTES] -= (int) taken;
            // a device left empty with every delivery made is at end of file, readable for epoll
            sem.epoll.readable(s, fd[0], m.deviceOfPipe[fd[0]] >= 0 && s[p + BYTES] == 0 && writers(s, fd[0]) == 0);
            if (r.into() != null && whole && taken == 4) {
                s[b + m.slotBase + r.into().base()] = value;
                s[b + m.slotBase + r.got().base()] = 1;
            }
            return result(s, b, r.result(), taken);
        }
        return result(s, b, r.result(), writers(s, fd[0]) == 0 ? 0 : -1); // end of file, or EAGAIN
    }

    private boolean result(int[] s, int b, Cell result, long v) {
        if (result != null) {
            s[b + m.slotBase + result.base()] = (int) v;
        }
        return true;
    }

    private boolean write(int[] s, int t, FlatCode c, int pc) {
        int b = m.base(t);
        FdOp.Write w = (FdOp.Write) ((Op.Fd) c.op[pc]).call();
        int[] fd = fd(s, t, c.a[pc], c.b[pc]);
        if (fd == null || fd[2] == 0) {
            return result(s, b, w.result(), -1);
        }
        if (m.deviceOfPipe[fd[4]] >= 0) {
            return result(s, b, w.result(), w.bytes()); // sent out through the device, as DeviceCalls.write says
        }
        int p = pipe(fd[4]); // a socket writes its peer's queue
        if (readers(s, fd[4]) == 0) {
            // SIGPIPE, whose default action ends the writer; caught, blocked or ignored, the write fails with EPIPE
            s[b + AUX] = 0;
            if (m.signals == null || m.signals.kernelSend(s, t, oss.ir.program.Signal.SIGPIPE, c.span[pc])) {
                sem.exit(s, t, true);
                return false;
            }
            return result(s, b, w.result(), -1);
        }
        long total = w.bytes();
        if (total == 0) {
            return result(s, b, w.result(), 0);
        }
        long space = m.pipeCapacity - s[p + BYTES];
        if (w.value() != null) {
            if (space >= 4) {
                int v;
                try {
                    v = Vals.eval(w.value(), (cell, i) -> s[b + m.slotBase + cell.base() + i]);
                } catch (Vals.DataFault e) {
                    v = 0;
                }
                put(s, p, 4, v, true, w);
                s[b + AUX] = (int) total;
            }
        } else if (total <= PIPE_BUF) {
            if (space >= total) {
                put(s, p, total, 0, false, w);
                s[b + AUX] = (int) total;
            }
        } else if (space > 0) {
            long n = Math.min(space, total - s[b + AUX]);
            put(s, p, n, 0, false, w);
            s[b + AUX] += (int) n;
        }
        if (s[b + AUX] == total) {
            s[b + AUX] = 0;
            return result(s, b, w.result(), total);
        }
        if (w.nowait() || fd[3] != 0) {
            int written = s[b + AUX];
            s[b + AUX] = 0;
            return result(s, b, w.result(), written > 0 ? written : -1);
        }
        return false; // a piece went in: the rest when there is room
    }

    private void put(int[] s, int p, long n, int value, boolean isValue, FdOp.Write w) {
        int k = s[p + PIECES];
        int last = p + FIRST_PIECE + 2 * (k - 1);
        if (!isValue && k > 0 && (s[last] & VALUE) == 0) {
            s[last] += (int) n;
        } else {
            if (k == MAX_PIECES) {
                throw new DataSteps.PathCut(Code.EXPLORE_BUDGET, null, "a pipe holds more than " + MAX_PIECES
                        + " separate writes at once: the explorer keeps at most that many");
            }
            s[last + 2] = (int) n | (isValue ? VALUE : 0);
            s[last + 3] = value;
            s[p + PIECES] = k + 1;
        }
        s[p + BYTES] += (int) n;
    }

    /** A new task's descriptors: a fork's child a copy of its parent's; a thread uses its leader's. */
    void spawned(int[] s, int parent, int child, boolean thread) {
        if (thread || m.pipes == 0) {
            return;
        }
        System.arraycopy(s, holder(s, parent) + m.holdBase, s, m.base(child) + m.holdBase, m.pipes);
    }

    /** An exiting task's descriptors close, unless it is a thread (its group's table outlives it). */
    void exited(int[] s, int t) {
        int b = m.base(t);
        if (m.pipes == 0 || s[b + GROUP] != 0) {
            return;
        }
        for (int obj = 0; obj < m.pipes; obj++) {
            s[b + m.holdBase + obj] = 0;
            if (fifo(obj) && readers(s, obj) == 0 && writers(s, obj) == 0) {
                drop(s, obj);
            }
        }
    }

    /** What a task blocked at a pipe call waits for, in the run's words. */
    String describe(int[] s, int t, FlatCode c, int pc) {
        if (c.kind[pc] == Instr.FD_OPEN) {
            String name = m.pipeNames.get(c.a[pc]);
            boolean reads = (((FdOp.Open) ((Op.Fd) c.op[pc]).call()).flags() & 3) == FdOp.O_RDONLY;
            return " waits in open of " + name + " for a process to open its " + (reads ? "write" : "read") + " end";
        }
        int[] fd = fd(s, t, c.a[pc], c.b[pc]);
        if (fd == null) {
            return " is blocked";
        }
        boolean reader = c.kind[pc] == Instr.FD_READ;
        int obj = reader ? fd[0] : fd[4]; // a socket writes its peer's queue
        StringBuilder holders = new StringBuilder();
        for (int u = 0; u < s[0]; u++) {
            int h = s[m.base(u) + m.holdBase + obj];
            if (reader ? (h >>> 8) != 0 : (h & 0xff) != 0) {
                holders.append(holders.length() == 0 ? "" : ", ").append(u == t ? "itself" : m.taskName(s, u));
            }
        }
        return (reader ? " waits to read " : " waits to write to ") + m.pipeNames.get(obj)
                + (reader ? " (empty): write" : " (full): read") + " ends still open in " + holders;
    }
}
