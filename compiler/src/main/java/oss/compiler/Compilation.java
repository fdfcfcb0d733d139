package oss.compiler;

import java.util.List;
import java.util.Optional;
import oss.compiler.assign.Assignment;
import oss.compiler.ast.AssignmentNode;
import oss.compiler.ast.Scenario;
import oss.compiler.expect.Expectation;
import oss.compiler.parse.ParseResult;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Program;

/**
 * The result of compiling one document. {@code ast} is present whenever the
 * text parsed well enough to build one (also with recovered syntax errors);
 * {@code program} only when there is no error-level diagnostic. {@code parsed}
 * is the parser's whole result, tokens and comments included, so that the
 * formatter can print the document from this compilation instead of parsing
 * it again; it is empty only when the parser itself did not finish.
 *
 * <p>An assignment file (docs/grading.md) has no scenario: {@code ast} and {@code program} are
 * empty, {@code assignmentAst} holds what was parsed and {@code assignment} the checked
 * assignment, present when there is no error-level diagnostic.
 */
public record Compilation(
        String sourceName,
        Optional<Scenario> ast,
        Optional<Program> program,
        List<Expectation> expectations,
        List<Diagnostic> diagnostics,
        Optional<ParseResult> parsed,
        Optional<AssignmentNode> assignmentAst,
        Optional<Assignment> assignment) {

    /** A scenario's compilation (or one that is neither): no assignment. */
    public Compilation(String sourceName, Optional<Scenario> ast, Optional<Program> program,
                       List<Expectation> expectations, List<Diagnostic> diagnostics, Optional<ParseResult> parsed) {
        this(sourceName, ast, program, expectations, diagnostics, parsed, Optional.empty(), Optional.empty());
    }

    /** A compilation that stopped before the parser finished: nothing to format. */
    public Compilation(String sourceName, Optional<Scenario> ast, Optional<Program> program,
                       List<Expectation> expectations, List<Diagnostic> diagnostics) {
        this(sourceName, ast, program, expectations, diagnostics, Optional.empty());
    }

    /** Whether this is an assignment file rather than a scenario. */
    public boolean isAssignment() {
        return assignmentAst.isPresent();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
