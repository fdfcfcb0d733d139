package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class SemanticTokensService {
    public static SemanticTokensLegend legend() {
        return new SemanticTokensLegend(List.of(), List.of());
    }

    public SemanticTokens full(OssDocument doc, CancelChecker cancel) {
        return new SemanticTokens(List.of());
    }
}
