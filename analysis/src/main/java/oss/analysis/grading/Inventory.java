package oss.analysis.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.Expr;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.ast.Stmt;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Symbols;
import oss.compiler.format.Canonical;
import oss.ir.program.Span;

/**
 * What a scenario declares and which statements it uses, read off its syntax tree, for
 * {@code require count} and {@code forbid}: it needs no run, and it works on a file that does not
 * compile as long as it parses.
 */
final class Inventory {
    /**
     * One declaration, process or expect line. {@code instances} is what it counts for: a process
     * array {@code p[i in 0..4]} or {@code mutex fork[5]} is 5; -1 when its size is not a constant.
     */
    record Item(String kind, String name, long instances, Span span) {}

    /** One use of a word a {@code forbid} line may name. */
    record Use(String word, Span span) {}

    private final List<Item> items = new ArrayList<>();
    private final List<Use> uses = new ArrayList<>();

    Inventory(Scenario s) {
        for (Section sec : s.sections()) {
            sec.accept(new Section.Visitor<Void>() {
                public Void visitSettings(SettingsBlock b) {
                    return null;
                }

                public Void visitDeclaration(Declaration d) {
                    long n = d.arraySize().map(Inventory::constant).orElse(1L);
                    items.add(new Item(d.kind().keyword(), d.name().text(), n, d.span()));
                    uses.add(new Use(d.kind().keyword(), d.span()));
                    return null;
                }

                public Void visitFile(FileDeclNode f) {
                    items.add(new Item(f.kind().keyword(), f.path().value(), 1, f.span()));
                    return null;
                }

                public Void visitProcess(ProcessNode p) {
                    long n = p.array().map(a -> {
                        long from = constant(a.range().from());
                        long to = constant(a.range().to());
                        return from < 0 || to < 0 ? -1L : Math.max(0, to - from + 1);
                    }).orElse(1L);
                    items.add(new Item("process", p.name().text(), n, p.span()));
                    for (Stmt st : StmtWords.flatten(p.body())) {
                        StmtWords w = StmtWords.of(st);
                        w.words().forEach(word -> uses.add(new Use(word, st.span())));
                        for (Expr e : w.exprs()) {
                            StmtWords.atomics(e).forEach(a -> uses.add(new Use(a.function().text(), a.span())));
                        }
                    }
                    return null;
                }

                public Void visitBanker(BankerNode b) {
                    return null;
                }

                public Void visitExpect(ExpectNode e) {
                    items.add(new Item("expect", Canonical.expectation(e), 1, e.span()));
                    return null;
                }
            });
        }
    }

    List<Item> items(String kind, java.util.Optional<String> name) {
        return items.stream().filter(i -> i.kind().equals(kind) && name.map(n -> n.equals(i.name())).orElse(true))
                .toList();
    }

    /** How many {@code kind} (named {@code name}) there are; -1 when one's size is not a constant. */
    long count(String kind, java.util.Optional<String> name) {
        long n = 0;
        for (Item i : items(kind, name)) {
            if (i.instances() < 0) {
                return -1;
            }
            n = n > Long.MAX_VALUE - i.instances() ? Long.MAX_VALUE : n + i.instances(); // a hostile size saturates
        }
        return n;
    }

    List<Use> uses(String word) {
        return uses.stream().filter(u -> u.word().equals(word)).toList();
    }

    /** A constant expression's value (array sizes and ranges are constants), or -1. */
    static long constant(Expr e) {
        try {
            OptionalLong v = new ExprEval(new Diags(), new Symbols()).integer(e, Map.of(), "the size");
            return v.isPresent() && v.getAsLong() >= 0 ? v.getAsLong() : -1;
        } catch (RuntimeException ex) {
            return -1;
        }
    }
}
