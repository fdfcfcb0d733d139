package oss.ir.program;

public record SemaphoreDecl(String name, int initial, Span span) {}
