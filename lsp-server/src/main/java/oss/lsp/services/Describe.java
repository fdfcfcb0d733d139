package oss.lsp.services;

import java.util.List;
import java.util.stream.Collectors;
import oss.compiler.ast.Atom;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.Expr;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Ref;

/** Short texts for AST nodes, as a person would write them back. */
final class Describe {
    private Describe() {}

    static String atoms(List<Atom> atoms) {
        StringBuilder out = new StringBuilder();
        for (Atom a : atoms) {
            if (out.length() > 0 && !a.glued()) {
                out.append(' ');
            }
            out.append(a.kind() == Atom.Kind.STRING ? "\"" + a.text() + "\"" : a.text());
        }
        return out.toString();
    }

    static String expr(Expr e) {
        if (e instanceof Expr.Number n) {
            return n.text();
        } else if (e instanceof Expr.NameRef n) {
            return n.name();
        } else if (e instanceof Expr.Negate n) {
            return "-" + expr(n.operand());
        } else if (e instanceof Expr.Binary b) {
            return expr(b.left()) + " " + b.op() + " " + expr(b.right());
        } else if (e instanceof Expr.Call c) {
            return c.function() + "(" + expr(c.first()) + ", " + expr(c.second()) + ")";
        } else if (e instanceof Expr.Paren p) {
            return "(" + expr(p.inner()) + ")";
        }
        return "?";
    }

    static String quantity(Quantity q) {
        return expr(q.value()) + q.unit().map(u -> " " + u.text()).orElse("");
    }

    static String ref(Ref r) {
        return r.name().text() + r.index().map(i -> "[" + expr(i) + "]").orElse("");
    }

    /** The declaration's configuration in words: "mutex fork[5]: five mutexes". */
    static String declaration(Declaration d) {
        String array = d.arraySize().map(s -> "[" + expr(s) + "]").orElse("");
        String head = d.kind().keyword() + " " + d.name().text() + array;
        String config = switch (d.kind()) {
            case SEMAPHORE -> d.value().map(v -> "initial value " + expr(v)).orElse("initial value 0");
            case RESOURCE -> d.value().map(v -> expr(v) + " instance(s)").orElse("1 instance");
            case BARRIER -> d.value().map(v -> expr(v) + " parties").orElse("");
            case RWLOCK -> d.writerPreferring() ? "writer-preferring" : "reader-preferring";
            case SEMSET -> "initial values [" + d.initial().stream().map(Describe::expr)
                    .collect(Collectors.joining(", ")) + "]";
            default -> "";
        };
        return config.isEmpty() ? head : head + " — " + config;
    }

    static String expectation(ExpectNode e) {
        if (e instanceof ExpectNode.Flag f) {
            return (f.no() ? "no " : "") + f.flag().text();
        } else if (e instanceof ExpectNode.NameList l) {
            return l.list().text() + " [" + l.items().stream().map(Describe::ref).collect(Collectors.joining(", "))
                    + "]";
        } else if (e instanceof ExpectNode.Metric m) {
            return ref(m.subject()) + "." + m.metric().text() + " " + m.op() + " " + quantity(m.value());
        }
        return "";
    }
}
