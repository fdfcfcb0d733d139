package oss.lsp.services;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import oss.ir.program.Span;

/**
 * oss spans are 1-based lines and columns, end exclusive; LSP positions are
 * 0-based. Columns count characters as the compiler's char stream does.
 */
public final class Positions {
    private Positions() {}

    public static Range range(Span s) {
        if (!s.isKnown()) {
            return new Range(new Position(0, 0), new Position(0, 0));
        }
        int endLine = s.endLine() > 0 ? s.endLine() : s.line();
        int endColumn = s.endColumn() > 0 ? s.endColumn() : s.column();
        return new Range(new Position(s.line() - 1, s.column() - 1), new Position(endLine - 1, endColumn - 1));
    }

    /** Is the LSP position inside the span (start inclusive, end exclusive)? */
    public static boolean contains(Span s, Position p) {
        if (!s.isKnown()) {
            return false;
        }
        int line = p.getLine() + 1;
        int col = p.getCharacter() + 1;
        boolean afterStart = line > s.line() || line == s.line() && col >= s.column();
        boolean beforeEnd = line < s.endLine() || line == s.endLine() && col < s.endColumn();
        return afterStart && beforeEnd;
    }
}
