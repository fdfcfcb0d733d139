package oss.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import oss.runtime.diag.Code;
import oss.runtime.diag.Diagnostic;
import oss.runtime.diag.Related;
import oss.runtime.program.Span;

/**
 * Collects diagnostics of the checks, once each: a body lowered five times
 * for {@code p[i in 0..4]} reports a problem of its text once.
 */
public final class Diags {
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<Diagnostic> list = new ArrayList<>();

    public void report(Code code, Span span, String message) {
        add(Diagnostic.of(code, span, message));
    }

    public void report(Code code, Span span, String message, Span relatedSpan, String relatedMessage) {
        add(Diagnostic.of(code, span, message).withRelated(List.of(new Related(relatedSpan, relatedMessage))));
    }

    public void add(Diagnostic d) {
        String key = d.code() + "|" + d.span() + "|" + d.span().endLine() + ":" + d.span().endColumn() + "|" + d.message();
        if (seen.add(key)) {
            list.add(d);
        }
    }

    public boolean hasErrors() {
        return list.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) list.stream().filter(Diagnostic::isError).count();
    }

    public List<Diagnostic> all() {
        return List.copyOf(list);
    }
}
