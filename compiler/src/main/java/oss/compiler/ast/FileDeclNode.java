package oss.compiler.ast;

import oss.ir.program.Span;

/** {@code file "/data/log" size 1 MiB} or {@code library "libc.so.6" size 2 MiB}. */
public record FileDeclNode(Kind kind, Text path, Quantity size, Span span) implements Section {
    public enum Kind {
        FILE("file"), LIBRARY("library");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    @Override
    public <R> R accept(Section.Visitor<R> visitor) {
        return visitor.visitFile(this);
    }
}
