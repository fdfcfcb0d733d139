package oss.cli;

import java.util.List;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Severity;

final class Summary {
    private Summary() {}

    static String line(List<Diagnostic> diagnostics, Style style) {
        long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
        long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
        String text = plural(errors, "error") + ", " + plural(warnings, "warning");
        return errors > 0 ? style.red(text) : warnings > 0 ? style.yellow(text) : style.green(text);
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
