package oss.lsp;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Checks the base protocol's frames before lsp4j reads them. A frame whose
 * {@code Content-Length} is no number, or whose body is no JSON (its length
 * was too short, or too long and swallowed the next header), would leave
 * lsp4j's reader out of step with the stream: it would read the rest of a
 * body as the next header and, from then on, answer nothing while staying
 * alive. Here such a frame is dropped with a line on stderr and the stream
 * is searched for the next {@code Content-Length:} header, so the messages
 * after it are read again. Good frames pass through unchanged.
 */
final class FrameFilter {
    private static final byte[] HEADER = "Content-Length:".getBytes(StandardCharsets.US_ASCII);
    /** Larger bodies are not a client's messages: the 8 MiB input cap with room for JSON escapes. */
    private static final int MAX_BODY = 64 << 20;

    private final InputStream in;
    private final OutputStream out;

    private FrameFilter(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** The stream lsp4j should read instead of {@code in}: the same frames, the broken ones left out. */
    static InputStream of(InputStream in) {
        try {
            PipedInputStream filtered = new PipedInputStream(1 << 20);
            PipedOutputStream sink = new PipedOutputStream(filtered);
            Thread t = new Thread(() -> new FrameFilter(in, sink).run(), "oss-lsp-frames");
            t.setDaemon(true);
            t.start();
            return filtered;
        } catch (IOException e) {
            Log.error("cannot check the input's frames; reading it as it is", e);
            return in;
        }
    }

    private void run() {
        try (out) {
            boolean resync = false;
            while (true) {
                if (resync && !skipToHeader()) {
                    return;
                }
                Integer length = headers(resync);
                resync = false;
                if (length == null) {
                    return; // the input ended
                }
                if (length < 0) {
                    resync = true;
                    continue;
                }
                byte[] body = body(length);
                if (body == null) {
                    return;
                }
                if (!isJson(body)) {
                    Log.info("dropped a frame whose body is no JSON (is its Content-Length " + length
                            + " right?); looking for the next header");
                    resync = true;
                    continue;
                }
                out.write(("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away, or lsp4j stopped reading: either way nothing more to pass on
        }
    }

    /**
     * Reads one frame's header lines up to the blank line: the length, -1 when
     * it is missing or no number, null at the end of the input. After a
     * resync the header name has already been consumed.
     */
    private Integer headers(boolean afterResync) throws IOException {
        int length = -1;
        boolean any = false;
        String line;
        boolean first = true;
        while ((line = line()) != null) {
            if (first && afterResync) {
                line = "Content-Length:" + line;
            }
            first = false;
            if (line.isEmpty()) {
                if (!any) {
                    continue; // blank lines between frames
                }
                if (length < 0) {
                    Log.info("dropped a frame without a numeric Content-Length; looking for the next header");
                }
                return length;
            }
            any = true;
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                try {
                    long n = Long.parseLong(line.substring(colon + 1).trim());
                    length = n >= 0 && n <= MAX_BODY ? (int) n : -1;
                } catch (NumberFormatException e) {
                    length = -1;
                }
            }
        }
        return null;
    }

    /** One header line without its CR LF (a lone LF also ends it); null at the end of the input. */
    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return b.toString(StandardCharsets.US_ASCII);
            }
            if (c != '\r') {
                if (b.size() > 8192) {
                    return ""; // no header is this long: give up on it as a header line
                }
                b.write(c);
            }
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
    }

    /**
     * The next {@code length} bytes, or null when the input ends first. (Not readNBytes: on
     * Java 17, FileInputStream's asks the file for its position, which a pipe, stdin, does not
     * have: "Illegal seek".)
     */
    private byte[] body(int length) throws IOException {
        byte[] b = new byte[length];
        int at = 0;
        while (at < length) {
            int n = in.read(b, at, length - at);
            if (n < 0) {
                return null;
            }
            at += n;
        }
        return b;
    }

    /** Reads up to and including the next {@code Content-Length:}; false at the end of the input. */
    private boolean skipToHeader() throws IOException {
        int matched = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (Character.toLowerCase(c) == Character.toLowerCase(HEADER[matched])) {
                if (++matched == HEADER.length) {
                    return true;
                }
            } else {
                matched = Character.toLowerCase(c) == Character.toLowerCase(HEADER[0]) ? 1 : 0;
            }
        }
        return false;
    }

    private static boolean isJson(byte[] body) {
        try {
            JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
