package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;
import org.junit.jupiter.api.Test;

/** One model per document version, shared by the requests; cancelled requests stop; hovers carry a range. */
class ModelTest {
    static final CancelChecker NEVER = () -> { };
    static final CancelChecker CANCELLED = () -> {
        throw new CancellationException("the client cancelled the request");
    };

    /** A version still compiling and never done: a service that waited for it would hang. */
    private static OssDocument compiling() {
        return new OssDocument(Cursor.URI, 1, HoverServiceTest.FORK, new CompletableFuture<>());
    }

    @Test
    void aCancelledRequestStopsBeforeDoingAnyWork() {
        Position p = new Position(8, 6);
        Range all = new Range(new Position(0, 0), new Position(20, 0));
        Map<String, Function<OssDocument, Object>> requests = new LinkedHashMap<>();
        requests.put("hover", d -> new HoverService().hover(d, p, CANCELLED));
        requests.put("completion", d -> new CompletionService().complete(d, p, CANCELLED));
        requests.put("definition", d -> new NavigationService().definition(d, p, CANCELLED));
        requests.put("references", d -> new NavigationService().references(d, p, true, CANCELLED));
        requests.put("highlights", d -> new NavigationService().highlights(d, p, CANCELLED));
        requests.put("prepareRename", d -> new NavigationService().prepareRename(d, p, CANCELLED));
        requests.put("rename", d -> new NavigationService().rename(d, p, "y", CANCELLED));
        requests.put("symbols", d -> new StructureService().symbols(d, CANCELLED));
        requests.put("folding", d -> new StructureService().folding(d, CANCELLED));
        requests.put("semanticTokens", d -> new SemanticTokensService().full(d, CANCELLED));
        requests.put("formatting", d -> new FormattingService().format(d, CANCELLED));
        requests.put("codeLens", d -> new CodeLensService().lenses(d, CANCELLED));
        requests.put("inlayHints", d -> new InlayHintService().hints(d, all, CANCELLED));
        requests.put("codeActions", d -> new CodeActionService().actions(d, all, List.of(), CANCELLED));
        requests.put("command", d -> new CommandService().execute(d, CommandService.RUN, List.of(), CANCELLED));
        requests.forEach((name, request) -> {
            OssDocument doc = compiling();
            assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(CancellationException.class, () -> request.apply(doc), name));
            assertFalse(doc.modelBuilt(), name + " built part of the model for a cancelled request");
        });
    }

    @Test
    void aRequestCancelledWhileTheIndexIsBuiltStopsThereAndLeavesNoHalfIndex() {
        StringBuilder src = new StringBuilder("scenario \"many\" {\n  mutex m\n");
        for (int i = 0; i < 200; i++) {
            src.append("  process p").append(i).append(" {\n    repeat 2 {\n      lock m\n      unlock m\n    }\n  }\n");
        }
        String text = src.append("}\n").toString();
        OssDocument doc = Cursor.doc(text);
        AtomicInteger polls = new AtomicInteger();
        CancelChecker cancelledAfterTen = () -> {
            if (polls.incrementAndGet() > 10) {
                throw new CancellationException("the client cancelled the request");
            }
        };
        assertThrows(CancellationException.class, () -> new SemanticTokensService().full(doc, cancelledAfterTen));
        assertEquals(11, polls.get(), "the first poll after the cancellation stopped the work");
        assertFalse(doc.modelBuilt(), "nothing half built is kept");
        assertEquals(new SemanticTokensService().full(Cursor.doc(text), NEVER).getData(),
                new SemanticTokensService().full(doc, NEVER).getData(), "the next request builds it whole");
    }

    @Test
    void everyRequestAboutOneVersionSharesItsModel() {
        Cursor c = Cursor.of(HoverServiceTest.FORK.replace("wait child", "wait chi|ld"));
        OssDocument doc = c.doc();
        assertFalse(doc.modelBuilt());
        assertNotNull(new HoverService().hover(doc, c.pos(), NEVER));
        SymbolIndex index = doc.symbols(NEVER);
        Lexed tokens = doc.lexed(NEVER);
        new NavigationService().references(doc, c.pos(), true, NEVER);
        new SemanticTokensService().full(doc, NEVER);
        new CompletionService().complete(doc, c.pos(), NEVER);
        assertSame(index, doc.symbols(NEVER), "indexed once for every request");
        assertSame(tokens, doc.lexed(NEVER), "lexed once for every request");
        OssDocument next = new OssDocument(doc.uri(), 2, doc.text(), doc.compilation());
        assertNotSame(index, next.symbols(NEVER), "a new version has a model of its own");
    }

    @Test
    void hoversCarryTheRangeOfWhatTheyAreAbout() {
        String unit = HoverServiceTest.FORK.replace("compute 3 ms", "compute 3 m|s");
        Hover h = new HoverService().hover(Cursor.of(unit).doc(), Cursor.of(unit).pos(), NEVER);
        assertEquals(new Range(new Position(13, 12), new Position(13, 16)), h.getRange(), "the number and its unit");
        String name = HoverServiceTest.FORK.replace("wait child", "wait ch|ild");
        h = new HoverService().hover(Cursor.of(name).doc(), Cursor.of(name).pos(), NEVER);
        assertEquals(new Range(new Position(12, 9), new Position(12, 14)), h.getRange(), "the name");
        String keyword = HoverServiceTest.FORK.replace("  semaphore room", "  sema|phore room");
        h = new HoverService().hover(Cursor.of(keyword).doc(), Cursor.of(keyword).pos(), NEVER);
        assertEquals(new Range(new Position(5, 2), new Position(5, 11)), h.getRange(), "the keyword");
        assertTrue(h.getContents().getRight().getValue().startsWith("**semaphore**"));
    }
}
