package oss.compiler.ast;

import java.util.Optional;
import oss.ir.program.Span;

/** A value with an optional unit: {@code 5 ms}, {@code 4 KiB}, {@code 3}. */
public record Quantity(Expr value, Optional<Name> unit, Span span) implements Node {}
