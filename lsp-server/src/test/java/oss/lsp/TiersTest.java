package oss.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import oss.lsp.services.OssDocument;

/** The two tiers, in process: what gets published for which version, and when. */
class TiersTest {
    static final String SCENARIO = """
            scenario "RR" {
              machine { cpus 1 }
              kernel { scheduler rr quantum 4 ms }

              process P1 { compute 24 ms }
              process P2 { compute 3 ms }

              expect P2.response == 4 ms
            }
            """;

    /** Records what the server tells the client. */
    static final class Recorder implements LanguageClient {
        final List<PublishDiagnosticsParams> published = new CopyOnWriteArrayList<>();
        final List<String> refreshes = new CopyOnWriteArrayList<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams p) {
            published.add(p);
        }

        @Override
        public CompletableFuture<Void> refreshCodeLenses() {
            refreshes.add("codeLens");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> refreshInlayHints() {
            refreshes.add("inlayHint");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void telemetryEvent(Object o) {}

        @Override
        public void showMessage(MessageParams p) {}

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams p) {}

        long count(String uri, int version) {
            return published.stream().filter(p -> p.getUri().equals(uri) && p.getVersion() != null
                    && p.getVersion() == version).count();
        }
    }

    final Recorder client = new Recorder();
    final OssLanguageServer server = new OssLanguageServer(() -> {});

    @AfterEach
    void stop() {
        server.shutdown();
    }

    InitializeResult init(String options) throws Exception {
        server.connect(client);
        InitializeParams p = new InitializeParams();
        ClientCapabilities caps = new ClientCapabilities();
        org.eclipse.lsp4j.WorkspaceClientCapabilities ws = new org.eclipse.lsp4j.WorkspaceClientCapabilities();
        ws.setCodeLens(new org.eclipse.lsp4j.CodeLensWorkspaceCapabilities(true));
        ws.setInlayHint(new org.eclipse.lsp4j.InlayHintWorkspaceCapabilities(true));
        caps.setWorkspace(ws);
        p.setCapabilities(caps);
        p.setInitializationOptions(options == null ? null : JsonParser.parseString(options));
        return server.initialize(p).get(5, TimeUnit.SECONDS);
    }

    void open(String uri, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "oss", 1, text)));
    }

    void insert(String uri, int version, int line, int ch, String text) {
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version),
                List.of(new TextDocumentContentChangeEvent(new Range(new Position(line, ch), new Position(line, ch)), text))));
    }

    @Test
    void rapidChangesPublishTheNewestVersionAndDeepOnlyForTheLast() throws Exception {
        init("{\"oss\": {\"debounceMs\": 400}}");
        assertEquals(400, server.settings().debounceMs());
        List<String> deepRuns = new CopyOnWriteArrayList<>();
        CountDownLatch lastDeep = new CountDownLatch(1);
        server.tiers().listener((doc, published, nanos) -> {
            deepRuns.add(doc.version() + ":" + published);
            if (doc.version() == 6) {
                lastDeep.countDown();
            }
        });
        String uri = "file:///tmp/rr.oss";
        open(uri, SCENARIO);
        for (int v = 2; v <= 6; v++) {
            insert(uri, v, 0, 0, "// edit " + v + "\n");
        }
        // the fast tier compiles off the reading thread: it published the newest version, and at
        // most once each the ones it reached before a newer one arrived, in order
        assertTrue(lastDeep.await(20, TimeUnit.SECONDS), "the deep tier ran for the last version");
        Thread.sleep(200);
        assertEquals(List.of("6:true"), deepRuns, "superseded versions were never analysed");
        assertEquals(2, client.count(uri, 6), "fast then deep for the last version");
        for (int v = 1; v <= 5; v++) {
            assertTrue(client.count(uri, v) <= 1, "no deep publish for superseded version " + v);
        }
        // versions never go backwards in what the client sees
        int last = 0;
        for (PublishDiagnosticsParams p : client.published) {
            assertTrue(p.getVersion() >= last);
            last = p.getVersion();
        }
        OssDocument doc = server.documents().get(uri);
        assertEquals(6, doc.version());
        assertTrue(doc.analysis().isPresent(), "the deep tier stored its analysis on the document");
        assertTrue(doc.analysis().get().run().isPresent(), "the default run happened");
        assertTrue(doc.text().startsWith("// edit 6\n// edit 5\n"), doc.text());
        assertEquals(List.of("codeLens", "inlayHint"), client.refreshes);

        server.getTextDocumentService().didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
        PublishDiagnosticsParams cleared = client.published.get(client.published.size() - 1);
        assertEquals(uri, cleared.getUri());
        assertTrue(cleared.getDiagnostics().isEmpty());
        assertNull(server.documents().get(uri));
    }

    @Test
    void aDeepResultThatArrivesAfterANewerVersionIsDropped() throws Exception {
        init("{\"debounceMs\": 0}");
        String uri = "file:///tmp/slow.oss";
        List<String> deepRuns = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(1);
        server.tiers().listener((doc, published, nanos) -> {
            deepRuns.add(doc.version() + ":" + published);
            if (doc.version() == 2) {
                two.countDown();
            }
        });
        open(uri, SCENARIO);
        // change while version 1 is (probably) being analysed: whatever the timing, version 1's
        // deep result is published only if it was still the newest when it finished
        insert(uri, 2, 0, 0, " ");
        assertTrue(two.await(20, TimeUnit.SECONDS), deepRuns.toString());
        Thread.sleep(100);
        assertTrue(deepRuns.contains("2:true"), deepRuns.toString());
        assertFalse(deepRuns.contains("1:true") && deepRuns.indexOf("1:true") > deepRuns.indexOf("2:true"));
        int lastVersion = client.published.get(client.published.size() - 1).getVersion();
        assertEquals(2, lastVersion, "the last word is the newest version's");
    }

    @Test
    void theDeepTierAnalysesTheFastTiersCompilationOfTheSameVersion() throws Exception {
        init("{\"oss\": {\"debounceMs\": 0}}");
        CountDownLatch deep = new CountDownLatch(1);
        server.tiers().listener((d, published, nanos) -> deep.countDown());
        open("file:///reuse.oss", SCENARIO);
        assertTrue(deep.await(30, TimeUnit.SECONDS), "the deep tier ran");
        OssDocument doc = server.documents().get("file:///reuse.oss");
        assertTrue(doc.analysis().isPresent());
        assertTrue(doc.analysis().get().compilation() == doc.compilation(), "compiled once, not again for the deep tier");
    }

    @Test
    void aDocumentSlowToCompileHoldsUpNeitherTheReaderNorAnotherDocument() throws Exception {
        init(null);
        CountDownLatch release = new CountDownLatch(1);
        server.tiers().compiler((uri, text) -> {
            if (uri.endsWith("slow.oss")) {
                try {
                    release.await(30, TimeUnit.SECONDS); // as long as the test wants
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Tiers.compile(uri, text);
        });
        try {
            open("file:///tmp/slow.oss", SCENARIO); // returns at once: the reader thread does not compile
            open("file:///tmp/quick.oss", SCENARIO);
            var hover = server.getTextDocumentService().hover(new org.eclipse.lsp4j.HoverParams(
                    new TextDocumentIdentifier("file:///tmp/quick.oss"), new Position(0, 2)));
            assertNotNull(hover.get(20, TimeUnit.SECONDS), "the other document answered while one still compiles");
            assertEquals(0, client.count("file:///tmp/slow.oss", 1), "the slow one is still compiling");
        } finally {
            release.countDown();
        }
        for (int i = 0; i < 200 && client.count("file:///tmp/slow.oss", 1) == 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(1, client.count("file:///tmp/slow.oss", 1), "and then it is published");
    }

    @Test
    void severalDocumentsAtOnceAndUnknownOnesAnswerEmpty() throws Exception {
        init(null);
        open("file:///a.oss", SCENARIO);
        open("file:///b.oss", SCENARIO.replace("P2", "Q2"));
        assertEquals(2, server.documents().all().size());
        assertTrue(server.documents().get("file:///b.oss").text().contains("Q2"));
        assertFalse(server.documents().get("file:///a.oss").text().contains("Q2"));
        // the fast tier compiled each one
        assertTrue(server.documents().get("file:///a.oss").compilation().program().isPresent());
        assertNull(server.getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier("file:///nope.oss"), new Position(0, 0)))
                .get(5, TimeUnit.SECONDS));
        assertTrue(server.getTextDocumentService()
                .documentSymbol(new org.eclipse.lsp4j.DocumentSymbolParams(new TextDocumentIdentifier("file:///nope.oss")))
                .get(5, TimeUnit.SECONDS).isEmpty());
        // out of range: clamped, answered
        server.getTextDocumentService()
                .hover(new HoverParams(new TextDocumentIdentifier("file:///a.oss"), new Position(99_999, -3)))
                .get(5, TimeUnit.SECONDS);
        // a change to a document that is not open is ignored
        insert("file:///nope.oss", 2, 0, 0, "x");
        assertNull(server.documents().get("file:///nope.oss"));
    }

    @Test
    void capabilitiesAreAdvertised() throws Exception {
        var caps = init("{\"oss.deepBudgetMs\": 250}").getCapabilities();
        assertEquals(250, server.settings().deepBudgetMs());
        assertEquals(0.25, server.settings().analyzeOptions().explore().maxSeconds());
        assertEquals(Settings.DEEP_MAX_STATES, server.settings().analyzeOptions().explore().maxStates());
        assertEquals(Settings.DEEP_MAX_EVENTS, server.settings().analyzeOptions().run().maxEvents());
        // workspace configuration changes it later; nonsense is ignored
        server.getWorkspaceService().didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(
                JsonParser.parseString("{\"oss\": {\"deepBudgetMs\": 300, \"debounceMs\": \"20\"}}")));
        assertEquals(300, server.settings().deepBudgetMs());
        assertEquals(20, server.settings().debounceMs());
        // the VS Code extension's oss.explore.maxStates arrives nested
        server.getWorkspaceService().didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(
                JsonParser.parseString("{\"oss\": {\"explore\": {\"maxStates\": 5000}}}")));
        assertEquals(5000, server.settings().analyzeOptions().explore().maxStates());
        assertEquals(300, server.settings().deepBudgetMs());
        server.getWorkspaceService().didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(
                JsonParser.parseString("[1, {\"deepBudgetMs\": null}]")));
        assertEquals(300, server.settings().deepBudgetMs());
        assertTrue(caps.getHoverProvider().getLeft());
        assertNotNull(caps.getCompletionProvider());
        assertTrue(caps.getRenameProvider().getRight().getPrepareProvider());
        assertNotNull(caps.getSemanticTokensProvider().getLegend());
        assertTrue(caps.getSemanticTokensProvider().getFull().getLeft());
        assertEquals(oss.lsp.services.CommandService.commands(), caps.getExecuteCommandProvider().getCommands());
        assertEquals(List.of("quickfix"), caps.getCodeActionProvider().getRight().getCodeActionKinds());
        assertTrue(caps.getInlayHintProvider().getLeft());
        assertTrue(caps.getFoldingRangeProvider().getLeft());
        assertTrue(caps.getDocumentFormattingProvider().getLeft());
        assertEquals(org.eclipse.lsp4j.TextDocumentSyncKind.Incremental,
                caps.getTextDocumentSync().getRight().getChange());
    }

    @Test
    void incrementalEditsAndClamping() {
        String t = "ab\ncd\r\nef";
        assertEquals("aXb\ncd\r\nef", Documents.apply(t, List.of(change(0, 1, 0, 1, "X"))));
        assertEquals("ab\nef", Documents.apply(t, List.of(change(1, 0, 2, 0, ""))));
        assertEquals("ab\ncd!\r\nef", Documents.apply(t, List.of(change(1, 99, 1, 99, "!"))));
        assertEquals("ab\ncd\r\nef?", Documents.apply(t, List.of(change(50, 0, 60, 0, "?"))));
        assertEquals("new", Documents.apply(t, List.of(new TextDocumentContentChangeEvent("new"))));
        List<TextDocumentContentChangeEvent> two = new ArrayList<>();
        two.add(change(0, 0, 0, 0, "1"));
        two.add(change(0, 0, 0, 1, "2"));
        assertEquals("2ab\ncd\r\nef", Documents.apply(t, two));
        assertEquals(new Position(1, 2), Documents.clamp(t, new Position(1, 40)));
        assertEquals(new Position(2, 2), Documents.clamp(t, new Position(7, 0)));
        assertEquals(new Position(0, 0), Documents.clamp(t, new Position(-4, -4)));
    }

    static TextDocumentContentChangeEvent change(int l1, int c1, int l2, int c2, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(l1, c1), new Position(l2, c2)), text);
    }
}
