package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * `oss lsp` over real stdio: a child JVM on this test's classpath (so it runs in `mvn test`,
 * before the shaded jar exists), driven by hand-framed JSON-RPC. Checks that stdout carries
 * nothing but the protocol and that the lifecycle ends with exit code 0.
 */
class LspStdioTest {
    private final List<JsonObject> received = new ArrayList<>();
    private final ByteArrayOutputStream stray = new ByteArrayOutputStream();

    @Test
    @Timeout(120)
    void initializeOpenDiagnosticsHoverShutdownExit() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "oss.cli.Main", "lsp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread reader = new Thread(() -> read(p.getInputStream()));
        reader.setDaemon(true);
        reader.start();
        OutputStream in = p.getOutputStream();
        try {
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":null,"
                    + "\"rootUri\":null,\"capabilities\":{},\"initializationOptions\":{\"oss\":{\"debounceMs\":50}}}}");
            JsonObject init = await(m -> id(m, 1), 60);
            assertNotNull(init, "initialize answered");
            JsonObject caps = init.getAsJsonObject("result").getAsJsonObject("capabilities");
            assertTrue(caps.get("hoverProvider").getAsBoolean(), caps.toString());
            assertEquals("oss", init.getAsJsonObject("result").getAsJsonObject("serverInfo").get("name").getAsString());
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");

            String uri = Path.of("../examples/sched-rr.oss").toAbsolutePath().normalize().toUri().toString();
            JsonObject item = new JsonObject();
            item.addProperty("uri", uri);
            item.addProperty("languageId", "oss");
            item.addProperty("version", 1);
            item.addProperty("text", Files.readString(Path.of("../examples/sched-rr.oss")));
            JsonObject open = new JsonObject();
            open.addProperty("jsonrpc", "2.0");
            open.addProperty("method", "textDocument/didOpen");
            JsonObject params = new JsonObject();
            params.add("textDocument", item);
            open.add("params", params);
            send(in, open.toString());
            Predicate<JsonObject> diagnostics = m -> m.has("method")
                    && m.get("method").getAsString().equals("textDocument/publishDiagnostics")
                    && m.getAsJsonObject("params").get("uri").getAsString().equals(uri);
            JsonObject published = await(diagnostics, 60);
            assertNotNull(published, "diagnostics published");
            assertEquals(1, published.getAsJsonObject("params").get("version").getAsInt());
            assertTrue(published.getAsJsonObject("params").get("diagnostics").isJsonArray());

            send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\""
                    + uri + "\"},\"position\":{\"line\":4,\"character\":11}}}");
            JsonObject hover = await(m -> id(m, 2), 60);
            assertNotNull(hover, "hover answered");
            assertTrue(hover.has("result"), hover.toString());

            send(in, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}");
            JsonObject shutdown = await(m -> id(m, 3), 60);
            assertNotNull(shutdown, "shutdown answered");
            assertFalse(shutdown.has("error"), shutdown.toString());
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exit ends the process");
            assertEquals(0, p.exitValue(), "exit after shutdown is exit code 0");
            reader.join(5000);
            assertEquals(0, stray.size(), "stdout carried only protocol messages: " + stray);
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean id(JsonObject m, int id) {
        return m.has("id") && !m.has("method") && m.get("id").getAsInt() == id;
    }

    private void send(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private JsonObject await(Predicate<JsonObject> p, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (received) {
            while (true) {
                for (JsonObject o : received) {
                    if (p.test(o)) {
                        return o;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Frames of Content-Length + JSON; anything else on stdout is kept as stray output. */
    private void read(InputStream in) {
        try {
            while (true) {
                int length = -1;
                String line;
                while (!(line = line(in)).isEmpty()) {
                    if (line.startsWith("Content-Length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    } else if (!line.startsWith("Content-Type:")) {
                        stray.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (length < 0) {
                    stray.writeBytes("(a frame without Content-Length)\n".getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                JsonObject o = JsonParser.parseString(body).getAsJsonObject();
                synchronized (received) {
                    received.add(o);
                    received.notifyAll();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
    }

    private String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                if (b.size() > 0) {
                    stray.writeBytes(b.toByteArray());
                }
                throw new IOException("end of output");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
