package oss.runtime.kernel.fs;

import java.util.List;
import oss.ir.program.FdOp;
import oss.ir.program.Span;
import oss.runtime.kernel.Task;

/**
 * The calls on names (fs/namei.c, fs/stat.c, fs/open.c's chdir): unlink, link, symlink, mkdir,
 * rmdir, chdir, stat and lstat, and fstat on a descriptor. Each walks its path through the
 * {@link Vfs} and returns 0 (stat: the field asked for) or -1 with errno, reported as OSS2911.
 */
final class PathCalls {
    private final Vfs vfs;

    PathCalls(Vfs vfs) {
        this.vfs = vfs;
    }

    boolean call(Task t, FdOp.PathCall c, Span at, PipeCalls pipes) {
        String call = c.kind().word();
        if (c.kind() == FdOp.PathKind.UNLINK && pipes.unlinkFifo(c.path())) {
            return ok(t, c, at, "FIFO \"" + c.path() + "\" unlinked: the name goes, ends already open keep working");
        }
        boolean follow = c.kind() == FdOp.PathKind.STAT || c.kind() == FdOp.PathKind.CHDIR;
        Namei.Walk w = vfs.walk(t, c.path(), follow);
        if (w.failed()) {
            return vfs.failed(t, c.result(), at, call, w.error());
        }
        Inode i = w.inode();
        String p = "\"" + w.path() + "\"";
        if (i == null && c.kind() != FdOp.PathKind.MKDIR && c.kind() != FdOp.PathKind.SYMLINK) {
            return vfs.failed(t, c.result(), at, call, "ENOENT: " + p + " does not exist");
        }
        switch (c.kind()) {
            case UNLINK -> {
                if (i.type == Inode.Type.DIRECTORY) {
                    return vfs.failed(t, c.result(), at, call, "EISDIR: " + p + " is a directory (use rmdir)");
                }
                vfs.removeName(w.path());
                return ok(t, c, at, p + " unlinked: " + (i.nlink > 0 ? i.nlink + " other name(s) left"
                        : i.opens > 0 ? "no name left, but " + i.opens + " open file(s) keep the inode and its "
                        + i.size + " bytes until the last close" : "its inode and " + i.blocks() + " block(s) freed"));
            }
            case RMDIR -> {
                if (i.type != Inode.Type.DIRECTORY) {
                    return vfs.failed(t, c.result(), at, call, "ENOTDIR: " + p + " is not a directory");
                }
                if (w.path().equals("/")) {
                    return vfs.failed(t, c.result(), at, call, "EBUSY: \"/\" is the root, a mount point");
                }
                String under = w.path() + "/";
                String next = vfs.tree().ceilingKey(under);
                if (next != null && next.startsWith(under)) {
                    return vfs.failed(t, c.result(), at, call, "ENOTEMPTY: " + p + " still holds \"" + next + "\"");
                }
                vfs.removeName(w.path());
                return ok(t, c, at, p + " removed");
            }
            case LINK -> {
                if (i.type == Inode.Type.DIRECTORY) {
                    return vfs.failed(t, c.result(), at, call, "EPERM: " + p + " is a directory (no hard links to"
                            + " directories, link(2))");
                }
                Namei.Walk to = vfs.walk(t, c.target(), false);
                if (to.failed()) {
                    return vfs.failed(t, c.result(), at, call, to.error());
                }
                if (to.inode() != null) {
                    return vfs.failed(t, c.result(), at, call, "EEXIST: \"" + to.path() + "\" exists already");
                }
                vfs.addName(to.path(), i);
                return ok(t, c, at, "\"" + to.path() + "\" is another name for " + p + " (inode " + i.ino + "): "
                        + i.nlink + " links");
            }
            case SYMLINK -> {
                // symlink TARGET LINKPATH: the first path is only text, not walked (it may not exist)
                Namei.Walk to = vfs.walk(t, c.target(), false);
                if (to.failed()) {
                    return vfs.failed(t, c.result(), at, call, to.error());
                }
                if (to.inode() != null) {
                    return vfs.failed(t, c.result(), at, call, "EEXIST: \"" + to.path() + "\" exists already");
                }
                Inode l = vfs.make(to.path(), Inode.Type.SYMLINK, 0, c.path());
                return ok(t, c, at, "\"" + to.path() + "\" -> \"" + c.path() + "\": a symbolic link, inode " + l.ino
                        + " of its own, " + l.size + " bytes (the target's length)");
            }
            case MKDIR -> {
                if (i != null) {
                    return vfs.failed(t, c.result(), at, call, "EEXIST: " + p + " exists already");
                }
                vfs.make(w.path(), Inode.Type.DIRECTORY, 0, null);
                return ok(t, c, at, p + " made");
            }
            case CHDIR -> {
                if (i.type != Inode.Type.DIRECTORY) {
                    return vfs.failed(t, c.result(), at, call, "ENOTDIR: " + p + " is not a directory");
                }
                vfs.fs(t).cwd = w.path();
                return ok(t, c, at, "the current directory is now " + p);
            }
            default -> {
                return stat(t, i, c.field(), c.result(), at, call, p);
            }
        }
    }

    /**
     * fstat(2) on a descriptor: a file's inode; a pipe, the terminal or a device has size 0, one link
     * and no blocks, and inode number 0 but for a pipe (its number in the run, from 1).
     */
    boolean fstat(Task t, OpenFile f, FdOp.Fstat c, Span at) {
        if (f == null) {
            return vfs.failed(t, c.result(), at, "fstat", "EBADF: the descriptor is not open (closed, or its open"
                    + " failed)");
        }
        if (f.inode == null || !f.inode.regular() && f.inode.type != Inode.Type.DIRECTORY) {
            long v = c.field() == FdOp.StatField.NLINK ? 1 : c.field() == FdOp.StatField.INO && f.pipe != null
                    ? f.pipe.id + 1 : 0;
            vfs.kernel().facts().record(at, t, vfs.kernel().now(), "fstat", f.describe() + ": st_" + c.field().word()
                    + " " + v, List.of());
            return PipeCalls.done(t, c.result(), v);
        }
        return stat(t, f.inode, c.field(), c.result(), at, "fstat", f.describe());
    }

    private boolean stat(Task t, Inode i, FdOp.StatField field, oss.ir.program.Cell result, Span at, String call,
            String what) {
        long v = switch (field) {
            case SIZE -> i.size;
            case BLOCKS -> i.sectors();
            case NLINK -> i.nlink;
            case INO -> i.ino;
        };
        vfs.kernel().facts().record(at, t, vfs.kernel().now(), call, what + ": inode " + i.ino + ", "
                + i.type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", size " + i.size + ", "
                + i.sectors() + " blocks of 512 bytes, " + i.nlink + " link(s): st_" + field.word() + " " + v,
                List.of());
        return PipeCalls.done(t, result, v);
    }

    private boolean ok(Task t, FdOp.PathCall c, Span at, String what) {
        vfs.kernel().facts().record(at, t, vfs.kernel().now(), c.kind().word(), what, List.of());
        return PipeCalls.done(t, c.result(), 0);
    }
}
