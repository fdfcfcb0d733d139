package oss.ir.diag;

import java.util.Comparator;
import java.util.List;
import oss.ir.program.Span;

/**
 * Every finding, from a syntax error to a deadlock, is one of these. The
 * message is written for a student; {@code detail} carries extra lines a
 * terminal shows under it (a cycle, banker matrices) and may be empty.
 */
public record Diagnostic(Code code, Severity severity, String message, Span span, List<Related> related, String detail) {
    /**
     * The order findings are shown in, by the compiler and by the analysis alike: by position,
     * then by code, so that two runs print the same list.
     */
    public static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparingInt((Diagnostic d) -> d.span().line())
            .thenComparingInt(d -> d.span().column())
            .thenComparing(d -> d.code().id());

    public Diagnostic {
        related = List.copyOf(related);
        detail = detail == null ? "" : detail;
    }

    // Written out: a record's generated equals and hashCode link an invokedynamic call site on first
    // use, spinning method-handle classes that cost every short `oss run` a few milliseconds (Startup).
    @Override
    public boolean equals(Object o) {
        return o instanceof Diagnostic d && code == d.code && severity == d.severity
                && java.util.Objects.equals(message, d.message) && java.util.Objects.equals(span, d.span)
                && related.equals(d.related) && detail.equals(d.detail);
    }

    @Override
    public int hashCode() {
        return ((java.util.Objects.hashCode(code) * 31 + java.util.Objects.hashCode(message)) * 31
                + java.util.Objects.hashCode(span)) * 31 + related.hashCode();
    }

    public static Diagnostic of(Code code, Span span, String message) {
        return new Diagnostic(code, code.severity(), message, span, List.of(), "");
    }

    public Diagnostic withRelated(List<Related> more) {
        return new Diagnostic(code, severity, message, span, more, detail);
    }

    public Diagnostic withDetail(String text) {
        return new Diagnostic(code, severity, message, span, related, text);
    }

    public Diagnostic withSeverity(Severity s) {
        return new Diagnostic(code, s, message, span, related, detail);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
