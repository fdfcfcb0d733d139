package oss.compiler.ast;

import oss.ir.program.Span;

/**
 * One operation of a {@code semop}: an element of a semaphore set and the
 * change, {@code s[0] -1}, {@code s[2] +1} ({@code plus}: written with a
 * leading {@code +}) or {@code s[1] 0} (wait until it is zero).
 */
public record SemOpItem(Ref element, boolean plus, Expr delta, Span span) implements Node {}
