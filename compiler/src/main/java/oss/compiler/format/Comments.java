package oss.compiler.format;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;
import oss.compiler.parse.Spans;
import oss.grammar.OssLexer;
import oss.ir.program.Span;

/** The comments of a file in order, taken from the hidden channel, consumed as the printer passes them. */
final class Comments {
    record Comment(String text, Span span, boolean lineComment) {
        boolean singleLine() {
            return span.line() == span.endLine();
        }
    }

    private final Deque<Comment> pending = new ArrayDeque<>();

    Comments(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.getType() == OssLexer.LINE_COMMENT || t.getType() == OssLexer.BLOCK_COMMENT) {
                String text = t.getText().replace("\r\n", "\n").replace("\r", "\n");
                if (t.getType() == OssLexer.LINE_COMMENT) {
                    text = text.stripTrailing();
                }
                pending.add(new Comment(text, Spans.of(t), t.getType() == OssLexer.LINE_COMMENT));
            }
        }
    }

    /** The next comment if it starts before (line, col). */
    Comment nextBefore(int line, int col) {
        Comment c = pending.peekFirst();
        if (c != null && (c.span().line() < line || (c.span().line() == line && c.span().column() < col))) {
            return pending.pollFirst();
        }
        return null;
    }

    Comment next() {
        return pending.pollFirst();
    }
}
