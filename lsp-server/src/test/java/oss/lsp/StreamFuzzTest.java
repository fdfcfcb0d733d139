package oss.lsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A seeded stream fuzzer for the server over its real framing: random edits of
 * the examples (insertions, deletions, garbage), requests of every kind at
 * random positions, and malformed frames, interleaved; afterwards the server
 * must still answer, and no answer may carry a Java stack trace. Bounded:
 * {@value #MESSAGES} messages per seed, a few seconds in all.
 */
class StreamFuzzTest {
    static final int MESSAGES = 400;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String[] REQUESTS = {"textDocument/hover", "textDocument/completion", "textDocument/definition",
        "textDocument/references", "textDocument/documentHighlight", "textDocument/prepareRename",
        "textDocument/rename", "textDocument/codeLens", "textDocument/inlayHint", "textDocument/codeAction",
        "textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full",
        "textDocument/formatting"};
    private static final String[] GARBAGE = {"lock", "}", "{", "[", "0x", "ms", "\"", "/*", "\n", "expect", "fork {",
        "repeat 3 {", "mutex", "semaphore mutex = 1", "\r", "99999999999999999999", "é", "\t", "..", "P("};

    @Test
    void randomEditsRequestsAndBrokenFramesLeaveTheServerAnswering() throws Exception {
        List<String> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".oss")).sorted().toList()) {
                examples.add(Files.readString(p));
            }
        }
        for (long seed = 1; seed <= 3; seed++) {
            fuzz(new SplittableRandom(seed), examples);
        }
    }

    private void fuzz(SplittableRandom rnd, List<String> examples) throws Exception {
        Pipe toServer = Pipe.open();
        Pipe fromServer = Pipe.open();
        OssLsp lsp = OssLsp.on(Channels.newInputStream(toServer.source()), new StdoutLike(fromServer.sink()),
                () -> {});
        Future<Void> listening = lsp.listen();
        RawClient client = new RawClient(Channels.newInputStream(fromServer.source()),
                Channels.newOutputStream(toServer.sink()));
        int init = client.request("initialize", RawClient.json("{\"processId\": null, \"capabilities\": {}}"));
        assertNotNull(client.response(init, WAIT));
        client.notify("initialized", new JsonObject());
        String uri = "file:///fuzz.oss";
        String text = examples.get(rnd.nextInt(examples.size()));
        client.notify("textDocument/didOpen", BadInputTest.openParams(uri, text));
        int version = 1;
        for (int m = 0; m < MESSAGES; m++) {
            int kind = rnd.nextInt(10);
            if (kind < 4) {
                // an edit: replace a random range by garbage or nothing
                int lines = Math.max(1, (int) text.lines().count());
                int l1 = rnd.nextInt(lines + 2);
                int l2 = l1 + rnd.nextInt(3);
                String insert = rnd.nextInt(3) == 0 ? "" : GARBAGE[rnd.nextInt(GARBAGE.length)];
                JsonObject change = RawClient.json("{\"range\": {\"start\": {\"line\": " + l1 + ", \"character\": "
                        + rnd.nextInt(80) + "}, \"end\": {\"line\": " + l2 + ", \"character\": " + rnd.nextInt(80)
                        + "}}}");
                change.addProperty("text", insert);
                JsonObject p = RawClient.json("{\"textDocument\": {\"uri\": \"" + uri + "\", \"version\": "
                        + (++version) + "}, \"contentChanges\": []}");
                p.getAsJsonArray("contentChanges").add(change);
                client.notify("textDocument/didChange", p);
                text = lsp.server().documents().get(uri) == null ? text : lsp.server().documents().get(uri).text();
            } else if (kind < 9) {
                String method = REQUESTS[rnd.nextInt(REQUESTS.length)];
                JsonObject p = BadInputTest.hoverParams(uri, rnd.nextInt(60) - 5, rnd.nextInt(90) - 5);
                p.addProperty("newName", rnd.nextBoolean() ? "x" + m : "any");
                p.add("range", RawClient.json("{\"start\": {\"line\": 0, \"character\": 0}, \"end\": {\"line\": "
                        + rnd.nextInt(60) + ", \"character\": 0}}"));
                p.add("context", RawClient.json("{\"diagnostics\": [], \"includeDeclaration\": true}"));
                p.add("options", RawClient.json("{\"tabSize\": 2, \"insertSpaces\": true}"));
                client.request(method, rnd.nextInt(20) == 0 ? null : p);
            } else {
                String[] broken = {"Content-Length: abc\r\n\r\n{}", "Content-Length: 5\r\n\r\n{\"jsonrpc\":\"2.0\"}",
                    "garbage without a header\r\n\r\n", "Content-Length: 2\r\n\r\n[]"};
                client.sendRaw(broken[rnd.nextInt(broken.length)].getBytes(StandardCharsets.US_ASCII));
            }
        }
        // still answering: a hover on the fuzzed document and shutdown
        int hover = client.request("textDocument/hover", BadInputTest.hoverParams(uri, 0, 0));
        assertNotNull(client.response(hover, WAIT), "the server stopped answering");
        int shutdown = client.request("shutdown", null);
        assertNotNull(client.response(shutdown, WAIT), "shutdown answered");
        for (JsonObject o : client.all()) {
            if (o.has("error") && o.getAsJsonObject("error").has("data")) {
                String data = o.getAsJsonObject("error").get("data").toString();
                assertFalse(data.contains("\\tat ") || data.contains("Exception"), "a stack trace reached the client: "
                        + data.substring(0, Math.min(300, data.length())));
            }
        }
        assertTrue(client.readFailure() == null, String.valueOf(client.readFailure()));
        client.notify("exit", null);
        client.close();
        listening.get(10, TimeUnit.SECONDS);
    }
}
