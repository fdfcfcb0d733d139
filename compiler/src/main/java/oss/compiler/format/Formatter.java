package oss.compiler.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.ProcessAttr;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.Setting;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.parse.OssParsing;
import oss.compiler.parse.ParseResult;

/**
 * The canonical form of a scenario, or of an assignment file ({@link AssignmentFormatter}), ({@code oss fmt}): 2-space indent, one
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
        ParseResult r;
        try {
            r = OssParsing.parse(text == null ? "" : text);
        } catch (RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
        return format(r);
    }

    /**
     * The formatted text of a document already parsed (the language server's model keeps the
     * parse of each version); empty when it has syntax errors. The tokens carry the comments.
     */
    public static Optional<String> format(ParseResult r) {
        try {
            if (!r.clean() || r.ast().isEmpty() && r.assignment().isEmpty()) {
                return Optional.empty();
            }
            Printer p = new Printer(new Comments(r.tokens()));
            if (r.assignment().isPresent()) {
                new AssignmentFormatter(p).assignment(r.assignment().get());
            } else {
                new Formatter(p).scenario(r.ast().get());
            }
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

    /** Declarations run on without a blank line between them, and so do expect lines. */
    private static boolean sameLineKind(Section a, Section b) {
        LineKind k = a.accept(LINE_KIND);
        return k != LineKind.BLOCK && k == b.accept(LINE_KIND);
    }

    private enum LineKind { DECLARATION, EXPECTATION, BLOCK }

    private static final Section.Visitor<LineKind> LINE_KIND = new Section.Visitor<>() {
        @Override
        public LineKind visitSettings(SettingsBlock s) {
            return LineKind.BLOCK;
        }

        @Override
        public LineKind visitDeclaration(Declaration s) {
            return LineKind.DECLARATION;
        }

        @Override
        public LineKind visitFile(FileDeclNode s) {
            return LineKind.DECLARATION;
        }

        @Override
        public LineKind visitProcess(ProcessNode s) {
            return LineKind.BLOCK;
        }

        @Override
        public LineKind visitBanker(BankerNode s) {
            return LineKind.BLOCK;
        }

        @Override
        public LineKind visitExpect(ExpectNode s) {
            return LineKind.EXPECTATION;
        }
    };

    /** {@code device "/dev/net0" every 5 ms count 4 size 1 KiB latency 1 ms bandwidth 100 MiB/s}, in that order. */
    private static String device(FileDeclNode f) {
        FileDeclNode.Arrivals a = f.arrivals().orElseThrow();
        StringBuilder b = new StringBuilder("device \"" + f.path().value() + "\" ");
        if (a.times().isEmpty()) {
            b.append("every ").append(Canonical.quantity(a.period().orElseThrow())).append(" count ")
                    .append(Canonical.expr(a.count().orElseThrow()));
        } else {
            b.append("at ").append(String.join(", ", a.times().stream().map(Canonical::quantity).toList()));
        }
        b.append(" size ").append(Canonical.quantity(f.size()));
        a.latency().ifPresent(l -> b.append(" latency ").append(Canonical.quantity(l)));
        a.bandwidth().ifPresent(w -> b.append(" bandwidth ").append(Canonical.quantity(w)).append("/")
                .append(a.per().orElseThrow().text()));
        return b.toString();
    }

    private void section(Section sec) {
        sec.accept(new Section.Visitor<Void>() {
            @Override
            public Void visitSettings(SettingsBlock b) {
                out.open(b.span(), b.span().line(), (b.kind() == SettingsBlock.Kind.MACHINE ? "machine" : "kernel")
                        + " {");
                for (Setting st : b.settings()) {
                    out.line(st.span(), st.span().endLine(), Canonical.setting(st));
                }
                out.close(b.span(), "}", b.span().endLine(), false);
                return null;
            }

            @Override
            public Void visitDeclaration(Declaration d) {
                out.line(d.span(), d.span().endLine(), Canonical.declaration(d));
                return null;
            }

            @Override
            public Void visitFile(FileDeclNode f) {
                if (f.arrivals().isPresent()) {
                    out.line(f.span(), f.span().endLine(), device(f));
                    return null;
                }
                out.line(f.span(), f.span().endLine(), f.kind().keyword() + " \"" + f.path().value() + "\" size "
                        + Canonical.quantity(f.size()) + (f.readOnly() ? " readonly" : ""));
                return null;
            }

            @Override
            public Void visitProcess(ProcessNode p) {
                process(p);
                return null;
            }

            @Override
            public Void visitBanker(BankerNode b) {
                banker(b);
                return null;
            }

            @Override
            public Void visitExpect(ExpectNode e) {
                out.line(e.span(), e.span().endLine(), Canonical.expectation(e));
                return null;
            }
        });
    }

    // ------------------------------------------------------------ processes

    private void process(ProcessNode p) {
        StringBuilder sb = new StringBuilder("process ").append(p.name().text());
        p.array().ifPresent(a -> sb.append('[').append(a.variable().text()).append(" in ").append(Canonical.range(a.range()))
                .append(']'));
        for (ProcessAttr a : p.attributes()) {
            sb.append(' ').append(Canonical.attr(a));
        }
        sb.append(" {");
        out.open(p.span(), p.body().span().line(), sb.toString());
        new StatementPrinter(out).body(p.body());
        out.close(p.body().span(), "}", p.body().span().endLine(), false);
    }

    // ------------------------------------------------------------ banker

    private void banker(BankerNode b) {
        List<String> heads = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>();
        for (BankerNode.Row row : b.rows()) {
            List<String> c = new ArrayList<>();
            String head = row.accept(new BankerNode.Row.Visitor<String>() {
                @Override
                public String visitResources(BankerNode.Resources r) {
                    r.names().forEach(n -> c.add(n.text()));
                    return "resources";
                }

                @Override
                public String visitVector(BankerNode.Vector v) {
                    v.values().forEach(n -> c.add(n.text()));
                    return v.available() ? "available" : "total";
                }

                @Override
                public String visitProcessRow(BankerNode.ProcessRow p) {
                    for (int i = 0; i < p.parts().size(); i++) {
                        if (i > 0) {
                            c.add(p.parts().get(i).kind());
                        }
                        p.parts().get(i).values().forEach(n -> c.add(n.text()));
                    }
                    return p.process().text() + " " + p.parts().get(0).kind();
                }

                @Override
                public String visitRequest(BankerNode.Request q) {
                    q.values().forEach(n -> c.add(n.text()));
                    return "request " + q.process().text();
                }
            });
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
}
