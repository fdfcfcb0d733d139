package oss.lsp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.ExecuteCommandOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;
import oss.lsp.services.CommandService;
import oss.lsp.services.SemanticTokensService;

/**
 * The oss language server: the protocol's lifecycle and capabilities. The features are in
 * {@link OssTextDocumentService} (one delegating call per request into oss.lsp.services) and
 * the checking in {@link Tiers}. Requests run on a small pool of their own, so a slow request
 * never holds up the reader thread that applies didChange, nor the deep tier.
 */
public final class OssLanguageServer implements LanguageServer, LanguageClientAware {
    private final Documents documents = new Documents();
    private final ExecutorService requests;
    private final Tiers tiers;
    private final OssTextDocumentService text;
    private final OssWorkspaceService workspace;
    private final Runnable onExit;
    private volatile LanguageClient client;
    private volatile Settings settings = Settings.defaults();
    private volatile ClientCapabilities capabilities = new ClientCapabilities();
    private volatile boolean shutdown;

    /** @param onExit what `exit` does after shutdown (the command line ends the JVM; tests do nothing) */
    public OssLanguageServer(Runnable onExit) {
        this.onExit = onExit;
        AtomicInteger n = new AtomicInteger();
        this.requests = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "oss-lsp-request-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.tiers = new Tiers(documents, () -> client, () -> settings, this::refreshViews);
        this.text = new OssTextDocumentService(documents, tiers, requests);
        this.workspace = new OssWorkspaceService(this, documents, requests);
    }

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        try {
            if (params != null) {
                if (params.getCapabilities() != null) {
                    capabilities = params.getCapabilities();
                }
                settings = settings.with(params.getInitializationOptions());
            }
        } catch (RuntimeException e) {
            Log.error("reading initialize's parameters", e);
        }
        return CompletableFuture.completedFuture(new InitializeResult(capabilities(), new ServerInfo("oss", version())));
    }

    static ServerCapabilities capabilities() {
        ServerCapabilities c = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        c.setTextDocumentSync(sync);
        c.setHoverProvider(true);
        c.setCompletionProvider(new CompletionOptions(false, List.of(".", " ")));
        c.setDefinitionProvider(true);
        c.setReferencesProvider(true);
        c.setDocumentHighlightProvider(true);
        c.setRenameProvider(new RenameOptions(true));
        c.setDocumentSymbolProvider(true);
        c.setFoldingRangeProvider(true);
        SemanticTokensWithRegistrationOptions tokens = new SemanticTokensWithRegistrationOptions(
                SemanticTokensService.legend(), true);
        c.setSemanticTokensProvider(tokens);
        c.setDocumentFormattingProvider(true);
        c.setCodeLensProvider(new CodeLensOptions(false));
        c.setExecuteCommandProvider(new ExecuteCommandOptions(CommandService.commands()));
        c.setInlayHintProvider(true);
        c.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        return c;
    }

    private static String version() {
        String v = OssLanguageServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        tiers.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        tiers.close();
        requests.shutdownNow();
        onExit.run();
    }

    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return text;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    public Documents documents() {
        return documents;
    }

    public Tiers tiers() {
        return tiers;
    }

    public Settings settings() {
        return settings;
    }

    void configure(Object json) {
        settings = settings.with(json);
    }

    /** After a deep analysis: code lenses and inlay hints show its results, so ask the client to redraw them. */
    private void refreshViews() {
        LanguageClient c = client;
        ClientCapabilities caps = capabilities;
        if (c == null || caps == null || caps.getWorkspace() == null) {
            return;
        }
        var ws = caps.getWorkspace();
        if (ws.getCodeLens() != null && Boolean.TRUE.equals(ws.getCodeLens().getRefreshSupport())) {
            c.refreshCodeLenses().exceptionally(e -> null);
        }
        if (ws.getInlayHint() != null && Boolean.TRUE.equals(ws.getInlayHint().getRefreshSupport())) {
            c.refreshInlayHints().exceptionally(e -> null);
        }
    }
}
