package oss.grader.report;

/**
 * Escaping for HTML and SVG text and attributes: every string of the results (a student's name,
 * file name, message and feedback, which a hostile submission controls) goes through here.
 */
final class Esc {
    private Esc() {}

    /** The run report's escaping: one rule for every page oss writes. */
    static String html(String s) {
        return oss.analysis.report.html.Esc.html(s);
    }

    /** At most {@code max} characters, an ellipsis marking the cut (a pair of surrogates is never split). */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        return s.substring(0, end) + "…";
    }
}
