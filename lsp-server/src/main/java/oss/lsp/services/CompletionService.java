package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class CompletionService {
    public List<CompletionItem> complete(OssDocument doc, Position pos, CancelChecker cancel) {
        return List.of();
    }
}
