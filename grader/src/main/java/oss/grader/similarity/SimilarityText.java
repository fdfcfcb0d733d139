package oss.grader.similarity;

import java.util.List;
import java.util.Locale;

/** The report for a terminal: each pair, then its regions side by side, line numbers and lines as written. */
public final class SimilarityText {
    /** Each side of a region is cut to this many characters, so two fit in a terminal of 160 columns. */
    static final int COLUMN = 72;
    /** A region longer than this shows its first lines and how many more there are. */
    static final int MAX_LINES = 20;

    private SimilarityText() {}

    public static String render(SimilarityReport report) {
        StringBuilder out = new StringBuilder();
        SimilarityOptions o = report.options();
        out.append("similarity: ").append(report.compared()).append(report.compared() == 1 ? " submission" : " submissions")
                .append(" compared; ").append(report.pairs().size()).append(report.pairs().size() == 1 ? " pair" : " pairs")
                .append(" at or above ").append(percent(o.threshold()))
                .append(" (the starter and fingerprints in more than ").append(report.common())
                .append(" submissions left out)\n");
        for (SimilarityReport.Skipped s : report.skipped()) {
            out.append("  not compared: ").append(s.student()).append(" (").append(s.file()).append("): ")
                    .append(s.reason()).append('\n');
        }
        if (!report.byTokens().isEmpty()) {
            out.append("  compared by their tokens, without a syntax tree (they match only each other): ")
                    .append(String.join(", ", report.byTokens())).append('\n');
        }
        for (SimilarityPair p : report.pairs()) {
            out.append('\n').append(p.studentA()).append(" ~ ").append(p.studentB()).append(": ")
                    .append(percent(p.score())).append(" (").append(p.shared()).append(" of ").append(p.fingerprints())
                    .append(" fingerprints)\n");
            for (Region r : p.regions()) {
                region(out, p, r);
            }
        }
        return out.toString();
    }

    private static void region(StringBuilder out, SimilarityPair p, Region r) {
        int width = Math.max(4, String.valueOf(Math.max(r.toA(), r.toB())).length());
        String left = p.fileA() + ":" + range(r.fromA(), r.toA());
        out.append("  ").append(cell(left, COLUMN + width + 2)).append(" | ").append(p.fileB()).append(':')
                .append(range(r.fromB(), r.toB())).append('\n');
        int rows = Math.max(r.linesA().size(), r.linesB().size());
        for (int i = 0; i < Math.min(rows, MAX_LINES); i++) {
            String a = i < r.linesA().size() ? number(r.fromA() + i, width) + "  " + r.linesA().get(i) : "";
            String b = i < r.linesB().size() ? number(r.fromB() + i, width) + "  " + r.linesB().get(i) : "";
            out.append("  ").append(cell(a, COLUMN + width + 2)).append(" | ").append(cut(b, COLUMN + width + 2))
                    .append('\n');
        }
        if (rows > MAX_LINES) {
            out.append("  ... ").append(rows - MAX_LINES).append(" more lines\n");
        }
    }

    private static String range(int from, int to) {
        return from == to ? String.valueOf(from) : from + "-" + to;
    }

    private static String number(int line, int width) {
        String s = String.valueOf(line);
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String cut(String s, int width) {
        String t = s.stripTrailing();
        return t.length() <= width ? t : t.substring(0, width - 1) + "…";
    }

    private static String cell(String s, int width) {
        String t = cut(s, width);
        return t + " ".repeat(width - t.length());
    }

    static String percent(double score) {
        return String.format(Locale.US, "%.0f%%", Math.floor(score * 100 + 1e-9));
    }

    /** Every pair's students and score, one line each: what a test compares. */
    static List<String> summary(SimilarityReport report) {
        return report.pairs().stream()
                .map(p -> p.studentA() + " ~ " + p.studentB() + " " + percent(p.score())).toList();
    }
}
