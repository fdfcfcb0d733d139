package oss.runtime.kernel.io;

import oss.ir.program.Signal;
import oss.ir.program.Span;

/**
 * One aio_read (struct aiocb and what glibc's helper thread keeps of it): the device it reads,
 * how much, whom to tell and how, and once done how many bytes it got. aio_return(3) may be
 * called once: {@code returned} records it.
 */
final class AioRequest {
    final int id;
    final int pid;
    final CharDevice device;
    final long bytes;
    /** SIGEV_SIGNAL's signal, or null for SIGEV_NONE. */
    final Signal signal;
    final Span at;
    boolean done;
    long result;
    boolean returned;

    AioRequest(int id, int pid, CharDevice device, long bytes, Signal signal, Span at) {
        this.id = id;
        this.pid = pid;
        this.device = device;
        this.bytes = bytes;
        this.signal = signal;
        this.at = at;
    }
}
