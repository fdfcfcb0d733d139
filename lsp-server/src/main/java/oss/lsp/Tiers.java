package oss.lsp;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.analysis.Analysis;
import oss.analysis.Analyzer;
import oss.lsp.services.DiagnosticService;
import oss.lsp.services.OssDocument;
import oss.ir.diag.Code;
import oss.ir.program.Span;

/**
 * The two tiers of checking a document.
 *
 * <p>The fast tier ({@link Compiler#compile}: parse, checks, lowering) runs on its own thread,
 * in order, for every didOpen/didChange that is still the newest when its turn comes, and its
 * diagnostics are published as soon as it is done; the thread that reads the client's messages
 * only stores the new text, so a document slow to compile holds up no request about another. The deep tier
 * ({@link Analyzer#analyze}: the default run, the exploration, the expectations, on the fast tier's
 * compilation of the same version) runs on one
 * background thread per server, {@link Settings#debounceMs} after the last change. A deep
 * analysis whose version is no longer the newest when it starts is skipped, and one that
 * finishes after a newer version arrived is dropped: the analyzer cannot be interrupted, but
 * its budget bounds it. Publishing holds one lock and checks that the document is still the
 * newest version, so the client never gets an old version's diagnostics after a newer one's.
 */
public final class Tiers implements AutoCloseable {
    /** Observes the deep tier (tests, the benchmark): called after each analysis, published or dropped. */
    public interface DeepListener {
        void analysed(OssDocument doc, boolean published, long nanos);
    }

    private final Documents documents;
    private final Supplier<LanguageClient> client;
    private final Supplier<Settings> settings;
    private final Runnable afterDeepPublish;
    private final ScheduledExecutorService deep;
    /** Compiles new versions away from the thread that reads the client's messages. */
    private final java.util.concurrent.ExecutorService fast;
    /** Per document, the last compilation queued: each version waits for the one before. */
    private final Map<String, java.util.concurrent.CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Object publishLock = new Object();
    private final DiagnosticService diagnostics = new DiagnosticService();
    private volatile DeepListener listener = (d, p, n) -> {};
    /** The fast tier's compiler; tests put a slow one here to see that nothing waits for it. */
    private volatile java.util.function.BiFunction<String, String, Compilation> compiler = Tiers::compile;

    void compiler(java.util.function.BiFunction<String, String, Compilation> c) {
        this.compiler = c;
    }

    public Tiers(Documents documents, Supplier<LanguageClient> client, Supplier<Settings> settings,
            Runnable afterDeepPublish) {
        this.documents = documents;
        this.client = client;
        this.settings = settings;
        this.afterDeepPublish = afterDeepPublish;
        this.deep = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oss-lsp-deep");
            t.setDaemon(true);
            return t;
        });
        this.fast = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "oss-lsp-fast");
            t.setDaemon(true);
            return t;
        });
    }

    public void listener(DeepListener l) {
        this.listener = l == null ? (d, p, n) -> {} : l;
    }

    /**
     * A new version of {@code uri}: store it at once (requests see its text and wait for its
     * compilation), compile it on the fast thread, not the one that reads the client's messages,
     * then publish the fast findings and schedule the deep tier. A version already superseded
     * when its turn comes is not compiled at all.
     */
    public OssDocument update(String uri, int version, String text) {
        java.util.concurrent.CompletableFuture<Compilation> compiled = new java.util.concurrent.CompletableFuture<>();
        OssDocument doc = new OssDocument(uri, version, text, compiled);
        synchronized (publishLock) {
            documents.put(doc);
        }
        try {
            // one document's versions in order; different documents side by side, so a document
            // slow to compile holds up nothing about another
            chains.compute(uri, (k, previous) -> (previous == null
                    ? java.util.concurrent.CompletableFuture.<Void>completedFuture(null) : previous)
                    .thenRunAsync(() -> compileAndPublish(doc, compiled), fast)
                    .exceptionally(e -> null));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            compiled.cancel(false); // shutting down
        }
        return doc;
    }

    private void compileAndPublish(OssDocument doc, java.util.concurrent.CompletableFuture<Compilation> compiled) {
        if (!documents.isCurrent(doc)) {
            compiled.cancel(false); // superseded before its turn: nobody will ask about it again
            return;
        }
        compiled.complete(compiler.apply(doc.uri(), doc.text()));
        List<Diagnostic> found = safe(() -> diagnostics.fast(doc));
        synchronized (publishLock) {
            if (documents.isCurrent(doc)) {
                publish(doc, found);
            }
        }
        scheduleDeep(doc);
    }

    /** The document was closed: forget it, drop its deep analysis, clear its diagnostics. */
    public void close(String uri) {
        ScheduledFuture<?> f = pending.remove(uri);
        if (f != null) {
            f.cancel(false);
        }
        chains.remove(uri);
        synchronized (publishLock) {
            documents.remove(uri);
            LanguageClient c = client.get();
            if (c != null) {
                c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
            }
        }
    }

    private void scheduleDeep(OssDocument doc) {
        if (deep.isShutdown()) {
            return;
        }
        try {
            ScheduledFuture<?> f = deep.schedule(() -> runDeep(doc), settings.get().debounceMs(), TimeUnit.MILLISECONDS);
            ScheduledFuture<?> previous = pending.put(doc.uri(), f);
            if (previous != null) {
                previous.cancel(false);
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private void runDeep(OssDocument doc) {
        if (!documents.isCurrent(doc)) {
            return; // superseded before it started
        }
        long start = System.nanoTime();
        boolean published = false;
        try {
            // the fast tier's compilation of this very version: compiling it again would only cost time
            Analysis analysis = Analyzer.analyze(doc.compilation(), doc.text(), settings.get().analyzeOptions());
            doc.analysed(analysis);
            if (documents.isCurrent(doc)) {
                List<Diagnostic> all = safe(() -> diagnostics.deep(doc));
                synchronized (publishLock) {
                    if (documents.isCurrent(doc)) {
                        publish(doc, all);
                        published = true;
                    }
                }
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            Log.error("the deep tier failed on " + doc.uri() + " version " + doc.version(), e);
        }
        if (published) {
            try {
                afterDeepPublish.run();
            } catch (RuntimeException e) {
                Log.error("refreshing the client's views failed", e);
            }
        }
        listener.analysed(doc, published, System.nanoTime() - start);
    }

    private void publish(OssDocument doc, List<Diagnostic> list) {
        LanguageClient c = client.get();
        if (c != null) {
            c.publishDiagnostics(new PublishDiagnosticsParams(doc.uri(), list, doc.version()));
        }
    }

    static Compilation compile(String uri, String text) {
        String name = sourceName(uri);
        try {
            return Compiler.compile(name, text);
        } catch (RuntimeException | StackOverflowError e) {
            Log.error("the compiler failed on " + uri, e);
            return new Compilation(name, Optional.empty(), Optional.empty(), List.of(),
                    List.of(oss.ir.diag.Diagnostic.of(Code.INTERNAL, Span.NONE, "oss failed while compiling ("
                            + e.getClass().getSimpleName() + "); this is a bug in oss, not in your scenario")));
        }
    }

    private static List<Diagnostic> safe(Supplier<List<Diagnostic>> s) {
        try {
            List<Diagnostic> l = s.get();
            return l == null ? List.of() : l;
        } catch (RuntimeException | StackOverflowError e) {
            Log.error("converting diagnostics failed", e);
            return List.of();
        }
    }

    /** The file name in {@code uri} (what the compiler calls the source), or the URI itself. */
    static String sourceName(String uri) {
        try {
            String path = URI.create(uri).getPath();
            if (path != null && !path.isEmpty()) {
                int slash = path.lastIndexOf('/');
                return slash >= 0 && slash < path.length() - 1 ? path.substring(slash + 1) : path;
            }
        } catch (IllegalArgumentException ignored) {
            // not a URI: use it as it is
        }
        return uri;
    }

    @Override
    public void close() {
        fast.shutdownNow();
        deep.shutdownNow();
    }
}
