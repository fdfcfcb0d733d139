package oss.runtime.program;

public record SemaphoreDecl(String name, int initial, Span span) {}
