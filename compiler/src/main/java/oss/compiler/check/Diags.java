package oss.compiler.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Span;

/**
 * Collects diagnostics of the checks, once each: a body lowered five times
 * for {@code p[i in 0..4]} reports a problem of its text once.
 */
public final class Diags {
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<Diagnostic> list = new ArrayList<>();
    private final java.util.Map<String, Integer> perPlace = new java.util.HashMap<>();
    /** Diagnostics of one code at one place with different messages (one per unrolled value) kept. */
    static final int MAX_PER_PLACE = 10;

    public void report(Code code, Span span, String message) {
        add(Diagnostic.of(code, span, message));
    }

    public void report(Code code, Span span, String message, Span relatedSpan, String relatedMessage) {
        add(Diagnostic.of(code, span, message).withRelated(List.of(new Related(relatedSpan, relatedMessage))));
    }

    public void add(Diagnostic d) {
        String key = d.code() + "|" + d.span() + "|" + d.span().endLine() + ":" + d.span().endColumn() + "|" + d.message();
        if (seen.add(key)) {
            // one statement in a loop unrolled 2,000,000 times said "(when z = N)" for every N: 241 MB of
            // messages; a few show the pattern
            String place = d.code() + "|" + d.span() + "|" + d.span().endLine() + ":" + d.span().endColumn();
            if (perPlace.merge(place, 1, Integer::sum) <= MAX_PER_PLACE) {
                list.add(d);
            }
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
