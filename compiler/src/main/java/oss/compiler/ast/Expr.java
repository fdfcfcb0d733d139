package oss.compiler.ast;

import oss.ir.program.Span;

/**
 * Integer (or decimal, before a unit) expressions: folded by the compiler where a count, size or
 * time is needed, lowered to data values ({@code oss.ir.program.Val}) in conditions and assignments.
 */
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

    /** {@code !e}: 1 when {@code e} is 0, else 0. */
    record Not(Expr operand, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNot(this);
        }
    }

    /** {@code op} is one of {@code + - * / %}, {@code == != < <= > >=} or {@code && ||}, as written. */
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

    /** {@code slot[i]}: an element of an {@code int} array. */
    record Element(Name array, Expr index, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitElement(this);
        }
    }

    /** {@code P.x}, {@code p[1].x}: process P's variable x, in an expectation. */
    record Field(Ref owner, Name field, Span span) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitField(this);
        }
    }

    /**
     * {@code fetch_add(x, 1)}, {@code cmpxchg(x, 0, 1)}, ...: an atomic operation on {@code target};
     * {@code function} as written, {@code arguments} after the target (their count checked by the lowering).
     */
    record Atomic(Name function, Ref target, java.util.List<Expr> arguments, Span span) implements Expr {
        public Atomic {
            arguments = java.util.List.copyOf(arguments);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAtomic(this);
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
        R visitNot(Not e);
        R visitElement(Element e);
        R visitField(Field e);
        R visitAtomic(Atomic e);
    }
}
