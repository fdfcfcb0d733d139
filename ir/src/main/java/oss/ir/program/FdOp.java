package oss.ir.program;

/**
 * A call on descriptors and pipes, the payload of {@link Op.Fd} (docs/language.md, "Processes that
 * talk"). A descriptor is named by the body's slot that holds it and, for a pipe, the end
 * ({@link #READ_END}, {@link #WRITE_END}; {@link #PLAIN} for a descriptor from {@code open}).
 * {@code result} is the cell {@code n = ...} sets (bytes moved, or -1 on an error), null without one.
 */
public sealed interface FdOp {
    int PLAIN = -1;
    int READ_END = 0;
    int WRITE_END = 1;
    /** {@code stdin}, {@code stdout}, {@code stderr}: the slot is the descriptor number itself (0, 1, 2). */
    int STD = -2;

    <R> R accept(Visitor<R> visitor);

    /**
     * {@code v = pipe}: slot {@code slot} holds both ends; {@code name} is the variable, for messages.
     * {@code socket}: {@code v = socketpair}, two connected AF_UNIX stream sockets, {@code v[0]} in the
     * read end's place and {@code v[1]} in the write end's, each both read and written.
     */
    record Pipe(int slot, String name, boolean socket) implements FdOp {
        public Pipe(int slot, String name) {
            this(slot, name, false);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPipe(this);
        }
    }

    record Mkfifo(String path) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMkfifo(this);
        }
    }

    /** {@code v = open "path" FLAGS}: flags as in open(2) ({@link #O_RDONLY}, ...). */
    record Open(int slot, String path, int flags) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitOpen(this);
        }
    }

    /**
     * Reads up to {@code bytes}, or one int into {@code into} (then {@code bytes} is 4), setting {@code got}
     * to 1 when a value arrived (bytes leave the variable as it was). {@code into}, {@code got} and
     * {@code result} are private temporaries the call sets (the lowering copies them to the user's
     * variables with the ops that follow), so the call itself touches no variable others see.
     */
    record Read(int slot, int end, long bytes, Cell into, Cell got, Cell result, boolean nowait) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRead(this);
        }
    }

    /** Writes {@code bytes}, or the int {@code value} (then {@code bytes} is 4); value is null for bytes. {@code result} as for Read. */
    record Write(int slot, int end, long bytes, Val value, Cell result, boolean nowait) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWrite(this);
        }
    }

    record Close(int slot, int end) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitClose(this);
        }
    }

    /** lseek(2): {@code whence} is {@link #SEEK_SET}, {@link #SEEK_CUR} or {@link #SEEK_END}; result as for Read. */
    record Lseek(int slot, int end, long offset, int whence, Cell result) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLseek(this);
        }
    }

    /** dup(2): the lowest free descriptor, into {@code newSlot} (-1 on an error), shares the open file of slot/end. */
    record Dup(int slot, int end, int newSlot) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDup(this);
        }
    }

    /**
     * dup2(2): the descriptor slot/end names now refers to the open file of {@code from}/{@code fromEnd},
     * closing what it held; {@code newSlot} (-1 without one) gets it, or -1 on EBADF.
     */
    record Dup2(int fromSlot, int fromEnd, int slot, int end, int newSlot) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDup2(this);
        }
    }

    /** The calls on a path, by the name they are written with (and strace shows, except stat's). */
    enum PathKind {
        UNLINK, LINK, SYMLINK, MKDIR, RMDIR, CHDIR, STAT, LSTAT;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What {@code stat} gives back: one field of struct stat. */
    enum StatField {
        SIZE, BLOCKS, NLINK, INO;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A call on a path (unlink(2), link(2), symlink(2), mkdir(2), rmdir(2), chdir(2), stat(2), lstat):
     * {@code target} is link's and symlink's second path, else null; {@code field} is stat's, else null.
     * {@code result} as for Read: 0 or the field's value, -1 on an error.
     */
    record PathCall(PathKind kind, String path, String target, StatField field, Cell result) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPathCall(this);
        }
    }

    /** fstat(2): a field of the file descriptor slot/end refers to, -1 (EBADF) when it is not open. */
    record Fstat(int slot, int end, StatField field, Cell result) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFstat(this);
        }
    }

    /**
     * fsync(2), or fdatasync(2) when {@code dataOnly}: the file's dirty pages (and its inode, for
     * fdatasync only when its size changed) go to the disk; {@code result} gets 0, or -1.
     */
    record Fsync(int slot, int end, boolean dataOnly, Cell result) implements FdOp {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFsync(this);
        }
    }

    int SEEK_SET = 0;
    int SEEK_CUR = 1;
    int SEEK_END = 2;

    int O_RDONLY = 0;
    int O_WRONLY = 1;
    int O_RDWR = 2;
    int O_CREAT = 0100;
    int O_TRUNC = 01000;
    int O_APPEND = 02000;
    int O_NONBLOCK = 04000;

    interface Visitor<R> {
        R visitPipe(Pipe op);
        R visitMkfifo(Mkfifo op);
        R visitOpen(Open op);
        R visitRead(Read op);
        R visitWrite(Write op);
        R visitClose(Close op);
        R visitLseek(Lseek op);
        R visitDup(Dup op);
        R visitDup2(Dup2 op);
        R visitPathCall(PathCall op);
        R visitFstat(Fstat op);
        R visitFsync(Fsync op);
    }
}
