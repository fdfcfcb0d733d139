package oss.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server over a byte pipe (the same launcher `oss lsp` uses on stdio), fed what a broken
 * or hostile client might send. After each abuse it must still answer.
 */
@Timeout(120)
class BadInputTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    RawClient client;
    OssLsp lsp;
    Future<Void> listening;

    @BeforeEach
    void start() throws Exception {
        Pipe toServer = Pipe.open();
        Pipe fromServer = Pipe.open();
        lsp = OssLsp.on(Channels.newInputStream(toServer.source()), new StdoutLike(fromServer.sink()), () -> {});
        listening = lsp.listen();
        client = new RawClient(Channels.newInputStream(fromServer.source()), Channels.newOutputStream(toServer.sink()));
        int id = client.request("initialize", RawClient.json("{\"processId\": null, \"rootUri\": null, \"capabilities\": {}}"));
        JsonObject init = client.response(id, WAIT);
        assertNotNull(init, "initialize answered");
        assertTrue(init.getAsJsonObject("result").has("capabilities"));
        client.notify("initialized", new JsonObject());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        listening.get(10, TimeUnit.SECONDS); // the input ended: the server stops reading, without hanging
    }

    /** The server still answers: a hover on an unknown document gets a null result, shutdown gets its reply. */
    void stillAnswers() throws Exception {
        int hover = client.request("textDocument/hover", hoverParams("file:///unknown.oss", 0, 0));
        JsonObject r = client.response(hover, WAIT);
        assertNotNull(r, "hover answered");
        assertTrue(r.has("result") && r.get("result").isJsonNull(), r.toString());
        int shutdown = client.request("shutdown", null);
        JsonObject s = client.response(shutdown, WAIT);
        assertNotNull(s, "shutdown answered");
        assertFalse(s.has("error"), s.toString());
        assertTrue(lsp.server().isShutdown());
        client.notify("exit", null);
    }

    static JsonObject hoverParams(String uri, int line, int ch) {
        return RawClient.json("{\"textDocument\": {\"uri\": \"" + uri + "\"}, \"position\": {\"line\": " + line
                + ", \"character\": " + ch + "}}");
    }

    static JsonObject openParams(String uri, String text) {
        JsonObject item = new JsonObject();
        item.addProperty("uri", uri);
        item.addProperty("languageId", "oss");
        item.addProperty("version", 1);
        item.addProperty("text", text);
        JsonObject p = new JsonObject();
        p.add("textDocument", item);
        return p;
    }

    @Test
    void garbageAndTruncatedMessages() throws Exception {
        client.send("hello, server");                                        // not JSON
        client.send("{\"foo\": 1}");                                         // JSON, not JSON-RPC
        client.send("[1, 2, 3]");                                            // JSON, not an object
        client.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\",\"params\":{\"textDocu"); // truncated
        client.send("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"textDocument/hover\",\"params\":{\"position\":5}}");
        client.send("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"oss/noSuchMethod\",\"params\":{}}");
        client.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"textDocument/hover\"}"); // no params
        client.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"contentChanges\":null}}");
        client.send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{}}");
        client.sendRaw("Content-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // no Content-Length
        client.sendRaw("Content-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
        // an unknown method with an id gets an error, not silence
        JsonObject unknown = client.response(9, WAIT);
        assertNotNull(unknown, "unknown method answered");
        assertEquals(-32601, unknown.getAsJsonObject("error").get("code").getAsInt());
        // a bad request with an id gets an answer (an error or a null result), never silence
        JsonObject badPosition = client.response(8, WAIT);
        assertNotNull(badPosition, "malformed hover answered");
        stillAnswers();
    }

    @Test
    void aLengthThatIsNoNumberOrTooShortForItsBodyLeavesTheServerAnswering() throws Exception {
        client.sendRaw("Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}".getBytes(StandardCharsets.US_ASCII));
        // a frame that claims 10 bytes of a 60-byte body: the rest must not be read as the next header
        client.sendRaw(("Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"shutdown\"}")
                .getBytes(StandardCharsets.US_ASCII));
        stillAnswers();
    }

    @Test
    void nullParamsAreAnInvalidRequestWithoutAJavaStackTrace() throws Exception {
        client.send("{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"textDocument/hover\"}");
        JsonObject r = client.response(10, WAIT);
        assertNotNull(r, "answered");
        if (r.has("error")) {
            String data = r.getAsJsonObject("error").has("data") ? r.getAsJsonObject("error").get("data").toString() : "";
            assertFalse(data.contains("at oss.") || data.contains("at org.eclipse") || data.contains("Exception"),
                    "a Java stack trace reached the client: " + data);
        }
        stillAnswers();
    }

    @Test
    void aRefusedRenameReachesTheClientWithItsReason() throws Exception {
        String uri = "file:///r.oss";
        client.notify("textDocument/didOpen", openParams(uri,
                "scenario \"r\" {\n  mutex m\n  process p {\n    lock m\n    unlock m\n  }\n}\n"));
        JsonObject params = hoverParams(uri, 1, 8);
        params.addProperty("newName", "any");
        int id = client.request("textDocument/rename", params);
        JsonObject r = client.response(id, WAIT);
        assertNotNull(r, "rename answered");
        assertTrue(r.has("error"), "the refusal must be an error the editor shows, not a null result: " + r);
        assertTrue(r.getAsJsonObject("error").get("message").getAsString().contains("`any` is reserved"), r.toString());
        stillAnswers();
    }

    @Test
    void aOneMegabyteDocumentAndPositionsOutOfRange() throws Exception {
        StringBuilder big = new StringBuilder("scenario \"big\" {\n");
        int i = 0;
        while (big.length() < 1_000_000) {
            big.append("  process P").append(i++).append(" { compute 1 ms }\n");
        }
        big.append("}\n");
        String uri = "file:///big.oss";
        client.notify("textDocument/didOpen", openParams(uri, big.toString()));
        JsonObject diags = client.await(o -> "textDocument/publishDiagnostics".equals(o.has("method")
                ? o.get("method").getAsString() : null) && o.getAsJsonObject("params").get("uri").getAsString().equals(uri),
                Duration.ofSeconds(60));
        assertNotNull(diags, "the big document's fast tier published");
        for (int[] pos : new int[][] {{-1, -1}, {2_000_000, 0}, {3, 1_000_000}, {Integer.MAX_VALUE, Integer.MAX_VALUE}}) {
            int id = client.request("textDocument/hover", hoverParams(uri, pos[0], pos[1]));
            JsonObject r = client.response(id, WAIT);
            assertNotNull(r, "hover at " + pos[0] + ":" + pos[1] + " answered");
            assertFalse(r.has("error"), r.toString());
        }
        for (String method : new String[] {"textDocument/documentSymbol", "textDocument/foldingRange",
            "textDocument/semanticTokens/full", "textDocument/codeLens", "textDocument/formatting"}) {
            JsonObject p = RawClient.json("{\"textDocument\": {\"uri\": \"" + uri + "\"}, \"options\": {\"tabSize\": 2, \"insertSpaces\": true}}");
            JsonObject r = client.response(client.request(method, p), WAIT);
            assertNotNull(r, method + " answered");
            assertFalse(r.has("error"), r.toString());
        }
        stillAnswers();
    }

    @Test
    void requestsForUnknownDocumentsAnswerEmpty() throws Exception {
        String nope = "{\"textDocument\": {\"uri\": \"file:///nope.oss\"}, \"position\": {\"line\": 0, \"character\": 0}";
        for (String method : new String[] {"textDocument/completion", "textDocument/definition",
            "textDocument/documentHighlight", "textDocument/documentSymbol", "textDocument/foldingRange",
            "textDocument/codeLens", "textDocument/formatting"}) {
            JsonObject r = client.response(client.request(method, RawClient.json(nope + ", \"options\": {\"tabSize\": 2, \"insertSpaces\": true}}")), WAIT);
            assertNotNull(r, method);
            assertFalse(r.has("error"), method + ": " + r);
            JsonArray items = r.get("result").isJsonArray() ? r.getAsJsonArray("result") : null;
            assertTrue(items != null && items.isEmpty(), method + ": " + r);
        }
        JsonObject refs = client.response(client.request("textDocument/references",
                RawClient.json(nope + ", \"context\": {\"includeDeclaration\": true}}")), WAIT);
        assertTrue(refs.getAsJsonArray("result").isEmpty());
        JsonObject rename = client.response(client.request("textDocument/prepareRename", RawClient.json(nope + "}")), WAIT);
        assertTrue(rename.get("result").isJsonNull(), rename.toString());
        JsonObject cmd = client.response(client.request("workspace/executeCommand",
                RawClient.json("{\"command\": \"oss.run\", \"arguments\": [\"file:///nope.oss\"]}")), WAIT);
        assertTrue(cmd.has("result") && cmd.get("result").isJsonNull(), cmd.toString());
        client.notify("textDocument/didClose", RawClient.json("{\"textDocument\": {\"uri\": \"file:///nope.oss\"}}"));
        stillAnswers();
    }

    @Test
    void twoThousandRapidChanges() throws Exception {
        String uri = "file:///rapid.oss";
        client.notify("textDocument/didOpen", openParams(uri, TiersTest.SCENARIO));
        for (int v = 2; v <= 2001; v++) {
            JsonObject change = RawClient.json("{\"textDocument\": {\"uri\": \"" + uri + "\", \"version\": " + v
                    + "}, \"contentChanges\": [{\"range\": {\"start\": {\"line\": 0, \"character\": 0}, "
                    + "\"end\": {\"line\": 0, \"character\": 0}}, \"text\": \"" + (v % 2 == 0 ? "/" : "\\n") + "\"}]}");
            client.notify("textDocument/didChange", change);
        }
        // every version's fast tier has published by the time a request sent after them is answered
        JsonObject hover = client.response(client.request("textDocument/hover", hoverParams(uri, 3, 3)), WAIT);
        assertNotNull(hover);
        assertEquals(2001, lsp.server().documents().get(uri).version());
        assertTrue(lsp.server().documents().get(uri).text().endsWith(TiersTest.SCENARIO));
        assertEquals(1000, lsp.server().documents().get(uri).text().chars().filter(c -> c == '/').count());
        JsonObject last = client.await(o -> o.has("method") && o.getAsJsonObject("params").has("version")
                && o.getAsJsonObject("params").get("version").getAsInt() == 2001, WAIT);
        assertNotNull(last, "the newest version's diagnostics were published");
        stillAnswers();
        assertNull(client.readFailure());
    }
}
