package oss.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import oss.grader.ClassResult;
import oss.grader.ClassSummary;
import oss.grader.StudentResult;
import oss.grader.TestResult;

/**
 * {@code oss grade}'s terminal output: one row per student (score, a mark per test, the first
 * reason they lost points), the class summary, and on request each student's full feedback.
 */
final class GradeTable {
    /** The reason column is cut here; {@code -v} prints it whole. */
    static final int REASON = 72;

    private final Style style;

    GradeTable(Style style) {
        this.style = style;
    }

    /** The table; with {@code studentView} the reason column quotes only what a student may see (no hidden test's details). */
    void print(PrintWriter out, ClassResult r, boolean studentView) {
        int nameWidth = Math.max("student".length(), r.students().stream().mapToInt(s -> s.student().length())
                .max().orElse(0));
        List<String> header = new ArrayList<>(List.of(pad("student", nameWidth), pad("score", scoreWidth(r))));
        int tests = r.summary().tests().size();
        List<Integer> widths = new ArrayList<>();
        for (ClassSummary.TestRate t : r.summary().tests()) {
            int w = Math.max(Integer.toString(t.number()).length(), r.students().stream()
                    .mapToInt(s -> mark(s, s.tests().get(t.number() - 1)).length()).max().orElse(1));
            widths.add(w);
            header.add(pad(Integer.toString(t.number()), w));
        }
        header.add("reason");
        out.println(style.bold(r.assignment()) + style.dim(" (" + r.source() + ", " + number(r.maxScore())
                + " points)"));
        out.println(style.bold(String.join("  ", header).stripTrailing()));
        for (StudentResult s : r.students()) {
            List<String> row = new ArrayList<>(List.of(pad(s.student(), nameWidth),
                    pad(number(s.score()) + "/" + number(s.maxScore()), scoreWidth(r))));
            for (int i = 0; i < tests; i++) {
                String m = mark(s, s.tests().get(i));
                String padded = pad(m, widths.get(i));
                row.add(m.equals("✓") ? style.green(padded) : m.equals("✗") ? style.red(padded) : padded);
            }
            row.add(cut(reason(s, studentView)));
            out.println(String.join("  ", row).stripTrailing());
        }
        out.println();
        for (ClassSummary.TestRate t : r.summary().tests()) {
            out.println(style.dim("  " + t.number() + " = " + t.name() + " (" + number(t.maxScore()) + ")"));
        }
        summary(out, r);
    }

    private void summary(PrintWriter out, ClassResult r) {
        ClassSummary c = r.summary();
        out.println();
        out.println(style.bold(c.students() + (c.students() == 1 ? " student" : " students")) + ": mean "
                + number(c.mean()) + ", median " + number(c.median()) + ", min " + number(c.min()) + ", max "
                + number(c.max()) + " of " + number(r.maxScore()));
        int most = c.histogram().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int b = 0; b < c.histogram().size(); b++) {
            int count = c.histogram().get(b);
            String range = b * 10 + "-" + (b + 1) * 10 + " %";
            String bar = most == 0 ? "" : "█".repeat((int) Math.ceil(30.0 * count / most));
            out.println(("  " + pad(range, 9) + " " + bar + (count > 0 ? " " + count : "")).stripTrailing());
        }
        int nameWidth = c.tests().stream().mapToInt(t -> t.name().length()).max().orElse(0);
        out.println("pass rates:");
        for (ClassSummary.TestRate t : c.tests()) {
            long percent = t.students() == 0 ? 0 : Math.round(100.0 * t.passed() / t.students());
            out.println("  " + t.number() + " " + pad(t.name(), nameWidth) + "  " + t.passed() + "/" + t.students()
                    + " (" + percent + " %)");
        }
    }

    /** Each student's feedback in full: everything ({@code -v}), or what a student may see ({@code --student-view}). */
    void feedback(PrintWriter out, ClassResult r, boolean studentView) {
        for (StudentResult s : r.students()) {
            out.println();
            out.println(style.bold("== " + s.student() + ": " + number(s.score()) + "/" + number(s.maxScore()))
                    + style.dim(s.file().isEmpty() ? "" : " (" + s.file() + ")"));
            if (!s.message().isEmpty()) {
                s.message().lines().forEach(l -> out.println("  " + l));
            }
            for (TestResult t : s.tests()) {
                TestResult shown = studentView ? t.forStudent() : t;
                String mark = shown.passed() ? style.green("✓") : style.red("✗");
                out.println("  " + mark + " " + shown.number() + " " + shown.name() + " (" + number(shown.score())
                        + "/" + number(shown.maxScore()) + ")");
                shown.output().lines().forEach(l -> out.println("      " + l));
            }
        }
    }

    /** ✓ full points, ✗ none, the points of a partial score, - when not judged at all. */
    private static String mark(StudentResult s, TestResult t) {
        if (s.outcome() != StudentResult.Outcome.GRADED) {
            return "-";
        }
        return t.passed() ? "✓" : t.score() == 0 ? "✗" : number(t.score());
    }

    private static String reason(StudentResult s, boolean studentView) {
        String message = s.message().lines().findFirst().orElse("");
        String why = message.contains("]: ") ? message.substring(message.indexOf("]: ") + 3) : message;
        switch (s.outcome()) {
            case REJECTED:
                return "rejected: " + why;
            case DOES_NOT_COMPILE:
                return "does not compile: " + s.message().lines().skip(1).findFirst().orElse("").strip();
            default:
                break;
        }
        for (TestResult test : s.tests()) {
            TestResult t = studentView ? test.forStudent() : test;
            if (!t.passed()) {
                String first = t.reason();
                return (why.isEmpty() ? "" : why + "; ") + "test " + t.number() + ": " + first;
            }
        }
        return why;
    }

    private static String cut(String s) {
        return s.length() <= REASON ? s : s.substring(0, REASON - 1) + "…";
    }

    private static int scoreWidth(ClassResult r) {
        return Math.max("score".length(), r.students().stream()
                .mapToInt(s -> (number(s.score()) + "/" + number(s.maxScore())).length()).max().orElse(0));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** 4, 4.5, 2.67: at most two decimals, no trailing zeros. */
    static String number(double x) {
        String s = String.format(Locale.US, "%.2f", x);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }
}
