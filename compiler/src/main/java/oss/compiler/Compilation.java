package oss.compiler;

import java.util.List;
import java.util.Optional;
import oss.compiler.ast.Scenario;
import oss.compiler.expect.Expectation;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Program;

/**
 * The result of compiling one document. {@code ast} is present whenever the
 * text parsed well enough to build one (also with recovered syntax errors);
 * {@code program} only when there is no error-level diagnostic.
 */
public record Compilation(
        String sourceName,
        Optional<Scenario> ast,
        Optional<Program> program,
        List<Expectation> expectations,
        List<Diagnostic> diagnostics) {

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
