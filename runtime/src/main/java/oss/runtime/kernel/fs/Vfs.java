package oss.runtime.kernel.fs;

import java.util.List;
import java.util.TreeMap;
import oss.ir.program.FdOp;
import oss.ir.program.FileDecl;
import oss.ir.program.Span;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * open(2), read(2) and write(2) on regular files (fs/open.c, fs/read_write.c). The tree is flat:
 * a path names a file whole, a directory is implied by the paths under it. Files come from the
 * scenario's {@code file "/path" size N} lines, or from an open with O_CREAT. A read or write moves
 * the open file's offset, which every descriptor that fork or dup copied shares (one struct file),
 * so a parent and its child reading one descriptor read on from each other's offset. Reads and
 * writes go through the page cache ({@link oss.runtime.kernel.mm.Filemap}), which costs the disk's
 * latency for each page not cached.
 */
public final class Vfs {
    private final Core k;
    /** The dentry cache, path to inode, in path order so every listing is stable. */
    private final TreeMap<String, Inode> names = new TreeMap<>();
    private long nextIno = 2;
    /** Bytes written to the terminal in the run: what would have scrolled past on the screen. */
    private long ttyBytes;
    /** The page cache behind reads and writes, or null in a run without memory (then they take no time). */
    oss.runtime.kernel.mm.Filemap cache;
    private int nextMapping;

    public Vfs(Core k, List<FileDecl> files) {
        this.k = k;
        for (FileDecl f : files) {
            Inode i = new Inode(nextIno++, f.path(), f.sizeBytes());
            i.mapping = nextMapping++;
            names.put(f.path(), i);
        }
    }

    /** Whether open of {@code path} is ours: the file exists or the call may create it. */
    boolean opens(String path, int flags) {
        return names.containsKey(path) || (flags & FdOp.O_CREAT) != 0 || path.equals(Inode.tty().path);
    }

    /** Bytes written to the terminal (stdout, stderr, or an open of /dev/tty) so far in the run. */
    public long ttyBytes() {
        return ttyBytes;
    }

    /** The file named {@code path} now, or null. */
    public Inode lookup(String path) {
        return names.get(path);
    }

    /** do_sys_open on a regular file: an open file at offset 0, O_TRUNC empties it. Null on EMFILE. */
    OpenFile open(Task t, FdOp.Open op, Span at) {
        int mode = op.flags() & 3;
        if (op.path().equals(Inode.tty().path)) {
            return new OpenFile(Inode.tty(), mode != FdOp.O_WRONLY, mode != FdOp.O_RDONLY,
                    (op.flags() & FdOp.O_NONBLOCK) != 0, false, false);
        }
        Inode i = names.get(op.path());
        boolean created = i == null;
        if (created) {
            i = new Inode(nextIno++, op.path(), 0);
            i.mapping = nextMapping++;
            names.put(op.path(), i);
        }
        boolean writes = mode != FdOp.O_RDONLY;
        // O_TRUNC with O_RDONLY is unspecified (open(2)); Linux truncates only a file opened for writing
        if (writes && (op.flags() & FdOp.O_TRUNC) != 0) {
            i.size = 0;
        }
        return new OpenFile(i, mode != FdOp.O_WRONLY, writes, (op.flags() & FdOp.O_NONBLOCK) != 0,
                (op.flags() & FdOp.O_APPEND) != 0, created);
    }

    /** vfs_read: up to {@code bytes} from the offset, fewer at end of file, 0 past it. */
    boolean read(Task t, OpenFile f, FdOp.Read op, Span at) {
        Inode i = f.inode;
        if (!i.regular()) {
            // no one types at the simulated terminal: as after Ctrl-D, read returns 0 at once
            if (op.got() != null) {
                t.slots[op.got().base()] = 0;
            }
            k.facts().record(at, t, k.now(), "read", "the terminal " + i.path + ": no input, 0 bytes (end of file)",
                    List.of());
            return PipeCalls.done(t, op.result(), 0);
        }
        long n = Math.max(0, Math.min(op.bytes(), i.size - f.pos));
        long from = f.pos;
        f.pos += n;
        if (op.got() != null) {
            t.slots[op.got().base()] = 0; // contents are not simulated: no value arrives
        }
        String pages = "";
        if (cache != null) {
            var o = cache.read(t.pid, i.mapping, i.path, from, n, k.now());
            t.pendingIoNs += o.waitNs(); // the kernel puts it to sleep in D before its next statement
            pages = o.hits() + o.misses() > 0 ? "; " + o.describe() : "";
        }
        k.facts().record(at, t, k.now(), "read", "\"" + i.path + "\": " + (n == 0 ? "end of file (0 bytes) at offset "
                + from : Pipe.size(n) + " read at offset " + from + "; the offset is now " + f.pos)
                + " (size " + i.size + ")" + pages, List.of());
        return PipeCalls.done(t, op.result(), n);
    }

    /** vfs_write: at the offset, or at the end with O_APPEND (one step, so appends never overlap); grows the file. */
    boolean write(Task t, OpenFile f, FdOp.Write op, Span at) {
        Inode i = f.inode;
        if (!i.regular()) {
            ttyBytes += op.bytes();
            k.facts().record(at, t, k.now(), "write", Pipe.size(op.bytes()) + " written to the terminal " + i.path
                    + " (" + ttyBytes + " bytes in the run so far); no file grows", List.of());
            return PipeCalls.done(t, op.result(), op.bytes());
        }
        if (f.append) {
            f.pos = i.size;
        }
        long from = f.pos;
        f.pos += op.bytes();
        i.size = Math.max(i.size, f.pos);
        k.facts().record(at, t, k.now(), "write", "\"" + i.path + "\": " + Pipe.size(op.bytes()) + " written at offset "
                + from + "; the offset is now " + f.pos + ", the size " + i.size, List.of());
        return PipeCalls.done(t, op.result(), op.bytes());
    }

    /**
     * vfs_llseek on a regular file: the new offset from the start, the current offset or the end;
     * -1 with EINVAL when it would be negative, ESPIPE on a pipe, EBADF when not open. Seeking past
     * the end is allowed and does not grow the file (a later write does, lseek(2)).
     */
    boolean lseek(Task t, OpenFile f, FdOp.Lseek op, Span at, PipeCalls pipes) {
        if (f == null || f.inode == null || !f.inode.regular()) {
            pipes.failed(t, op.result(), at, "lseek", f == null ? "EBADF: the descriptor is not open (closed, or its"
                    + " open failed)" : "ESPIPE: it is the " + f.describe() + ", and " + (f.inode == null ? "a pipe"
                    : "a terminal") + " has no offset");
            return true;
        }
        long base = switch (op.whence()) {
            case FdOp.SEEK_SET -> 0;
            case FdOp.SEEK_CUR -> f.pos;
            default -> f.inode.size;
        };
        long to = base + op.offset();
        if (to < 0) {
            pipes.failed(t, op.result(), at, "lseek", "EINVAL: the offset would be " + to + ", before the start");
            return true;
        }
        f.pos = to;
        k.facts().record(at, t, k.now(), "lseek", "\"" + f.inode.path + "\": the offset is now " + to + " (size "
                + f.inode.size + ")", List.of());
        return PipeCalls.done(t, op.result(), to);
    }
}
