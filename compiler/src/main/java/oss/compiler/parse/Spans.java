package oss.compiler.parse;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import oss.ir.program.Span;

/** Source spans of tokens and parse-tree nodes (1-based, end exclusive). */
public final class Spans {
    private Spans() {}

    public static Span of(Token t) {
        if (t == null || t.getLine() <= 0) {
            return Span.NONE;
        }
        int line = t.getLine();
        int col = t.getCharPositionInLine() + 1;
        String text = t.getType() == Token.EOF ? "" : t.getText();
        if (text == null) {
            text = "";
        }
        int endLine = line;
        int endCol = col;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || (cp == '\r' && (i >= text.length() || text.charAt(i) != '\n'))) {
                endLine++;
                endCol = 1;
            } else if (cp != '\r') {
                endCol++;
            }
        }
        return new Span(line, col, endLine, endCol);
    }

    public static Span of(ParserRuleContext ctx) {
        Span start = of(ctx.getStart());
        Token stop = ctx.getStop();
        if (stop == null || stop.getTokenIndex() < ctx.getStart().getTokenIndex()) {
            return start;
        }
        return cover(start, of(stop));
    }

    public static Span cover(Span a, Span b) {
        if (!a.isKnown()) {
            return b;
        }
        if (!b.isKnown()) {
            return a;
        }
        boolean aFirst = a.line() < b.line() || (a.line() == b.line() && a.column() <= b.column());
        Span first = aFirst ? a : b;
        boolean aLast = a.endLine() > b.endLine() || (a.endLine() == b.endLine() && a.endColumn() >= b.endColumn());
        Span last = aLast ? a : b;
        return new Span(first.line(), first.column(), last.endLine(), last.endColumn());
    }

    /** Is position (line, col) before the start of {@code s}? */
    public static boolean before(int line, int col, Span s) {
        return line < s.line() || (line == s.line() && col < s.column());
    }
}
