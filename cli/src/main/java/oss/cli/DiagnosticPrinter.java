package oss.cli;

import java.io.PrintWriter;
import java.util.List;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Span;

/**
 * Prints findings compiler-style, {@code file:line:col: error[OSS2101]: message},
 * each followed by the source line with the span underlined, its related
 * locations as notes and any detail (a cycle, banker matrices) indented.
 */
final class DiagnosticPrinter {
    private final SourceFile file;
    private final Style style;
    private final List<String> lines;

    DiagnosticPrinter(SourceFile file, Style style) {
        this.file = file;
        this.style = style;
        this.lines = file.lines();
    }

    void print(PrintWriter out, Diagnostic d) {
        String severity = switch (d.severity()) {
            case ERROR -> style.red("error");
            case WARNING -> style.yellow("warning");
            case INFO -> style.cyan("info");
        };
        out.println(style.bold(where(d.span())) + " " + severity + "[" + d.code().id() + "]: " + style.bold(d.message()));
        excerpt(out, d.span());
        for (Related r : d.related()) {
            out.println(style.bold(where(r.span())) + " " + style.cyan("note") + ": " + r.message());
            excerpt(out, r.span());
        }
        if (!d.detail().isEmpty()) {
            d.detail().lines().forEach(l -> out.println("    " + l));
        }
    }

    private String where(Span s) {
        return s.isKnown() ? file.name() + ":" + s.line() + ":" + s.column() + ":" : file.name() + ":";
    }

    private void excerpt(PrintWriter out, Span s) {
        if (!s.isKnown() || s.line() > lines.size()) {
            return;
        }
        String line = lines.get(s.line() - 1).replace('\t', ' ');
        String number = Integer.toString(s.line());
        String gutter = " ".repeat(number.length());
        out.println(style.dim(" " + number + " | ") + line);
        int from = Math.max(0, Math.min(s.column() - 1, line.length()));
        int to = s.endLine() == s.line() ? Math.max(from + 1, Math.min(s.endColumn() - 1, line.length())) : line.length();
        if (to <= from) {
            to = from + 1;
        }
        out.println(style.dim(" " + gutter + " | ") + " ".repeat(from) + style.red("^".repeat(to - from)));
    }
}
