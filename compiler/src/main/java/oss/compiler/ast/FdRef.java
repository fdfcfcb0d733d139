package oss.compiler.ast;

import java.util.Optional;
import oss.ir.program.Span;

/** A descriptor as written: {@code p.read}, {@code p.write} (an end of a pipe) or {@code f}. */
public record FdRef(Name name, Optional<End> end, Span span) implements Node {
    /** Which end of a pipe. */
    public enum End {
        READ, WRITE;

        /** As written after the dot. */
        public String word() {
            return this == READ ? "read" : "write";
        }
    }
}
