package oss.lsp.services;

import java.util.List;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

/** STUB: to be implemented (issue 5); the signature is the contract between the server and the services. */
public final class NavigationService {
    public List<Location> definition(OssDocument doc, Position pos, CancelChecker cancel) {
        return List.of();
    }

    public List<Location> references(OssDocument doc, Position pos, boolean includeDeclaration, CancelChecker cancel) {
        return List.of();
    }

    public List<DocumentHighlight> highlights(OssDocument doc, Position pos, CancelChecker cancel) {
        return List.of();
    }

    /** The range of the name that would be renamed, or null when nothing renameable is at {@code pos}. */
    public Range prepareRename(OssDocument doc, Position pos) {
        return null;
    }

    /** The edits of a rename, or null when nothing renameable is at {@code pos}. */
    public WorkspaceEdit rename(OssDocument doc, Position pos, String newName, CancelChecker cancel) {
        return null;
    }
}
