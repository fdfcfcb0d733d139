package oss.grader.report;

import java.util.List;
import oss.grader.ClassSummary;

/**
 * The class report's two pictures as inline SVG: the histogram of scores by tenths of the maximum,
 * and each test's pass rate as a horizontal bar beside its name. The names sit in a column as wide
 * as the longest (cut to {@link #NAME_CHARS} characters, the whole name in the bar's tooltip), so
 * a label never runs into its bar.
 */
final class Charts {
    /** Height of the tallest histogram bar, px. */
    static final int HIST_HEIGHT = 160;
    static final int HIST_BAR = 48;
    static final int HIST_GAP = 6;
    static final int HIST_LEFT = 30;
    static final int HIST_TOP = 22;
    /** Characters of a test's name shown in the pass-rate chart. */
    static final int NAME_CHARS = 40;
    /** Width budgeted per character of a name at 12 px: wider than the average glyph of a sans-serif. */
    static final double CHAR_PX = 7.5;
    static final int RATE_WIDTH = 320;
    static final int RATE_ROW = 24;

    private Charts() {}

    /** Bars of {@code summary.histogram()}, each {@code data-count} its count and as tall as the count says. */
    static String histogram(ClassSummary summary) {
        List<Integer> h = summary.histogram();
        int most = Math.max(1, h.stream().mapToInt(Integer::intValue).max().orElse(0));
        int width = HIST_LEFT + h.size() * (HIST_BAR + HIST_GAP) + 20;
        int base = HIST_TOP + HIST_HEIGHT;
        int height = base + 44;
        StringBuilder s = new StringBuilder(2048);
        s.append("<svg class=\"histogram\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"students per tenth of the maximum score\">\n");
        s.append("<line class=\"axis\" x1=\"").append(HIST_LEFT - 4).append("\" y1=\"").append(base).append("\" x2=\"")
                .append(width - 10).append("\" y2=\"").append(base).append("\"/>\n");
        for (int i = 0; i < h.size(); i++) {
            int n = h.get(i);
            int x = HIST_LEFT + i * (HIST_BAR + HIST_GAP);
            int barHeight = (int) Math.round((double) n * HIST_HEIGHT / most);
            String range = (i * 10) + (i == h.size() - 1 ? "–100 %" : "–" + (i * 10 + 10) + " %");
            s.append("<g class=\"bin\"><title>").append(n).append(n == 1 ? " student" : " students").append(" at ")
                    .append(range).append(" of the maximum</title>");
            s.append("<rect class=\"bar\" data-count=\"").append(n).append("\" x=\"").append(x).append("\" y=\"")
                    .append(base - barHeight).append("\" width=\"").append(HIST_BAR).append("\" height=\"")
                    .append(barHeight).append("\"/>");
            s.append("<text class=\"count\" x=\"").append(x + HIST_BAR / 2).append("\" y=\"")
                    .append(base - barHeight - 5).append("\" text-anchor=\"middle\">").append(n).append("</text>");
            s.append("<text class=\"tick\" x=\"").append(x + HIST_BAR / 2).append("\" y=\"").append(base + 16)
                    .append("\" text-anchor=\"middle\">").append(i * 10).append(i == h.size() - 1 ? "–100" : "–"
                            + (i * 10 + 10)).append("</text></g>\n");
        }
        s.append("<text class=\"legend\" x=\"").append(HIST_LEFT).append("\" y=\"").append(base + 36)
                .append("\">% of the maximum score (each range includes its lower end; the last also 100 %)</text>\n");
        return s.append("</svg>\n").toString();
    }

    /** One row per test: its (cut) name right-aligned in the name column, then its bar and "passed/students". */
    static String passRates(ClassSummary summary) {
        List<ClassSummary.TestRate> tests = summary.tests();
        int longest = tests.stream().mapToInt(t -> units(label(t))).max().orElse(4);
        int labelWidth = nameColumn(longest);
        int width = labelWidth + RATE_WIDTH + 130;
        int height = tests.size() * RATE_ROW + 8;
        StringBuilder s = new StringBuilder(2048);
        s.append("<svg class=\"rates\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"each test's pass rate\" data-name-column=\"")
                .append(labelWidth).append("\">\n");
        for (int i = 0; i < tests.size(); i++) {
            ClassSummary.TestRate t = tests.get(i);
            int y = 4 + i * RATE_ROW;
            double rate = t.students() == 0 ? 0 : (double) t.passed() / t.students();
            int bar = (int) Math.round(rate * RATE_WIDTH);
            s.append("<g class=\"rate\" data-passed=\"").append(t.passed()).append("\" data-students=\"")
                    .append(t.students()).append("\"><title>").append(Esc.html(t.number() + ". " + t.name()))
                    .append(": ").append(t.passed()).append(" of ").append(t.students())
                    .append(" students with full points</title>");
            s.append("<text class=\"name\" x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(Esc.html(label(t))).append("</text>");
            s.append("<rect class=\"track\" x=\"").append(labelWidth).append("\" y=\"").append(y + 3)
                    .append("\" width=\"").append(RATE_WIDTH).append("\" height=\"16\"/>");
            s.append("<rect class=\"bar\" x=\"").append(labelWidth).append("\" y=\"").append(y + 3)
                    .append("\" width=\"").append(bar).append("\" height=\"16\"/>");
            s.append("<text class=\"value\" x=\"").append(labelWidth + RATE_WIDTH + 8).append("\" y=\"").append(y + 15)
                    .append("\">").append(t.passed()).append('/').append(t.students()).append(" (")
                    .append(Math.round(rate * 100)).append(" %)</text></g>\n");
        }
        return s.append("</svg>\n").toString();
    }

    /** What the chart shows of a test's name. */
    static String label(ClassSummary.TestRate t) {
        return Esc.cut(t.number() + ". " + t.name(), NAME_CHARS);
    }

    /** A text's width in characters of a Latin font: a wide (CJK, emoji) character counts two. */
    static int units(String s) {
        return s.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum();
    }

    /** The name column's width for names of up to {@code chars} characters, the 8 px gap included. */
    static int nameColumn(int chars) {
        return (int) Math.ceil(chars * CHAR_PX) + 16;
    }
}
