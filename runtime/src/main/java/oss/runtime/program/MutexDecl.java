package oss.runtime.program;

public record MutexDecl(String name, Span span) {}
