package oss.compiler.ast;

import oss.ir.program.Span;

/** Every AST node knows where it came from in the source. */
public interface Node {
    Span span();
}
