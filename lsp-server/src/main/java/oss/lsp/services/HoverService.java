package oss.lsp.services;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class HoverService {
    /** The hover at {@code pos}, or null. */
    public Hover hover(OssDocument doc, Position pos, CancelChecker cancel) {
        return null;
    }
}
