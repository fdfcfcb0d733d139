package oss.ir.program;

/** `library "libc.so.6" size 2 MiB`: mapped shared into every process, reference counted. */
public record LibraryDecl(String name, long sizeBytes, Span span) {}
