package oss.ir.diag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import oss.ir.program.Span;

/**
 * Collects a run's findings, one per (code, statement): a misuse inside a
 * loop that runs a million times is still one diagnostic, not a million.
 */
public final class Findings {
    private final Map<String, Diagnostic> byKey = new LinkedHashMap<>();

    public void add(Diagnostic d) {
        byKey.putIfAbsent(d.code().id() + "@" + key(d.span()), d);
    }

    public void add(Code code, Span span, String message) {
        add(Diagnostic.of(code, span, message));
    }

    /** Turns every finding of {@code code} into information, saying why. */
    public void downgrade(Code code, String why) {
        byKey.replaceAll((k, d) -> d.code() != code ? d
                : new Diagnostic(d.code(), Severity.INFO, d.message() + " (" + why + ")", d.span(), d.related(), d.detail()));
    }

    public List<Diagnostic> all() {
        return new ArrayList<>(byKey.values());
    }

    private static String key(Span s) {
        return s.line() + ":" + s.column() + "-" + s.endLine() + ":" + s.endColumn();
    }
}
