package oss.lsp.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import oss.analysis.Analysis;
import oss.compiler.Compilation;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.Stmt;

/**
 * The model of one version of an open document, shared by every request about that version
 * (as LemMinX keeps one DOMDocument per version): the text, the fast tier's compilation, and
 * built once on first use, the tokens, the lines, the symbol index and the statements in
 * source order; once the deep tier has run for this version, the full analysis (run,
 * exploration, expectations), which reuses the same compilation. The services read it; they
 * never compile, lex or index a document of their own.
 */
public final class OssDocument {
    /** How long a request waits for the compilation between two polls of its cancel checker. */
    private static final long POLL_MS = 10;

    private final String uri;
    private final int version;
    private final String text;
    private final CompletableFuture<Compilation> compilation;
    private volatile Analysis analysis;
    private final Memo<Lexed> lexed = new Memo<>();
    private final Memo<List<String>> lines = new Memo<>();
    private final Memo<SymbolIndex> symbols = new Memo<>();
    private final Memo<List<Stmt>> statements = new Memo<>();

    public OssDocument(String uri, int version, String text, Compilation compilation) {
        this(uri, version, text, CompletableFuture.completedFuture(compilation));
    }

    /**
     * A version whose compilation may still be running (the fast tier compiles off the thread
     * that reads the client's messages); {@link #compilation()} waits for it.
     */
    public OssDocument(String uri, int version, String text, CompletableFuture<Compilation> compilation) {
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
        return compilation(() -> {});
    }

    /** The compilation, as {@link #compilation()}, but a request cancelled while it waits stops waiting. */
    Compilation compilation(CancelChecker cancel) {
        while (true) {
            cancel.checkCanceled();
            try {
                return compilation.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still compiling: poll the request again
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for the compilation");
            }
        }
    }

    Optional<Scenario> ast(CancelChecker cancel) {
        return compilation(cancel).ast();
    }

    // Each part polls the request's checker even when it is built already, so a cancelled
    // request stops at its first use of the model.

    /** The tokens of this version. */
    Lexed lexed(CancelChecker cancel) {
        cancel.checkCanceled();
        return lexed.get(() -> new Lexed(text, cancel));
    }

    /** The lines of this version, without their line ends. */
    List<String> lines() {
        return lines.get(() -> Texts.lines(text));
    }

    /** Every declared name and every place it is written. */
    SymbolIndex symbols(CancelChecker cancel) {
        cancel.checkCanceled();
        return symbols.get(() -> ast(cancel).map(s -> SymbolIndex.of(s, cancel)).orElseGet(SymbolIndex::empty));
    }

    /** Every statement of every process, depth first, in source order. */
    List<Stmt> statements(CancelChecker cancel) {
        cancel.checkCanceled();
        return statements.get(() -> {
            List<Stmt> out = new ArrayList<>();
            ast(cancel).ifPresent(s -> {
                for (ProcessNode p : AstWalk.processes(s)) {
                    cancel.checkCanceled();
                    out.addAll(AstWalk.statements(p.body()));
                }
            });
            return List.copyOf(out);
        });
    }

    /** Has any part of the model been built yet? (A cancelled request must have built nothing.) */
    boolean modelBuilt() {
        return lexed.built() || lines.built() || symbols.built() || statements.built();
    }

    /** The deep tier's analysis of exactly this version, once it has finished. */
    public Optional<Analysis> analysis() {
        return Optional.ofNullable(analysis);
    }

    public void analysed(Analysis a) {
        this.analysis = a;
    }
}
