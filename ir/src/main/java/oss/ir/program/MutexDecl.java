package oss.ir.program;

public record MutexDecl(String name, Span span) {}
