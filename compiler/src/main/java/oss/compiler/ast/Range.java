package oss.compiler.ast;

import oss.runtime.program.Span;

/** {@code from..to}, both ends included. */
public record Range(Expr from, Expr to, Span span) implements Node {}
