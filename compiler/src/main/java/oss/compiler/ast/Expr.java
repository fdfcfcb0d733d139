package oss.compiler.ast;

import oss.ir.program.Span;

/** Integer (or decimal, before a unit) expressions, folded by the compiler. */
public sealed interface Expr extends Node {

    /** A number literal, kept as written: {@code 42}, {@code 0x1F}, {@code 1_000}, {@code 1.5}. */
    record Number(String text, Span span) implements Expr {}

    /** A name: a bound variable such as {@code i} in {@code process p[i in 0..4]}. */
    record NameRef(String name, Span span) implements Expr {}

    record Negate(Expr operand, Span span) implements Expr {}

    /** {@code op} is one of {@code + - * / %}. */
    record Binary(String op, Expr left, Expr right, Span span) implements Expr {}

    /** {@code min(a, b)} or {@code max(a, b)}. */
    record Call(String function, Expr first, Expr second, Span span) implements Expr {}

    record Paren(Expr inner, Span span) implements Expr {}
}
