package oss.compiler.assign;

import oss.ir.program.Span;

/** The assignment's text under a span: exactly as written (an {@code expect} line for the grader), or on one line. */
final class SourceSlice {
    private final String[] lines;

    SourceSlice(String text) {
        this.lines = text.split("\r\n|\r|\n", -1);
    }

    /** The characters under {@code s}, line breaks included, as written. */
    String exact(Span s) {
        if (!s.isKnown() || s.line() > lines.length) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int l = s.line(); l <= Math.min(s.endLine(), lines.length); l++) {
            String line = lines[l - 1];
            int from = l == s.line() ? offset(line, s.column()) : 0;
            int to = l == s.endLine() ? offset(line, s.endColumn()) : line.length();
            if (l > s.line()) {
                sb.append('\n');
            }
            if (from < to) {
                sb.append(line, from, to);
            }
        }
        return sb.toString();
    }

    /** The text under {@code s} with every run of white space one space: for messages. */
    String line(Span s) {
        return exact(s).replaceAll("\\s+", " ").trim();
    }

    /** Columns count code points; a 1-based column to a char offset. */
    private static int offset(String line, int column) {
        int cps = Math.max(0, column - 1);
        int n = line.codePointCount(0, line.length());
        return cps >= n ? line.length() : line.offsetByCodePoints(0, cps);
    }
}
