package oss.compiler.format;

import java.util.ArrayList;
import java.util.List;
import oss.runtime.program.Span;

/**
 * Lines out, comments in: emits the formatted lines at the current indent,
 * placing every pending comment before the node it precedes or at the end
 * of the line it trailed, and keeping (one) blank line where the source had
 * one.
 */
final class Printer {
    private static final String INDENT = "  ";
    private final List<String> out = new ArrayList<>();
    private final Comments comments;
    private int depth;
    private int lastSourceLine;
    private boolean lastEndsInLineComment;
    private boolean atBlockStart = true;
    private boolean forceBlank;

    Printer(Comments comments) {
        this.comments = comments;
    }

    /** The next item gets a blank line before it (unless it opens a block). */
    void blankBeforeNext() {
        forceBlank = true;
    }

    /** One line for a node that starts at {@code start} and ends on source line {@code endLine}. */
    void line(Span start, int endLine, String text) {
        flushBefore(start.line(), start.column());
        emit(text, start.line(), endLine, true);
    }

    /** A line that opens a block: {@code text} ends in `{`, whose source line is {@code braceLine}. */
    void open(Span start, int braceLine, String text) {
        line(start, braceLine, text);
        depth++;
        atBlockStart = true;
    }

    /** Closes the block whose span is {@code block} with {@code text} (`}` or `} else {`). */
    void close(Span block, String text, int nextLine, boolean reopen) {
        flushBefore(block.endLine(), block.endColumn() - 1);
        depth--;
        emit(text, block.endLine(), nextLine, false);
        if (reopen) {
            depth++;
            atBlockStart = true;
        }
    }

    String finish() {
        Comments.Comment c;
        while ((c = comments.next()) != null) {
            comment(c);
        }
        StringBuilder sb = new StringBuilder();
        for (String l : out) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    private void flushBefore(int line, int col) {
        Comments.Comment c;
        while ((c = comments.nextBefore(line, col)) != null) {
            comment(c);
        }
    }

    private void comment(Comments.Comment c) {
        if (!out.isEmpty() && c.span().line() == lastSourceLine && c.singleLine() && !lastEndsInLineComment) {
            int last = out.size() - 1;
            out.set(last, out.get(last) + " " + c.text());
        } else {
            emit(c.text(), c.span().line(), c.span().endLine(), true);
        }
        lastSourceLine = c.span().endLine();
        if (c.lineComment()) {
            lastEndsInLineComment = true;
        }
    }

    private void emit(String text, int startLine, int endLine, boolean blankAllowed) {
        boolean blank = blankAllowed && !atBlockStart && !out.isEmpty()
                && (forceBlank || startLine > lastSourceLine + 1);
        if (blank) {
            out.add("");
        }
        String[] parts = text.split("\n", -1);
        out.add(INDENT.repeat(Math.max(0, depth)) + parts[0]);
        for (int i = 1; i < parts.length; i++) {
            out.add(parts[i]);
        }
        atBlockStart = false;
        forceBlank = false;
        lastEndsInLineComment = false;
        lastSourceLine = endLine;
    }
}
