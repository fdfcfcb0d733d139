package oss.analysis.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.ast.Scenario;

/**
 * The tests' {@code expect} lines added to a submission's text, each on a line of its own just
 * before the scenario's closing brace: after everything the student wrote, so every line and
 * column of theirs stays where it was, and the compiler judges the tests' lines with the
 * submission's own names.
 */
final class Injection {
    /** One injected line: the check it stands for ({@code test}, {@code check} indexes) and its line number. */
    record Line(int test, int check, String expect, int line) {}

    /** An expect line some check wants injected. */
    record Wanted(int test, int check, String expect) {}

    private final String text;
    private final List<Line> lines;

    private Injection(String text, List<Line> lines) {
        this.text = text;
        this.lines = List.copyOf(lines);
    }

    String text() {
        return text;
    }

    List<Line> lines() {
        return lines;
    }

    /** The line injected at {@code lineNumber}, if that line is one of ours. */
    Optional<Line> at(int lineNumber) {
        return lines.stream().filter(l -> l.line() == lineNumber).findFirst();
    }

    /** {@code wanted} added to {@code text} before the closing brace of {@code ast}; empty when the brace is not found. */
    static Optional<Injection> of(String text, Scenario ast, List<Wanted> wanted) {
        int brace = closingBrace(text, ast);
        if (brace < 0) {
            return Optional.empty();
        }
        int braceLine = 1;
        for (int i = 0; i < brace; i++) {
            if (text.charAt(i) == '\n') {
                braceLine++;
            }
        }
        StringBuilder sb = new StringBuilder(text.length() + 64 * wanted.size());
        sb.append(text, 0, brace);
        List<Line> lines = new ArrayList<>();
        int line = braceLine;
        for (Wanted w : wanted) {
            line++;
            String one = w.expect().replace('\r', ' ').replace('\n', ' ').strip();
            sb.append('\n').append(one.startsWith("expect") ? one : "expect " + one);
            lines.add(new Line(w.test(), w.check(), one, line));
        }
        sb.append('\n').append(text, brace, text.length());
        return Optional.of(new Injection(sb.toString(), lines));
    }

    /**
     * The offset of the scenario's {@code }}: where its span ends (columns count code points, as
     * the lexer does), checked to be a brace; else the last brace of the text.
     */
    static int closingBrace(String text, Scenario ast) {
        int line = ast.span().endLine();
        int column = ast.span().endColumn() - 1; // the end is exclusive: the brace is the column before it
        try {
            int start = 0;
            for (int l = 1; l < line; l++) {
                start = text.indexOf('\n', start) + 1;
                if (start == 0) {
                    return text.lastIndexOf('}');
                }
            }
            int at = text.offsetByCodePoints(start, column - 1);
            if (at < text.length() && text.charAt(at) == '}') {
                return at;
            }
        } catch (IndexOutOfBoundsException e) {
            // a span beyond the text: fall back on the last brace
        }
        return text.lastIndexOf('}');
    }
}
