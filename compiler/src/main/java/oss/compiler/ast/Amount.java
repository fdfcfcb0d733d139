package oss.compiler.ast;

import java.util.Optional;
import oss.ir.program.Span;

/** {@code printer 2} in {@code claim printer 2, tape 1}; no count means 1. */
public record Amount(Ref resource, Optional<Expr> count, Span span) implements Node {}
