package oss.runtime.kernel.ipc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oss.ir.diag.Code;
import oss.ir.diag.Findings;
import oss.ir.program.IpcOp;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.runtime.kernel.FactRecorder;
import oss.runtime.kernel.Task;
import oss.runtime.kernel.mm.MemoryManager;
import oss.runtime.kernel.mm.MemorySyscalls.Outcome;
import oss.runtime.kernel.mm.Shmem;

/**
 * System V shared memory (ipc/shm.c: shmget, shmat, shmdt, shmctl IPC_RMID) and POSIX shared
 * memory (shm_open, shm_unlink on /dev/shm) for one run. A segment or object is a named shmem
 * object of the memory manager ({@link Shmem}): its pages are in RAM only, and every process
 * that maps it shares the same frames. These calls are local work like mmap: they cost no time
 * of their own, and {@link Outcome} tells the kernel to go on.
 *
 * <p>Ids are given as Linux since 5.1 gives them (idr_alloc_cyclic in ipc_idr_alloc): 0, 1, 2,
 * ... in a fresh IPC namespace, never reused within a run. A segment marked for removal loses
 * its key at once (a later shmget of the key makes a new one) and is destroyed at its last
 * detach; Linux still lets shmat attach it by id until then.
 */
public final class ShmCalls implements IpcOp.Visitor<Outcome> {
    private static final Outcome DONE = new Outcome(true, 0, 0, null, null);
    private static final long FAILED = -1;

    private final MemoryManager mm;
    private final Findings findings;
    private final FactRecorder facts;
    private final Map<Integer, ShmSegment> byId = new TreeMap<>();
    private final Map<Integer, Span> createdAt = new TreeMap<>();
    /** POSIX names in /dev/shm and the objects they name. */
    private final Map<String, Integer> objects = new TreeMap<>();
    private final Map<String, Span> openedAt = new TreeMap<>();
    private int nextId;
    private Task t;
    private Span span;
    private long now;

    public ShmCalls(MemoryManager mm, Findings findings, FactRecorder facts) {
        this.mm = mm;
        this.findings = findings;
        this.facts = facts;
    }

    /** Runs one shared-memory call of {@code task} at {@code time}. */
    public Outcome call(Task task, Op.Ipc op, long time) {
        this.t = task;
        this.span = op.span();
        this.now = time;
        return op.call().accept(this);
    }

    // ---- System V

    @Override
    public Outcome visitShmGet(IpcOp.ShmGet op) {
        ShmSegment seg = op.key() == 0 ? null : byKey(op.key());
        if (seg != null && op.bytes() > seg.bytes) {
            findings.add(Code.SHM_GET_FAILED, span, String.format("%s: shmget(0x%08x, %d) fails with EINVAL: the"
                    + " segment of that key (shmid %d) has only %d bytes, and an existing segment is never made larger;"
                    + " it returns -1", t, op.key(), op.bytes(), seg.id, seg.bytes));
            store(op.slot(), FAILED);
            return DONE;
        }
        boolean created = seg == null;
        if (created) {
            int object = mm.shmem().create(op.bytes(), String.format("/SYSV%08x (deleted)", op.key()));
            seg = new ShmSegment(op.key(), nextId++, op.bytes(), t.pid, object);
            byId.put(seg.id, seg);
            createdAt.put(seg.id, span);
        }
        store(op.slot(), seg.id);
        facts.record(span, t, now, "shmget", String.format("%s segment key 0x%08x: shmid %d, %d bytes", created
                ? "created" : "found", seg.key, seg.id, seg.bytes), List.of(created ? "no frames yet: its pages are"
                        + " shmem pages in RAM, each made on its first touch" : "made by pid " + seg.creatorPid));
        return DONE;
    }

    @Override
    public Outcome visitShmAt(IpcOp.ShmAt op) {
        ShmSegment seg = live((int) load(op.segment()));
        if (seg == null) {
            findings.add(Code.SHM_BAD_ID, span, t + ": shmat of shmid " + load(op.segment()) + " fails with EINVAL:"
                    + " no such segment (its shmget failed, or it was removed and detached everywhere); it returns"
                    + " (void *) -1, and an access through it is SIGSEGV");
            store(op.slot(), FAILED);
            return DONE;
        }
        int prot = Op.PROT_READ | (op.readOnly() ? 0 : Op.PROT_WRITE);
        long at = mm.shmem().map(t.pid, seg.object, seg.bytes, prot, true, -1);
        if (at < 0) {
            findings.add(Code.SYSCALL_ENOMEM, span, t + ": shmat fails with ENOMEM: no room in the address space for"
                    + " the segment's VMA; it returns (void *) -1 and the process goes on");
            store(op.slot(), FAILED);
            return DONE;
        }
        store(op.slot(), at);
        mm.addressSpace(t.pid).find(at).shmid = seg.id;
        long pages = (seg.bytes + MemoryManager.PAGE_SIZE - 1) / MemoryManager.PAGE_SIZE;
        facts.record(span, t, now, "shmat", String.format("attached shmid %d at %#x (%d pages, %s), nattch %d", seg.id,
                at, pages, op.readOnly() ? "r--s" : "rw-s", nattch(seg)), List.of(mm.shmem().residentPages(seg.object)
                        + " of its pages in RAM now: each first touch here is a minor fault onto the shared frame"));
        return DONE;
    }

    @Override
    public Outcome visitShmDt(IpcOp.ShmDt op) {
        long addr = load(op.slot());
        int object = addr == FAILED ? -1 : mm.shmem().unmap(t.pid, addr);
        if (object < 0) {
            findings.add(Code.SHM_NOT_ATTACHED, span, String.format("%s: shmdt(%#x) fails with EINVAL: no segment is"
                    + " attached at that address; it returns -1", t, addr));
            MsgCalls.set(t, op.result(), -1);
            return DONE;
        }
        MsgCalls.set(t, op.result(), 0);
        ShmSegment seg = ofObject(object);
        if (seg != null) {
            boolean destroyed = seg.removed && gone(seg);
            facts.record(span, t, now, "shmdt", String.format("detached shmid %d, nattch %d%s", seg.id, nattch(seg),
                    destroyed ? ": it was marked for removal, so it is destroyed and its frames freed" : ""), List.of());
        }
        return DONE;
    }

    @Override
    public Outcome visitShmRmid(IpcOp.ShmRmid op) {
        ShmSegment seg = live((int) load(op.slot()));
        if (seg == null) {
            findings.add(Code.SHM_BAD_ID, span, t + ": shmctl(" + load(op.slot()) + ", IPC_RMID) fails with EINVAL:"
                    + " no such segment (never made, or removed and detached everywhere); it returns -1");
            MsgCalls.set(t, op.result(), -1);
            return DONE;
        }
        MsgCalls.set(t, op.result(), 0);
        if (seg.removed) {
            // do_shm_rmid finds it by id until its last detach and marks it again: 0, nothing changes
            facts.record(span, t, now, "shmctl", String.format("shmid %d was already marked for removal: it lives"
                    + " until its last detach, %d attached", seg.id, nattch(seg)), List.of());
            return DONE;
        }
        int attached = nattch(seg); // before it is marked: a removed segment's count includes no reference of its own
        seg.removed = true;
        mm.shmem().release(seg.object);
        facts.record(span, t, now, "shmctl", attached == 0 ? String.format("removed shmid %d: nobody has it attached,"
                + " so it is destroyed now", seg.id) : String.format("marked shmid %d for removal (dest): it lives"
                        + " until its last detach, %d attached", seg.id, attached), List.of());
        return DONE;
    }

    // ---- POSIX

    @Override
    public Outcome visitShmOpen(IpcOp.ShmOpen op) {
        Integer object = objects.get(op.name());
        boolean created = object == null;
        if (created) {
            object = mm.shmem().create(op.bytes(), "/dev/shm" + op.name());
            objects.put(op.name(), object);
            openedAt.put(op.name(), span);
        } else {
            mm.shmem().resize(object, op.bytes()); // ftruncate
        }
        store(op.slot(), object);
        facts.record(span, t, now, "shm_open", String.format("%s /dev/shm%s, %d bytes", created ? "created" : "opened",
                op.name(), op.bytes()), List.of("RAM-backed (tmpfs): no disk behind its pages"));
        return DONE;
    }

    @Override
    public Outcome visitShmUnlink(IpcOp.ShmUnlink op) {
        Integer object = objects.remove(op.name());
        if (object == null) {
            findings.add(Code.SHM_NO_OBJECT, span, t + ": shm_unlink(\"" + op.name() + "\") fails with ENOENT: there is"
                    + " no /dev/shm" + op.name() + "; it returns -1");
            MsgCalls.set(t, op.result(), -1);
            return DONE;
        }
        MsgCalls.set(t, op.result(), 0);
        openedAt.remove(op.name());
        mm.shmem().rename(object, "/dev/shm" + op.name() + " (deleted)");
        int mapped = mm.shmem().users(object) - 1;
        mm.shmem().release(object);
        facts.record(span, t, now, "shm_unlink", mapped == 0 ? "removed /dev/shm" + op.name() + " and freed its pages"
                : "removed the name /dev/shm" + op.name() + "; the object lives while " + mapped + " mapping(s) remain",
                List.of());
        return DONE;
    }

    // ---- what ipcs and the end of the run see

    /** The segments that exist now, by id: ipcs -m's rows. */
    public List<ShmSegment> segments() {
        List<ShmSegment> out = new ArrayList<>();
        for (ShmSegment s : byId.values()) {
            if (!(s.removed && gone(s))) {
                out.add(s);
            }
        }
        return out;
    }

    /** shm_nattch: the VMAs that map the segment. */
    public int nattch(ShmSegment seg) {
        int users = mm.shmem().users(seg.object);
        return Math.max(0, seg.removed ? users : users - 1);
    }

    /** Frames the segment holds now. */
    public long residentPages(ShmSegment seg) {
        return mm.shmem().residentPages(seg.object);
    }

    /**
     * At the end of the run: a segment never removed, or a POSIX name never unlinked, outlives
     * every process (and keeps its RAM), as {@code ipcs -m} and {@code ls /dev/shm} would show.
     */
    public void endOfRun() {
        for (ShmSegment s : segments()) {
            if (!s.removed) {
                findings.add(Code.SHM_LEFT, createdAt.get(s.id), String.format("segment key 0x%08x (shmid %d, %d bytes)"
                        + " is still there at the end of the run, holding %d page(s) of RAM: a System V segment outlives"
                        + " its processes until shmctl IPC_RMID removes it", s.key, s.id, s.bytes, residentPages(s)));
            }
        }
        for (var e : objects.entrySet()) {
            findings.add(Code.SHM_LEFT, openedAt.get(e.getKey()), "/dev/shm" + e.getKey() + " is still there at the end"
                    + " of the run, holding " + mm.shmem().residentPages(e.getValue()) + " page(s) of RAM: a POSIX"
                    + " shared-memory object lives until `shm_unlink \"" + e.getKey() + "\"`");
        }
    }

    private ShmSegment byKey(int key) {
        for (ShmSegment s : byId.values()) {
            if (s.key == key && !s.removed) {
                return s;
            }
        }
        return null;
    }

    /** The segment of that id, unless it was removed and is no longer attached anywhere. */
    private ShmSegment live(int id) {
        ShmSegment s = byId.get(id);
        return s == null || s.removed && gone(s) ? null : s;
    }

    private ShmSegment ofObject(int object) {
        for (ShmSegment s : byId.values()) {
            if (s.object == object) {
                return s;
            }
        }
        return null;
    }

    private boolean gone(ShmSegment s) {
        return mm.shmem().users(s.object) <= 0;
    }

    private void store(int slot, long value) {
        if (slot >= 0) {
            t.slots[slot] = value;
        }
    }

    private long load(int slot) {
        return slot < 0 ? FAILED : t.slots[slot];
    }

    // ---- message queues are msg.c's, not here

    private static Outcome notShm(IpcOp op) {
        throw new IllegalArgumentException("not a shared-memory call: " + op);
    }

    @Override
    public Outcome visitMsgGet(IpcOp.MsgGet op) {
        return notShm(op);
    }

    @Override
    public Outcome visitMsgSnd(IpcOp.MsgSnd op) {
        return notShm(op);
    }

    @Override
    public Outcome visitMsgRcv(IpcOp.MsgRcv op) {
        return notShm(op);
    }

    @Override
    public Outcome visitMsgRmid(IpcOp.MsgRmid op) {
        return notShm(op);
    }

    @Override
    public Outcome visitMqOpen(IpcOp.MqOpen op) {
        return notShm(op);
    }

    @Override
    public Outcome visitMqSend(IpcOp.MqSend op) {
        return notShm(op);
    }

    @Override
    public Outcome visitMqReceive(IpcOp.MqReceive op) {
        return notShm(op);
    }

    @Override
    public Outcome visitMqUnlink(IpcOp.MqUnlink op) {
        return notShm(op);
    }
}
