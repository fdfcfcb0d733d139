package oss.compiler.ast;

import java.util.List;
import oss.ir.program.Span;

/** {@code { statements }}; the span covers both braces. */
public record Block(List<Stmt> statements, Span span) implements Node {
    public Block {
        statements = List.copyOf(statements);
    }
}
