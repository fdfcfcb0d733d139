package oss.compiler.parse;

import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;
import oss.compiler.ast.AssignmentNode;
import oss.compiler.ast.Scenario;
import oss.ir.diag.Diagnostic;

/**
 * The AST (when one could be built: a scenario's in {@code ast}, an assignment file's in
 * {@code assignment}), the syntax diagnostics, and every token including comments (for the
 * formatter). {@code clean} means no syntax or lexical error at all.
 */
public record ParseResult(Optional<Scenario> ast, Optional<AssignmentNode> assignment, List<Diagnostic> diagnostics,
                          List<Token> tokens, boolean clean) {

    /** A scenario's (or nothing's) parse: no assignment. */
    public ParseResult(Optional<Scenario> ast, List<Diagnostic> diagnostics, List<Token> tokens, boolean clean) {
        this(ast, Optional.empty(), diagnostics, tokens, clean);
    }
}
