package oss.ir.program;

/**
 * A data expression, lowered: constants, reads of {@link Cell}s and operators. Values are C
 * {@code int}s: 32-bit two's complement that wraps on overflow, division truncating toward zero,
 * {@code %} taking the dividend's sign, comparisons and {@code && || !} giving 0 or 1. Evaluate
 * with {@link Vals#eval}, the one evaluator the kernel and the explorer share.
 *
 * <p>Outside {@link Op.Await} and {@link Op.Atomic}, a lowered expression reads only private
 * cells: every read of a shared or group cell was hoisted into an {@link Op.Load} of its own, so
 * that each step touches at most one variable others can see.
 */
public sealed interface Val {

    <R> R accept(Visitor<R> visitor);

    record Const(int value) implements Val {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitConst(this);
        }
    }

    record Read(Cell cell) implements Val {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRead(this);
        }
    }

    record Unary(UnOp op, Val operand) implements Val {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitUnary(this);
        }
    }

    record Binary(BinOp op, Val left, Val right) implements Val {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBinary(this);
        }
    }

    enum UnOp {
        NEG, NOT
    }

    /** {@code AND} and {@code OR} evaluate their right side only when needed, as C does. */
    enum BinOp {
        ADD, SUB, MUL, DIV, MOD, MIN, MAX, EQ, NE, LT, LE, GT, GE, AND, OR
    }

    /** One method per kind of value, none with a default. */
    interface Visitor<R> {
        R visitConst(Const v);

        R visitRead(Read v);

        R visitUnary(Unary v);

        R visitBinary(Binary v);
    }
}
