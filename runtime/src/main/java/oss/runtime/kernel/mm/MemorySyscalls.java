package oss.runtime.kernel.mm;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oss.ir.diag.Code;
import oss.ir.diag.Findings;
import oss.ir.program.Op;
import oss.ir.program.OpBodies;
import oss.ir.program.Span;
import oss.runtime.kernel.FactRecorder;
import oss.runtime.kernel.Task;
import oss.runtime.kernel.mm.malloc.FreeResult;
import oss.runtime.kernel.mm.replace.FutureReferences;

/**
 * Executes the memory statements of a task on behalf of the {@link Kernel}:
 * mmap, munmap, msync, brk, malloc, free and the loads and stores. It
 * decides; the kernel carries out what the {@link Outcome} says (advance,
 * use CPU time, wait for the disk, or kill with a signal), so the
 * scheduling code stays in one place.
 */
public final class MemorySyscalls {
    private static final long NO_ADDRESS = -1;
    /** Accesses of one statement run between two events at most. */
    private static final long CHUNK = 4096;
    private long now;

    /**
     * What the kernel must do after a memory statement ran.
     *
     * @param done   the statement is complete (else it continues at {@link Task#opProgress})
     * @param burnNs CPU time the accesses cost, to spend before going on
     * @param ioNs   device time to wait for afterwards (a major fault)
     * @param signal a signal that kills the task (SIGSEGV, SIGBUS, SIGKILL), or null
     * @param faultNs the part of burnNs the fault handler ran: system time, not user time
     */
    public record Outcome(boolean done, long burnNs, long ioNs, String signal, String message, long faultNs) {
        static final Outcome DONE = new Outcome(true, 0, 0, null, null);

        public Outcome(boolean done, long burnNs, long ioNs, String signal, String message) {
            this(done, burnNs, ioNs, signal, message, 0);
        }
    }

    /** Accesses made by the last statement: each counts against the run's step budget. */
    private long lastAccesses;

    private final MemoryManager mm;
    private final Findings findings;
    private final FactRecorder facts;
    private final long clockHz;
    /** Where each live malloc block of each process was allocated, for leak reports. */
    private final Map<Integer, Map<Long, Span>> mallocSites = new HashMap<>();

    public MemorySyscalls(MemoryManager mm, Findings findings, FactRecorder facts, long clockHz) {
        this.mm = mm;
        this.findings = findings;
        this.facts = facts;
        this.clockHz = clockHz;
    }

    /** {@code mmap}: what the kernel does, and what it costs the task. */
    public Outcome mmap(Task t, Op.Mmap m) {
        long at;
        if (m.object() >= 0) {
            // a POSIX shared-memory object (the slot holds what shm_open gave): its size by default
            int id = (int) load(t, m.object());
            if (id < 0) {
                findings.add(Code.SHM_BAD_ID, m.span(), t + ": mmap of a descriptor that is not a shared-memory object"
                        + " (EBADF); it returns MAP_FAILED and the process goes on");
                store(t, m.slot(), NO_ADDRESS);
                return Outcome.DONE;
            }
            at = mm.shmem.map(t.pid, id, m.bytes() > 0 ? m.bytes() : mm.shmem.size(id), m.prot(), m.shared(),
                    m.fixedAddress());
        } else if (m.file() >= 0 && m.shared() && (m.prot() & Op.PROT_WRITE) != 0
                && mm.program.files().get(m.file()).readOnly()) {
            // mmap(2): MAP_SHARED with PROT_WRITE needs the file open read/write, which a 0444 file cannot be
            findings.add(Code.FS_CALL_FAILED, m.span(), t + ": mmap fails with EACCES: \""
                    + mm.program.files().get(m.file()).path() + "\" is read-only (declared readonly, mode 0444), so"
                    + " it cannot be mapped shared and writable (mmap(2)); it returns MAP_FAILED (a private,"
                    + " copy-on-write mapping or a read-only one would do)");
            store(t, m.slot(), NO_ADDRESS);
            return Outcome.DONE;
        } else {
            at = mm.mappings.mmap(t.pid, m);
        }
        if (at < 0) {
            findings.add(Code.SYSCALL_ENOMEM, m.span(), t + ": mmap fails with ENOMEM: " + (at
                    == MemoryManager.MMAP_NO_KERNEL_MEMORY ? "the kernel found no frame for the vm_area_struct"
                            : "no gap in the address space is large enough")
                    + "; it returns MAP_FAILED and the process goes on");
            at = NO_ADDRESS;
        } else {
            Vma v = mm.addressSpace(t.pid).find(at);
            facts.record(m.span(), t, now, "mmap", String.format("mapped [%#x, %#x) %s, %d pages", v.start, v.end,
                    v.permissions(), v.pages(MemoryManager.PAGE_SIZE)), List.of("no frames yet: each page"
                    + " comes on its first touch (demand paging)"));
        }
        store(t, m.slot(), at);
        return Outcome.DONE;
    }

    /** {@code munmap}: what the kernel does, and what it costs the task. */
    public Outcome munmap(Task t, Op.Munmap u) {
        long at = load(t, u.slot());
        if (at == NO_ADDRESS || !mm.mappings.munmap(t.pid, at)) {
            findings.add(Code.MUNMAP_NOT_MAPPED, u.span(), t + ": munmap of a region that is not mapped");
        }
        return Outcome.DONE;
    }

    /** {@code msync}: what the kernel does, and what it costs the task. */
    public Outcome msync(Task t, Op.Msync s) {
        // MS_SYNC: the caller waits until every dirty page is on the disk, one transfer each
        long pages = mm.mappings.msync(t.pid, load(t, s.slot()));
        facts.record(s.span(), t, now, "msync", pages + " dirty page(s) written back to the file", List.of());
        return new Outcome(true, 0, pages * mm.diskLatencyNs(), null, null);
    }

    /** {@code brk}: what the kernel does, and what it costs the task. */
    public Outcome brk(Task t, Op.Brk b) {
        long old = mm.mappings.currentBrk(t.pid);
        long result = mm.mappings.brk(t.pid, b.deltaBytes());
        if (result < 0) {
            String why = result == MemoryManager.BRK_BELOW_START
                    ? String.format("the break cannot go below the start of the heap (%#x)", mm.mappings.brkStart(t.pid))
                    : result == MemoryManager.BRK_COLLIDES ? "the heap would run into the next mapping"
                            : "the kernel found no frame for the heap's vm_area_struct";
            findings.add(Code.SYSCALL_ENOMEM, b.span(), String.format("%s: brk(%#x) fails with ENOMEM: %s;"
                    + " the break stays at %#x and the process goes on", t, old + b.deltaBytes(), why, old));
        }
        return Outcome.DONE;
    }

    /** {@code malloc}: what the kernel does, and what it costs the task. */
    public Outcome malloc(Task t, Op.Malloc m) {
        long at = mm.mappings.malloc(t.pid, m.bytes());
        if (at == 0) {
            findings.add(Code.SYSCALL_ENOMEM, m.span(), t + ": malloc(" + m.bytes() + ") returns NULL (errno"
                    + " ENOMEM): " + mm.mappings.mallocRefusal(t.pid) + "; the process goes on, and a use of the pointer"
                    + " is SIGSEGV");
            store(t, m.slot(), NO_ADDRESS);
        } else {
            store(t, m.slot(), at);
            mallocSites.computeIfAbsent(t.pid, p -> new HashMap<>()).put(at, m.span());
            Vma v = mm.addressSpace(t.pid).find(at);
            String from = v == null ? "" : v.kind == Vma.Kind.HEAP ? " in the heap (brk)" : " in its own mmap";
            facts.record(m.span(), t, now, "malloc", String.format("malloc(%d) returned %#x%s", m.bytes(), at, from),
                    List.of());
        }
        return Outcome.DONE;
    }

    /** {@code memaccess}: what the kernel does, and what it costs the task. */
    public Outcome memAccess(Task t, Op.MemAccess a) {
        long base = a.slot() < 0 ? 0 : load(t, a.slot());
        if (a.slot() >= 0 && base == NO_ADDRESS) {
            return neverMapped(t, a.span());
        }
        long count = a.to() <= a.from() ? 1 : (a.to() - a.from()) / Math.max(1, a.step()) + 1;
        return accesses(t, t.cpu, a.span(), count, i -> base + a.from() + i * Math.max(1, a.step()), a.write(),
                FutureReferences.UNKNOWN);
    }

    /** {@code libraryaccess}: what the kernel does, and what it costs the task. */
    public Outcome libraryAccess(Task t, Op.LibraryAccess a) {
        long base = mm.libraryBase(t.pid, a.library());
        if (base < 0) {
            return neverMapped(t, a.span());
        }
        long count = a.to() <= a.from() ? 1 : (a.to() - a.from()) / Math.max(1, a.step()) + 1;
        return accesses(t, t.cpu, a.span(), count,
                i -> base + a.from() + i * Math.max(1, a.step()), a.write(),
                FutureReferences.UNKNOWN);
    }

    /** {@code pagerefs}: what the kernel does, and what it costs the task. */
    public Outcome pageRefs(Task t, Op.PageRefs r) {
        long base = load(t, r.slot());
        if (base == NO_ADDRESS) {
            return neverMapped(t, r.span());
        }
        long[] pages = r.pages();
        long firstVpn = base >>> MemoryManager.PAGE_SHIFT;
        return accesses(t, t.cpu, r.span(), pages.length,
                i -> base + pages[(int) i] * MemoryManager.PAGE_SIZE, r.write(),
                future(pages, firstVpn, t));
    }

    /** {@code touch}: what the kernel does, and what it costs the task. */
    public Outcome touch(Task t, Op.Touch touch) {
        long base = load(t, touch.slot());
        if (base == NO_ADDRESS) {
            return neverMapped(t, touch.span());
        }
        Vma v = base == NO_ADDRESS ? null : mm.addressSpace(t.pid).find(base);
        long start = v == null ? base : v.start;
        long pages = v == null ? 1 : v.pages(MemoryManager.PAGE_SIZE);
        return accesses(t, t.cpu, touch.span(), pages, i -> start + i * MemoryManager.PAGE_SIZE, false,
                FutureReferences.UNKNOWN);
    }


    /** OPT's oracle within a page-reference list: how far ahead each page is used next. */
    private static FutureReferences future(long[] pages, long firstVpn, Task t) {
        return vpn -> {
            for (long i = t.opProgress + 1; i < pages.length; i++) {
                if (firstVpn + pages[(int) i] == vpn) {
                    return i - t.opProgress;
                }
            }
            return Long.MAX_VALUE;
        };
    }

    private interface AddressAt {
        long at(long index);
    }

    /**
     * Runs accesses {@code t.opProgress .. count-1}, stopping early after a
     * major fault (the task then waits for the disk and resumes here) or at a
     * fault that kills it.
     */
    private Outcome accesses(Task t, int cpu, Span span, long count, AddressAt address, boolean write,
            FutureReferences future) {
        long cycles = 0;
        // the fault handler's cycles (a minor, major or COW fault's FAULT_CYCLES) run in the
        // kernel: system time; an access that faulted twice (swapped in, then copied) counts one
        long faultCycles = 0;
        long chunkEnd = t.opProgress + CHUNK;
        while (t.opProgress < count) {
            if (t.opProgress == chunkEnd && cycles > 0) {
                // a long range goes on after this much CPU time: every chunk is an event, so the
                // event budget bounds even `write x[0 .. 1 GiB] step 1 B`, and others get the CPU
                return new Outcome(false, ns(cycles), 0, null, null, faultNs(cycles, faultCycles));
            }
            long va = address.at(t.opProgress);
            if (mm.mappings.inFreedBlock(t.pid, va)) {
                findings.add(Code.USE_AFTER_FREE, span, t + " " + (write ? "writes" : "reads") + " 0x"
                        + Long.toHexString(va) + ", inside a block that was freed");
            }
            MemoryManager.Access a = mm.access(t.pid, cpu, va, write, future);
            facts.accessed(span, t, now, a, write);
            if (a.fault() == MemoryManager.FaultKind.OOM) {
                // Linux's OOM killer would pick a victim by badness; oss ends the task that could not be served
                findings.add(Code.OUT_OF_MEMORY, span, t + ": no frame for 0x" + Long.toHexString(va) + ": "
                        + a.segvReason() + "; the OOM killer ends the process (SIGKILL)");
                return new Outcome(true, 0, 0, "SIGKILL", "out of memory");
            }
            if (a.fault() == MemoryManager.FaultKind.BUS) {
                findings.add(Code.BUS_ERROR, span, t + ": " + (write ? "write to" : "read of") + " 0x"
                        + Long.toHexString(va) + ": " + a.segvReason() + "; the kernel sends SIGBUS and the process dies");
                return new Outcome(true, 0, 0, "SIGBUS", "bus error");
            }
            if (a.fault() == MemoryManager.FaultKind.SEGV) {
                return kill(t, span, "segmentation fault at 0x" + Long.toHexString(va) + ": " + a.segvReason());
            }
            cycles += a.cycles();
            if (a.fault() != MemoryManager.FaultKind.NONE) {
                faultCycles += MemoryManager.FAULT_CYCLES;
            }
            t.opProgress++;
            lastAccesses++;
            if (a.ioNs() > 0) {
                boolean done = t.opProgress >= count;
                return new Outcome(done, ns(cycles), a.ioNs(), null, null, faultNs(cycles, faultCycles));
            }
        }
        return new Outcome(true, ns(cycles), 0, null, null, faultNs(cycles, faultCycles));
    }

    /** The fault handling's share of a burn of {@code cycles}, never more than the burn itself. */
    private long faultNs(long cycles, long faultCycles) {
        return Math.min(ns(cycles), ns(Math.min(cycles, faultCycles)));
    }

    private Outcome neverMapped(Task t, Span span) {
        return kill(t, span, "the region was never mapped (its mmap or malloc failed)");
    }

    private Outcome kill(Task t, Span span, String message) {
        findings.add(Code.SEGFAULT, span, t + ": " + message + "; the kernel sends SIGSEGV and the process dies");
        return new Outcome(true, 0, 0, "SIGSEGV", message);
    }

    /** {@code free}: the block goes back to the user-space allocator. */
    public Outcome free(Task t, Op.Free f) {
        long at = load(t, f.slot());
        if (at == NO_ADDRESS) {
            return Outcome.DONE; // free(NULL) does nothing
        }
        FreeResult r = mm.mappings.free(t.pid, at);
        Map<Long, Span> sites = mallocSites.get(t.pid);
        switch (r) {
            case OK -> {
                if (sites != null) {
                    sites.remove(at);
                }
            }
            case DOUBLE_FREE -> findings.add(Code.DOUBLE_FREE, f.span(), t + " frees 0x" + Long.toHexString(at)
                    + " a second time; glibc would abort here (\"free(): double free detected\", SIGABRT);"
                    + " oss ignores this free and goes on so the rest of the run can be seen");
            case INVALID_POINTER -> findings.add(Code.INVALID_FREE, f.span(), t + " frees 0x" + Long.toHexString(at)
                    + ", which is not the start of a block malloc returned; glibc would abort here (\"free():"
                    + " invalid pointer\"); oss ignores this free and goes on");
        }
        return Outcome.DONE;
    }

    /** A forked child inherits its parent's blocks and their allocation sites. */
    public void forked(int parent, int child) {
        Map<Long, Span> sites = mallocSites.get(parent);
        if (sites != null) {
            mallocSites.put(child, new HashMap<>(sites));
        }
    }

    /** Where a leaked block was allocated, or the process's span when unknown. */
    public Span siteOf(int pid, long address, Span fallback) {
        Map<Long, Span> sites = mallocSites.get(pid);
        Span s = sites == null ? null : sites.get(address);
        return s == null ? fallback : s;
    }

    private static void store(Task t, int slot, long value) {
        if (slot >= 0) {
            t.slots[slot] = value;
        }
    }

    private static long load(Task t, int slot) {
        return slot < 0 ? NO_ADDRESS : t.slots[slot];
    }

    /** Starts a memory statement at {@code now}: the clock its facts are stamped with. */
    public MemorySyscalls at(long now) {
        this.now = now;
        this.lastAccesses = 0;
        return this;
    }

    /** Accesses made by the last statement: each counts against the run's step budget. */
    public long lastAccesses() {
        return lastAccesses;
    }

    /** Cycles at the machine's clock, rounded up to whole nanoseconds. */
    public long ns(long cycles) {
        return cycles <= 0 ? 0 : (cycles * 1_000_000_000L + clockHz - 1) / clockHz;
    }

    /**
     * Whether a program needs the memory model at all; scheduling-only scenarios skip it. Every
     * nested body counts (a brk inside seq_write or a branch of choose was once missed: the run had
     * no memory manager and the statement failed).
     */
    public static boolean uses(List<Op> ops) {
        for (Op op : ops) {
            if (op.accept(NeedsMemory.INSTANCE)) {
                return true;
            }
            for (List<Op> body : OpBodies.of(op)) {
                if (uses(body)) {
                    return true;
                }
            }
        }
        return false;
    }
}
