package oss.ir.diag;

import oss.ir.program.Span;

/** A second place that explains a finding, e.g. another member of a deadlock cycle. */
public record Related(Span span, String message) {
    // Written out: a record's generated equals and hashCode link an invokedynamic call site on first
    // use, spinning method-handle classes that cost every short `oss run` a few milliseconds (Startup).
    @Override
    public boolean equals(Object o) {
        return o instanceof Related r && java.util.Objects.equals(span, r.span) && java.util.Objects.equals(message, r.message);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(span) * 31 + java.util.Objects.hashCode(message);
    }
}
