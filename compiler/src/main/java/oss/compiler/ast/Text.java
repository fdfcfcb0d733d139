package oss.compiler.ast;

import oss.runtime.program.Span;

/** A string literal without its quotes (escapes kept as written), with its place. */
public record Text(String value, Span span) implements Node {}
