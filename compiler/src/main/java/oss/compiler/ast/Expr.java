package oss.compiler.ast;

import oss.ir.program.Span;

/** Integer (or decimal, before a unit) expressions, folded by the compiler. */
public sealed interface Expr extends Node {

    /** A number literal, kept as written: {@code 42}, {@code 0x1F}, {@code 1_000}, {@code 1.5}. */
    record Number(String text, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNumber(this);
        }
    }

    /** A name: a bound variable such as {@code i} in {@code process p[i in 0..4]}. */
    record NameRef(String name, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNameRef(this);
        }
    }

    record Negate(Expr operand, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNegate(this);
        }
    }

    /** {@code op} is one of {@code + - * / %}. */
    record Binary(String op, Expr left, Expr right, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBinary(this);
        }
    }

    /** {@code min(a, b)} or {@code max(a, b)}. */
    record Call(String function, Expr first, Expr second, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCall(this);
        }
    }

    record Paren(Expr inner, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitParen(this);
        }
    }

    <R> R accept(Visitor<R> visitor);

    /**
     * One method per kind of {@link Expr}, none with a default: a kind added to this interface
     * without its method here, or a visitor that forgets one (the printer, the folder, the
     * language server's index), fails to compile.
     */
    interface Visitor<R> {
        R visitNumber(Number e);
        R visitNameRef(NameRef e);
        R visitNegate(Negate e);
        R visitBinary(Binary e);
        R visitCall(Call e);
        R visitParen(Paren e);
    }
}
