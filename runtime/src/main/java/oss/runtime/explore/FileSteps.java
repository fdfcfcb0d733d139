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
    /**
     * The terminal, which descriptors 0, 1 and 2 of every process refer to at birth (the run's
     * /dev/tty): a write succeeds, a read is 0 (end of file: nobody types), lseek is ESPIPE.
     */
    static final int TTY = TAG | 0x7fff;
    private static final int READS = 1, WRITES = 2, APPEND = 4;

    private final Model m;
    /** The files, by path in order of first appearance; their records start at {@code base}. */
    final List<String> paths;
    private final long[] initial;
    final int base, ofdBase, size;
    /** Why the explorer cannot follow these files (a size it cannot hold), or null. */
    final String unexplored;

    /** Paths whose directory does not exist (ENOENT) or is a file (ENOTDIR): their open fails, O_CREAT or not. */
    private final boolean[] orphan;

    /**
     * {@code declared}: the `file` lines' paths, whose directories exist from the start (as the
     * run's tree makes them); no other directory can appear, since mkdir stops the explorer.
     */
    FileSteps(Model m, List<String> paths, long[] initialSizes, List<String> declared, int base) {
        this.m = m;
        this.paths = List.copyOf(paths);
        this.initial = initialSizes.clone();
        java.util.Set<String> dirs = new java.util.TreeSet<>(List.of("/"));
        for (String d : declared) {
            for (int i = d.indexOf('/', 1); i > 0; i = d.indexOf('/', i + 1)) {
                dirs.add(d.substring(0, i));
            }
        }
        this.orphan = new boolean[paths.size()];
        String directory = null;
        for (int f = 0; f < paths.size(); f++) {
            String p = paths.get(f);
            orphan[f] = !dirs.contains(p.substring(0, Math.max(1, p.lastIndexOf('/'))));
            if (dirs.contains(p) && directory == null) {
                directory = "the open of the directory \"" + p + "\" (the explorer follows regular files only;"
                        + " `oss run` does)";
            }
        }
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
        this.unexplored = big != null ? big : directory;
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

    /** A new process's descriptors 0, 1 and 2: the terminal. */
    void stdio(int[] s, int t) {
        if (m.std) {
            java.util.Arrays.fill(s, m.base(t) + m.stdBase, m.base(t) + m.stdBase + 3, TTY);
        }
    }

    /**
     * Whether the step at pc is this class's: an open of a regular file, a dup2, or a call on a
     * descriptor of a file or the terminal (a pipe's, even on stdin or stdout, is PipeSteps').
     */
    boolean owns(int[] s, int t, FlatCode c, int pc) {
        if (paths.isEmpty() && !m.std) {
            return false;
        }
        return switch (c.kind[pc]) {
            case FD_OPEN -> c.a[pc] < 0;
            case FD_DUP2 -> true;
            case FD_READ, FD_WRITE, FD_CLOSE, FD_LSEEK, FD_DUP -> (c.b[pc] == FdOp.PLAIN || c.b[pc] == FdOp.STD)
                    && c.a[pc] >= 0 && (value(s, t, c.a[pc], c.b[pc]) & TAG) != 0;
            default -> false;
        };
    }

    /** What a descriptor holds: a variable's slot, or for stdin, stdout and stderr the record's own words. */
    private int value(int[] s, int t, int slot, int end) {
        return s[m.base(t) + (end == FdOp.STD ? m.stdBase : m.slotBase) + slot];
    }

    private void set(int[] s, int t, int slot, int end, int v) {
        s[m.base(t) + (end == FdOp.STD ? m.stdBase : m.slotBase) + slot] = v;
    }

    private int file(int f) {
        return base + f * FILE_RECORD;
    }

    private int ofd(int i) {
        return ofdBase + i * OFD_RECORD;
    }

    /** The open file description a descriptor names, or -1 (EBADF: closed, its open failed, or the terminal). */
    private static int description(int v) {
        return (v & TAG) == 0 || (v & CLOSED) != 0 || v == TTY ? -1 : (v & INDEX) - 1;
    }

    /** Takes the step; a file call never waits, so the task always moves on. {@code pipes} counts a dup2'd pipe's ends. */
    boolean apply(int[] s, int t, FlatCode c, int pc, PipeSteps pipes) {
        int b = m.base(t);
        FdOp call = ((Op.Fd) c.op[pc]).call();
        int v = c.kind[pc] == Instr.FD_OPEN || c.a[pc] < 0 ? 0 : value(s, t, c.a[pc], c.b[pc]);
        int d = description(v);
        switch (c.kind[pc]) {
            case FD_OPEN -> open(s, b, -c.a[pc] - 1, (FdOp.Open) call, c, pc);
            case FD_READ -> {
                FdOp.Read r = (FdOp.Read) call;
                if (r.got() != null) {
                    s[b + m.slotBase + r.got().base()] = 0; // contents are not simulated: no value arrives
                }
                if (v == TTY) {
                    result(s, b, r.result(), 0);
                } else if (d < 0 || (s[ofd(d) + OFD_FLAGS] & READS) == 0) {
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
                if (v == TTY) {
                    result(s, b, w.result(), w.bytes());
                } else if (d < 0 || (s[ofd(d) + OFD_FLAGS] & WRITES) == 0) {
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
                if (d >= 0) {
                    s[ofd(d) + OFD_REFS]++;
                }
                if (dup.newSlot() >= 0) {
                    s[b + m.slotBase + dup.newSlot()] = v == TTY ? TTY : d < 0 ? -1 : TAG | d + 1;
                }
            }
            case FD_CLOSE -> {
                if (v == TTY || d >= 0) {
                    set(s, t, c.a[pc], c.b[pc], v | CLOSED);
                }
                if (d >= 0) {
                    release(s, d);
                }
            }
            case FD_DUP2 -> dup2(s, t, (FdOp.Dup2) call, c, pc, pipes);
            default -> throw new IllegalStateException(c.kind[pc] + " is not a file call");
        }
        return true;
    }

    /**
     * dup2(2): the target refers to what the source does, closing what it held first; the same
     * descriptor twice changes nothing; a source not open is EBADF (-1) and leaves the target.
     * The source may be a pipe's end: its ends are counted as PipeSteps counts a dup's.
     */
    private void dup2(int[] s, int t, FdOp.Dup2 op, FlatCode c, int pc, PipeSteps pipes) {
        if (op.end() == FdOp.READ_END || op.end() == FdOp.WRITE_END) {
            throw new DataSteps.PathCut(Code.EXPLORE_BUDGET, c.span[pc], "a dup2 onto one end of a pipe's variable:"
                    + " the explorer keeps a pipe's two ends in one value");
        }
        int from = op.fromSlot() < 0 ? -1 : value(s, t, op.fromSlot(), op.fromEnd());
        boolean pipe = op.fromEnd() == FdOp.READ_END || op.fromEnd() == FdOp.WRITE_END || (from & TAG) == 0;
        int nv = pipe ? pipes.plain(s, t, op.fromSlot(), op.fromEnd()) : from == TTY ? TTY
                : description(from) < 0 ? -1 : TAG | description(from) + 1;
        if (nv != -1 && !(op.fromSlot() == op.slot() && op.fromEnd() == op.end())) {
            // the new reference first: closing the target must not free a description the source shares
            if (pipe) {
                pipes.hold(s, t, nv, +1);
            } else if (nv != TTY) {
                s[ofd(description(nv)) + OFD_REFS]++;
            }
            int old = value(s, t, op.slot(), op.end());
            if ((old & TAG) == 0) {
                pipes.hold(s, t, old, -1);
            } else if (description(old) >= 0) {
                release(s, description(old));
            }
            set(s, t, op.slot(), op.end(), nv);
        }
        if (op.newSlot() >= 0) {
            s[m.base(t) + m.slotBase + op.newSlot()] = nv;
        }
    }

    /** do_sys_open: the file made by O_CREAT or emptied by O_TRUNC, a new description at offset 0; -1 with ENOENT. */
    private void open(int[] s, int b, int f, FdOp.Open o, FlatCode c, int pc) {
        int r = file(f);
        int slot = c.b[pc];
        if (orphan[f]) {
            if (slot >= 0) {
                s[b + m.slotBase + slot] = -1; // no such directory: ENOENT even with O_CREAT
            }
            return;
        }
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

    /**
     * A fork's child holds one more reference to every description its copied slots name, and
     * its parent's 0, 1 and 2; a thread shares its group's table (here: a copy of the words).
     */
    void spawned(int[] s, int parent, int child, boolean thread) {
        if (m.std) {
            System.arraycopy(s, m.base(parent) + m.stdBase, s, m.base(child) + m.stdBase, 3);
        }
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
        for (int i = 0; i < m.slots + (m.std ? 3 : 0); i++) {
            int v = i < m.slots ? s[b + m.slotBase + i] : s[b + m.stdBase + i - m.slots];
            if ((v & TAG) != 0 && (v & CLOSED) == 0 && v > 0 && v != TTY) {
                int d = (v & INDEX) - 1;
                if (d >= 0 && d < MAX_OPEN && s[ofd(d) + OFD_FILE] != 0) {
                    if (delta > 0) {
                        s[ofd(d) + OFD_REFS]++;
                    } else {
                        release(s, d);
                    }
                }
            }
        }
    }
}
