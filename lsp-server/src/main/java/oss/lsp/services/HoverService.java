package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.analysis.Analysis;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Stmt;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.StatementFact;
import oss.runtime.observe.TaskReport;
import oss.ir.program.Span;

/**
 * Markdown hovers: a unit's conversions, what a declared name is, what a
 * keyword means in OS terms, and what the default run (and the explorer)
 * saw at the statement under the caret.
 */
public final class HoverService {
    /** The hover at {@code pos}, or null. */
    public Hover hover(OssDocument doc, Position pos, CancelChecker cancel) {
        Lexed lx = new Lexed(doc.text());
        int i = lx.at(pos);
        Token t = lx.get(i);
        if (t == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        long pageSize = doc.compilation().program().map(p -> p.machine().pageSize()).orElse(4096L);
        UnitHover.at(lx, i, pageSize).ifPresent(parts::add);
        if (parts.isEmpty()) {
            Optional<Occurrence> occ = SymbolIndex.of(doc).at(pos);
            if (occ.isPresent()) {
                parts.add(symbol(doc, occ.get().sym()));
            } else {
                KeywordDocs.of(t.getText()).ifPresent(k -> parts.add("**" + t.getText() + "** — " + k));
            }
        }
        doc.compilation().ast().ifPresent(s -> statement(doc, s, pos).ifPresent(parts::add));
        if (parts.isEmpty()) {
            return null;
        }
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, String.join("\n\n---\n\n", parts)));
    }

    private static String symbol(OssDocument doc, Sym sym) {
        if (sym.node() instanceof Declaration d) {
            return "```oss\n" + Describe.declaration(d) + "\n```\n" + KeywordDocs.of(d.kind().keyword()).orElse("");
        }
        if (sym.kind().equals("process")) {
            StringBuilder md = new StringBuilder("```oss\nprocess " + sym.name() + "\n```\n");
            doc.analysis().flatMap(Analysis::run).ifPresent(r -> {
                for (TaskReport t : r.tasks()) {
                    if (!t.forked() && (t.process().equals(sym.name()) || t.process().startsWith(sym.name() + "["))) {
                        md.append(FactText.task(t));
                    }
                }
            });
            return md.toString();
        }
        String what = switch (sym.kind()) {
            case "child" -> "the child's pid, for `wait " + sym.name() + "`";
            case "mapping" -> "a memory mapping (mmap) of process " + sym.scope();
            case "allocation" -> "a heap block (malloc) of process " + sym.scope();
            case "thread" -> "a thread of process " + sym.scope() + ", for `join " + sym.name() + "`";
            case "index" -> "the index of process " + sym.scope() + "'s copies";
            default -> "a loop variable";
        };
        return "`" + sym.name() + "`: " + what;
    }

    /** Run facts shown at one statement; the rest are counted and named. */
    static final int SHOWN_FACTS = 4;

    private static Optional<String> statement(OssDocument doc, Scenario s, Position pos) {
        Optional<Stmt> st = AstWalk.statementAt(s, pos);
        Optional<Analysis> a = doc.analysis();
        if (st.isEmpty() || a.isEmpty()) {
            return Optional.empty();
        }
        Span span = st.get().span();
        StringBuilder md = new StringBuilder();
        java.util.Set<Integer> forked = a.get().run().map(r -> r.tasks().stream().filter(t -> t.forked())
                .map(t -> t.pid()).collect(java.util.stream.Collectors.toSet())).orElse(java.util.Set.of());
        List<StatementFact> here = a.get().run().map(r -> factsAt(r, span)).orElse(List.of());
        here.stream().limit(SHOWN_FACTS)
                .forEach(f -> md.append(FactText.fact(f, forked.contains(f.pid()))).append("\n"));
        if (here.size() > SHOWN_FACTS) {
            // said, not dropped: a hover that lists 4 of 5 philosophers must not look like all of them
            md.append("… and ").append(here.size() - SHOWN_FACTS).append(" more (")
                    .append(here.stream().skip(SHOWN_FACTS).map(f -> f.process() + (forked.contains(f.pid()) ? "\\*"
                            : "") + " (pid " + f.pid() + ")").distinct().limit(6)
                            .collect(java.util.stream.Collectors.joining(", ")))
                    .append(here.size() - SHOWN_FACTS > 6 ? ", …" : "")
                    .append("); `oss run` lists them all\n");
        }
        a.get().explore().ifPresent(e -> {
            for (ExploreFinding f : e.findings()) {
                if (f.at().line() == span.line() && f.at().column() == span.column()) {
                    md.append(FactText.finding(f)).append("\n");
                }
            }
        });
        return md.length() == 0 ? Optional.empty() : Optional.of(md.toString().strip());
    }

    static List<StatementFact> factsAt(RunResult r, Span span) {
        return r.facts().stream().filter(f -> f.span().line() == span.line() && f.span().column() == span.column())
                .toList();
    }
}
