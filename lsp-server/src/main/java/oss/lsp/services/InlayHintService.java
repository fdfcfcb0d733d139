package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class InlayHintService {
    public List<InlayHint> hints(OssDocument doc, Range range, CancelChecker cancel) {
        return List.of();
    }
}
