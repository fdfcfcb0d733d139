package oss.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.jsonrpc.CompletableFutures;
import org.eclipse.lsp4j.services.WorkspaceService;
import oss.lsp.services.CommandService;
import oss.lsp.services.OssDocument;

/**
 * workspace/*: configuration ("oss.deepBudgetMs", "oss.debounceMs") and executeCommand, whose
 * first argument naming an open document's URI picks the document the command runs on.
 */
final class OssWorkspaceService implements WorkspaceService {
    private final OssLanguageServer server;
    private final Documents documents;
    private final Executor pool;

    OssWorkspaceService(OssLanguageServer server, Documents documents, Executor pool) {
        this.server = server;
        this.documents = documents;
        this.pool = pool;
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        if (params == null || params.getCommand() == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<Object> args = params.getArguments() == null ? List.of() : params.getArguments();
        OssDocument doc = args.isEmpty() ? null : documents.get(uri(args.get(0)));
        if (doc == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFutures.computeAsync(pool, OssTextDocumentService.guarded(
                cancel -> new CommandService().execute(doc, params.getCommand(), args, cancel), null));
    }

    /** A URI argument, as a string or a gson string, or one inside {"uri": ...}. */
    private static String uri(Object arg) {
        if (arg instanceof String s) {
            return s;
        }
        if (arg instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        if (arg instanceof com.google.gson.JsonObject o) {
            JsonElement e = o.get("uri");
            return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
        }
        return null;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        try {
            if (params != null) {
                server.configure(params.getSettings());
            }
        } catch (RuntimeException e) {
            Log.error("didChangeConfiguration", e);
        }
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // scenarios are single files: nothing on disk changes what an open document means
    }
}
