package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.Diagnostic;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class DiagnosticService {
    /** The fast tier's findings (parse and checks) as LSP diagnostics, with code, documentation link and related locations. */
    public List<Diagnostic> fast(OssDocument doc) {
        return List.of();
    }

    /** Every finding of the deep tier's analysis (run, exploration, expectations) as LSP diagnostics. */
    public List<Diagnostic> deep(OssDocument doc) {
        return List.of();
    }
}
