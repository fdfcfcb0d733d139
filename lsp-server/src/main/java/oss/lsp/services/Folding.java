package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.compiler.ast.BankerNode;
import oss.compiler.ast.Block;
import oss.compiler.ast.Blocks;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Section;
import oss.compiler.ast.SettingsBlock;
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
            for (Span sp : sec.accept(FOLDS)) {
                add(out, sp, null);
            }
        }
    }

    /** What folds in each kind of section: a process and every block in it; an expect line, nothing. */
    private static final Section.Visitor<List<Span>> FOLDS = new Section.Visitor<>() {
        @Override
        public List<Span> visitSettings(SettingsBlock x) {
            return List.of(x.span());
        }

        @Override
        public List<Span> visitDeclaration(Declaration x) {
            return List.of(x.span());
        }

        @Override
        public List<Span> visitFile(FileDeclNode x) {
            return List.of(x.span());
        }

        @Override
        public List<Span> visitProcess(ProcessNode p) {
            List<Span> spans = new ArrayList<>();
            spans.add(p.span());
            for (Stmt st : AstWalk.statements(p.body())) {
                for (Block b : Blocks.of(st)) {
                    spans.add(b.span());
                }
            }
            return spans;
        }

        @Override
        public List<Span> visitBanker(BankerNode x) {
            return List.of(x.span());
        }

        @Override
        public List<Span> visitExpect(ExpectNode x) {
            return List.of();
        }
    };

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
