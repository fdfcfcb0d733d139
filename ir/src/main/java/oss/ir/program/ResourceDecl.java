package oss.ir.program;

/** A resource class with a number of identical instances (printers, tape drives). */
public record ResourceDecl(String name, int instances, Span span) {}
