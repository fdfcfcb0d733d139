package oss.compiler.ast;

import java.util.Optional;
import oss.ir.program.Span;

/** A use of a declared name, possibly indexed: {@code m}, {@code fork[(i + 1) % 5]}. */
public record Ref(Name name, Optional<Expr> index, Span span) implements Node {}
