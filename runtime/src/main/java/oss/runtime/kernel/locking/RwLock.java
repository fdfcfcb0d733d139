package oss.runtime.kernel.locking;

import java.util.ArrayList;
import java.util.List;
import oss.ir.program.Span;

/**
 * A sleeping reader-writer lock: any number of readers or one writer.
 * Reader-preferring (readers enter whenever no writer holds it) unless
 * {@link #writerPreferring} (readers also wait while a writer waits).
 * Every arrival takes a ticket, so "a reader entered ahead of a waiting
 * writer" means a reader with a later ticket got in first.
 */
public final class RwLock {
    public final String name;
    public final boolean writerPreferring;
    /** pid of the writer, 0 when none. */
    public int writer;
    public Span writeLockedAt = Span.NONE;
    /** pids of the readers inside (a task that read-locks twice is here twice). */
    public final List<Integer> readers = new ArrayList<>();
    public final List<Span> readLockedAt = new ArrayList<>();
    /** Sleepers in ticket order. */
    public final List<Waiter> waiters = new ArrayList<>();
    public long nextTicket;

    /** One sleeper; {@code overtaken} counts readers that entered ahead of a waiting writer. */
    public static final class Waiter {
        public final int pid;
        public final boolean writer;
        public final long ticket;
        public final long since;
        public int overtaken;

        public Waiter(int pid, boolean writer, long ticket, long since) {
            this.pid = pid;
            this.writer = writer;
            this.ticket = ticket;
            this.since = since;
        }
    }

    public RwLock(String name, boolean writerPreferring) {
        this.name = name;
        this.writerPreferring = writerPreferring;
    }

    public boolean free() {
        return writer == 0 && readers.isEmpty();
    }

    public boolean writerWaiting() {
        for (Waiter w : waiters) {
            if (w.writer) {
                return true;
            }
        }
        return false;
    }
}
