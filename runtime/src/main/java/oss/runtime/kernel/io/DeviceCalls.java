package oss.runtime.kernel.io;

import java.util.List;
import java.util.TreeMap;
import oss.ir.program.Cell;
import oss.ir.program.DeviceDecl;
import oss.ir.program.FdOp;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Interrupts;
import oss.runtime.kernel.Task;
import oss.runtime.kernel.fs.OpenFile;

/**
 * A character device's driver: open, read and write on it (the descriptor calls of
 * {@code kernel.fs} hand them here when the path or the open file is a device's), and a
 * delivery's arrival, which the kernel's event loop reports at the time {@link DeviceDecl#readableAt}
 * says. read(2): it sleeps (state S) while nothing is buffered and more is to come; then it takes
 * min(size asked, bytes buffered); with O_NONBLOCK or {@code nowait} it fails with EAGAIN instead
 * of sleeping; once every delivery has arrived and been read it returns 0, end of file.
 */
public final class DeviceCalls {
    private final Core k;
    private final CharDevice[] devices;
    /** By path, for open: the names under /dev the scenario declares. */
    private final TreeMap<String, CharDevice> byPath = new TreeMap<>();

    /** The readiness and aio calls, which arrivals wake. */
    private final IoCalls io;

    public DeviceCalls(Core k, List<DeviceDecl> decls, Schedule schedule) {
        this.k = k;
        this.io = new IoCalls(k, this, schedule);
        this.devices = new CharDevice[decls.size()];
        for (int i = 0; i < devices.length; i++) {
            devices[i] = new CharDevice(i, decls.get(i));
            byPath.put(decls.get(i).path(), devices[i]);
        }
        // a device's read is restarted after a handler with SA_RESTART, else EINTR (signal(7): "read(2)
        // ... calls on 'slow' devices")
        k.interrupts().register(Task.Blocker.DEVICE_READ, new Interrupts.WaitQueue() {
            @Override
            public void dequeue(Task t, int index) {
                devices[index].readWait.remove(t.pid);
            }

            @Override
            public void eintr(Task t, Op op) {
                if (op instanceof Op.Fd fd && fd.call() instanceof FdOp.Read r) {
                    zeroGot(t, r);
                    t.syscalls.errno("EINTR");
                    done(t, r.result(), -1);
                } else {
                    t.next();
                }
            }
        });
    }

    /**
     * The kernel's event queue as this subsystem uses it: an arrival ({@code timeout} false: target
     * the device, generation the delivery) or the end of a select, poll or epoll_wait timeout
     * ({@code timeout} true: target the pid, generation the wait's serial number).
     */
    public interface Schedule {
        void at(long ns, boolean timeout, int target, long generation);
    }

    /** Every arrival of the run, scheduled at boot. */
    public void boot(Schedule schedule) {
        for (CharDevice d : devices) {
            for (int i = 0; i < d.decl.sendNs().size(); i++) {
                schedule.at(d.decl.readableAt(i), false, d.id, i);
            }
        }
    }

    /** The select, poll, epoll, fcntl and aio calls. */
    public IoCalls io() {
        return io;
    }

    /**
     * The device a read of {@code f} reads: its own, or, for the terminal that stdin holds, the
     * scenario's "/dev/tty" device when it declares one; null otherwise.
     */
    public CharDevice deviceOf(OpenFile f) {
        if (f == null) {
            return null;
        }
        if (f.device instanceof CharDevice d) {
            return d;
        }
        return f.inode != null && !f.inode.regular() ? byPath.get(f.inode.path()) : null;
    }

    /** The device named {@code path}, or null: open(2) of it is this driver's. */
    public CharDevice lookup(String path) {
        return byPath.get(path);
    }

    /** Every device, in declaration order, for views. */
    public List<CharDevice> all() {
        return List.of(devices);
    }

    /**
     * Delivery {@code delivery} of device {@code id} is readable now: its bytes join the buffer and
     * every reader asleep on it runs its read again. False when no task is left to read it, so that
     * an arrival after the last exit does not make the run longer.
     */
    public boolean arrive(int id, int delivery, boolean anyoneAlive) {
        CharDevice d = devices[id];
        if (delivery < d.arrived) {
            return anyoneAlive; // a replayed schedule's step brought it in already
        }
        if (replaying) {
            held.add(new int[] {id, delivery});
            return anyoneAlive;
        }
        d.arrived = Math.max(d.arrived, delivery + 1);
        d.buffered += d.decl.sizeBytes();
        io.arrived(d); // aio requests take their share first: they were queued before any reader woke
        wakeReaders(d);
        return anyoneAlive;
    }

    /**
     * While a schedule is replayed (oss run --schedule, a witness of the explorer), deliveries come
     * when its {@code device "PATH" delivers} steps say, not at their times: the explorer has no
     * clock, and its schedule may have a device deliver before or after its time. Arrivals due
     * meanwhile wait in {@code held}, in order, until the replay is over.
     */
    private boolean replaying;
    private final java.util.List<int[]> held = new java.util.ArrayList<>();

    /** A replay starts: arrivals wait for the schedule's delivery steps. */
    public void holdForReplay() {
        replaying = true;
    }

    /** The replay is over: the arrivals due meanwhile (and not brought in by a step) come now, in order. */
    public void replayOver() {
        if (!replaying) {
            return;
        }
        replaying = false;
        for (int[] h : held) {
            arrive(h[0], h[1], true);
        }
        held.clear();
    }

    /** A schedule's delivery step: the device's next delivery arrives now. Null, or why it cannot. */
    public String deliverNext(String path) {
        CharDevice d = byPath.get(path);
        if (d == null) {
            return "the scenario declares no device \"" + path + "\"";
        }
        if (d.allArrived()) {
            return "every delivery of \"" + path + "\" has arrived already";
        }
        boolean was = replaying;
        replaying = false;
        arrive(d.id, d.arrived, true);
        replaying = was;
        return null;
    }

    private void wakeReaders(CharDevice d) {
        int n = d.readWait.size();
        for (int i = 0; i < n; i++) {
            Task w = k.task(d.readWait.poll());
            if (w.alive() && w.blocker == Task.Blocker.DEVICE_READ && w.blockerIndex == d.id) {
                k.wake(w);
            }
        }
    }

    /** open(2) of a device: a descriptor for it, with O_NONBLOCK kept in the open file. */
    public OpenFile open(Task t, FdOp.Open op, Span at) {
        CharDevice d = byPath.get(op.path());
        int mode = op.flags() & 3;
        return new OpenFile(d, mode != FdOp.O_WRONLY, mode != FdOp.O_RDONLY, (op.flags() & FdOp.O_NONBLOCK) != 0);
    }

    /**
     * read(2) of device {@code d} through the open file {@code f} (its own, or the terminal's that
     * stdin holds when {@code d} is "/dev/tty"); false when the reader went to sleep.
     */
    public boolean read(Task t, CharDevice d, OpenFile f, FdOp.Read op, Span at) {
        zeroGot(t, op);
        if (d == null) {
            k.facts().record(at, t, k.now(), "read", f.describe() + " cannot be read: -1 (EINVAL)", List.of());
            return done(t, op.result(), -1);
        }
        if (!f.reads) {
            k.facts().record(at, t, k.now(), "read", "\"" + d.path() + "\" is open for writing only: -1 (EBADF)",
                    List.of());
            t.syscalls.errno("EBADF");
            return done(t, op.result(), -1);
        }
        if (op.bytes() == 0) {
            return done(t, op.result(), 0);
        }
        if (d.buffered > 0) {
            long n = Math.min(op.bytes(), d.buffered);
            d.buffered -= n;
            d.readTotal += n;
            k.facts().record(at, t, k.now(), "read", "\"" + d.path() + "\": " + size(n) + " read, " + size(d.buffered)
                    + " left buffered (" + d.arrived + " of " + d.decl.sendNs().size() + " deliveries arrived)",
                    List.of());
            if (d.buffered == 0 && d.allArrived()) {
                wakeReaders(d); // the others now read end of file
                io.changed(d);
            }
            return done(t, op.result(), n);
        }
        if (d.allArrived()) {
            k.facts().record(at, t, k.now(), "read", "\"" + d.path() + "\": end of file (0 bytes): every delivery has"
                    + " arrived and been read", List.of());
            return done(t, op.result(), 0);
        }
        if (op.nowait() || f.nonblock) {
            k.facts().record(at, t, k.now(), "read", "\"" + d.path() + "\" has nothing to read: -1 (EAGAIN) instead of"
                    + " waiting", List.of());
            t.syscalls.errno("EAGAIN");
            return done(t, op.result(), -1);
        }
        d.readWait.add(t.pid);
        k.block(t, Task.Blocker.DEVICE_READ, d.id, at, "\"" + d.path() + "\" (nothing arrived yet)");
        return false;
    }

    /** write(2) to a device: the driver sends it on (a network interface transmits); nothing here reads it back. */
    public boolean write(Task t, OpenFile f, FdOp.Write op, Span at) {
        if (!(f.device instanceof CharDevice d)) {
            k.facts().record(at, t, k.now(), "write", f.describe() + " cannot be written: -1 (EINVAL)", List.of());
            return done(t, op.result(), -1);
        }
        if (!f.writes) {
            k.facts().record(at, t, k.now(), "write", "\"" + d.path() + "\" is open for reading only: -1 (EBADF)",
                    List.of());
            t.syscalls.errno("EBADF");
            return done(t, op.result(), -1);
        }
        k.facts().record(at, t, k.now(), "write", "\"" + d.path() + "\": " + size(op.bytes()) + " sent", List.of());
        return done(t, op.result(), op.bytes());
    }

    /** For the wait-for graph's message: what a reader asleep on a device waits for. */
    public String waitingFor(Task t) {
        CharDevice d = devices[t.blockerIndex];
        return "\"" + d.path() + "\": " + d.arrived + " of " + d.decl.sendNs().size() + " deliveries arrived";
    }

    CharDevice device(int id) {
        return devices[id];
    }

    private static void zeroGot(Task t, FdOp.Read op) {
        if (op.got() != null) {
            t.slots[op.got().base()] = 0; // contents are not simulated: no value arrives
        }
    }

    static boolean done(Task t, Cell result, long value) {
        t.syscalls.returned(value); // strace's result and errors column
        if (result != null) {
            t.slots[result.base()] = (int) value;
        }
        t.next();
        return true;
    }

    static String size(long b) {
        if (b >= 1024 && b % 1024 == 0) {
            return b / 1024 + " KiB";
        }
        return b + " B";
    }
}
