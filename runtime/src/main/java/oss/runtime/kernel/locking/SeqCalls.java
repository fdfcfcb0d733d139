package oss.runtime.kernel.locking;

import java.util.List;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * seq_write and seq_read. A writer takes the writer slot (sleeping, FIFO
 * handoff, when another writer is inside), makes the sequence odd, runs its
 * body and makes it even again. A reader busy-waits while the sequence is
 * odd, notes it, runs its body and, when the sequence changed meanwhile,
 * goes back to the start (a retry).
 */
public final class SeqCalls {
    private final Core k;
    private final SeqLock[] locks;

    public SeqCalls(Core k, SeqLock[] locks) {
        this.k = k;
        this.locks = locks;
    }

    /** {@code seq_write q { }}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean seqWrite(Task t, Op.SeqWrite w) {
        SeqLock s = locks[w.seqlock()];
        if (t.atBodyEnd()) {
            t.leaveBody();
            endWrite(s);
            return true;
        }
        if (s.writer == 0) {
            beginWrite(s, t, w);
            return true;
        }
        s.writers.add(t.pid);
        k.block(t, Task.Blocker.SEQ_WRITE, w.seqlock(), w.span(), "seqlock " + s.name + " to write (writer "
                + k.task(s.writer) + " is inside)");
        return false;
    }

    /** {@code seq_read q { }}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean seqRead(Task t, Op.SeqRead r) {
        SeqLock s = locks[r.seqlock()];
        if (t.atBodyEnd()) {
            if (s.sequence != t.bodyMark()) {
                t.seqRetries++;
                k.facts().record(r.span(), t, k.now(), "read_seqretry", "the sequence went from " + t.bodyMark()
                        + " to " + s.sequence + " during the read: retry " + t.seqRetries, List.of());
                t.leaveBodyToRetry();
            } else {
                t.leaveBody();
            }
            return true;
        }
        k.stopSpinning(t);
        if (s.writing()) {
            if (!s.spinners.contains(t.pid)) {
                s.spinners.add(t.pid);
            }
            t.blocker = Task.Blocker.SEQ_SPIN;
            t.blockerIndex = r.seqlock();
            t.blockedAt = r.span();
            t.blockedOn = "seqlock " + s.name + " to become even (writer " + k.task(s.writer) + " is inside)";
            k.spin(t);
            return false;
        }
        s.spinners.remove(t.pid);
        t.blocker = Task.Blocker.NONE;
        t.blockerIndex = -1;
        t.blockedAt = null;
        t.blockedOn = null;
        t.enterBody(r, r.body(), s.sequence);
        return true;
    }

    private void beginWrite(SeqLock s, Task t, Op.SeqWrite w) {
        s.writer = t.pid;
        s.writeLockedAt = w.span();
        s.sequence++;
        t.enterBody(w, w.body(), s.sequence);
    }

    /** write_sequnlock: even again; the next writer goes in at once, or the spinning readers go on. */
    private void endWrite(SeqLock s) {
        s.sequence++;
        s.writer = 0;
        s.writeLockedAt = Span.NONE;
        int w = s.writers.poll();
        if (w >= 0) {
            Task next = k.task(w);
            beginWrite(s, next, (Op.SeqWrite) next.current());
            k.wake(next);
            return;
        }
        for (int pid : s.spinners) {
            Task r = k.task(pid);
            r.blocker = Task.Blocker.NONE;
            r.blockerIndex = -1;
            r.blockedOn = null;
            r.blockedAt = null;
            k.kick(r);
        }
        s.spinners.clear();
    }

    public void exited(Task t) {
        for (SeqLock s : locks) {
            if (s.writer == t.pid) {
                k.findings().add(new Diagnostic(Code.EXIT_HOLDING_LOCK, Code.EXIT_HOLDING_LOCK.severity(),
                        t + " exits inside seq_write " + s.name + "; the kernel ends the write",
                        t.exitedAt, List.of(new Related(s.writeLockedAt, "seq_write here")), ""));
                endWrite(s);
            }
        }
    }

    public void forget(Task t) {
        if (t.blocker == Task.Blocker.SEQ_WRITE) {
            locks[t.blockerIndex].writers.remove(t.pid);
        } else if (t.blocker == Task.Blocker.SEQ_SPIN) {
            locks[t.blockerIndex].spinners.remove(t.pid);
        }
    }

    public int writer(int index) {
        return locks[index].writer;
    }
}
