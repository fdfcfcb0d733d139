package oss.ir.program;

/** `file "/data/log" size 1 MiB`: a file whose pages can be mapped and cached. */
public record FileDecl(String path, long sizeBytes, Span span) {}
