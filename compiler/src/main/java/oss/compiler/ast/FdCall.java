package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/**
 * A system call on descriptors and pipes (grammar rule {@code fdCall}); the statement that holds one
 * is {@link Stmt.Fd}, with the variable {@code v = ...} that keeps its result. docs/language.md,
 * "Processes that talk", says what each does.
 */
public sealed interface FdCall extends Node {

    <R> R accept(Visitor<R> visitor);

    /**
     * {@code pipe}: two descriptors, {@code v.read} and {@code v.write}; or, {@code socket},
     * {@code socketpair}: two connected sockets, {@code v[0]} and {@code v[1]}, each read and written.
     */
    record Pipe(boolean socket, Span span) implements FdCall {
        public Pipe(Span span) {
            this(false, span);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPipe(this);
        }
    }

    /** {@code mkfifo "path"}: a named pipe in the file system. */
    record Mkfifo(Text path, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitMkfifo(this);
        }
    }

    /** {@code open "path" O_RDONLY ...}: the flags as written, read by the compiler. */
    record Open(Text path, List<Name> flags, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitOpen(this);
        }
    }

    /** {@code read FD SIZE} (bytes) or {@code read FD into x} (one int); {@code nowait}: O_NONBLOCK for this call. */
    record Read(FdRef fd, Optional<Quantity> size, Optional<Ref> into, boolean nowait, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRead(this);
        }
    }

    /** {@code write FD PAYLOAD}: a quantity with a unit is that many bytes, without one an int value. */
    record Write(FdRef fd, Quantity payload, boolean nowait, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitWrite(this);
        }
    }

    /** {@code lseek f OFFSET WHENCE}: OFFSET in bytes, WHENCE one of SEEK_SET, SEEK_CUR, SEEK_END. */
    record Lseek(FdRef fd, Expr offset, Name whence, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLseek(this);
        }
    }

    /** {@code g = dup f}: a second descriptor for f's open file description. */
    record Dup(FdRef fd, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDup(this);
        }
    }

    /** {@code dup2 f stdout}: {@code to} now refers to {@code from}'s open file, closed first if it was open. */
    record Dup2(FdRef from, FdRef to, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDup2(this);
        }
    }

    /**
     * A call on a path: {@code unlink}, {@code mkdir}, {@code rmdir}, {@code chdir} (one path),
     * {@code link}/{@code symlink} (two: {@code target} is the new name), {@code stat}/{@code lstat}
     * (a path and the {@code field} wanted). {@code call} is the word as written.
     */
    record PathCall(String call, Text path, Optional<Text> target, Optional<Name> field, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPathCall(this);
        }
    }

    /** {@code n = fstat f FIELD}: a field of what descriptor f refers to. */
    record Fstat(FdRef fd, Name field, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFstat(this);
        }
    }

    /** {@code fsync f} or, {@code dataOnly}, {@code fdatasync f}: the file's dirty pages go to the disk. */
    record Fsync(FdRef fd, boolean dataOnly, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFsync(this);
        }
    }

    record Close(FdRef fd, Span span) implements FdCall {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitClose(this);
        }
    }

    /** One method per kind of call, none with a default. */
    interface Visitor<R> {
        R visitPipe(Pipe c);
        R visitMkfifo(Mkfifo c);
        R visitOpen(Open c);
        R visitRead(Read c);
        R visitWrite(Write c);
        R visitClose(Close c);
        R visitLseek(Lseek c);
        R visitDup(Dup c);
        R visitDup2(Dup2 c);
        R visitPathCall(PathCall c);
        R visitFstat(Fstat c);
        R visitFsync(Fsync c);
    }
}
