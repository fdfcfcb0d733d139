package oss.compiler.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import oss.compiler.ast.Amount;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Name;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Range;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Text;
import oss.grammar.OssLexer;
import oss.grammar.OssParser;

/**
 * The small parts that sections and statements are made of (names, references, quantities,
 * expressions, strings), built from trees with recovered errors too: a part that is missing or
 * broken is null, and the node that needs it is not built (its syntax error is already reported).
 */
final class Parts {
    private static final ExprBuilder EXPR = new ExprBuilder();

    private Parts() {}

    static Expr expr(OssParser.ExprContext e) {
        if (e == null || e.exception != null && e.getChildCount() == 0) {
            return null;
        }
        return e.accept(EXPR);
    }

    /** One method per labelled alternative of {@code expr}. */
    private static final class ExprBuilder extends RuleBuilder<Expr> {
        ExprBuilder() {
            super(OssParser.ExprContext.class);
        }

        @Override
        public Expr visitNumberExpr(OssParser.NumberExprContext n) {
            var span = Spans.of(n);
            Token t = real(n.NUMBER() == null ? null : n.NUMBER().getSymbol());
            return t == null ? null : new Expr.Number(t.getText(), span);
        }

        @Override
        public Expr visitNameExpr(OssParser.NameExprContext n) {
            var span = Spans.of(n);
            Name name = name(n.identifier());
            return name == null ? null : new Expr.NameRef(name.text(), span);
        }

        @Override
        public Expr visitNegateExpr(OssParser.NegateExprContext n) {
            var span = Spans.of(n);
            Expr inner = expr(n.expr());
            return inner == null ? null : new Expr.Negate(inner, span);
        }

        @Override
        public Expr visitMultiplyExpr(OssParser.MultiplyExprContext n) {
            var span = Spans.of(n);
            return binary(n.op, n.expr(0), n.expr(1), span);
        }

        @Override
        public Expr visitAddExpr(OssParser.AddExprContext n) {
            var span = Spans.of(n);
            return binary(n.op, n.expr(0), n.expr(1), span);
        }

        @Override
        public Expr visitNotExpr(OssParser.NotExprContext n) {
            var span = Spans.of(n);
            Expr inner = expr(n.expr());
            return inner == null ? null : new Expr.Not(inner, span);
        }

        @Override
        public Expr visitCompareExpr(OssParser.CompareExprContext n) {
            return binary(n.op, n.expr(0), n.expr(1), Spans.of(n));
        }

        @Override
        public Expr visitEqualityExpr(OssParser.EqualityExprContext n) {
            return binary(n.op, n.expr(0), n.expr(1), Spans.of(n));
        }

        @Override
        public Expr visitAndExpr(OssParser.AndExprContext n) {
            return binary(n.op, n.expr(0), n.expr(1), Spans.of(n));
        }

        @Override
        public Expr visitOrExpr(OssParser.OrExprContext n) {
            return binary(n.op, n.expr(0), n.expr(1), Spans.of(n));
        }

        @Override
        public Expr visitAtomicExpr(OssParser.AtomicExprContext n) {
            return atomic(n.atomicOp());
        }

        @Override
        public Expr visitFieldExpr(OssParser.FieldExprContext n) {
            Ref owner = ref(n.owner);
            Name field = name(n.field);
            return owner == null || field == null ? null : new Expr.Field(owner, field, Spans.of(n));
        }

        @Override
        public Expr visitElementExpr(OssParser.ElementExprContext n) {
            Name array = name(n.identifier());
            Expr index = expr(n.index);
            if (array == null || index == null || n.RBRACK() == null || real(n.RBRACK().getSymbol()) == null) {
                return null;
            }
            return new Expr.Element(array, index, Spans.of(n));
        }

        @Override
        public Expr visitCallExpr(OssParser.CallExprContext n) {
            var span = Spans.of(n);
            if (n.expr().size() != 2 || n.RPAREN() == null || real(n.RPAREN().getSymbol()) == null) {
                return null;
            }
            Expr a = expr(n.expr(0));
            Expr b = expr(n.expr(1));
            return a == null || b == null ? null
                    : new Expr.Call(n.fn.getText().toLowerCase(Locale.ROOT), a, b, span);
        }

        @Override
        public Expr visitParenExpr(OssParser.ParenExprContext n) {
            var span = Spans.of(n);
            Expr inner = expr(n.expr());
            return inner == null || n.RPAREN() == null || real(n.RPAREN().getSymbol()) == null ? null
                    : new Expr.Paren(inner, span);
        }
    }

    /** {@code fetch_add(x, 1)}: null when a part is missing. */
    static Expr.Atomic atomic(OssParser.AtomicOpContext a) {
        if (a == null || a.fn == null || a.RPAREN() == null || real(a.RPAREN().getSymbol()) == null) {
            return null;
        }
        Token fn = real(a.fn);
        Ref target = ref(a.target);
        if (fn == null || target == null) {
            return null;
        }
        List<Expr> args = new ArrayList<>();
        for (OssParser.ExprContext e : a.args) {
            Expr x = expr(e);
            if (x == null) {
                return null;
            }
            args.add(x);
        }
        return new Expr.Atomic(new Name(fn.getText(), Spans.of(fn)), target, args, Spans.of(a));
    }

    static Token real(Token t) {
        return t == null || t.getTokenIndex() < 0 ? null : t;
    }

    static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /**
     * An optional part such as a range's end or its step: empty when absent,
     * null when present but broken (the statement is then dropped, its syntax
     * error already reported).
     */
    static Optional<Quantity> optionalQuantity(boolean present, OssParser.QuantityContext ctx) {
        if (!present) {
            return Optional.empty();
        }
        Quantity q = quantity(ctx);
        return q == null ? null : Optional.of(q);
    }

    static Text text(Token t) {
        Token real = real(t);
        return real == null ? null : new Text(unquote(real.getText()), Spans.of(real));
    }

    static Range range(OssParser.RangeContext r) {
        if (r == null || r.DOTDOT() == null) {
            return null;
        }
        Expr from = expr(r.from);
        Expr to = expr(r.to);
        if (from == null || to == null) {
            return null;
        }
        return new Range(from, to, Spans.of(r));
    }

    /** The variable of {@code v = vfork}, empty without one, null when broken. */
    static Optional<Name> variable(TerminalNode assign, OssParser.IdentifierContext var) {
        if (assign == null) {
            return Optional.empty();
        }
        Name n = name(var);
        return n == null ? null : Optional.of(n);
    }

    static List<Amount> amounts(OssParser.AmountsContext a) {
        if (a == null || a.amount().isEmpty()) {
            return null;
        }
        List<Amount> out = new ArrayList<>();
        for (OssParser.AmountContext one : a.amount()) {
            Ref r = ref(one.ref());
            if (r == null) {
                return null;
            }
            Optional<Expr> count = Optional.empty();
            if (one.count != null) {
                Expr e = expr(one.count);
                if (e == null) {
                    return null;
                }
                count = Optional.of(e);
            }
            out.add(new Amount(r, count, Spans.of(one)));
        }
        return out;
    }

    static Ref ref(OssParser.RefContext r) {
        if (r == null) {
            return null;
        }
        Name n = name(r.identifier());
        if (n == null) {
            return null;
        }
        Optional<Expr> index = Optional.empty();
        if (r.LBRACK() != null) {
            Expr e = expr(r.index);
            if (e == null || r.RBRACK() == null || real(r.RBRACK().getSymbol()) == null) {
                return null;
            }
            index = Optional.of(e);
        }
        return new Ref(n, index, Spans.of(r));
    }

    static List<Expr.Number> numbers(List<TerminalNode> nodes) {
        List<Expr.Number> out = new ArrayList<>();
        for (TerminalNode n : nodes) {
            Token t = real(n.getSymbol());
            if (t != null) {
                out.add(new Expr.Number(t.getText(), Spans.of(t)));
            }
        }
        return out;
    }

    static Quantity quantity(OssParser.QuantityContext q) {
        if (q == null) {
            return null;
        }
        Expr value = expr(q.expr());
        if (value == null) {
            return null;
        }
        Token unit = real(q.unit);
        Optional<Name> u = unit == null ? Optional.empty() : Optional.of(new Name(unit.getText(), Spans.of(unit)));
        return new Quantity(value, u, Spans.of(q));
    }

    private static Expr binary(Token op, OssParser.ExprContext l, OssParser.ExprContext r, oss.ir.program.Span span) {
        Expr a = expr(l);
        Expr b = expr(r);
        if (a == null || b == null || op == null) {
            return null;
        }
        return new Expr.Binary(op.getText(), a, b, span);
    }

    static Name name(OssParser.IdentifierContext id) {
        if (id == null) {
            return null;
        }
        Token t = real(id.getStart());
        if (t == null || id.getChildCount() == 0) {
            return null;
        }
        ParseTree child = id.getChild(0);
        if (child instanceof TerminalNode tn && real(tn.getSymbol()) == null) {
            return null;
        }
        if (t.getType() == OssLexer.EOF) {
            return null;
        }
        return new Name(id.getText(), Spans.of(id));
    }
}
