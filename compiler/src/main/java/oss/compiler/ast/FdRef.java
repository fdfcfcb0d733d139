package oss.compiler.ast;

import java.util.Optional;
import oss.ir.program.Span;

/**
 * A descriptor as written: {@code p.read}, {@code p.write} (an end of a pipe), {@code s[0]},
 * {@code s[1]} (an end of a socket pair) or {@code f}. {@code badIndex}: the index written when
 * it is neither 0 nor 1 ({@code s[2]}), for the lowering to refuse; else null.
 */
public record FdRef(Name name, Optional<End> end, Span span, String badIndex) implements Node {
    public FdRef(Name name, Optional<End> end, Span span) {
        this(name, end, span, null);
    }

    /** Which end of a pipe, or of a socket pair (FIRST is {@code [0]}, SECOND {@code [1]}). */
    public enum End {
        READ, WRITE, FIRST, SECOND;

        /** As written after the name: {@code .read}, {@code [0]}. */
        public String written() {
            return switch (this) {
                case READ -> ".read";
                case WRITE -> ".write";
                case FIRST -> "[0]";
                case SECOND -> "[1]";
            };
        }

        /** A socket pair's end rather than a pipe's. */
        public boolean socket() {
            return this == FIRST || this == SECOND;
        }
    }
}
