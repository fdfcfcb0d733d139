package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class CodeActionService {
    public List<Either<Command, CodeAction>> actions(OssDocument doc, Range range, List<Diagnostic> diagnostics,
            CancelChecker cancel) {
        return List.of();
    }
}
