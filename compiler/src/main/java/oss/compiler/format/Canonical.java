package oss.compiler.format;

import java.util.ArrayList;
import java.util.List;
import oss.compiler.ast.Amount;
import oss.compiler.ast.Atom;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.Expr;
import oss.compiler.ast.ProcessAttr;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Range;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Setting;

/**
 * The one-line pieces of the canonical form: an expression, a reference, an attribute, an
 * {@code expect} line. The formatter lays them out; the language server quotes them back in
 * hovers and the outline, so a new kind of expression is written in this one place.
 */
public final class Canonical {
    private static final ExprText EXPR = new ExprText();
    private static final AttrText ATTR = new AttrText();
    private static final ExpectText EXPECT = new ExpectText();

    private Canonical() {}

    public static String expr(Expr e) {
        return e.accept(EXPR);
    }

    public static String ref(Ref r) {
        return r.name().text() + r.index().map(e -> "[" + expr(e) + "]").orElse("");
    }

    public static String range(Range r) {
        return expr(r.from()) + ".." + expr(r.to());
    }

    public static String quantity(Quantity q) {
        return expr(q.value()) + q.unit().map(u -> " " + u.text()).orElse("");
    }

    public static String amounts(List<Amount> amounts) {
        List<String> parts = new ArrayList<>();
        for (Amount a : amounts) {
            parts.add(ref(a.resource()) + a.count().map(c -> " " + expr(c)).orElse(""));
        }
        return String.join(", ", parts);
    }

    /** {@code nice 5}, {@code policy fifo priority 50}. */
    public static String attr(ProcessAttr a) {
        return a.keyword() + " " + a.accept(ATTR);
    }

    /** The whole line: {@code expect no zombies}. */
    public static String expectation(ExpectNode e) {
        return "expect " + e.accept(EXPECT);
    }

    public static String setting(Setting s) {
        StringBuilder sb = new StringBuilder(s.key().text());
        for (Atom a : s.arguments()) {
            if (!a.glued()) {
                sb.append(' ');
            }
            sb.append(a.text());
        }
        return sb.toString();
    }

    public static String declaration(Declaration d) {
        StringBuilder sb = new StringBuilder(d.kind().keyword()).append(' ').append(d.name().text());
        d.arraySize().ifPresent(e -> sb.append('[').append(expr(e)).append(']'));
        d.value().ifPresent(v -> sb.append(d.kind() == Declaration.Kind.SEMAPHORE || d.kind() == Declaration.Kind.INT
                ? " = " : " ").append(expr(v)));
        if (d.writerPreferring()) {
            sb.append(" writer_preferring");
        }
        if (d.kind() == Declaration.Kind.INT && !d.initial().isEmpty()) {
            sb.append(" = ").append(initializer(d.initial()));
        }
        if (d.kind() == Declaration.Kind.SEMSET) {
            List<String> values = new ArrayList<>();
            d.initial().forEach(e -> values.add(expr(e)));
            sb.append(" = [").append(String.join(", ", values)).append(']');
        }
        return sb.toString();
    }

    /** {@code {0, 1}}: an int array's values element by element. */
    public static String initializer(List<Expr> values) {
        List<String> parts = new ArrayList<>();
        values.forEach(e -> parts.add(expr(e)));
        return "{" + String.join(", ", parts) + "}";
    }

    /** {@code fetch_add(x, 1)}. */
    public static String atomic(Expr.Atomic a) {
        StringBuilder sb = new StringBuilder(a.function().text()).append('(').append(ref(a.target()));
        a.arguments().forEach(e -> sb.append(", ").append(expr(e)));
        return sb.append(')').toString();
    }

    private static final class ExprText implements Expr.Visitor<String> {
        @Override
        public String visitNot(Expr.Not e) {
            return "!" + expr(e.operand());
        }

        @Override
        public String visitElement(Expr.Element e) {
            return e.array().text() + "[" + expr(e.index()) + "]";
        }

        @Override
        public String visitField(Expr.Field e) {
            return ref(e.owner()) + "." + e.field().text();
        }

        @Override
        public String visitAtomic(Expr.Atomic e) {
            return atomic(e);
        }

        @Override
        public String visitNumber(Expr.Number e) {
            return e.text();
        }

        @Override
        public String visitNameRef(Expr.NameRef e) {
            return e.name();
        }

        @Override
        public String visitNegate(Expr.Negate e) {
            return "-" + expr(e.operand());
        }

        @Override
        public String visitBinary(Expr.Binary e) {
            return expr(e.left()) + " " + e.op() + " " + expr(e.right());
        }

        @Override
        public String visitCall(Expr.Call e) {
            return e.function() + "(" + expr(e.first()) + ", " + expr(e.second()) + ")";
        }

        @Override
        public String visitParen(Expr.Paren e) {
            return "(" + expr(e.inner()) + ")";
        }
    }

    /** What follows the attribute's keyword. */
    private static final class AttrText implements ProcessAttr.Visitor<String> {
        @Override
        public String visitNice(ProcessAttr.Nice a) {
            return expr(a.value());
        }

        @Override
        public String visitArrives(ProcessAttr.Arrives a) {
            return quantity(a.time());
        }

        @Override
        public String visitPolicy(ProcessAttr.Policy a) {
            return a.policy().text() + a.priority().map(e -> " priority " + expr(e)).orElse("");
        }

        @Override
        public String visitPriority(ProcessAttr.Priority a) {
            return expr(a.value());
        }

        @Override
        public String visitFrames(ProcessAttr.Frames a) {
            return expr(a.value());
        }

        @Override
        public String visitTickets(ProcessAttr.Tickets a) {
            return expr(a.value());
        }
    }

    /** What follows {@code expect}. */
    private static final class ExpectText implements ExpectNode.Visitor<String> {
        @Override
        public String visitFlag(ExpectNode.Flag e) {
            return (e.no() ? "no " : "") + e.flag().text();
        }

        @Override
        public String visitNameList(ExpectNode.NameList e) {
            List<String> items = new ArrayList<>();
            e.items().forEach(r -> items.add(ref(r)));
            return e.list().text() + " [" + String.join(", ", items) + "]";
        }

        @Override
        public String visitValue(ExpectNode.Value e) {
            String q = switch (e.quantifier()) {
                case AT_END -> "";
                case ALWAYS -> "always ";
                case POSSIBLE -> "possible ";
            };
            return q + expr(e.condition());
        }

        @Override
        public String visitAssertions(ExpectNode.Assertions e) {
            return (e.possible() ? "possible" : "always") + " assert";
        }

        @Override
        public String visitRace(ExpectNode.Race e) {
            return e.no() ? "no race" : "race";
        }

        @Override
        public String visitMetric(ExpectNode.Metric e) {
            return ref(e.subject()) + "." + e.metric().text() + " " + e.op() + " " + quantity(e.value());
        }
    }
}
