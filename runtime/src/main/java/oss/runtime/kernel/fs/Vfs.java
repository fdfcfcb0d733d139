package oss.runtime.kernel.fs;

import java.util.List;
import java.util.TreeMap;
import oss.ir.program.FdOp;
import oss.ir.program.FileDecl;
import oss.ir.program.Span;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * The simulated file system (fs/namei.c, fs/open.c, fs/read_write.c): a tree of directories,
 * regular files and symbolic links under {@code /}, its {@link SuperBlock}, the {@link Dcache}
 * every lookup goes through and each task's {@link FsStruct}. The tree starts with the scenario's
 * {@code file "/path" size N} lines, their directories made for them; calls add to it (an open with
 * O_CREAT, mkdir, link, symlink) and take from it (unlink). A read or write moves the open file's
 * offset, which every descriptor that fork or dup copied shares (one struct file), so a parent and
 * its child reading one descriptor read on from each other's offset. Reads and writes go through the
 * page cache ({@link oss.runtime.kernel.mm.Filemap}), which costs the disk's latency for each page
 * not cached.
 */
public final class Vfs {
    private final Core k;
    /** The directories' contents, canonical path to inode, in path order so every listing is stable. */
    private final TreeMap<String, Inode> names = new TreeMap<>();
    private final SuperBlock sb;
    private final Dcache dcache = new Dcache();
    /** Each task's fs_struct, by pid; made at its first path call. */
    private final TreeMap<Integer, FsStruct> fs = new TreeMap<>();
    /** ext4's first inode for files (EXT4_GOOD_OLD_FIRST_INO); the root is 2. */
    private long nextIno = 11;
    /** Bytes written to the terminal in the run: what would have scrolled past on the screen. */
    private long ttyBytes;
    /** The page cache behind reads and writes, or null in a run without memory (then they take no time). */
    oss.runtime.kernel.mm.Filemap cache;
    private int nextMapping;
    /** Statements already warned about (OSS2911), once each. */
    private final java.util.Set<Span> warned = new java.util.HashSet<>();

    public Vfs(Core k, List<FileDecl> files) {
        this.k = k;
        nextMapping = files.size(); // a declared file's pages are named by its index, as mmap names them
        long declared = 0;
        for (FileDecl f : files) {
            declared += f.sizeBytes();
        }
        this.sb = new SuperBlock(declared);
        Inode root = new Inode(2, "/", SuperBlock.BLOCK_SIZE, Inode.Type.DIRECTORY);
        root.nlink = 2; // its "." and its own ".."
        names.put("/", root);
        sb.usedInodes++;
        sb.usedBlocks += root.allocate(0, SuperBlock.BLOCK_SIZE);
        for (FileDecl f : files) {
            String path = "/";
            String[] parts = f.path().split("/");
            for (int n = 0; n < parts.length; n++) {
                if (parts[n].isEmpty() || parts[n].equals(".")) {
                    continue;
                }
                path = parts[n].equals("..") ? Namei.parent(path) : Namei.join(path, parts[n]);
                boolean last = n == parts.length - 1;
                if (!names.containsKey(path)) {
                    make(path, last ? Inode.Type.REGULAR : Inode.Type.DIRECTORY, last ? f.sizeBytes() : 0, null);
                }
                if (last && names.get(path).regular()) {
                    names.get(path).mapping = files.indexOf(f);
                    names.get(path).readOnly = f.readOnly();
                }
            }
        }
        nextMapping = files.size(); // the declared files' own numbers replaced what make gave them
    }

    /**
     * Makes an inode under {@code path} (its directory exists): a directory gets one block and two
     * links, a file its size's blocks (a declared file is written whole), a symbolic link its target,
     * in the inode when shorter than 60 bytes (ext4's fast symlink), else in a block.
     */
    Inode make(String path, Inode.Type type, long size, String target) {
        long bytes = type == Inode.Type.DIRECTORY ? SuperBlock.BLOCK_SIZE
                : type == Inode.Type.SYMLINK ? target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length : size;
        Inode i = new Inode(nextIno++, path, bytes, type, target);
        if (type == Inode.Type.REGULAR) {
            i.mapping = nextMapping++;
        }
        if (type == Inode.Type.DIRECTORY) {
            i.nlink = 2;
            names.get(Namei.parent(path)).nlink++; // the new directory's ".."
        }
        long data = type == Inode.Type.SYMLINK ? (bytes < 60 ? 0 : bytes) : bytes;
        sb.usedBlocks += i.allocate(0, data);
        sb.usedInodes++;
        names.put(path, i);
        dcache.update(path, i);
        return i;
    }

    /** Adds a name for {@code i} (link): one more link. */
    void addName(String path, Inode i) {
        i.nlink++;
        names.put(path, i);
        dcache.update(path, i);
    }

    /** Removes a name (unlink, rmdir): one link fewer; the inode goes when no name and no open file is left. */
    void removeName(String path) {
        Inode i = names.remove(path);
        dcache.update(path, null);
        if (i.type == Inode.Type.DIRECTORY) {
            names.get(Namei.parent(path)).nlink--;
            i.nlink = 0;
        } else {
            i.nlink--;
        }
        if (i.nlink == 0) {
            i.path = i.path + " (deleted)"; // as /proc/PID/fd and lsof show it
        }
        iput(i);
    }

    /** iput: an inode with no name and no open file left frees its blocks and its number. */
    void iput(Inode i) {
        if (i.nlink == 0 && i.opens == 0 && i.type != Inode.Type.CHAR_DEVICE) {
            sb.usedBlocks -= i.free();
            sb.usedInodes--;
        }
    }

    /** The last open file of {@code i} went (fput); null for a device's, which has no inode here. */
    void closed(Inode i) {
        if (i != null && i.type != Inode.Type.CHAR_DEVICE) {
            i.opens--;
            iput(i);
        }
    }

    /** {@code t}'s fs_struct. */
    FsStruct fs(Task t) {
        return fs.computeIfAbsent(t.pid, pid -> new FsStruct());
    }

    /** A new task's fs_struct: its parent's, shared for threads (CLONE_FS), else a copy of the current directory. */
    void forked(Task parent, Task child, boolean share) {
        FsStruct p = fs(parent);
        if (share) {
            p.users++;
            fs.put(child.pid, p);
        } else {
            FsStruct c = new FsStruct();
            c.cwd = p.cwd;
            fs.put(child.pid, c);
        }
    }

    /** Resolves {@code path} for {@code t}: following a symbolic link at its end or not. */
    Namei.Walk walk(Task t, String path, boolean follow) {
        return Namei.walk(path, fs(t).cwd, follow, names, dcache);
    }

    /** A call failed: OSS2911 once per statement, -1 in its result. */
    boolean failed(Task t, oss.ir.program.Cell result, Span at, String call, String why) {
        if (warned.add(at)) {
            k.findings().add(oss.ir.diag.Code.FS_CALL_FAILED, at, t + ": " + call + " fails with " + why);
        }
        k.facts().record(at, t, k.now(), call, call + " fails with " + why, List.of());
        return PipeCalls.done(t, result, -1);
    }

    Core kernel() {
        return k;
    }

    public SuperBlock superBlock() {
        return sb;
    }

    public Dcache dcache() {
        return dcache;
    }

    /** Every name in the tree, canonical path to inode, in path order (for du and views). */
    public java.util.NavigableMap<String, Inode> tree() {
        return java.util.Collections.unmodifiableNavigableMap(names);
    }

    /** Bytes written to the terminal (stdout, stderr, or an open of /dev/tty) so far in the run. */
    public long ttyBytes() {
        return ttyBytes;
    }

    /** The file named {@code path} now (absolute, no links followed), or null. */
    public Inode lookup(String path) {
        return names.get(path);
    }

    /**
     * do_sys_open on the file system: the path walked (links followed), the file made with O_CREAT
     * when missing, an open file at offset 0 (O_TRUNC empties a file opened for writing). Null when
     * the path names nothing and O_CREAT is not given (the caller tries a FIFO, then says ENOENT);
     * {@link #FAILED} when the call failed here, reported.
     */
    OpenFile open(Task t, FdOp.Open op, Span at) {
        int mode = op.flags() & 3;
        boolean writes = mode != FdOp.O_RDONLY;
        if (op.path().equals(Inode.tty().path)) {
            return new OpenFile(Inode.tty(), mode != FdOp.O_WRONLY, writes, (op.flags() & FdOp.O_NONBLOCK) != 0,
                    false, false);
        }
        Namei.Walk w = walk(t, op.path(), true);
        if (w.failed()) {
            failed(t, null, at, "open", w.error());
            return FAILED;
        }
        Inode i = w.inode();
        boolean created = i == null;
        if (created) {
            if ((op.flags() & FdOp.O_CREAT) == 0) {
                return null;
            }
            i = make(w.path(), Inode.Type.REGULAR, 0, null);
        }
        if (writes && i.type == Inode.Type.DIRECTORY) {
            failed(t, null, at, "open", "EISDIR: \"" + w.path() + "\" is a directory, which cannot be opened for"
                    + " writing (open(2))");
            return FAILED;
        }
        if (writes && i.readOnly) {
            failed(t, null, at, "open", "EACCES: \"" + w.path() + "\" is read-only (declared readonly, mode 0444),"
                    + " so it cannot be opened for writing (open(2))");
            return FAILED;
        }
        // O_TRUNC with O_RDONLY is unspecified (open(2)); Linux truncates only a file opened for writing
        if (writes && (op.flags() & FdOp.O_TRUNC) != 0) {
            i.size = 0;
            sb.usedBlocks -= i.free();
            if (cache != null) {
                cache.truncate(i.mapping);
            }
        }
        i.opens++;
        return new OpenFile(i, mode != FdOp.O_WRONLY, writes, (op.flags() & FdOp.O_NONBLOCK) != 0,
                (op.flags() & FdOp.O_APPEND) != 0, created);
    }

    /** What {@link #open} returns after a failure it reported. */
    static final OpenFile FAILED = new OpenFile((Pipe) null, false, false, false);

    /** vfs_read: up to {@code bytes} from the offset, fewer at end of file, 0 past it. */
    boolean read(Task t, OpenFile f, FdOp.Read op, Span at) {
        Inode i = f.inode;
        if (i.type == Inode.Type.DIRECTORY) {
            return failed(t, op.result(), at, "read", "EISDIR: \"" + i.path + "\" is a directory (read(2); a"
                    + " directory's entries are read with getdents)");
        }
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
        long oldSize = i.size;
        f.pos += op.bytes();
        i.size = Math.max(i.size, f.pos);
        sb.usedBlocks += i.allocate(from, f.pos); // only what is written: a seek past the end leaves a hole
        String pages = "";
        if (cache != null) {
            var o = cache.write(t.pid, i.mapping, i.path, from, op.bytes(), oldSize, k.now());
            t.pendingIoNs += o.waitNs(); // a partial page of the file not cached is read first, asleep in D
            pages = "; " + o.describeWrite();
        }
        k.facts().record(at, t, k.now(), "write", "\"" + i.path + "\": " + Pipe.size(op.bytes()) + " written at offset "
                + from + "; the offset is now " + f.pos + ", the size " + i.size + pages, List.of());
        return PipeCalls.done(t, op.result(), op.bytes());
    }

    /**
     * vfs_fsync_range: the file's dirty pages, and its inode, to the disk; the caller sleeps in D
     * meanwhile. A pipe, FIFO or terminal cannot be synchronised (EINVAL), a closed descriptor is EBADF.
     */
    boolean fsync(Task t, OpenFile f, FdOp.Fsync op, Span at, PipeCalls pipes) {
        String name = op.dataOnly() ? "fdatasync" : "fsync";
        if (f == null || f.inode == null || !f.inode.regular() || f.device != null) {
            pipes.failed(t, op.result(), at, name, f == null ? "EBADF: the descriptor is not open (closed, or its"
                    + " open failed)" : "EINVAL: it is the " + f.describe() + ", which has no data on a disk to"
                    + " synchronise");
            return true;
        }
        String what = "nothing to write";
        if (cache != null) {
            var o = cache.fsync(f.inode.mapping, f.inode.path, op.dataOnly(), k.now());
            t.pendingIoNs += o.waitNs();
            what = o.pages() + " dirty page(s)" + (o.inode() ? " and the inode" : "") + " written to the disk"
                    + (o.waitNs() > 0 ? " (asleep " + Core.ms(o.waitNs()) + " in state D)" : "");
        }
        k.facts().record(at, t, k.now(), name, "\"" + f.inode.path + "\": " + what, List.of());
        return PipeCalls.done(t, op.result(), 0);
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
