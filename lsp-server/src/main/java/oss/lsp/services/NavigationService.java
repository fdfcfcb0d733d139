package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/** Definition, references, highlights and rename of declared names. */
public final class NavigationService {
    public List<Location> definition(OssDocument doc, Position pos, CancelChecker cancel) {
        return doc.symbols(cancel).at(pos)
                .map(o -> List.of(new Location(doc.uri(), Positions.range(o.sym().declared()))))
                .orElse(List.of());
    }

    public List<Location> references(OssDocument doc, Position pos, boolean includeDeclaration, CancelChecker cancel) {
        SymbolIndex ix = doc.symbols(cancel);
        List<Location> out = new ArrayList<>();
        ix.at(pos).ifPresent(o -> {
            for (Occurrence occ : ix.of(o.sym())) {
                cancel.checkCanceled();
                if (includeDeclaration || !occ.declaration()) {
                    out.add(new Location(doc.uri(), Positions.range(occ.span())));
                }
            }
        });
        return out;
    }

    public List<DocumentHighlight> highlights(OssDocument doc, Position pos, CancelChecker cancel) {
        SymbolIndex ix = doc.symbols(cancel);
        List<DocumentHighlight> out = new ArrayList<>();
        ix.at(pos).ifPresent(o -> {
            for (Occurrence occ : ix.of(o.sym())) {
                cancel.checkCanceled();
                out.add(new DocumentHighlight(Positions.range(occ.span()),
                        occ.declaration() ? DocumentHighlightKind.Write : DocumentHighlightKind.Read));
            }
        });
        return out;
    }

    /** The range of the name that would be renamed, or null when nothing renameable is at {@code pos}. */
    public Range prepareRename(OssDocument doc, Position pos, CancelChecker cancel) {
        return doc.symbols(cancel).at(pos).map(o -> Positions.range(o.span())).orElse(null);
    }

    /**
     * The edits of a rename, or null when nothing renameable is at {@code pos}.
     *
     * @throws ResponseErrorException (InvalidParams) when the new name is a keyword, not an identifier,
     *                                or already declared in the same scope
     */
    public WorkspaceEdit rename(OssDocument doc, Position pos, String newName, CancelChecker cancel) {
        SymbolIndex ix = doc.symbols(cancel);
        Optional<Occurrence> at = ix.at(pos);
        if (at.isEmpty()) {
            return null;
        }
        Sym sym = at.get().sym();
        if (!Texts.isIdentifier(newName)) {
            throw invalid("`" + newName + "` is not a name: use letters, digits and _, not starting with a digit");
        }
        if (Keywords.isReserved(newName)) {
            throw invalid("`" + newName + "` is reserved in oss (docs/language.md says why) and cannot name "
                    + sym.kind() + " " + sym.name());
        }
        if (!newName.equals(sym.name()) && clashes(ix, sym, newName)) {
            throw invalid("`" + newName + "` is already declared");
        }
        List<TextEdit> edits = new ArrayList<>();
        for (Occurrence occ : ix.of(sym)) {
            cancel.checkCanceled();
            edits.add(new TextEdit(Positions.range(occ.span()), newName));
        }
        return new WorkspaceEdit(Map.of(doc.uri(), edits));
    }

    private static boolean clashes(SymbolIndex ix, Sym sym, String newName) {
        return ix.occurrences().stream().map(Occurrence::sym)
                .anyMatch(s -> s.name().equals(newName) && (!s.local() || !sym.local() || s.scope().equals(sym.scope())));
    }

    private static ResponseErrorException invalid(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, message, null));
    }
}
