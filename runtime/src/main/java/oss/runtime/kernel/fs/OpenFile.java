package oss.runtime.kernel.fs;

/**
 * An open file (Linux's struct file): what one open or pipe call made, shared by every descriptor
 * that fork or dup copied from it. {@code refs} counts those descriptors (f_count); the file is
 * released, and its end of the pipe closed, when the last one goes.
 */
public final class OpenFile {
    /**
     * The pipe behind it (a pipe's or a FIFO's pipe_inode_info), or null for a regular file. For an
     * end of a socket pair, the queue it receives from (its sk_receive_queue).
     */
    public final Pipe pipe;
    /** An end of a socket pair: the queue it sends to, its peer's receive queue; null otherwise. */
    public final Pipe sendTo;
    /** The regular file behind it, or null for a pipe. */
    public final Inode inode;
    /** The character device (a {@code device} line's) or epoll instance behind it (kernel.io), or null. */
    public final oss.runtime.kernel.io.IoFile device;
    /** f_pos: where the next read or write on a regular file starts; one for every descriptor sharing it. */
    long pos;
    /** O_APPEND: every write goes to the end of the file first. */
    final boolean append;
    /** The open made the file (O_CREAT), for the open's fact. */
    final boolean created;
    /** The open that made it, where a leak at exit is reported; null for a pipe. */
    oss.ir.program.Span openedAt;
    /** FMODE_READ, FMODE_WRITE. */
    public final boolean reads;
    public final boolean writes;
    /** O_NONBLOCK: every read and write on it is as if with {@code nowait}. */
    public final boolean nonblock;
    int refs = 1;

    OpenFile(Pipe pipe, boolean reads, boolean writes, boolean nonblock) {
        this(pipe, null, reads, writes, nonblock);
    }

    /** An end of a socket pair: receives from {@code receive}, sends to {@code send}; read and written. */
    OpenFile(Pipe receive, Pipe send, boolean reads, boolean writes, boolean nonblock) {
        this.sendTo = send;
        this.pipe = receive;
        this.inode = null;
        this.device = null;
        this.append = false;
        this.created = false;
        this.reads = reads;
        this.writes = writes;
        this.nonblock = nonblock;
    }

    OpenFile(Inode inode, boolean reads, boolean writes, boolean nonblock, boolean append, boolean created) {
        this.pipe = null;
        this.sendTo = null;
        this.inode = inode;
        this.device = null;
        this.reads = reads;
        this.writes = writes;
        this.nonblock = nonblock;
        this.append = append;
        this.created = created;
    }

    /** A device's or epoll instance's open file: no offset (a stream), so read and write go to kernel.io. */
    public OpenFile(oss.runtime.kernel.io.IoFile device, boolean reads, boolean writes, boolean nonblock) {
        this.pipe = null;
        this.sendTo = null;
        this.inode = null;
        this.device = device;
        this.append = false;
        this.created = false;
        this.reads = reads;
        this.writes = writes;
        this.nonblock = nonblock;
    }

    /** f_pos, for views and tests. */
    public long pos() {
        return pos;
    }

    /** "read end of pipe p", "write end of FIFO "chan"", in the run's words. */
    public String describe() {
        if (device != null) {
            return device.describe(nonblock);
        }
        if (inode != null && !inode.regular()) {
            return "the terminal " + inode.path;
        }
        if (inode != null) {
            return "\"" + inode.path + "\" (" + (reads && writes ? "read-write" : reads ? "read-only" : "write-only")
                    + (append ? ", append" : "") + ")";
        }
        if (sendTo != null) {
            return pipe.name + " (an AF_UNIX stream socket, connected to " + sendTo.name + ")";
        }
        return (reads && writes ? "both ends" : reads ? "read end" : "write end") + " of " + pipe.name;
    }
}
