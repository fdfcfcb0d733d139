package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/**
 * {@code file "/data/log" size 1 MiB}, {@code library "libc.so.6" size 2 MiB}, or a device,
 * {@code device "/dev/net0" every 5 ms count 4 size 1 KiB}: a name in the file system, whose
 * {@code size} is a device's per delivery. A device is a character special file under /dev, so it
 * is declared as the others are and only adds when its data arrives ({@link Arrivals}).
 * {@code readOnly}: a file line ending in {@code readonly} (mode 0444: open(2) for writing fails
 * with EACCES).
 */
public record FileDeclNode(Kind kind, Text path, Quantity size, Optional<Arrivals> arrivals, boolean readOnly,
                           Span span) implements Section {
    public enum Kind {
        FILE("file"), LIBRARY("library"), DEVICE("device");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public FileDeclNode(Kind kind, Text path, Quantity size, Span span) {
        this(kind, path, size, Optional.empty(), false, span);
    }

    public FileDeclNode(Kind kind, Text path, Quantity size, Optional<Arrivals> arrivals, Span span) {
        this(kind, path, size, arrivals, false, span);
    }

    /**
     * When a device sends: {@code every PERIOD count N} or {@code at T, T, ...} ({@code times});
     * then {@code latency} and {@code bandwidth ... / per} as written, if written.
     */
    public record Arrivals(Optional<Quantity> period, Optional<Expr> count, List<Quantity> times,
                           Optional<Quantity> latency, Optional<Quantity> bandwidth, Optional<Name> per) {}

    @Override
    public <R> R accept(Section.Visitor<R> visitor) {
        return visitor.visitFile(this);
    }
}
