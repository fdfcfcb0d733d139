package oss.ir.program;

/**
 * `file "/data/log" size 1 MiB`: a file whose pages can be mapped and cached. {@code readOnly}:
 * declared `readonly`, mode 0444, so opening it for writing fails with EACCES (open(2)).
 */
public record FileDecl(String path, long sizeBytes, boolean readOnly, Span span) {
    public FileDecl(String path, long sizeBytes, Span span) {
        this(path, sizeBytes, false, span);
    }
}
