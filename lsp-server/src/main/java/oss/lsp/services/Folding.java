package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.ast.Block;
import oss.compiler.ast.Blocks;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.Stmt;
import oss.grammar.OssLexer;
import oss.ir.program.Span;

/** Folding ranges: every block that spans lines, and runs of comments. */
final class Folding {
    private Folding() {}

    static List<FoldingRange> of(OssDocument doc, CancelChecker cancel) {
        List<FoldingRange> out = new ArrayList<>();
        doc.ast(cancel).ifPresent(s -> blocks(s, out, cancel));
        comments(doc.lexed(cancel), out, cancel);
        return out;
    }

    private static void blocks(Scenario s, List<FoldingRange> out, CancelChecker cancel) {
        add(out, s.span(), null);
        for (Section sec : s.sections()) {
            cancel.checkCanceled();
            if (sec instanceof ProcessNode p) {
                add(out, p.span(), null);
                for (Stmt st : AstWalk.statements(p.body())) {
                    for (Block b : Blocks.of(st)) {
                        add(out, b.span(), null);
                    }
                }
            } else if (!(sec instanceof oss.compiler.ast.ExpectNode)) {
                add(out, sec.span(), null);
            }
        }
    }

    private static void comments(Lexed lexed, List<FoldingRange> out, CancelChecker cancel) {
        int runStart = -1;
        int runEnd = -1;
        int seen = 0;
        for (Token t : lexed.all) {
            if (++seen % 512 == 0) {
                cancel.checkCanceled();
            }
            int line = t.getLine() - 1;
            if (t.getType() == OssLexer.BLOCK_COMMENT) {
                int end = line + (int) t.getText().chars().filter(c -> c == '\n').count();
                addLines(out, line, end);
            } else if (t.getType() == OssLexer.LINE_COMMENT) {
                if (runStart >= 0 && line == runEnd + 1) {
                    runEnd = line;
                } else {
                    addLines(out, runStart, runEnd);
                    runStart = line;
                    runEnd = line;
                }
            } else if (t.getType() != OssLexer.WS && t.getType() != OssLexer.NL) {
                addLines(out, runStart, runEnd);
                runStart = -1;
            }
        }
        addLines(out, runStart, runEnd);
    }

    private static void addLines(List<FoldingRange> out, int start, int end) {
        if (start >= 0 && end > start) {
            FoldingRange r = new FoldingRange(start, end);
            r.setKind(FoldingRangeKind.Comment);
            out.add(r);
        }
    }

    private static void add(List<FoldingRange> out, Span s, String kind) {
        if (s.isKnown() && s.endLine() > s.line()) {
            FoldingRange r = new FoldingRange(s.line() - 1, s.endLine() - 1);
            if (kind != null) {
                r.setKind(kind);
            }
            out.add(r);
        }
    }
}
