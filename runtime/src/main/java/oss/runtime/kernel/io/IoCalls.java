package oss.runtime.kernel.io;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.IoOp;
import oss.ir.program.Op;
import oss.ir.program.Signal;
import oss.ir.program.Span;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Interrupts;
import oss.runtime.kernel.Task;
import oss.runtime.kernel.fs.FdCalls;
import oss.runtime.kernel.fs.OpenFile;

/**
 * The calls of the I/O models past read(2) (docs/language.md, "The five I/O models"): select and
 * poll (fs/select.c), epoll (fs/eventpoll.c), fcntl O_ASYNC (fs/fcntl.c's send_sigio) and aio
 * (glibc's librt, served here in the kernel). Readiness is a device's: data buffered, or every
 * delivery arrived and read (a read returns 0 at once, which select counts as readable). Any other
 * open file counts as always ready, as select(2) says of regular files; pipes are not followed yet.
 * A sleeper here runs its call again when woken, as do_select and ep_poll loop; its timeout is kept
 * from its first entry, in {@link Wait}.
 */
public final class IoCalls {
    private final Core k;
    private final DeviceCalls devices;
    private final DeviceCalls.Schedule schedule;
    private final List<EventPoll> epolls = new ArrayList<>();
    private final List<AioRequest> requests = new ArrayList<>();
    /** The sleeping (or woken, not yet returned) select, poll and epoll_wait calls, by pid. */
    private final TreeMap<Integer, Wait> waits = new TreeMap<>();
    private long serials;
    /** Statements already reported once (OSS2930). */
    private final java.util.Set<Span> warned = new java.util.HashSet<>();

    /** One readiness call in progress: the call, when its timeout ends (-1: none), whether it has. */
    private static final class Wait {
        final Op op;
        final long deadline;
        final long serial;
        boolean expired;
        final List<CharDevice> on = new ArrayList<>();

        Wait(Op op, long deadline, long serial) {
            this.op = op;
            this.deadline = deadline;
            this.serial = serial;
        }
    }

    IoCalls(Core k, DeviceCalls devices, DeviceCalls.Schedule schedule) {
        this.k = k;
        this.devices = devices;
        this.schedule = schedule;
        // signal(7): select, poll and epoll_wait are never restarted, whatever SA_RESTART says; aio_suspend
        // fails with EINTR too (aio_suspend(3))
        Interrupts.WaitQueue queue = new Interrupts.WaitQueue() {
            @Override
            public void dequeue(Task t, int index) {
                forget(t);
                if (t.blocker == Task.Blocker.EPOLL_WAIT) {
                    epolls.get(index).waiters.remove(t.pid);
                }
            }

            @Override
            public void eintr(Task t, Op op) {
                waits.remove(t.pid);
                Cell result = op instanceof Op.IoModel m ? resultOf(m.call()) : null;
                DeviceCalls.done(t, result, -1);
            }
        };
        k.interrupts().register(Task.Blocker.POLL, queue);
        k.interrupts().register(Task.Blocker.EPOLL_WAIT, queue);
        k.interrupts().register(Task.Blocker.AIO_SUSPEND, queue);
    }

    /** Runs one call for the running {@code t}; false when it went to sleep. */
    public boolean call(Task t, Op.IoModel op) {
        Span at = op.span();
        return op.call().accept(new IoOp.Visitor<Boolean>() {
            @Override
            public Boolean visitSelect(IoOp.Select c) {
                return select(t, op, c, at);
            }

            @Override
            public Boolean visitEpollCreate(IoOp.EpollCreate c) {
                EventPoll ep = new EventPoll(epolls.size());
                int fd = install(t, new OpenFile(ep, true, true, false), at);
                if (fd >= 0) {
                    epolls.add(ep);
                }
                if (c.slot() >= 0) {
                    t.slots[c.slot()] = fd;
                }
                k.facts().record(at, t, k.now(), "epoll_create", fd < 0 ? "fails with EMFILE: every descriptor is in use"
                        : "epoll instance " + ep.id + ": descriptor " + fd, List.of());
                t.next();
                return true;
            }

            @Override
            public Boolean visitEpollCtl(IoOp.EpollCtl c) {
                return epollCtl(t, c, at);
            }

            @Override
            public Boolean visitEpollWait(IoOp.EpollWait c) {
                return epollWait(t, op, c, at);
            }

            @Override
            public Boolean visitFcntl(IoOp.Fcntl c) {
                long fd = FdCalls.fd(t, c.slot(), c.end());
                OpenFile f = t.files.get(fd);
                if (f == null) {
                    return failed(t, c.result(), at, "fcntl", "EBADF: the descriptor is not open");
                }
                CharDevice d = devices.deviceOf(f);
                if (d != null) {
                    d.owners.put(t.pid, at);
                }
                k.facts().record(at, t, k.now(), "fcntl", "O_ASYNC on descriptor " + fd + " (" + f.describe() + "), "
                        + t + " its owner: " + (d != null ? "SIGIO at each arrival"
                        : "no SIGIO will come: fcntl(2) sends it for terminals, sockets, pipes and FIFOs, and oss"
                        + " for declared devices only"), List.of());
                return DeviceCalls.done(t, c.result(), 0);
            }

            @Override
            public Boolean visitAioRead(IoOp.AioRead c) {
                return aioRead(t, c, at);
            }

            @Override
            public Boolean visitAioSuspend(IoOp.AioSuspend c) {
                AioRequest r = request(t, c.requestSlot());
                if (r == null) {
                    return failed(t, c.result(), at, "aio_suspend", "EINVAL: no request of this task is named there");
                }
                if (r.done) {
                    k.facts().record(at, t, k.now(), "aio_suspend", "request " + r.id + " is done: returns at once",
                            List.of());
                    return DeviceCalls.done(t, c.result(), 0);
                }
                k.block(t, Task.Blocker.AIO_SUSPEND, r.id, at, "aio request " + r.id + " on \"" + r.device.path()
                        + "\" (not done yet)");
                return false;
            }

            @Override
            public Boolean visitAioReturn(IoOp.AioReturn c) {
                AioRequest r = request(t, c.requestSlot());
                if (r == null) {
                    return failed(t, c.result(), at, "aio_return", "EINVAL: no request of this task is named there");
                }
                if (!r.done) {
                    return failed(t, c.result(), at, "aio_return", "EINPROGRESS: request " + r.id + " is not done"
                            + " (aio_error would say so); wait with aio_suspend first");
                }
                if (r.returned) {
                    return failed(t, c.result(), at, "aio_return", "a second aio_return of request " + r.id
                            + ": aio_return(3) is to be called once per request, the result is undefined after");
                }
                r.returned = true;
                k.facts().record(at, t, k.now(), "aio_return", "request " + r.id + ": " + DeviceCalls.size(r.result)
                        + " read", List.of());
                return DeviceCalls.done(t, c.result(), r.result);
            }
        });
    }

    // ---- select and poll ----------------------------------------------------------------------------

    private boolean select(Task t, Op.IoModel op, IoOp.Select c, Span at) {
        String call = c.poll() ? "poll" : "select";
        int ready = 0;
        List<CharDevice> watch = new ArrayList<>();
        for (int i = 0; i < c.slots().size(); i++) {
            long fd = FdCalls.fd(t, c.slots().get(i), c.ends().get(i));
            OpenFile f = t.files.get(fd);
            if (f == null || f.device instanceof EventPoll) {
                waits.remove(t.pid);
                return failed(t, c.result(), at, call, f == null ? "EBADF: a descriptor in the set is not open"
                        : "EINVAL: an epoll descriptor is not polled here");
            }
            CharDevice d = devices.deviceOf(f);
            if (d == null || d.ready()) {
                ready++;
            } else {
                watch.add(d);
            }
        }
        return readiness(t, op, call, ready, c.timeoutNs(), c.result(), at, watch, null);
    }

    /**
     * Returns {@code ready} when it is above 0 or the timeout has passed (or is 0); otherwise
     * sleeps on {@code watch} (select, poll) or on {@code ep} (epoll_wait) until an arrival or the
     * timeout.
     */
    private boolean readiness(Task t, Op.IoModel op, String call, int ready, long timeoutNs, Cell result, Span at,
                              List<CharDevice> watch, EventPoll ep) {
        Wait w = waits.get(t.pid);
        if (w != null && w.op != op) {
            waits.remove(t.pid); // a stale record (the task left that call some other way)
            w = null;
        }
        if (ready > 0 || timeoutNs == 0 || w != null && w.expired) {
            waits.remove(t.pid);
            k.facts().record(at, t, k.now(), call, ready > 0 ? ready + " ready" + (ep == null ? "" : " (taken from "
                    + "the ready list)") : "none ready: 0 (" + (timeoutNs == 0 ? "timeout 0 returns at once"
                    : "the timeout passed") + ")", List.of());
            return DeviceCalls.done(t, result, ready);
        }
        if (w == null) {
            w = new Wait(op, timeoutNs < 0 ? -1 : k.now() + timeoutNs, ++serials);
            waits.put(t.pid, w);
            if (w.deadline >= 0) {
                schedule.at(w.deadline, true, t.pid, w.serial);
            }
        }
        if (ep != null) {
            ep.waiters.add(t.pid);
            k.block(t, Task.Blocker.EPOLL_WAIT, ep.id, at, ep.describe(false) + ": nothing ready");
            return false;
        }
        for (CharDevice d : watch) {
            d.pollWait.add(t.pid);
            w.on.add(d);
        }
        k.block(t, Task.Blocker.POLL, t.pid, at, call + " on " + String.join(", ", watch.stream()
                .map(d -> "\"" + d.path() + "\"").toList()) + ": nothing readable");
        return false;
    }

    /** A select, poll or epoll_wait timeout ends: the sleeper runs its call again and returns 0. */
    public boolean timeout(int pid, long serial) {
        Wait w = waits.get(pid);
        Task t = k.task(pid);
        if (w == null || w.serial != serial || !t.alive()
                || t.blocker != Task.Blocker.POLL && t.blocker != Task.Blocker.EPOLL_WAIT) {
            return false;
        }
        w.expired = true;
        forget(t);
        if (t.blocker == Task.Blocker.EPOLL_WAIT) {
            epolls.get(t.blockerIndex).waiters.remove(pid);
        }
        k.wake(t);
        return true;
    }

    /** Takes {@code t} off every poll wait queue it joined (poll_freewait). */
    private void forget(Task t) {
        Wait w = waits.get(t.pid);
        if (w != null) {
            for (CharDevice d : w.on) {
                d.pollWait.remove(t.pid);
            }
            w.on.clear();
        }
    }

    // ---- epoll ----------------------------------------------------------------------------------------

    private boolean epollCtl(Task t, IoOp.EpollCtl c, Span at) {
        OpenFile e = t.files.get(FdCalls.fd(t, c.epSlot(), oss.ir.program.FdOp.PLAIN));
        if (!(e != null && e.device instanceof EventPoll ep)) {
            return failed(t, c.result(), at, "epoll_ctl", e == null ? "EBADF: the epoll descriptor is not open"
                    : "EINVAL: " + e.describe() + " is not an epoll instance");
        }
        long fd = FdCalls.fd(t, c.slot(), c.end());
        OpenFile f = t.files.get(fd);
        if (f == null) {
            return failed(t, c.result(), at, "epoll_ctl", "EBADF: the descriptor is not open");
        }
        if (!c.add()) {
            EventPoll.Item item = ep.interest.remove(fd);
            if (item == null) {
                return failed(t, c.result(), at, "epoll_ctl", "ENOENT: descriptor " + fd + " is not on the interest list");
            }
            ep.ready.remove(item);
            if (item.device != null) {
                item.device.watchers.remove(item);
            }
            k.facts().record(at, t, k.now(), "epoll_ctl", "descriptor " + fd + " off the interest list of "
                    + ep.describe(false), List.of());
            return DeviceCalls.done(t, c.result(), 0);
        }
        if (ep.interest.containsKey(fd)) {
            return failed(t, c.result(), at, "epoll_ctl", "EEXIST: descriptor " + fd + " is already on the interest list");
        }
        CharDevice d = devices.deviceOf(f);
        if (d == null && f.inode != null && f.inode.regular() || f.device instanceof EventPoll) {
            return failed(t, c.result(), at, "epoll_ctl", "EPERM: " + f.describe() + " does not support epoll"
                    + " (epoll_ctl(2): a regular file is always ready)");
        }
        EventPoll.Item item = new EventPoll.Item(ep, fd, d, c.edge());
        ep.interest.put(fd, item);
        if (d != null) {
            d.watchers.add(item);
        }
        // ep_insert polls the file once: one already readable goes on the ready list now, whatever its mode
        if (item.ready()) {
            ep.makeReady(item);
            wakeAll(ep);
        }
        k.facts().record(at, t, k.now(), "epoll_ctl", "descriptor " + fd + " (" + f.describe() + ") watched for input, "
                + (c.edge() ? "edge-triggered" : "level-triggered") + (item.onReady ? "; readable now" : ""), List.of());
        return DeviceCalls.done(t, c.result(), 0);
    }

    private boolean epollWait(Task t, Op.IoModel op, IoOp.EpollWait c, Span at) {
        OpenFile e = t.files.get(FdCalls.fd(t, c.epSlot(), oss.ir.program.FdOp.PLAIN));
        if (!(e != null && e.device instanceof EventPoll ep)) {
            waits.remove(t.pid);
            return failed(t, c.result(), at, "epoll_wait", e == null ? "EBADF: the epoll descriptor is not open"
                    : "EINVAL: " + e.describe() + " is not an epoll instance");
        }
        // ep_send_events: each item on the ready list is polled again; a level-triggered one that is still
        // ready goes back on the list, an edge-triggered one waits for the next arrival
        int n = ep.ready.size();
        int ready = 0;
        for (int i = 0; i < n; i++) {
            EventPoll.Item item = ep.ready.pollFirst();
            item.onReady = false;
            if (item.ready()) {
                ready++;
                if (!item.edge) {
                    ep.makeReady(item);
                }
            }
        }
        return readiness(t, op, "epoll_wait", ready, c.timeoutNs(), c.result(), at, List.of(), ep);
    }

    private void wakeAll(EventPoll ep) {
        int n = ep.waiters.size();
        for (int i = 0; i < n; i++) {
            Task w = k.task(ep.waiters.poll());
            if (w.alive() && w.blocker == Task.Blocker.EPOLL_WAIT && w.blockerIndex == ep.id) {
                k.wake(w);
            }
        }
    }

    // ---- aio --------------------------------------------------------------------------------------------

    private boolean aioRead(Task t, IoOp.AioRead c, Span at) {
        OpenFile f = t.files.get(FdCalls.fd(t, c.slot(), c.end()));
        CharDevice d = devices.deviceOf(f);
        if (f == null || d == null || !f.reads) {
            t.slots[c.requestSlot()] = -1;
            return failed(t, c.result(), at, "aio_read", f == null ? "EBADF: the descriptor is not open"
                    : !f.reads ? "EBADF: not open for reading"
                    : "EINVAL: oss serves aio on declared devices only, not on " + f.describe());
        }
        AioRequest r = new AioRequest(requests.size(), t.pid, d, c.bytes(), c.signal(), at);
        requests.add(r);
        t.slots[c.requestSlot()] = r.id;
        d.aio.addLast(r);
        k.facts().record(at, t, k.now(), "aio_read", "request " + r.id + " queued: " + DeviceCalls.size(c.bytes())
                + " from \"" + d.path() + "\"" + (c.signal() == null ? "" : ", " + c.signal() + " when done"),
                List.of());
        t.next();
        return serve(d, t);
    }

    /**
     * The requests of {@code d} that can complete now do, oldest first; false when the signal one
     * of them sends ended or stopped {@code running}, the task on the CPU (null in an event).
     */
    private boolean serve(CharDevice d, Task running) {
        boolean stays = true;
        while (!d.aio.isEmpty() && d.ready()) {
            AioRequest r = d.aio.pollFirst();
            long n = Math.min(r.bytes, d.buffered);
            d.buffered -= n;
            d.readTotal += n;
            r.result = n;
            r.done = true;
            Task owner = k.task(r.pid);
            if (!owner.alive()) {
                continue;
            }
            k.facts().record(r.at, owner, k.now(), "aio_read", "request " + r.id + " done: " + DeviceCalls.size(n)
                    + " read from \"" + d.path() + "\"", List.of());
            if (owner.blocker == Task.Blocker.AIO_SUSPEND && owner.blockerIndex == r.id) {
                k.wake(owner);
            }
            if (r.signal != null && !k.sendSignal(owner, r.signal, r.at) && owner == running) {
                stays = false;
            }
        }
        return stays;
    }

    private AioRequest request(Task t, int slot) {
        long id = t.slots[slot];
        if (id < 0 || id >= requests.size() || requests.get((int) id).pid != t.pid) {
            return null;
        }
        return requests.get((int) id);
    }

    // ---- what arrivals do --------------------------------------------------------------------------------

    /**
     * Data arrived on {@code d}: aio requests take it first, then the readiness waiters learn of it
     * (select and poll sleepers, epoll ready lists), then the F_SETOWN owners get SIGIO.
     */
    void arrived(CharDevice d) {
        serve(d, null);
        changed(d);
        for (var owner : new ArrayList<>(d.owners.entrySet())) {
            Task t = k.task(owner.getKey());
            if (t.alive()) {
                k.sendSignal(t, Signal.SIGIO, owner.getValue());
            }
        }
    }

    /** {@code d} became readable (data, or end of file): wake who polls it (ep_poll_callback, pollwake). */
    void changed(CharDevice d) {
        // a woken sleeper leaves every queue it joined, this one included: the queue shrinks as it goes
        int n = d.pollWait.size();
        for (int i = 0; i < n && !d.pollWait.isEmpty(); i++) {
            Task w = k.task(d.pollWait.poll());
            if (w.alive() && w.blocker == Task.Blocker.POLL && w.blockerIndex == w.pid) {
                forget(w);
                k.wake(w);
            }
        }
        for (EventPoll.Item item : d.watchers) {
            if (item.ready()) {
                item.owner.makeReady(item);
                wakeAll(item.owner);
            }
        }
    }

    // ---- the end of the run ----------------------------------------------------------------------------

    /**
     * OSS2931 for a task left asleep in epoll_wait while an edge-triggered descriptor on its interest
     * list still has data: the edge came and went, and epoll(7) will not report it again.
     */
    public void leftAtEnd(List<Task> tasks) {
        for (Task t : tasks) {
            if (t == null || !t.alive() || t.blocker != Task.Blocker.EPOLL_WAIT) {
                continue;
            }
            EventPoll ep = epolls.get(t.blockerIndex);
            for (EventPoll.Item item : ep.interest.values()) {
                if (item.edge && item.device != null && item.device.buffered > 0) {
                    Op op = t.current();
                    k.findings().add(Code.EPOLL_ET_STARVED, op == null ? Span.NONE : op.span(), t + " sleeps in"
                            + " epoll_wait for good while " + DeviceCalls.size(item.device.buffered) + " wait unread on \""
                            + item.device.path() + "\" (descriptor " + item.fd + ", edge-triggered): the edge came with"
                            + " data it did not read to the end, and epoll(7) reports it again only when more arrives,"
                            + " which " + (item.device.allArrived() ? "never happens: every delivery has arrived"
                            : "comes too late") + ". Read with `nowait` until -1 (EAGAIN) before waiting again, or"
                            + " drop `et`");
                    break;
                }
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private int install(Task t, OpenFile f, Span at) {
        return t.files.install(f);
    }

    private boolean failed(Task t, Cell result, Span at, String call, String why) {
        if (warned.add(at)) {
            k.findings().add(Code.IO_CALL_FAILED, at, t + ": " + call + " fails with " + why);
        }
        k.facts().record(at, t, k.now(), call, "-1: " + why, List.of());
        t.syscalls.errno(why); // strace's errors column
        return DeviceCalls.done(t, result, -1);
    }

    private static Cell resultOf(IoOp c) {
        return c instanceof IoOp.Select s ? s.result()
                : c instanceof IoOp.EpollWait w ? w.result()
                : c instanceof IoOp.AioSuspend a ? a.result() : null;
    }
}
