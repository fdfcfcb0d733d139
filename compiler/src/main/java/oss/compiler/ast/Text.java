package oss.compiler.ast;

import oss.ir.program.Span;

/** A string literal without its quotes (escapes kept as written), with its place. */
public record Text(String value, Span span) implements Node {}
