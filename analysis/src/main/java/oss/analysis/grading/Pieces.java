package oss.analysis.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.Token;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Block;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.Setting;
import oss.compiler.ast.SettingsBlock;
import oss.compiler.ast.Stmt;
import oss.grammar.OssLexer;
import oss.ir.program.Span;

/**
 * A scenario cut into the pieces {@code unchanged} compares, layout and comments aside: per
 * top-level part (a declaration, a process, the machine block, ...) its lines, each a statement,
 * a setting, a banker row or a header ({@code process P nice 5}, {@code repeat 3}, {@code else}),
 * compared by their tokens (so spacing, line breaks and comments do not count) and shown as
 * written, whitespace collapsed.
 */
final class Pieces {
    /** One line of a part: {@code words} its tokens, one space apart; {@code shown} as written. */
    record Piece(String words, String shown, Span span) {}

    /**
     * One part. {@code key} matches it between the starter and the submission ({@code process P1},
     * {@code mutex m}, {@code machine}); {@code kind} is what {@code unchanged} calls it.
     */
    record Part(String key, Kind kind, String title, Span span, List<Piece> pieces) {}

    enum Kind { DECLARATION, PROCESS, MACHINE, KERNEL, BANKER }

    private final List<Token> tokens;

    private Pieces(List<Token> all) {
        List<Token> kept = new ArrayList<>();
        for (Token t : all) {
            int type = t.getType();
            if (t.getChannel() == Token.DEFAULT_CHANNEL && type != OssLexer.NL && type != OssLexer.SEMI
                    && type != Token.EOF) {
                kept.add(t);
            }
        }
        this.tokens = kept;
    }

    /** Every part of the scenario but its {@code expect} lines, by key, in source order. */
    static Map<String, Part> of(Scenario s, List<Token> tokens) {
        return new Pieces(tokens).parts(s);
    }

    private Map<String, Part> parts(Scenario s) {
        Map<String, Part> out = new LinkedHashMap<>();
        for (Section sec : s.sections()) {
            Part p = sec.accept(new Section.Visitor<Part>() {
                public Part visitSettings(SettingsBlock b) {
                    boolean machine = b.kind() == SettingsBlock.Kind.MACHINE;
                    List<Piece> lines = new ArrayList<>();
                    for (Setting st : b.settings()) {
                        lines.add(piece(st.span().line(), st.span().column(), st.span().endLine(), st.span().endColumn()));
                    }
                    return new Part(machine ? "machine" : "kernel", machine ? Kind.MACHINE : Kind.KERNEL,
                            machine ? "the machine block" : "the kernel block", b.span(), lines);
                }

                public Part visitDeclaration(Declaration d) {
                    Piece whole = whole(d.span());
                    return new Part(d.name().text(), Kind.DECLARATION, "`" + whole.shown() + "`", d.span(), List.of(whole));
                }

                public Part visitFile(FileDeclNode f) {
                    Piece whole = whole(f.span());
                    return new Part(f.kind().keyword() + " \"" + f.path().value() + "\"", Kind.DECLARATION,
                            "`" + whole.shown() + "`", f.span(), List.of(whole));
                }

                public Part visitProcess(ProcessNode p) {
                    List<Piece> lines = new ArrayList<>();
                    Span body = p.body().span();
                    add(lines, piece(p.span().line(), p.span().column(), body.line(), body.column()));
                    block(p.body(), lines, 0);
                    return new Part("process " + p.name().text(), Kind.PROCESS, "process " + p.name().text(), p.span(),
                            lines);
                }

                public Part visitBanker(BankerNode b) {
                    List<Piece> lines = new ArrayList<>();
                    for (BankerNode.Row r : b.rows()) {
                        lines.add(whole(r.span()));
                    }
                    return new Part("banker", Kind.BANKER, "the banker table", b.span(), lines);
                }

                public Part visitExpect(ExpectNode e) {
                    return null;
                }
            });
            if (p != null) {
                String key = p.key();
                for (int n = 2; out.containsKey(key); n++) {
                    key = p.key() + " #" + n; // declared twice: the file does not compile, but compare what is there
                }
                out.put(key, new Part(key, p.kind(), p.title(), p.span(), p.pieces()));
            }
        }
        return out;
    }

    /** A statement's header, the words between its blocks, and the statements of its blocks, in source order. */
    private void block(Block b, List<Piece> out, int depth) {
        if (depth > 200) {
            return;
        }
        for (Stmt s : b.statements()) {
            List<Block> blocks = StmtWords.of(s).blocks();
            Span sp = s.span();
            int line = sp.line();
            int col = sp.column();
            for (Block inner : blocks) {
                add(out, piece(line, col, inner.span().line(), inner.span().column()));
                block(inner, out, depth + 1);
                line = inner.span().endLine();
                col = inner.span().endColumn();
            }
            add(out, piece(line, col, sp.endLine(), sp.endColumn()));
        }
    }

    private static void add(List<Piece> out, Piece p) {
        if (!p.words().isEmpty()) {
            out.add(p);
        }
    }

    private Piece whole(Span s) {
        return piece(s.line(), s.column(), s.endLine(), s.endColumn());
    }

    /** The tokens from (line, col) up to, not including, (endLine, endCol). */
    private Piece piece(int line, int col, int endLine, int endCol) {
        int i = firstAtOrAfter(line, col);
        StringBuilder words = new StringBuilder();
        StringBuilder shown = new StringBuilder();
        Token prev = null;
        Token first = null;
        for (; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (compare(t.getLine(), t.getCharPositionInLine() + 1, endLine, endCol) >= 0) {
                break;
            }
            if (first == null) {
                first = t;
            }
            if (prev != null) {
                words.append(' ');
                if (t.getStartIndex() > prev.getStopIndex() + 1) {
                    shown.append(' ');
                }
            }
            words.append(t.getText());
            shown.append(t.getText());
            prev = t;
        }
        Span at = first == null ? new Span(line, col, line, col)
                : new Span(first.getLine(), first.getCharPositionInLine() + 1, first.getLine(),
                        first.getCharPositionInLine() + 1);
        return new Piece(words.toString(), shown.toString(), at);
    }

    private int firstAtOrAfter(int line, int col) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Token t = tokens.get(mid);
            if (compare(t.getLine(), t.getCharPositionInLine() + 1, line, col) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int compare(int l1, int c1, int l2, int c2) {
        return l1 != l2 ? Integer.compare(l1, l2) : Integer.compare(c1, c2);
    }
}
