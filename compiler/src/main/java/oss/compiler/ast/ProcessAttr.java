package oss.compiler.ast;

import java.util.Optional;
import oss.ir.program.Span;

/** The attributes after a process name. */
public sealed interface ProcessAttr extends Node {
    record Nice(Expr value, Span span) implements ProcessAttr {}

    record Arrives(Quantity time, Span span) implements ProcessAttr {}

    /** {@code policy fifo priority 50}, {@code policy normal}. */
    record Policy(Name policy, Optional<Expr> priority, Span span) implements ProcessAttr {}

    record Priority(Expr value, Span span) implements ProcessAttr {}

    record Frames(Expr value, Span span) implements ProcessAttr {}

    record Tickets(Expr value, Span span) implements ProcessAttr {}
}
