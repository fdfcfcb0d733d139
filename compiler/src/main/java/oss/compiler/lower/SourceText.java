package oss.compiler.lower;

import oss.ir.program.Span;

/** The text under a span, for messages and {@code Expectation.text()}. */
public final class SourceText {
    private final String[] lines;

    public SourceText(String text) {
        this.lines = text.split("\r\n|\r|\n", -1);
    }

    public String of(Span s) {
        if (!s.isKnown() || s.line() > lines.length) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int l = s.line(); l <= Math.min(s.endLine(), lines.length); l++) {
            String line = lines[l - 1];
            int from = l == s.line() ? offset(line, s.column()) : 0;
            int to = l == s.endLine() ? offset(line, s.endColumn()) : line.length();
            if (from < to) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(line, from, to);
            }
        }
        return sb.toString().replaceAll("\\s+", " ").trim();
    }

    /** Columns count code points; convert a 1-based column to a char offset. */
    private static int offset(String line, int column) {
        int cps = Math.max(0, column - 1);
        int n = line.codePointCount(0, line.length());
        if (cps >= n) {
            return line.length();
        }
        return line.offsetByCodePoints(0, cps);
    }
}
