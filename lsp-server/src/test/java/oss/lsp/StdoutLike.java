package oss.lsp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The server's end of an in-process pipe that behaves like the stdout `oss lsp` writes to. A pipe
 * channel is interruptible: a thread interrupted while writing closes it for good, and the server
 * interrupts its analysis threads on shutdown (one may be publishing diagnostics just then), so
 * the client saw the stream end and lost the shutdown reply, about one run in eight. A
 * FileOutputStream on fd 1 ignores interrupts; so does this: writers only queue bytes, and one
 * thread nobody interrupts moves them into the pipe.
 */
final class StdoutLike extends OutputStream {
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();

    StdoutLike(Pipe.SinkChannel sink) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    ByteBuffer b = ByteBuffer.wrap(queue.take());
                    while (b.hasRemaining()) {
                        sink.write(b);
                    }
                }
            } catch (InterruptedException | IOException e) {
                // the test is over
            }
        }, "stdout-like-writer");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void write(int b) {
        queue.add(new byte[] {(byte) b});
    }

    @Override
    public void write(byte[] b, int off, int len) {
        queue.add(Arrays.copyOfRange(b, off, off + len));
    }
}
