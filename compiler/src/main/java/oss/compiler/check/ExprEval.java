package oss.compiler.check;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.Expr;
import oss.compiler.format.Canonical;
import oss.compiler.util.Suggest;
import oss.ir.diag.Code;
import oss.ir.program.Span;

/**
 * Folds expressions at compile time. Values are exact decimals so that
 * {@code 1.5 ms} works; every intermediate result must stay within a signed
 * 64-bit integer's range, and anything else is a diagnostic, never an exception.
 */
public final class ExprEval {
    private static final BigDecimal LIMIT = new BigDecimal(Long.MAX_VALUE);
    /** Intermediate results stay within this; {@link #address} widens it to 64 unsigned bits. */
    private BigDecimal limit = LIMIT;
    private static final BigDecimal ADDRESS_LIMIT = new BigDecimal(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    private final Diags diags;
    private final Symbols symbols;

    /** The data variables in scope where an expression is folded, to say why they cannot be used there. */
    private java.util.function.Predicate<String> variables = n -> false;

    public void setVariables(java.util.function.Predicate<String> variables) {
        this.variables = variables;
    }

    public ExprEval(Diags diags, Symbols symbols) {
        this.diags = diags;
        this.symbols = symbols;
    }

    /** The exact value, or empty after reporting why there is none. */
    public Optional<BigDecimal> value(Expr e, Map<String, Long> env) {
        return Optional.ofNullable(eval(e, env));
    }

    /** A whole number that fits in a long; {@code what} names it in messages ("the count"). */
    public OptionalLong integer(Expr e, Map<String, Long> env, String what) {
        BigDecimal v = eval(e, env);
        if (v == null) {
            return OptionalLong.empty();
        }
        return whole(v, e.span(), what);
    }

    public OptionalLong whole(BigDecimal v, Span span, String what) {
        BigDecimal stripped = v.stripTrailingZeros();
        if (stripped.scale() > 0) {
            diags.report(Code.NOT_AN_INTEGER, span, what + " must be a whole number, not " + v.toPlainString());
            return OptionalLong.empty();
        }
        if (v.abs().compareTo(LIMIT) > 0) {
            tooLarge(span);
            return OptionalLong.empty();
        }
        return OptionalLong.of(v.longValueExact());
    }

    /** A whole number in {@code min..max}; outside is {@code code} with the given message start. */
    public OptionalLong inRange(Expr e, Map<String, Long> env, String what, long min, long max, Code code) {
        OptionalLong v = integer(e, env, what);
        if (v.isPresent() && (v.getAsLong() < min || v.getAsLong() > max)) {
            // a count above its limit is out of range, not "must be at least 1" (it is)
            boolean above = v.getAsLong() > max;
            String range = code != Code.NOT_POSITIVE ? "between " + min + " and " + max
                    : above ? "at most " + max : "at least " + min;
            diags.report(above && code == Code.NOT_POSITIVE ? Code.VALUE_OUT_OF_RANGE : code, e.span(),
                    what + " must be " + range + ", not " + v.getAsLong());
            return OptionalLong.empty();
        }
        return v;
    }

    /**
     * A virtual address: any value of the machine's address width, so that a
     * kernel address such as {@code 0xffff888000000000} can be written (it does
     * not fit a signed long; the result carries its 64 bits). Above the width
     * is {@code VALUE_OUT_OF_RANGE}.
     */
    public OptionalLong address(Expr e, Map<String, Long> env, String what, int addressBits) {
        BigDecimal v;
        limit = ADDRESS_LIMIT;
        try {
            v = eval(e, env);
        } finally {
            limit = LIMIT;
        }
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v.stripTrailingZeros().scale() > 0) {
            diags.report(Code.NOT_AN_INTEGER, e.span(), what + " must be a whole number, not " + v.toPlainString());
            return OptionalLong.empty();
        }
        int bits = addressBits > 32 ? 64 : 32;
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger x = v.toBigIntegerExact();
        if (x.signum() < 0 || x.compareTo(max) > 0) {
            diags.report(Code.VALUE_OUT_OF_RANGE, e.span(), what + " must be between 0 and 0x" + max.toString(16)
                    + " (a " + bits + "-bit address), not " + (x.signum() < 0 ? x.toString() : "0x" + x.toString(16)));
            return OptionalLong.empty();
        }
        return OptionalLong.of(x.longValue());
    }

    void tooLarge(Span span) {
        diags.report(Code.VALUE_OUT_OF_RANGE, span, limit == LIMIT
                ? "this number is too large (the limit is " + Long.MAX_VALUE + ")"
                : "this number is too large for an address (the limit is 0xffffffffffffffff)");
    }

    private BigDecimal eval(Expr e, Map<String, Long> env) {
        return new Folder(env).fold(e);
    }

    /** One expression's value in {@code env}; null after reporting why there is none. */
    private final class Folder implements Expr.Visitor<BigDecimal> {
        private final Map<String, Long> env;

        Folder(Map<String, Long> env) {
            this.env = env;
        }

        /** Every intermediate result, not only the last, must stay within the limit. */
        BigDecimal fold(Expr e) {
            BigDecimal v = e.accept(this);
            if (v != null && v.abs().compareTo(limit) > 0) {
                tooLarge(e.span());
                return null;
            }
            return v;
        }

        @Override
        public BigDecimal visitNumber(Expr.Number e) {
            return number(e);
        }

        @Override
        public BigDecimal visitNameRef(Expr.NameRef e) {
            return name(e, env);
        }

        @Override
        public BigDecimal visitNegate(Expr.Negate e) {
            BigDecimal x = fold(e.operand());
            return x == null ? null : x.negate();
        }

        @Override
        public BigDecimal visitBinary(Expr.Binary e) {
            BigDecimal x = fold(e.left());
            BigDecimal y = fold(e.right());
            return x == null || y == null ? null : binary(e, x, y);
        }

        @Override
        public BigDecimal visitCall(Expr.Call e) {
            BigDecimal a = fold(e.first());
            BigDecimal b = fold(e.second());
            return a == null || b == null ? null : e.function().equals("min") ? a.min(b) : a.max(b);
        }

        @Override
        public BigDecimal visitParen(Expr.Paren e) {
            return fold(e.inner());
        }

        @Override
        public BigDecimal visitNot(Expr.Not e) {
            BigDecimal x = fold(e.operand());
            return x == null ? null : x.signum() == 0 ? BigDecimal.ONE : BigDecimal.ZERO;
        }

        @Override
        public BigDecimal visitElement(Expr.Element e) {
            return notConstant(e, "`" + e.array().text() + "[...]` is an element of a variable");
        }

        @Override
        public BigDecimal visitField(Expr.Field e) {
            return notConstant(e, "`" + Canonical.expr(e) + "` is a process's variable");
        }

        @Override
        public BigDecimal visitAtomic(Expr.Atomic e) {
            return notConstant(e, "`" + e.function().text() + "(...)` is an atomic operation done while the scenario runs");
        }
    }

    private BigDecimal notConstant(Expr e, String what) {
        diags.report(Code.WRONG_KIND, e.span(), what + ": its value is not known when the file is compiled, and a count,"
                + " size, time or index of a declared object needs a number or a loop index here");
        return null;
    }

    private BigDecimal binary(Expr.Binary b, BigDecimal x, BigDecimal y) {
        switch (b.op()) {
            case "==":
                return truth(x.compareTo(y) == 0);
            case "!=":
                return truth(x.compareTo(y) != 0);
            case "<":
                return truth(x.compareTo(y) < 0);
            case "<=":
                return truth(x.compareTo(y) <= 0);
            case ">":
                return truth(x.compareTo(y) > 0);
            case ">=":
                return truth(x.compareTo(y) >= 0);
            case "&&":
                return truth(x.signum() != 0 && y.signum() != 0);
            case "||":
                return truth(x.signum() != 0 || y.signum() != 0);
            case "+":
                return x.add(y);
            case "-":
                return x.subtract(y);
            case "*":
                return x.multiply(y);
            default:
                break;
        }
        if (y.signum() == 0) {
            diags.report(Code.DIVISION_BY_ZERO, b.right().span(), "division by zero: `" + b.op() + "` by a value that is 0");
            return null;
        }
        boolean integers = x.stripTrailingZeros().scale() <= 0 && y.stripTrailingZeros().scale() <= 0;
        if (b.op().equals("%")) {
            if (!integers) {
                diags.report(Code.NOT_AN_INTEGER, b.span(), "`%` needs whole numbers");
                return null;
            }
            return new BigDecimal(x.toBigIntegerExact().remainder(y.toBigIntegerExact()));
        }
        if (integers) {
            return new BigDecimal(x.toBigIntegerExact().divide(y.toBigIntegerExact()));
        }
        return x.divide(y, MathContext.DECIMAL64).setScale(9, RoundingMode.HALF_UP);
    }

    /** C's truth values. */
    private static BigDecimal truth(boolean b) {
        return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }

    private BigDecimal number(Expr.Number n) {
        String text = n.text().replace("_", "");
        try {
            if (text.length() > 40) {
                tooLarge(n.span());
                return null;
            }
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return new BigDecimal(new BigInteger(text.substring(2), 16));
            }
            return new BigDecimal(text);
        } catch (NumberFormatException ex) {
            diags.report(Code.SYNTAX, n.span(), "`" + n.text() + "` is not a number");
            return null;
        }
    }

    private BigDecimal name(Expr.NameRef n, Map<String, Long> env) {
        Long bound = env.get(n.name());
        if (bound != null) {
            return BigDecimal.valueOf(bound);
        }
        Symbols.Symbol s = symbols.lookup(n.name());
        if (s != null && s.kind() == oss.compiler.ast.Declaration.Kind.INT || s == null && variables.test(n.name())) {
            return notConstant(n, "`" + n.name() + "` is a variable");
        }
        if (s != null) {
            diags.report(Code.WRONG_KIND, n.span(), "`" + n.name() + "` is " + s.describe() + ", not a number");
            return null;
        }
        String hint = Suggest.hint(n.name(), env.keySet());
        diags.report(Code.UNKNOWN_NAME, n.span(), env.isEmpty()
                ? "unknown name `" + n.name() + "`: only numbers and loop variables can be used here"
                : "unknown name `" + n.name() + "`" + hint);
        return null;
    }
}
