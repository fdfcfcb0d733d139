package oss.grader.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import oss.grader.ClassResult;
import oss.grader.ClassSummary;
import oss.grader.StudentResult;
import oss.grader.TestResult;

/**
 * {@code oss grade --html FILE}: the class on one self-contained page, for the instructor
 * (every test's full feedback, hidden ones included): the summary, the score histogram and each
 * test's pass rate as inline SVG, a table of students, then one section per student with each
 * test's status and feedback (the {@code oss run --schedule} lines in monospace). Inline CSS and
 * SVG only, no script and no external resource, so it reads offline and under a strict
 * Content-Security-Policy; every string from the results is escaped ({@link Esc}), since a hostile
 * submission chooses its file name and the text its messages quote.
 */
public final class HtmlClassReport {
    private HtmlClassReport() {}

    public static void write(ClassResult result, Path file) throws IOException {
        Written.file(file, render(result));
    }

    public static String render(ClassResult r) {
        ClassSummary sum = r.summary();
        StringBuilder h = new StringBuilder(16_384 + r.students().size() * 2048);
        String title = "oss grade: " + r.assignment();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>").append(Esc.html(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style></head><body>\n");
        h.append("<header><h1>").append(Esc.html(r.assignment())).append("</h1><div class=\"muted\">")
                .append(Esc.html(r.source())).append(" · ").append(sum.students())
                .append(sum.students() == 1 ? " student" : " students").append(" · ")
                .append(Numbers.points(r.maxScore())).append(" points</div></header>\n");

        h.append("<section id=\"summary\"><h2>Summary</h2>\n<table class=\"stats\"><tr>");
        stat(h, "mean", sum.mean(), r.maxScore());
        stat(h, "median", sum.median(), r.maxScore());
        stat(h, "lowest", sum.min(), r.maxScore());
        stat(h, "highest", sum.max(), r.maxScore());
        h.append("</tr></table>\n");
        long notCompiling = count(r, StudentResult.Outcome.DOES_NOT_COMPILE);
        long rejected = count(r, StudentResult.Outcome.REJECTED);
        if (notCompiling + rejected > 0) {
            h.append("<p class=\"muted\">").append(notCompiling).append(" did not compile, ").append(rejected)
                    .append(" rejected (each scores 0)</p>\n");
        }
        h.append("<div class=\"cols\"><div><h3>Scores</h3>\n").append(Charts.histogram(sum))
                .append("</div><div><h3>Pass rate of each test</h3>\n")
                .append("<p class=\"muted\">students with the test's full points</p>\n")
                .append(Charts.passRates(sum)).append("</div></div>\n</section>\n");

        h.append("<section id=\"students\"><h2>Students</h2>\n<table class=\"list\"><thead><tr><th>student</th>"
                + "<th>score</th><th>tests passed</th><th>first reason points were lost</th></tr></thead><tbody>\n");
        List<StudentResult> students = r.students();
        for (int i = 0; i < students.size(); i++) {
            StudentResult s = students.get(i);
            long passed = s.tests().stream().filter(TestResult::passed).count();
            h.append("<tr class=\"").append(cls(s)).append("\"><td><a href=\"#s").append(i + 1).append("\">")
                    .append(Esc.html(s.student())).append("</a></td><td class=\"num\">").append(Numbers.points(s.score()))
                    .append(" / ").append(Numbers.points(s.maxScore())).append("</td><td class=\"num\">").append(passed)
                    .append(" / ").append(s.tests().size()).append("</td><td>").append(Esc.html(reason(s)))
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n</section>\n");

        for (int i = 0; i < students.size(); i++) {
            student(h, students.get(i), i + 1);
        }
        h.append("<footer class=\"muted\">Written by <code>oss grade --html</code> from the graded results: "
                + "the instructor's view, hidden tests' feedback included.</footer>\n</body></html>\n");
        return h.toString();
    }

    private static void student(StringBuilder h, StudentResult s, int n) {
        h.append("<section class=\"student ").append(cls(s)).append("\" id=\"s").append(n).append("\"><h2>")
                .append(Esc.html(s.student())).append(" <span class=\"score\">").append(Numbers.points(s.score()))
                .append(" / ").append(Numbers.points(s.maxScore())).append("</span></h2>\n<div class=\"muted\">")
                .append(Esc.html(s.file().isEmpty() ? "no file" : s.file())).append(" · ").append(outcome(s))
                .append("</div>\n");
        if (!s.message().isEmpty()) {
            h.append("<pre class=\"message\">").append(Esc.html(s.message())).append("</pre>\n");
        }
        h.append("<table class=\"tests\"><thead><tr><th>#</th><th>test</th><th>points</th><th>status</th>"
                + "<th>feedback</th></tr></thead><tbody>\n");
        for (TestResult t : s.tests()) {
            h.append("<tr class=\"").append(t.status()).append("\"><td class=\"num\">").append(t.number())
                    .append("</td><td>").append(Esc.html(t.name()));
            if (!t.visibility().shownAtOnce()) {
                h.append(" <span class=\"vis\">").append(Esc.html(t.visibility().word().replace('_', ' ')))
                        .append("</span>");
            }
            h.append("</td><td class=\"num\">").append(Numbers.points(t.score())).append(" / ")
                    .append(Numbers.points(t.maxScore())).append("</td><td class=\"status\">").append(t.status())
                    .append("</td><td><pre>").append(Esc.html(t.output())).append("</pre></td></tr>\n");
        }
        h.append("</tbody></table>\n</section>\n");
    }

    private static void stat(StringBuilder h, String name, double value, double max) {
        h.append("<td><div class=\"big\">").append(Numbers.points(value)).append("</div><div class=\"muted\">")
                .append(name).append(max > 0 ? " (" + Math.round(100 * value / max) + " %)" : "").append("</div></td>");
    }

    private static long count(ClassResult r, StudentResult.Outcome o) {
        return r.students().stream().filter(s -> s.outcome() == o).count();
    }

    private static String cls(StudentResult s) {
        return switch (s.outcome()) {
            case GRADED -> s.score() >= s.maxScore() ? "full" : "part";
            case DOES_NOT_COMPILE -> "nocompile";
            case REJECTED -> "rejected";
        };
    }

    private static String outcome(StudentResult s) {
        return switch (s.outcome()) {
            case GRADED -> "graded";
            case DOES_NOT_COMPILE -> "does not compile";
            case REJECTED -> "rejected";
        };
    }

    /** The submission's message, else why the first test that lost points lost them (as the terminal's table says). */
    static String reason(StudentResult s) {
        if (!s.message().isEmpty()) {
            return Esc.cut(s.message().lines().findFirst().orElse(""), 120);
        }
        return s.tests().stream().filter(t -> t.score() < t.maxScore()).findFirst()
                .map(t -> Esc.cut(t.name() + ": " + t.reason(), 120)).orElse("");
    }

    private static final String CSS = """
            :root{color-scheme:light dark}
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:0 auto;max-width:1100px;padding:16px;color:#222;background:#fff}
            h1{font-size:20px;margin:0 0 4px}h2{font-size:17px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
            h3{font-size:15px;margin:14px 0 2px}.muted{color:#666}a{color:#2a5db0}
            section{overflow-x:auto}.cols{display:flex;gap:32px;flex-wrap:wrap}svg{flex:none}
            svg text{font:12px system-ui,Helvetica,Arial,sans-serif;fill:#222}svg .legend,svg .tick{fill:#555}
            svg .axis{stroke:#333}.histogram .bar{fill:#4e79a7}.rates .track{fill:#eee}.rates .bar{fill:#59a14f}
            table.stats td{padding:4px 22px 4px 0}.big{font-size:22px;font-weight:600}
            table.list,table.tests{border-collapse:collapse;font-size:13px;margin-top:6px}
            table.list td,table.list th,table.tests td,table.tests th{border-bottom:1px solid #e4e4e4;padding:3px 8px;text-align:left;vertical-align:top}
            td.num{text-align:right;white-space:nowrap}tr.failed .status{color:#c00;font-weight:600}tr.passed .status{color:#2a7d2a;font-weight:600}
            tr.nocompile td:first-child,tr.rejected td:first-child{border-left:4px solid #c00}tr.part td:first-child{border-left:4px solid #e8a33d}tr.full td:first-child{border-left:4px solid #59a14f}
            pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere;margin:0;max-width:640px}
            pre.message{background:#fdecea;color:#5a1010;padding:6px 8px;border-radius:3px;margin:6px 0;max-width:none}
            .score{font-weight:400;color:#555;margin-left:8px}.vis{font-size:11px;background:#eee;color:#444;border-radius:3px;padding:0 4px}
            code{background:#f4f4f4;padding:1px 4px;border-radius:3px}footer{margin-top:30px;font-size:12px}
            @media (prefers-color-scheme: dark){body{background:#1e1e1e;color:#ddd}svg text{fill:#ddd}svg .legend,svg .tick{fill:#aaa}
            svg .axis{stroke:#ccc}.rates .track{fill:#333}.muted,.score{color:#aaa}h2{border-color:#444}
            table.list td,table.list th,table.tests td,table.tests th{border-color:#3a3a3a}code,.vis{background:#333;color:#ddd}
            pre.message{background:#4a1f1f;color:#f5d5d5}}
            """;
}
