package oss.runtime.explore;

import static oss.runtime.explore.Model.*;

import java.util.List;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.FdOp;
import oss.ir.program.Op;

/**
 * Regular files in the explorer, with the run's semantics (runtime kernel.fs, Vfs and FdCalls):
 * open with O_CREAT, O_TRUNC and O_APPEND, read and write moving the offset, lseek, dup, dup2 and
 * close, and on names unlink, link, stat and fstat (size and link count). Only sizes and offsets
 * exist, as in a run. The state has, per name the program uses, the inode it names; per inode its
 * size and link count; and a small pool of open file descriptions (struct file), each with its
 * inode, its offset, its flags and how many descriptors refer to it. A descriptor is a slot
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
    /** An inode: its size and its link count; one per name the program uses, and one per description more. */
    static final int SIZE = 0, NLINK = 1, INODE_RECORD = 2;
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
    /** base: each name's inode + 1 (0: no such name); then the inodes; then the open file descriptions. */
    final int base, inodeBase, inodes, ofdBase, size;
    /** Why the explorer cannot follow these files (a size it cannot hold), or null. */
    final String unexplored;

    /** Paths whose directory does not exist (ENOENT) or is a file (ENOTDIR): their open fails, O_CREAT or not. */
    private final boolean[] orphan;
    /**
     * Files declared {@code readonly} (mode 0444): name f's first inode is inode f, and such an
     * inode is never reused for a created file, so "inode f, f readonly" is read-only for good.
     */
    private final boolean[] readOnly;

    /**
     * {@code declared}: the `file` lines' paths, whose directories exist from the start (as the
     * run's tree makes them); no other directory can appear, since mkdir stops the explorer.
     */
    FileSteps(Model m, List<String> paths, long[] initialSizes, List<String> declared, boolean[] readOnly,
            int base) {
        this.m = m;
        this.paths = List.copyOf(paths);
        this.initial = initialSizes.clone();
        this.readOnly = readOnly.clone();
        int kept = 0;
        for (boolean r : readOnly) {
            kept += r ? 1 : 0;
        }
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
                directory = "the directory \"" + p + "\" (the explorer follows regular files only, and their"
                        + " names; `oss run` does)";
            }
        }
        this.base = base;
        this.inodeBase = base + paths.size();
        // an unlinked file lives while open: at most one inode per description beyond one per name, and
        // a read-only file's first inode is never given to another
        this.inodes = paths.size() + MAX_OPEN + kept;
        this.ofdBase = inodeBase + INODE_RECORD * inodes;
        this.size = paths.isEmpty() ? 0 : ofdBase + OFD_RECORD * MAX_OPEN - base;
        String big = null;
        for (int f = 0; f < paths.size() && big == null; f++) {
            if (initial[f] > Integer.MAX_VALUE) {
                big = "the size of \"" + paths.get(f) + "\" (the explorer keeps sizes and offsets in 31 bits, under"
                        + " 2 GiB; `oss run` does not)";
            }
        }
        this.unexplored = big != null ? big : directory;
    }

    /** The files declared with `file` lines exist at the start, with their sizes: name f on inode f. */
    void init(int[] s) {
        for (int f = 0; f < paths.size(); f++) {
            if (initial[f] >= 0) {
                s[base + f] = f + 1;
                s[inode(f) + SIZE] = (int) initial[f];
                s[inode(f) + NLINK] = 1;
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
        if (paths.isEmpty() && !m.std && c.kind[pc] != Instr.FD_FSTAT && c.kind[pc] != Instr.FD_FSYNC) {
            return false;
        }
        return switch (c.kind[pc]) {
            case FD_OPEN -> c.a[pc] < 0;
            case FD_DUP2, FD_PATH, FD_FSTAT, FD_FSYNC -> true;
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

    private int inode(int i) {
        return inodeBase + i * INODE_RECORD;
    }

    /** The inode record an open file description's file is. */
    private int inodeOf(int[] s, int d) {
        return inode(s[ofd(d) + OFD_FILE] - 1);
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
        boolean named = c.kind[pc] == Instr.FD_OPEN || c.kind[pc] == Instr.FD_PATH || c.kind[pc] == Instr.FD_DUP2;
        int v = named || c.a[pc] < 0 ? 0 : value(s, t, c.a[pc], c.b[pc]);
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
                    long left = (long) s[inodeOf(s, d) + SIZE] - s[o + OFD_POS];
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
                    int f = inodeOf(s, d);
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
                        default -> s[inodeOf(s, d) + SIZE];
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
            case FD_PATH -> path(s, b, (FdOp.PathCall) call, c.a[pc], c.b[pc]);
            case FD_FSTAT -> {
                FdOp.Fstat f = (FdOp.Fstat) call;
                boolean pipe = (v & TAG) == 0 && pipes.plain(s, t, c.a[pc], c.b[pc]) != -1;
                // a pipe or the terminal: size 0, one link (the run's fstat)
                result(s, b, f.result(), d >= 0 ? s[inodeOf(s, d) + (f.field() == FdOp.StatField.SIZE ? SIZE : NLINK)]
                        : v == TTY || pipe ? (f.field() == FdOp.StatField.NLINK ? 1 : 0) : -1);
            }
            // fsync(2): 0 on a regular file whatever its mode; EINVAL on a pipe or the terminal, EBADF when not open
            case FD_FSYNC -> result(s, b, ((FdOp.Fsync) call).result(), d >= 0 ? 0 : -1);
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
        int slot = c.b[pc];
        int i = s[base + f] - 1;
        if (orphan[f] || i < 0 && (o.flags() & FdOp.O_CREAT) == 0) {
            if (slot >= 0) {
                s[b + m.slotBase + slot] = -1; // ENOENT: no such name, or no such directory (even with O_CREAT)
            }
            return;
        }
        if (i < 0) {
            i = newInode(s, c, pc);
            s[base + f] = i + 1;
        }
        int mode = o.flags() & 3;
        if (mode != FdOp.O_RDONLY && i < readOnly.length && readOnly[i]) {
            if (slot >= 0) {
                s[b + m.slotBase + slot] = -1; // EACCES: a 0444 file opened for writing (open(2))
            }
            return;
        }
        if (mode != FdOp.O_RDONLY && (o.flags() & FdOp.O_TRUNC) != 0) {
            s[inode(i) + SIZE] = 0;
        }
        int free = -1;
        for (int k = 0; k < MAX_OPEN && free < 0; k++) {
            if (s[ofd(k) + OFD_FILE] == 0) {
                free = k;
            }
        }
        if (free < 0) {
            throw new DataSteps.PathCut(Code.EXPLORE_BUDGET, c.span[pc], "more than " + MAX_OPEN + " open file"
                    + " descriptions at once: the explorer follows at most that many");
        }
        int d = ofd(free);
        s[d + OFD_FILE] = i + 1;
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

    /** A new empty inode with one link: the lowest with no link and no open description. */
    private int newInode(int[] s, FlatCode c, int pc) {
        for (int i = 0; i < inodes; i++) {
            if (s[inode(i) + NLINK] == 0 && !opened(s, i) && !(i < readOnly.length && readOnly[i])) {
                s[inode(i) + SIZE] = 0;
                s[inode(i) + NLINK] = 1;
                return i;
            }
        }
        throw new DataSteps.PathCut(Code.EXPLORE_BUDGET, c.span[pc], "more than " + inodes + " files at once: the"
                + " explorer follows at most one per name and one per open description");
    }

    private boolean opened(int[] s, int i) {
        for (int k = 0; k < MAX_OPEN; k++) {
            if (s[ofd(k) + OFD_FILE] == i + 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * unlink, link and stat (size or nlink) on names (the run's PathCalls): 0 or the field, -1 with
     * ENOENT for a missing name or directory and EEXIST for link onto a name that exists. An
     * unlinked inode stays while a description is open on it (unlink(2)).
     */
    private void path(int[] s, int b, FdOp.PathCall c, int from, int to) {
        int i = s[base + from] - 1;
        switch (c.kind()) {
            case UNLINK -> {
                if (i >= 0) {
                    s[base + from] = 0;
                    if (--s[inode(i) + NLINK] == 0 && !opened(s, i)) {
                        s[inode(i) + SIZE] = 0; // freed
                    }
                }
                result(s, b, c.result(), i < 0 ? -1 : 0);
            }
            case LINK -> {
                boolean ok = i >= 0 && !orphan[to] && s[base + to] == 0;
                if (ok) {
                    s[base + to] = i + 1;
                    s[inode(i) + NLINK]++;
                }
                result(s, b, c.result(), ok ? 0 : -1);
            }
            default -> result(s, b, c.result(), i < 0 ? -1
                    : s[inode(i) + (c.field() == FdOp.StatField.SIZE ? SIZE : NLINK)]);
        }
    }

    /**
     * fput: one descriptor fewer; the description goes with the last, and its record is cleared,
     * and so is its inode when no name and no other description is left to it (an unlinked file).
     */
    private void release(int[] s, int d) {
        int o = ofd(d);
        if (--s[o + OFD_REFS] <= 0) {
            int i = s[o + OFD_FILE] - 1;
            java.util.Arrays.fill(s, o, o + OFD_RECORD, 0);
            if (i >= 0 && s[inode(i) + NLINK] == 0 && !opened(s, i)) {
                s[inode(i) + SIZE] = 0;
            }
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
