package oss.ir.program;

import java.util.function.Consumer;

/**
 * Evaluates {@link Val}s: the one definition of oss's integer arithmetic, shared by the kernel,
 * the explorer and the expectation judge so that a value computed in one is the value computed
 * in the others.
 */
public final class Vals {
    private Vals() {}

    /** Where reads go: the caller knows which task executes and which memory model applies. */
    @FunctionalInterface
    public interface Memory {
        /** The value of element {@code index} (already checked against the length) of {@code cell}. */
        int read(Cell cell, int index);
    }

    /** A division by zero or an index outside its array: a finding at the statement, never a crash. */
    public static final class DataFault extends RuntimeException {
        public enum Kind {
            DIVISION_BY_ZERO, INDEX_OUT_OF_BOUNDS
        }

        private final Kind kind;

        public DataFault(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    public static int eval(Val v, Memory memory) {
        return v.accept(new Evaluator(memory));
    }

    public static boolean truth(Val v, Memory memory) {
        return eval(v, memory) != 0;
    }

    /** The element {@code cell} denotes, its index evaluated and checked. */
    public static int index(Cell cell, Memory memory) {
        int i = eval(cell.index(), memory);
        if (i < 0 || i >= cell.length()) {
            throw new DataFault(DataFault.Kind.INDEX_OUT_OF_BOUNDS,
                    "index " + i + " is outside " + cell.name() + "[0.." + (cell.length() - 1) + "]");
        }
        return i;
    }

    public static int apply(Val.BinOp op, int a, int b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> {
                if (b == 0) {
                    throw new DataFault(DataFault.Kind.DIVISION_BY_ZERO, "division by zero (" + a + " / 0)");
                }
                yield a / b;
            }
            case MOD -> {
                if (b == 0) {
                    throw new DataFault(DataFault.Kind.DIVISION_BY_ZERO, "remainder by zero (" + a + " % 0)");
                }
                yield a % b;
            }
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
            case EQ -> a == b ? 1 : 0;
            case NE -> a != b ? 1 : 0;
            case LT -> a < b ? 1 : 0;
            case LE -> a <= b ? 1 : 0;
            case GT -> a > b ? 1 : 0;
            case GE -> a >= b ? 1 : 0;
            case AND -> a != 0 && b != 0 ? 1 : 0;
            case OR -> a != 0 || b != 0 ? 1 : 0;
        };
    }

    /** Every cell {@code v} reads, in evaluation order (indexes' reads before their cell). */
    public static void reads(Val v, Consumer<Cell> out) {
        v.accept(new Val.Visitor<Void>() {
            @Override
            public Void visitConst(Val.Const c) {
                return null;
            }

            @Override
            public Void visitRead(Val.Read r) {
                reads(r.cell().index(), out);
                out.accept(r.cell());
                return null;
            }

            @Override
            public Void visitUnary(Val.Unary u) {
                reads(u.operand(), out);
                return null;
            }

            @Override
            public Void visitBinary(Val.Binary b) {
                reads(b.left(), out);
                reads(b.right(), out);
                return null;
            }
        });
    }

    private record Evaluator(Memory memory) implements Val.Visitor<Integer> {
        @Override
        public Integer visitConst(Val.Const v) {
            return v.value();
        }

        @Override
        public Integer visitRead(Val.Read v) {
            return memory.read(v.cell(), index(v.cell(), memory));
        }

        @Override
        public Integer visitUnary(Val.Unary v) {
            int a = v.operand().accept(this);
            return switch (v.op()) {
                case NEG -> -a;
                case NOT -> a == 0 ? 1 : 0;
            };
        }

        @Override
        public Integer visitBinary(Val.Binary v) {
            int a = v.left().accept(this);
            // C's short circuit: `i < 4 && slot[i] == 0` must not read slot[4]
            if (v.op() == Val.BinOp.AND && a == 0) {
                return 0;
            }
            if (v.op() == Val.BinOp.OR && a != 0) {
                return 1;
            }
            return apply(v.op(), a, v.right().accept(this));
        }
    }
}
