package oss.compiler.ast;

import oss.runtime.program.Span;

/** Every AST node knows where it came from in the source. */
public interface Node {
    Span span();
}
