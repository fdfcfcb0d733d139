package oss.lsp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A JSON-RPC client that speaks bytes, not lsp4j: it can send what no well-behaved client
 * would (garbage, truncated bodies), and it sees exactly what the server writes.
 */
final class RawClient implements AutoCloseable {
    private final OutputStream toServer;
    private final List<JsonObject> received = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final Thread reader;
    private volatile IOException readFailure;

    RawClient(InputStream fromServer, OutputStream toServer) {
        this.toServer = toServer;
        this.reader = new Thread(() -> read(fromServer), "raw-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in) {
        try {
            while (true) {
                int length = -1;
                String line;
                while (!(line = line(in)).isEmpty()) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    return;
                }
                JsonObject o = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
                synchronized (received) {
                    received.add(o);
                    received.notifyAll();
                }
            }
        } catch (IOException e) {
            readFailure = e;
        } catch (RuntimeException e) {
            readFailure = new IOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the server closed its output");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    void sendRaw(byte[] bytes) throws IOException {
        synchronized (toServer) {
            toServer.write(bytes);
            toServer.flush();
        }
    }

    void send(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (toServer) {
            toServer.write(header);
            toServer.write(body);
            toServer.flush();
        }
    }

    void notify(String method, JsonElement params) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("jsonrpc", "2.0");
        o.addProperty("method", method);
        if (params != null) {
            o.add("params", params);
        }
        send(o.toString());
    }

    int request(String method, JsonElement params) throws IOException {
        int id = ids.incrementAndGet();
        JsonObject o = new JsonObject();
        o.addProperty("jsonrpc", "2.0");
        o.addProperty("id", id);
        o.addProperty("method", method);
        if (params != null) {
            o.add("params", params);
        }
        send(o.toString());
        return id;
    }

    /** The response to request {@code id}. */
    JsonObject response(int id, Duration timeout) throws InterruptedException {
        return await(o -> o.has("id") && !o.has("method") && o.get("id").isJsonPrimitive()
                && o.get("id").getAsJsonPrimitive().isNumber() && o.get("id").getAsInt() == id, timeout);
    }

    /** The first message received (so far or within {@code timeout}) that matches, or null. */
    JsonObject await(Predicate<JsonObject> p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
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

    List<JsonObject> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    IOException readFailure() {
        return readFailure;
    }

    static JsonObject json(String s) {
        return JsonParser.parseString(s).getAsJsonObject();
    }

    @Override
    public void close() throws IOException {
        toServer.close();
    }
}
