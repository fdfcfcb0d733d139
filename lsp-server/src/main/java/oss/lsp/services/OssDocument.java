package oss.lsp.services;

import java.util.Optional;
import oss.compiler.Compilation;
import oss.analysis.Analysis;

/**
 * One version of an open document and what oss knows about it: the fast
 * tier's compilation (always there) and, once the deep tier has run for
 * this version, the full analysis (run, exploration, expectations). The
 * services read it; they never compute the analysis themselves.
 */
public final class OssDocument {
    private final String uri;
    private final int version;
    private final String text;
    private final java.util.concurrent.CompletableFuture<Compilation> compilation;
    private volatile Analysis analysis;

    public OssDocument(String uri, int version, String text, Compilation compilation) {
        this(uri, version, text, java.util.concurrent.CompletableFuture.completedFuture(compilation));
    }

    /**
     * A version whose compilation may still be running (the fast tier compiles off the thread
     * that reads the client's messages); {@link #compilation()} waits for it.
     */
    public OssDocument(String uri, int version, String text,
            java.util.concurrent.CompletableFuture<Compilation> compilation) {
        this.uri = uri;
        this.version = version;
        this.text = text;
        this.compilation = compilation;
    }

    public String uri() {
        return uri;
    }

    public int version() {
        return version;
    }

    public String text() {
        return text;
    }

    /**
     * The fast tier's compilation of this version, waiting for it if it is still running;
     * throws CancellationException when a newer version made it moot before it started.
     */
    public Compilation compilation() {
        try {
            return compilation.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.util.concurrent.CancellationException c) {
                throw c;
            }
            throw e;
        }
    }

    /** The deep tier's analysis of exactly this version, once it has finished. */
    public Optional<Analysis> analysis() {
        return Optional.ofNullable(analysis);
    }

    public void analysed(Analysis a) {
        this.analysis = a;
    }
}
