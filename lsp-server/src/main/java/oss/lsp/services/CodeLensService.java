package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class CodeLensService {
    public List<CodeLens> lenses(OssDocument doc, CancelChecker cancel) {
        return List.of();
    }
}
