package oss.ir.program;

/**
 * Where something came from in the source, kept opaque by the runtime: it
 * only carries spans so findings can point back at the statement that
 * caused them. Lines and columns are 1-based; the end is exclusive.
 */
public record Span(int line, int column, int endLine, int endColumn) {
    public static final Span NONE = new Span(0, 0, 0, 0);

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }

    // Written out: a record's generated equals and hashCode link an invokedynamic call site on first
    // use, spinning method-handle classes that cost every short `oss run` a few milliseconds (Startup).
    @Override
    public boolean equals(Object o) {
        return o instanceof Span s && line == s.line && column == s.column && endLine == s.endLine
                && endColumn == s.endColumn;
    }

    @Override
    public int hashCode() {
        return ((line * 31 + column) * 31 + endLine) * 31 + endColumn;
    }
}
