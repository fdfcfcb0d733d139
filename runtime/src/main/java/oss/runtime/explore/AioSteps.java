package oss.runtime.explore;

import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.IoOp;
import oss.ir.program.Op;

/**
 * POSIX aio in the explorer, as the run's kernel.io.IoCalls and AioRequest do it (aio(7)): each
 * {@code aio_read} statement has one request record (state, owner, device, bytes wanted, result,
 * its place in the device's queue). A request is served, oldest first, as soon as its device is
 * readable: at the aio_read itself or at a delivery, before any reader; it takes min(wanted,
 * buffered), or 0 at end of file, and then sends its notification signal to its owner.
 * {@code aio_suspend} waits until the request is done; {@code aio_return} gives its result once,
 * -1 while it is still queued (EINPROGRESS) and after the first time.
 */
final class AioSteps {
    /** A request's value in its task's slot: the record + 1 with this bit (free in the other kinds' values). */
    static final int AIO = 1 << 26;
    private static final int STATE = 0, OWNER = 1, OBJ = 2, WANT = 3, RESULT = 4, SEQ = 5, RECORD = 6;
    private static final int QUEUED = 1, DONE = 2, RETURNED = 3;

    private final Model m;
    private final PipeSteps pipes;
    final int records, base, size;

    AioSteps(Model m, PipeSteps pipes, int records, int base) {
        this.m = m;
        this.pipes = pipes;
        this.records = records;
        this.base = base;
        this.size = records * RECORD;
    }

    private int rec(int r) {
        return base + r * RECORD;
    }

    /** The record a request slot names for task {@code t}, or -1 (EINVAL: none of its requests is there). */
    private int requestOf(int[] s, int t, int slot) {
        int v = slot < 0 ? 0 : s[m.base(t) + m.slotBase + slot];
        int r = v > 0 && (v & AIO) != 0 ? (v & 0xffff) - 1 : -1;
        return r >= 0 && s[rec(r) + OWNER] == t + 1 && s[rec(r) + STATE] != 0 ? r : -1;
    }

    boolean enabled(int[] s, int t, IoOp call) {
        if (call instanceof IoOp.AioSuspend su) {
            int r = requestOf(s, t, su.requestSlot());
            return r < 0 || s[rec(r) + STATE] >= DONE;
        }
        return true;
    }

    void apply(int[] s, int t, FlatCode c, int pc, IoOp call) {
        int b = m.base(t);
        Op op = c.op[pc];
        if (call instanceof IoOp.AioRead rd) {
            int obj = pipes.objectOf(s, t, rd.slot(), rd.end());
            if (obj < 0 || m.deviceOfPipe[obj] < 0) {
                s[b + m.slotBase + rd.requestSlot()] = -1; // EBADF, or EINVAL: aio on declared devices only
                result(s, b, rd.result(), -1);
                return;
            }
            int r = c.a[pc];
            int w = rec(r);
            if (s[w + STATE] == QUEUED) {
                throw new DataSteps.PathCut(Code.EXPLORE_BUDGET, op.span(), "this `aio_read` runs again while the"
                        + " request it made before is still queued: the explorer keeps one per statement");
            }
            int seq = 1;
            for (int q = 0; q < records; q++) {
                if (s[rec(q) + STATE] == QUEUED && s[rec(q) + OBJ] == obj + 1) {
                    seq = Math.max(seq, s[rec(q) + SEQ] + 1);
                }
            }
            s[w + STATE] = QUEUED;
            s[w + OWNER] = t + 1;
            s[w + OBJ] = obj + 1;
            s[w + WANT] = (int) Math.min(Integer.MAX_VALUE, rd.bytes());
            s[w + RESULT] = 0;
            s[w + SEQ] = seq;
            s[b + m.slotBase + rd.requestSlot()] = AIO | r + 1;
            result(s, b, rd.result(), 0);
            serve(s, obj);
        } else if (call instanceof IoOp.AioSuspend su) {
            int r = requestOf(s, t, su.requestSlot());
            result(s, b, su.result(), r < 0 ? -1 : 0);
        } else if (call instanceof IoOp.AioReturn ret) {
            int r = requestOf(s, t, ret.requestSlot());
            if (r < 0 || s[rec(r) + STATE] != DONE) {
                result(s, b, ret.result(), -1); // EINVAL, EINPROGRESS, or a second aio_return
                return;
            }
            s[rec(r) + STATE] = RETURNED;
            result(s, b, ret.result(), s[rec(r) + RESULT]);
        }
    }

    /** The device's queued requests that can complete now do, oldest first (IoCalls.serve). */
    void serve(int[] s, int obj) {
        if (records == 0) {
            return;
        }
        while (pipes.bytes(s, obj) > 0 || pipes.writers(s, obj) == 0) {
            int first = -1;
            for (int q = 0; q < records; q++) {
                if (s[rec(q) + STATE] == QUEUED && s[rec(q) + OBJ] == obj + 1
                        && (first < 0 || s[rec(q) + SEQ] < s[rec(first) + SEQ])) {
                    first = q;
                }
            }
            if (first < 0) {
                return;
            }
            int w = rec(first);
            s[w + RESULT] = pipes.take(s, obj, s[w + WANT]);
            s[w + STATE] = DONE;
            s[w + SEQ] = 0;
            int owner = s[w + OWNER] - 1;
            Op.IoModel op = m.aioOps.get(first);
            IoOp.AioRead rd = (IoOp.AioRead) op.call();
            if (rd.signal() != null && m.signals != null) {
                m.signals.send(s, owner, rd.signal(), op.span());
            }
        }
    }

    private void result(int[] s, int b, Cell result, long v) {
        if (result != null) {
            s[b + m.slotBase + result.base()] = (int) v;
        }
    }

    /** " waits in aio_suspend: ..." for a deadlock's message. */
    String describe() {
        return " waits in aio_suspend for a request its device will not serve (no delivery is left, and the"
                + " data went elsewhere)";
    }
}
