package oss.runtime.explore;

import static oss.runtime.explore.Model.*;

import java.util.List;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.FdOp;
import oss.ir.program.Op;

/**
 * Regular files in the explorer, with the run's semantics (runtime kernel.fs, Vfs and FdCalls):
 * open with O_CREAT, O_TRUNC and O_APPEND, read and write moving the offset, lseek, dup and close.
 * Only sizes and offsets exist, as in a run. The state has, per file the program opens, whether
 * it exists and its size; and a small pool of open file descriptions (struct file), each with
 * its file, its offset, its flags and how many descriptors refer to it. A descriptor is a slot
 * holding {@link #TAG} and the description's number, so fork's copy of the slots shares the
 * offset as fork(2) says, and dup shares it by copying the number.
 *
 * <p>Every call is one step, as in a run: an O_APPEND write moves to the end and writes in the
 * same step (open(2): "as a single atomic step"), where an lseek to the end followed by a write
 * is two, between which another writer can write at the same offset.
 */
final class FileSteps {
    /** Open file descriptions the explorer follows at once (a run has no such bound). */
    static final int MAX_OPEN = 8;
    static final int EXISTS = 0, SIZE = 1, FILE_RECORD = 2;
    static final int OFD_FILE = 0, OFD_POS = 1, OFD_FLAGS = 2, OFD_REFS = 3, OFD_RECORD = 4;
    /** A slot holding a regular file's descriptor: TAG | description + 1, and CLOSED once closed. */
    static final int TAG = 1 << 29, CLOSED = 1 << 28, INDEX = 0xffff;
    private static final int READS = 1, WRITES = 2, APPEND = 4;

    private final Model m;
    /** The files, by path in order of first appearance; their records start at {@code base}. */
    final List<String> paths;
    private final long[] initial;
    final int base, ofdBase, size;
    /** Why the explorer cannot follow these files (a size it cannot hold), or null. */
    final String unexplored;

    FileSteps(Model m, List<String> paths, long[] initialSizes, int base) {
        this.m = m;
        this.paths = List.copyOf(paths);
        this.initial = initialSizes.clone();
        this.base = base;
        this.ofdBase = base + FILE_RECORD * paths.size();
        this.size = paths.isEmpty() ? 0 : FILE_RECORD * paths.size() + OFD_RECORD * MAX_OPEN;
        String big = null;
        for (int f = 0; f < paths.size() && big == null; f++) {
            if (initial[f] > Integer.MAX_VALUE) {
                big = "the size of \"" + paths.get(f) + "\" (the explorer keeps sizes and offsets in 31 bits, under"
                        + " 2 GiB; `oss run` does not)";
            }
        }
        this.unexplored = big;
    }

    /** The files declared with `file` lines exist at the start, with their sizes. */
    void init(int[] s) {
        for (int f = 0; f < paths.size(); f++) {
            if (initial[f] >= 0) {
                s[base + f * FILE_RECORD + EXISTS] = 1;
                s[base + f * FILE_RECORD + SIZE] = (int) initial[f];
            }
        }
    }

    /** Whether the step at pc is this class's: an open of a regular file, or a call on a descriptor it made. */
    boolean owns(int[] s, int t, FlatCode c, int pc) {
        if (paths.isEmpty()) {
            return false;
        }
        return switch (c.kind[pc]) {
            case FD_OPEN -> c.a[pc] < 0;
            case FD_READ, FD_WRITE, FD_CLOSE, FD_LSEEK, FD_DUP -> c.b[pc] == FdOp.PLAIN && c.a[pc] >= 0
                    && (s[m.base(t) + m.slotBase + c.a[pc]] & TAG) != 0;
            default -> false;
        };
    }

    private int file(int f) {
        return base + f * FILE_RECORD;
    }

    private int ofd(int i) {
        return ofdBase + i * OFD_RECORD;
    }

    /** The open file description a descriptor slot names, or -1 (EBADF: closed, or its open failed). */
    private int description(int[] s, int t, int slot) {
        int v = s[m.base(t) + m.slotBase + slot];
        return (v & TAG) == 0 || (v & CLOSED) != 0 ? -1 : (v & INDEX) - 1;
    }

    /** Takes the step; a file call never waits, so the task always moves on. */
    boolean apply(int[] s, int t, FlatCode c, int pc) {
        int b = m.base(t);
        FdOp call = ((Op.Fd) c.op[pc]).call();
        switch (c.kind[pc]) {
            case FD_OPEN -> open(s, b, -c.a[pc] - 1, (FdOp.Open) call, c, pc);
            case FD_READ -> {
                FdOp.Read r = (FdOp.Read) call;
                int d = description(s, t, c.a[pc]);
                if (r.got() != null) {
                    s[b + m.slotBase + r.got().base()] = 0; // contents are not simulated: no value arrives
                }
                if (d < 0 || (s[ofd(d) + OFD_FLAGS] & READS) == 0) {
                    result(s, b, r.result(), -1);
                } else {
                    int o = ofd(d);
                    long left = (long) s[file(s[o + OFD_FILE] - 1) + SIZE] - s[o + OFD_POS];
                    long n = Math.max(0, Math.min(r.bytes(), left));
                    s[o + OFD_POS] = checked(s[o + OFD_POS] + n, c, pc);
                    result(s, b, r.result(), n);
                }
            }
            case FD_WRITE -> {
                FdOp.Write w = (FdOp.Write) call;
                int d = description(s, t, c.a[pc]);
                if (d < 0 || (s[ofd(d) + OFD_FLAGS] & WRITES) == 0) {
                    result(s, b, w.result(), -1);
                } else {
                    int o = ofd(d);
                    int f = file(s[o + OFD_FILE] - 1);
                    if ((s[o + OFD_FLAGS] & APPEND) != 0) {
                        s[o + OFD_POS] = s[f + SIZE];
                    }
                    s[o + OFD_POS] = checked(s[o + OFD_POS] + w.bytes(), c, pc);
                    s[f + SIZE] = Math.max(s[f + SIZE], s[o + OFD_POS]);
                    result(s, b, w.result(), w.bytes());
                }
            }
            case FD_LSEEK -> {
                FdOp.Lseek l = (FdOp.Lseek) call;
                int d = description(s, t, c.a[pc]);
                if (d < 0) {
                    result(s, b, l.result(), -1);
                } else {
                    int o = ofd(d);
                    long from = switch (l.whence()) {
                        case FdOp.SEEK_SET -> 0;
                        case FdOp.SEEK_CUR -> s[o + OFD_POS];
                        default -> s[file(s[o + OFD_FILE] - 1) + SIZE];
                    };
                    long to = from + l.offset();
                    if (to < 0) {
                        result(s, b, l.result(), -1); // EINVAL, and the offset stays
                    } else {
                        s[o + OFD_POS] = checked(to, c, pc);
                        result(s, b, l.result(), to);
                    }
                }
            }
            case FD_DUP -> {
                FdOp.Dup dup = (FdOp.Dup) call;
                int d = description(s, t, c.a[pc]);
                if (d >= 0) {
                    s[ofd(d) + OFD_REFS]++;
                }
                if (dup.newSlot() >= 0) {
                    s[b + m.slotBase + dup.newSlot()] = d < 0 ? -1 : TAG | d + 1;
                }
            }
            case FD_CLOSE -> {
                int d = description(s, t, c.a[pc]);
                if (d >= 0) {
                    s[b + m.slotBase + c.a[pc]] |= CLOSED;
                    release(s, d);
                }
            }
            default -> throw new IllegalStateException(c.kind[pc] + " is not a file call");
        }
        return true;
    }

    /** do_sys_open: the file made by O_CREAT or emptied by O_TRUNC, a new description at offset 0; -1 with ENOENT. */
    private void open(int[] s, int b, int f, FdOp.Open o, FlatCode c, int pc) {
        int r = file(f);
        int slot = c.b[pc];
        if (s[r + EXISTS] == 0) {
            if ((o.flags() & FdOp.O_CREAT) == 0) {
                if (slot >= 0) {
                    s[b + m.slotBase + slot] = -1;
                }
                return;
            }
            s[r + EXISTS] = 1;
            s[r + SIZE] = 0;
        }
        int mode = o.flags() & 3;
        if (mode != FdOp.O_RDONLY && (o.flags() & FdOp.O_TRUNC) != 0) {
            s[r + SIZE] = 0;
        }
        int free = -1;
        for (int i = 0; i < MAX_OPEN && free < 0; i++) {
            if (s[ofd(i) + OFD_FILE] == 0) {
                free = i;
            }
        }
        if (free < 0) {
            throw new DataSteps.PathCut(Code.EXPLORE_BUDGET, c.span[pc], "more than " + MAX_OPEN + " open file"
                    + " descriptions at once: the explorer follows at most that many");
        }
        int d = ofd(free);
        s[d + OFD_FILE] = f + 1;
        s[d + OFD_POS] = 0;
        s[d + OFD_FLAGS] = (mode != FdOp.O_WRONLY ? READS : 0) | (mode != FdOp.O_RDONLY ? WRITES : 0)
                | ((o.flags() & FdOp.O_APPEND) != 0 ? APPEND : 0);
        s[d + OFD_REFS] = 1;
        if (slot >= 0) {
            s[b + m.slotBase + slot] = TAG | free + 1;
        } else {
            release(s, free); // nothing holds the descriptor: as good as closed for every step after
        }
    }

    /** fput: one descriptor fewer; the description goes with the last, and its record is cleared. */
    private void release(int[] s, int d) {
        int o = ofd(d);
        if (--s[o + OFD_REFS] <= 0) {
            java.util.Arrays.fill(s, o, o + OFD_RECORD, 0);
        }
    }

    private static int checked(long v, FlatCode c, int pc) {
        if (v > Integer.MAX_VALUE) {
            throw new DataSteps.PathCut(Code.EXPLORE_BUDGET, c.span[pc], "an offset past 2 GiB: the explorer keeps"
                    + " offsets and sizes in 31 bits");
        }
        return (int) v;
    }

    private void result(int[] s, int b, Cell result, long v) {
        if (result != null) {
            s[b + m.slotBase + result.base()] = (int) v;
        }
    }

    /** A fork's child holds one more reference to every description its copied slots name; a thread shares its group's. */
    void spawned(int[] s, int child, boolean thread) {
        if (paths.isEmpty() || thread) {
            return;
        }
        each(s, child, +1);
    }

    /** An exiting process's descriptors close; a thread's stay with its group. */
    void exited(int[] s, int t) {
        if (paths.isEmpty() || s[m.base(t) + GROUP] != 0) {
            return;
        }
        each(s, t, -1);
    }

    private void each(int[] s, int t, int delta) {
        int b = m.base(t);
        for (int i = 0; i < m.slots; i++) {
            int v = s[b + m.slotBase + i];
            if ((v & TAG) != 0 && (v & CLOSED) == 0 && v > 0) {
                int d = (v & INDEX) - 1;
                if (d >= 0 && d < MAX_OPEN && s[ofd(d) + OFD_FILE] != 0) {
                    if (delta > 0) {
                        s[ofd(d) + OFD_REFS]++;
                    } else {
                        s[b + m.slotBase + i] = v | CLOSED;
                        release(s, d);
                    }
                }
            }
        }
    }
}
