package oss.compiler.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.ast.Amount;
import oss.compiler.ast.Atom;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.Expr;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.ProcessAttr;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Quantity;
import oss.compiler.ast.Range;
import oss.compiler.ast.Ref;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.Setting;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.parse.OssParsing;
import oss.compiler.parse.ParseResult;

/**
 * The canonical form of a scenario ({@code oss fmt}): 2-space indent, one
 * statement and one setting per line, single spaces, banker columns
 * aligned, one blank line between top-level sections, blank lines between
 * statements kept (collapsed to one), every comment kept. Words and numbers
 * are kept as written. Idempotent.
 */
public final class Formatter {
    private final Printer out;

    private Formatter(Printer out) {
        this.out = out;
    }

    /** The formatted text, or empty when the file has syntax errors. */
    public static Optional<String> format(String text) {
        try {
            ParseResult r = OssParsing.parse(text == null ? "" : text);
            if (!r.clean() || r.ast().isEmpty()) {
                return Optional.empty();
            }
            Printer p = new Printer(new Comments(r.tokens()));
            new Formatter(p).scenario(r.ast().get());
            return Optional.of(p.finish());
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }

    private void scenario(Scenario s) {
        out.open(s.span(), s.titleSpan().isKnown() ? s.titleSpan().line() : s.span().line(),
                "scenario \"" + s.title() + "\" {");
        Section prev = null;
        for (Section sec : s.sections()) {
            if (prev != null && !sameLineKind(prev, sec)) {
                out.blankBeforeNext();
            }
            section(sec);
            prev = sec;
        }
        out.close(s.span(), "}", s.span().endLine(), false);
    }

    private static boolean sameLineKind(Section a, Section b) {
        boolean declA = a instanceof Declaration || a instanceof FileDeclNode;
        boolean declB = b instanceof Declaration || b instanceof FileDeclNode;
        return (declA && declB) || (a instanceof ExpectNode && b instanceof ExpectNode);
    }

    private void section(Section sec) {
        if (sec instanceof SettingsBlock b) {
            out.open(b.span(), b.span().line(), (b.kind() == SettingsBlock.Kind.MACHINE ? "machine" : "kernel") + " {");
            for (Setting st : b.settings()) {
                out.line(st.span(), st.span().endLine(), setting(st));
            }
            out.close(b.span(), "}", b.span().endLine(), false);
        } else if (sec instanceof Declaration d) {
            out.line(d.span(), d.span().endLine(), declaration(d));
        } else if (sec instanceof FileDeclNode f) {
            out.line(f.span(), f.span().endLine(), f.kind().keyword() + " \"" + f.path().value() + "\" size "
                    + quantity(f.size()));
        } else if (sec instanceof ProcessNode p) {
            process(p);
        } else if (sec instanceof BankerNode b) {
            banker(b);
        } else if (sec instanceof ExpectNode e) {
            out.line(e.span(), e.span().endLine(), expectation(e));
        }
    }

    // ------------------------------------------------------------ lines

    static String setting(Setting s) {
        StringBuilder sb = new StringBuilder(s.key().text());
        for (Atom a : s.arguments()) {
            if (!a.glued()) {
                sb.append(' ');
            }
            sb.append(a.text());
        }
        return sb.toString();
    }

    static String declaration(Declaration d) {
        StringBuilder sb = new StringBuilder(d.kind().keyword()).append(' ').append(d.name().text());
        d.arraySize().ifPresent(e -> sb.append('[').append(expr(e)).append(']'));
        d.value().ifPresent(v -> sb.append(d.kind() == Declaration.Kind.SEMAPHORE ? " = " : " ").append(expr(v)));
        if (d.writerPreferring()) {
            sb.append(" writer_preferring");
        }
        if (d.kind() == Declaration.Kind.SEMSET) {
            List<String> values = new ArrayList<>();
            d.initial().forEach(e -> values.add(expr(e)));
            sb.append(" = [").append(String.join(", ", values)).append(']');
        }
        return sb.toString();
    }

    static String expectation(ExpectNode e) {
        if (e instanceof ExpectNode.Flag f) {
            return "expect " + (f.no() ? "no " : "") + f.flag().text();
        }
        if (e instanceof ExpectNode.NameList l) {
            List<String> items = new ArrayList<>();
            l.items().forEach(r -> items.add(ref(r)));
            return "expect " + l.list().text() + " [" + String.join(", ", items) + "]";
        }
        ExpectNode.Metric m = (ExpectNode.Metric) e;
        return "expect " + ref(m.subject()) + "." + m.metric().text() + " " + m.op() + " " + quantity(m.value());
    }

    // ------------------------------------------------------------ processes

    private void process(ProcessNode p) {
        StringBuilder sb = new StringBuilder("process ").append(p.name().text());
        p.array().ifPresent(a -> sb.append('[').append(a.variable().text()).append(" in ").append(range(a.range()))
                .append(']'));
        for (ProcessAttr a : p.attributes()) {
            sb.append(' ').append(attr(a));
        }
        sb.append(" {");
        out.open(p.span(), p.body().span().line(), sb.toString());
        new StatementPrinter(out).body(p.body());
        out.close(p.body().span(), "}", p.body().span().endLine(), false);
    }

    static String attr(ProcessAttr a) {
        if (a instanceof ProcessAttr.Nice n) {
            return "nice " + expr(n.value());
        }
        if (a instanceof ProcessAttr.Arrives n) {
            return "arrives " + quantity(n.time());
        }
        if (a instanceof ProcessAttr.Policy n) {
            return "policy " + n.policy().text() + n.priority().map(e -> " priority " + expr(e)).orElse("");
        }
        if (a instanceof ProcessAttr.Priority n) {
            return "priority " + expr(n.value());
        }
        if (a instanceof ProcessAttr.Frames n) {
            return "frames " + expr(n.value());
        }
        return "tickets " + expr(((ProcessAttr.Tickets) a).value());
    }

    // ------------------------------------------------------------ banker

    private void banker(BankerNode b) {
        List<String> heads = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>();
        for (BankerNode.Row row : b.rows()) {
            List<String> c = new ArrayList<>();
            String head;
            if (row instanceof BankerNode.Resources r) {
                head = "resources";
                r.names().forEach(n -> c.add(n.text()));
            } else if (row instanceof BankerNode.Vector v) {
                head = v.available() ? "available" : "total";
                v.values().forEach(n -> c.add(n.text()));
            } else if (row instanceof BankerNode.ProcessRow p) {
                head = p.process().text() + " " + p.parts().get(0).kind();
                for (int i = 0; i < p.parts().size(); i++) {
                    if (i > 0) {
                        c.add(p.parts().get(i).kind());
                    }
                    p.parts().get(i).values().forEach(n -> c.add(n.text()));
                }
            } else {
                BankerNode.Request q = (BankerNode.Request) row;
                head = "request " + q.process().text();
                q.values().forEach(n -> c.add(n.text()));
            }
            heads.add(head);
            cells.add(c);
        }
        int headWidth = heads.stream().mapToInt(String::length).max().orElse(0);
        List<Integer> widths = new ArrayList<>();
        for (List<String> c : cells) {
            for (int i = 0; i < c.size(); i++) {
                if (widths.size() <= i) {
                    widths.add(0);
                }
                widths.set(i, Math.max(widths.get(i), c.get(i).length()));
            }
        }
        out.open(b.span(), b.span().line(), "banker {");
        for (int r = 0; r < b.rows().size(); r++) {
            StringBuilder sb = new StringBuilder(heads.get(r));
            List<String> c = cells.get(r);
            if (!c.isEmpty()) {
                sb.append(" ".repeat(headWidth - heads.get(r).length()));
            }
            for (int i = 0; i < c.size(); i++) {
                sb.append("  ").append(" ".repeat(widths.get(i) - c.get(i).length())).append(c.get(i));
            }
            BankerNode.Row row = b.rows().get(r);
            out.line(row.span(), row.span().endLine(), sb.toString());
        }
        out.close(b.span(), "}", b.span().endLine(), false);
    }

    // ------------------------------------------------------------ values

    static String amounts(List<Amount> amounts) {
        List<String> parts = new ArrayList<>();
        for (Amount a : amounts) {
            parts.add(ref(a.resource()) + a.count().map(c -> " " + expr(c)).orElse(""));
        }
        return String.join(", ", parts);
    }

    static String ref(Ref r) {
        return r.name().text() + r.index().map(e -> "[" + expr(e) + "]").orElse("");
    }

    static String range(Range r) {
        return expr(r.from()) + ".." + expr(r.to());
    }

    static String quantity(Quantity q) {
        return expr(q.value()) + q.unit().map(u -> " " + u.text()).orElse("");
    }

    static String expr(Expr e) {
        if (e instanceof Expr.Number n) {
            return n.text();
        }
        if (e instanceof Expr.NameRef n) {
            return n.name();
        }
        if (e instanceof Expr.Negate n) {
            return "-" + expr(n.operand());
        }
        if (e instanceof Expr.Binary b) {
            return expr(b.left()) + " " + b.op() + " " + expr(b.right());
        }
        if (e instanceof Expr.Call c) {
            return c.function() + "(" + expr(c.first()) + ", " + expr(c.second()) + ")";
        }
        return "(" + expr(((Expr.Paren) e).inner()) + ")";
    }
}
