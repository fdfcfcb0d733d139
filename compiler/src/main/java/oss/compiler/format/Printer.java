package oss.compiler.format;

import java.util.ArrayList;
import java.util.List;
import oss.ir.program.Span;

/**
 * Lines out, comments in: emits the formatted lines at the current indent,
 * placing every pending comment before the node it precedes or at the end
 * of the line it trailed, and keeping (one) blank line where the source had
 * one.
 */
final class Printer {
    private static final String INDENT = "  ";
    private final List<String> out = new ArrayList<>();
    /** Per output line, where its trailing comment starts (the code's width), or -1. */
    private final List<Integer> trailing = new ArrayList<>();
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
        alignTrailingComments();
        StringBuilder sb = new StringBuilder();
        for (String l : out) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /**
     * Consecutive lines that end in comments get them in one column, two
     * spaces after the longest code among them, as gofmt does: a column
     * of explanations reads as a column.
     */
    private void alignTrailingComments() {
        int i = 0;
        while (i < out.size()) {
            if (trailing.get(i) < 0) {
                i++;
                continue;
            }
            int j = i;
            int width = 0;
            while (j < out.size() && trailing.get(j) >= 0) {
                width = Math.max(width, trailing.get(j));
                j++;
            }
            for (int k = i; k < j; k++) {
                String line = out.get(k);
                int at = trailing.get(k);
                String code = line.substring(0, at).stripTrailing();
                String comment = line.substring(at).strip();
                out.set(k, code + " ".repeat(width - code.length() + 2) + comment);
            }
            i = j;
        }
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
            trailing.set(last, out.get(last).length());
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
            trailing.add(-1);
        }
        String[] parts = text.split("\n", -1);
        out.add(INDENT.repeat(Math.max(0, depth)) + parts[0]);
        trailing.add(-1);
        for (int i = 1; i < parts.length; i++) {
            out.add(parts[i]);
            trailing.add(-1);
        }
        atBlockStart = false;
        forceBlank = false;
        lastEndsInLineComment = false;
        lastSourceLine = endLine;
    }
}
