package oss.grader.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import oss.grader.ClassResult;
import oss.grader.StudentResult;
import oss.grader.TestResult;

/**
 * {@code oss grade --csv [FILE]}: one row per student (student, file, outcome, each test's
 * points, total) under a header row of the tests' names, as RFC 4180 has it: CRLF line ends, a
 * field holding a comma, quote or line break in double quotes with its quotes doubled. A field of
 * text starting with {@code = + - @} (a student's name can be anything) gets a leading {@code '}
 * so that a spreadsheet does not run it as a formula.
 */
public final class ClassCsv {
    private ClassCsv() {}

    public static void write(ClassResult result, java.nio.file.Path file) throws java.io.IOException {
        Written.file(file, render(result));
    }

    public static String render(ClassResult result) {
        StringBuilder b = new StringBuilder(1024);
        List<String> header = new ArrayList<>(List.of("student", "file", "outcome"));
        List<TestResult> first = result.students().isEmpty() ? List.of() : result.students().get(0).tests();
        for (TestResult t : first) {
            header.add(text(t.name()));
        }
        header.add("total");
        row(b, header);
        for (StudentResult s : result.students()) {
            List<String> cells = new ArrayList<>(List.of(text(s.student()), text(s.file()),
                    s.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            for (TestResult t : s.tests()) {
                cells.add(Numbers.format(t.score(), 4));
            }
            cells.add(Numbers.format(s.score(), 4));
            row(b, cells);
        }
        return b.toString();
    }

    private static void row(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(cells.get(i)));
        }
        b.append("\r\n");
    }

    /** A text cell a spreadsheet will not evaluate. */
    static String text(String s) {
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
