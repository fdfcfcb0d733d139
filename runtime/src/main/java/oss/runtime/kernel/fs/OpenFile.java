package oss.runtime.kernel.fs;

/**
 * An open file (Linux's struct file): what one open or pipe call made, shared by every descriptor
 * that fork or dup copied from it. {@code refs} counts those descriptors (f_count); the file is
 * released, and its end of the pipe closed, when the last one goes.
 */
public final class OpenFile {
    /** The pipe behind it (a pipe's or a FIFO's pipe_inode_info). */
    public final Pipe pipe;
    /** FMODE_READ, FMODE_WRITE. */
    public final boolean reads;
    public final boolean writes;
    /** O_NONBLOCK: every read and write on it is as if with {@code nowait}. */
    public final boolean nonblock;
    int refs = 1;

    OpenFile(Pipe pipe, boolean reads, boolean writes, boolean nonblock) {
        this.pipe = pipe;
        this.reads = reads;
        this.writes = writes;
        this.nonblock = nonblock;
    }

    /** "read end of pipe p", "write end of FIFO "chan"", in the run's words. */
    public String describe() {
        return (reads && writes ? "both ends" : reads ? "read end" : "write end") + " of " + pipe.name;
    }
}
