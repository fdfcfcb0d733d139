package oss.compiler.ast;

import oss.ir.program.Span;

/** An identifier as written, with its place. */
public record Name(String text, Span span) implements Node {}
