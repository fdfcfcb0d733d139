package oss.lsp;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.TextDocumentService;
import oss.lsp.services.CodeActionService;
import oss.lsp.services.CodeLensService;
import oss.lsp.services.CompletionService;
import oss.lsp.services.FormattingService;
import oss.lsp.services.HoverService;
import oss.lsp.services.InlayHintService;
import oss.lsp.services.NavigationService;
import oss.lsp.services.OssDocument;
import oss.lsp.services.SemanticTokensService;
import oss.lsp.services.StructureService;

/**
 * textDocument/*: sync notifications feed {@link Tiers}; every request is one call into the
 * matching service in oss.lsp.services, run on the request pool with a CancelChecker. The
 * document is the newest version when the request arrives; a URI that is not open gets an
 * empty answer, and positions outside the text are clamped into it. A service that throws
 * is logged and answered empty: one bad request never takes the server down.
 */
final class OssTextDocumentService implements TextDocumentService {
    private final Documents documents;
    private final Tiers tiers;
    private final Executor pool;

    OssTextDocumentService(Documents documents, Tiers tiers, Executor pool) {
        this.documents = documents;
        this.tiers = tiers;
        this.pool = pool;
    }

    // ---- sync -------------------------------------------------------------------------------

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        try {
            TextDocumentItem item = params.getTextDocument();
            if (item == null || item.getUri() == null) {
                return;
            }
            tiers.update(item.getUri(), item.getVersion(), item.getText() == null ? "" : item.getText());
        } catch (RuntimeException | StackOverflowError e) {
            Log.error("didOpen", e);
        }
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        try {
            if (params.getTextDocument() == null || params.getContentChanges() == null) {
                return;
            }
            OssDocument doc = documents.get(params.getTextDocument().getUri());
            if (doc == null) {
                Log.info("didChange for a document that is not open: " + params.getTextDocument().getUri());
                return;
            }
            Integer v = params.getTextDocument().getVersion();
            String text = Documents.apply(doc.text(), params.getContentChanges());
            tiers.update(doc.uri(), v == null ? doc.version() + 1 : v, text);
        } catch (RuntimeException | StackOverflowError e) {
            Log.error("didChange", e);
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        try {
            if (params.getTextDocument() != null && params.getTextDocument().getUri() != null) {
                tiers.close(params.getTextDocument().getUri());
            }
        } catch (RuntimeException e) {
            Log.error("didClose", e);
        }
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the text arrives with didChange; saving changes nothing oss knows
    }

    // ---- requests ---------------------------------------------------------------------------

    @Override
    public CompletableFuture<Hover> hover(HoverParams p) {
        return at(p.getTextDocument(), p.getPosition(), null,
                (doc, pos, cancel) -> new HoverService().hover(doc, pos, cancel));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams p) {
        return at(p.getTextDocument(), p.getPosition(), Either.forLeft(List.of()),
                (doc, pos, cancel) -> Either.forLeft(new CompletionService().complete(doc, pos, cancel)));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams p) {
        return at(p.getTextDocument(), p.getPosition(), Either.forLeft(List.of()),
                (doc, pos, cancel) -> Either.forLeft(new NavigationService().definition(doc, pos, cancel)));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams p) {
        boolean includeDeclaration = p.getContext() == null || p.getContext().isIncludeDeclaration();
        return at(p.getTextDocument(), p.getPosition(), List.of(),
                (doc, pos, cancel) -> new NavigationService().references(doc, pos, includeDeclaration, cancel));
    }

    @Override
    public CompletableFuture<List<? extends DocumentHighlight>> documentHighlight(DocumentHighlightParams p) {
        return at(p.getTextDocument(), p.getPosition(), List.of(),
                (doc, pos, cancel) -> new NavigationService().highlights(doc, pos, cancel));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams p) {
        return at(p.getTextDocument(), p.getPosition(), null, (doc, pos, cancel) -> {
            Range r = new NavigationService().prepareRename(doc, pos, cancel);
            return r == null ? null : Either3.forFirst(r);
        });
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams p) {
        String newName = p.getNewName() == null ? "" : p.getNewName();
        return at(p.getTextDocument(), p.getPosition(), null,
                (doc, pos, cancel) -> new NavigationService().rename(doc, pos, newName, cancel));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams p) {
        return in(p.getTextDocument(), List.of(), (doc, cancel) -> new StructureService().symbols(doc, cancel).stream()
                .map(Either::<SymbolInformation, DocumentSymbol>forRight).toList());
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams p) {
        return in(p.getTextDocument(), List.of(), (doc, cancel) -> new StructureService().folding(doc, cancel));
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams p) {
        return in(p.getTextDocument(), new SemanticTokens(List.of()),
                (doc, cancel) -> new SemanticTokensService().full(doc, cancel));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams p) {
        return in(p.getTextDocument(), List.of(), (doc, cancel) -> new FormattingService().format(doc, cancel));
    }

    @Override
    public CompletableFuture<List<? extends CodeLens>> codeLens(CodeLensParams p) {
        return in(p.getTextDocument(), List.of(), (doc, cancel) -> new CodeLensService().lenses(doc, cancel));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams p) {
        return in(p.getTextDocument(), List.of(), (doc, cancel) -> new InlayHintService().hints(doc,
                Documents.clamp(doc.text(), p.getRange()), cancel));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams p) {
        return in(p.getTextDocument(), List.of(), (doc, cancel) -> new CodeActionService().actions(doc,
                Documents.clamp(doc.text(), p.getRange()),
                p.getContext() == null || p.getContext().getDiagnostics() == null ? List.of()
                        : p.getContext().getDiagnostics(),
                cancel));
    }

    // ---- plumbing ---------------------------------------------------------------------------

    interface AtPosition<R> {
        R apply(OssDocument doc, Position pos, CancelChecker cancel);
    }

    interface InDocument<R> {
        R apply(OssDocument doc, CancelChecker cancel);
    }

    private <R> CompletableFuture<R> at(TextDocumentIdentifier id, Position pos, R empty, AtPosition<R> f) {
        return in(id, empty, (doc, cancel) -> f.apply(doc, Documents.clamp(doc.text(), pos), cancel));
    }

    /** Runs {@code f} on the newest version of the document on the request pool; empty when it is not open. */
    private <R> CompletableFuture<R> in(TextDocumentIdentifier id, R empty, InDocument<R> f) {
        OssDocument doc = documents.get(id == null ? null : id.getUri());
        if (doc == null) {
            return CompletableFuture.completedFuture(empty);
        }
        return CompletableFutures.computeAsync(pool, guarded(cancel -> f.apply(doc, cancel), empty));
    }

    static <R> Function<CancelChecker, R> guarded(Function<CancelChecker, R> f, R empty) {
        return cancel -> {
            try {
                R r = f.apply(cancel);
                return r == null ? empty : r;
            } catch (CancellationException | org.eclipse.lsp4j.jsonrpc.ResponseErrorException e) {
                throw e; // a refusal with its reason (a rename to a reserved word) is the client's to show
            } catch (RuntimeException | StackOverflowError e) {
                Log.error("a request failed", e);
                return empty;
            }
        };
    }
}
