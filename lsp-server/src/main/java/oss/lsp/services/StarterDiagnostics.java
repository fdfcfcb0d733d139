package oss.lsp.services;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import oss.analysis.grading.SubmissionJudge;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.assign.Assignment;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;

/**
 * An assignment file's tests checked against its starter, as `oss grade` checks them before
 * grading (OSS1602, OSS1603), so that an instructor sees a test no submission could pass while
 * writing it. The starter is read from disk next to the document; only {@code file:} documents
 * have one.
 */
final class StarterDiagnostics {
    /** The most of a starter read: a scenario, not a data file. */
    static final int MAX_BYTES = 1 << 20;

    private StarterDiagnostics() {}

    static List<Diagnostic> of(String uri, Compilation c) {
        Optional<Assignment> assignment = c.assignment();
        if (assignment.isEmpty() || assignment.get().starter().isEmpty()) {
            return List.of();
        }
        Assignment a = assignment.get();
        String name = a.starter().get();
        Path starter;
        try {
            URI u = URI.create(uri);
            if (!"file".equals(u.getScheme())) {
                return List.of();
            }
            starter = Path.of(u).getParent().resolve(name).normalize();
        } catch (RuntimeException e) {
            return List.of();
        }
        String text;
        try (InputStream in = Files.newInputStream(starter)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return List.of(Diagnostic.of(Code.STARTER_UNUSABLE, a.starterSpan(), "the starter " + name
                        + " is larger than " + (MAX_BYTES >> 20) + " MiB"));
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of(Diagnostic.of(Code.STARTER_UNUSABLE, a.starterSpan(), "the starter cannot be read: "
                    + name + " (" + starter + ") does not exist or is not a readable file"));
        }
        Compilation sc = Compiler.compile(name, text);
        if (sc.isAssignment()) {
            return List.of(Diagnostic.of(Code.STARTER_UNUSABLE, a.starterSpan(), "the starter " + name
                    + " is an assignment, not a scenario"));
        }
        Optional<Diagnostic> error = sc.diagnostics().stream().filter(Diagnostic::isError).findFirst();
        if (error.isPresent()) {
            Diagnostic d = error.get();
            return List.of(Diagnostic.of(Code.STARTER_UNUSABLE, a.starterSpan(), "the starter " + name
                    + " does not compile: " + name + ":" + d.span().line() + ":" + d.span().column() + ": "
                    + d.message()));
        }
        return SubmissionJudge.checkAgainstStarter(a, name, text);
    }
}
