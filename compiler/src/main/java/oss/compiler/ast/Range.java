package oss.compiler.ast;

import oss.ir.program.Span;

/** {@code from..to}, both ends included. */
public record Range(Expr from, Expr to, Span span) implements Node {}
