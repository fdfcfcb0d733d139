package oss.compiler.ast;

import oss.ir.program.Span;

/**
 * One token of a setting line. {@code glued} is true when no space separated
 * it from the previous atom ({@code 4-way}), so the formatter keeps it so.
 */
public record Atom(Kind kind, String text, boolean glued, Span span) implements Node {
    public enum Kind { WORD, NUMBER, STRING, SIGN }
}
