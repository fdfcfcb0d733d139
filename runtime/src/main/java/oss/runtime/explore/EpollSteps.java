package oss.runtime.explore;

import static oss.runtime.explore.Model.ALIVE;
import static oss.runtime.explore.Model.PC;

import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.IoOp;
import oss.ir.program.Op;

/**
 * epoll in the explorer, as the run's kernel.io.EventPoll and IoCalls do it (epoll(7)). Each
 * {@code epoll_create} statement has one instance: a record of one word per pipe object (devices
 * are pipes here, Model.deviceOfPipe) saying whether the object is on the interest list, level-
 * or edge-triggered, and whether it is on the ready list. Order on the ready list does not matter,
 * since epoll_wait returns only how many were ready.
 *
 * <p>An object goes on the ready list when epoll_ctl adds it while it is readable (ep_insert polls
 * it once), when a delivery arrives while it is watched, and when a read leaves a device empty with
 * every delivery made (end of file is readable). epoll_wait can be taken when some object on the
 * ready list is readable; it takes every object off the list, counts the readable ones, and puts
 * the level-triggered readable ones back (ep_send_events). An edge-triggered object read only in
 * part is therefore not reported again until the next delivery: the starvation epoll(7) warns of,
 * found here as a deadlock when no delivery is left. A pipe that is not a device is always readable
 * for epoll, as in the run (which does not follow pipes' readiness yet). select and poll are the
 * same readiness over a set, level-triggered: they wait until one is readable and count them.
 */
final class EpollSteps {
    /** An epoll descriptor's value in a slot: the instance + 1 with this bit (free in pipes' and files' values). */
    static final int EPFD = 1 << 27;
    private static final int LEVEL = 1, EDGE = 2, READY = 4, EXISTS = 0;

    private final Model m;
    private final PipeSteps pipes;
    /** The aio calls, which share the instruction (EPOLL: every I/O-model call the explorer follows). */
    AioSteps aio;
    /** Instances, one per epoll_create statement; their records start at {@code base}. */
    final int instances;
    final int base, record, size;

    EpollSteps(Model m, PipeSteps pipes, int instances, int base) {
        this.m = m;
        this.pipes = pipes;
        this.instances = instances;
        this.base = base;
        this.record = 1 + m.pipes;
        this.size = instances * record;
    }

    private int instance(int i) {
        return base + i * record;
    }

    /** The instance an epoll descriptor names, or -1 (not open, or not an epoll descriptor: EBADF, EINVAL). */
    private int instanceOf(int[] s, int t, int slot) {
        if (slot < 0) {
            return -1;
        }
        int v = s[m.base(t) + m.slotBase + slot];
        return v > 0 && (v & EPFD) != 0 ? (v & 0xffff) - 1 : -1;
    }

    static boolean isEpoll(int v) {
        return v > 0 && (v & EPFD) != 0;
    }

    /** Readable for epoll: a device with bytes buffered or at end of file; any other pipe always. */
    private boolean readable(int[] s, int obj) {
        return m.deviceOfPipe[obj] < 0 || pipes.bytes(s, obj) > 0 || pipes.writers(s, obj) == 0;
    }

    /** ep_poll_callback: {@code obj} became readable (data arrived, or its end of file): on every ready list watching it. */
    void readable(int[] s, int obj, boolean now) {
        if (!now || instances == 0) {
            return;
        }
        for (int i = 0; i < instances; i++) {
            int w = instance(i) + 1 + obj;
            if ((s[w] & (LEVEL | EDGE)) != 0) {
                s[w] |= READY;
            }
        }
    }

    /** Whether the task's epoll call can be taken now: epoll_wait without a timeout only when something is ready. */
    boolean enabled(int[] s, int t, FlatCode c, int pc) {
        IoOp call = ((Op.IoModel) c.op[pc]).call();
        if (call instanceof IoOp.AioRead || call instanceof IoOp.AioSuspend || call instanceof IoOp.AioReturn) {
            return aio.enabled(s, t, call);
        }
        if (call instanceof IoOp.Select sel) {
            if (sel.timeoutNs() == 0) {
                return true;
            }
            for (int k = 0; k < sel.slots().size(); k++) {
                if (pipes.selectState(s, t, sel.slots().get(k), sel.ends().get(k)) != 0) {
                    return true; // readable, or a descriptor that fails at once
                }
            }
            return false;
        }
        if (!(call instanceof IoOp.EpollWait w) || w.timeoutNs() == 0) {
            return true;
        }
        int i = instanceOf(s, t, w.epSlot());
        return i < 0 || ready(s, i) > 0;
    }

    /** How many objects on instance {@code i}'s ready list are readable. */
    private int ready(int[] s, int i) {
        int n = 0;
        for (int obj = 0; obj < m.pipes; obj++) {
            n += (s[instance(i) + 1 + obj] & READY) != 0 && readable(s, obj) ? 1 : 0;
        }
        return n;
    }

    /** Takes the step. */
    void apply(int[] s, int t, FlatCode c, int pc) {
        int b = m.base(t);
        Op.IoModel op = (Op.IoModel) c.op[pc];
        IoOp call = op.call();
        if (call instanceof IoOp.AioRead || call instanceof IoOp.AioSuspend || call instanceof IoOp.AioReturn) {
            aio.apply(s, t, c, pc, call);
            return;
        }
        if (call instanceof IoOp.Fcntl f) {
            result(s, b, f.result(), pipes.fcntl(s, t, f.slot(), f.end()));
            return;
        }
        if (call instanceof IoOp.Select sel) {
            int n = 0;
            for (int k = 0; k < sel.slots().size() && n >= 0; k++) {
                int st = pipes.selectState(s, t, sel.slots().get(k), sel.ends().get(k));
                n = st < 0 ? -1 : n + st;
            }
            result(s, b, sel.result(), n);
            return;
        }
        if (call instanceof IoOp.EpollCreate cr) {
            {
                int i = c.a[pc];
                int r = instance(i);
                if (s[r + EXISTS] != 0 && stillOpen(s, i)) {
                    throw new DataSteps.PathCut(Code.EXPLORE_BUDGET, op.span(), "this `epoll_create` runs again while"
                            + " the instance it made before is still open: the explorer keeps one per statement");
                }
                java.util.Arrays.fill(s, r, r + record, 0);
                s[r + EXISTS] = 1;
                if (cr.slot() >= 0) {
                    s[b + m.slotBase + cr.slot()] = EPFD | i + 1;
                }
            }
        } else if (call instanceof IoOp.EpollCtl ctl) {
            {
                int i = instanceOf(s, t, ctl.epSlot());
                int obj = pipes.objectOf(s, t, ctl.slot(), ctl.end());
                if (i < 0 || obj < 0) {
                    result(s, b, ctl.result(), -1); // EBADF or EINVAL; a regular file: EPERM
                    return;
                }
                int w = instance(i) + 1 + obj;
                if (ctl.add() == ((s[w] & (LEVEL | EDGE)) != 0)) {
                    result(s, b, ctl.result(), -1); // EEXIST, or ENOENT
                    return;
                }
                s[w] = ctl.add() ? (ctl.edge() ? EDGE : LEVEL) | (readable(s, obj) ? READY : 0) : 0;
                result(s, b, ctl.result(), 0);
            }
        } else if (call instanceof IoOp.EpollWait wait) {
            {
                int i = instanceOf(s, t, wait.epSlot());
                if (i < 0) {
                    result(s, b, wait.result(), -1);
                    return;
                }
                int n = 0;
                for (int obj = 0; obj < m.pipes; obj++) {
                    int w = instance(i) + 1 + obj;
                    if ((s[w] & READY) == 0) {
                        continue;
                    }
                    s[w] &= ~READY;
                    if (readable(s, obj)) {
                        n++;
                        if ((s[w] & LEVEL) != 0) {
                            s[w] |= READY; // level-triggered: back on the list while it has data
                        }
                    }
                }
                result(s, b, wait.result(), n);
            }
        } else {
            throw new IllegalStateException(call + " is not followed by the explorer");
        }
    }

    /** Some task still holds a descriptor of instance {@code i}. */
    private boolean stillOpen(int[] s, int i) {
        for (int u = 0; u < s[0]; u++) {
            int ub = m.base(u);
            if (s[ub + PC] < ALIVE) {
                continue; // a zombie's or a dead task's descriptors are closed
            }
            for (int k = 0; k < m.slots; k++) {
                if (s[ub + m.slotBase + k] == (EPFD | i + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void result(int[] s, int b, Cell result, long v) {
        if (result != null) {
            s[b + m.slotBase + result.base()] = (int) v;
        }
    }

    /** " waits in epoll_wait: ..." for a deadlock's message. */
    String describe(int[] s, int t, FlatCode c, int pc) {
        if (((Op.IoModel) c.op[pc]).call() instanceof IoOp.AioSuspend) {
            return aio.describe();
        }
        if (((Op.IoModel) c.op[pc]).call() instanceof IoOp.Select sel) {
            return " waits in " + (sel.poll() ? "poll" : "select") + ": no descriptor of its set is readable, and no"
                    + " delivery is left to make one";
        }
        return " waits in epoll_wait: nothing on the ready list is readable, and no delivery is left to put"
                + " anything there (an edge-triggered descriptor read only in part is not reported again)";
    }
}
