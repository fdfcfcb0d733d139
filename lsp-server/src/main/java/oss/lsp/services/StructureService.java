package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class StructureService {
    public List<DocumentSymbol> symbols(OssDocument doc) {
        return List.of();
    }

    public List<FoldingRange> folding(OssDocument doc) {
        return List.of();
    }
}
