package oss.runtime.kernel.data;

import java.util.List;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.ir.program.Vals;
import oss.runtime.kernel.Task;
import oss.runtime.observe.ValueEvent;

/**
 * Atomic read-modify-writes and {@code atomic { }} blocks, run with the task's store buffer
 * already drained: they read and write memory directly, in one step. Each atomic access of a
 * variable acquires and releases that variable for the race detector, as C11's sequentially
 * consistent atomics synchronise, and never races with another atomic one.
 */
final class Atomics {
    private final DataHost k;
    private final MemoryOrder mem;
    private final RaceDetector races;
    private final BusyWait busy;
    private final ValueLog log;
    private final Sight sight;

    Atomics(DataHost k, MemoryOrder mem, RaceDetector races, BusyWait busy, ValueLog log, Sight sight) {
        this.k = k;
        this.mem = mem;
        this.races = races;
        this.busy = busy;
        this.log = log;
        this.sight = sight;
    }

    /** The read-modify-write itself, with memory already drained: acquires and releases the cell as C11's seq_cst RMW. */
    void rmw(Task t, Op.Rmw op) {
        Cell c = op.target();
        int i = Vals.index(c, sight.of(t));
        String variable = DataCalls.name(c, i);
        long key = DataCalls.key(c, i, t);
        int operand = op.operand() == null ? 0 : Vals.eval(op.operand(), sight.of(t));
        races.acquire(t, SyncEdges.cell(key));
        int old = mem.committed(key);
        races.read(t, key, variable, op.span(), true);
        busy.read(t, key);
        log.add(op.span(), t.pid, k.now(), ValueEvent.Access.READ, variable, old);
        boolean writes = true;
        int value = switch (op.kind()) {
            case FETCH_ADD -> old + operand;
            case XCHG -> operand;
            case TEST_AND_SET -> 1;
            case CMPXCHG -> {
                writes = old == operand;
                yield writes ? Vals.eval(op.replacement(), sight.of(t)) : old;
            }
        };
        if (writes) {
            races.write(t, key, variable, op.span(), true);
            log.add(op.span(), t.pid, k.now(), ValueEvent.Access.WRITE, variable, value);
            atomicWrite(t, key, variable, value, op.span());
        }
        races.release(t, SyncEdges.cell(key));
        if (op.slot() >= 0) {
            t.slots[op.slot()] = old;
        }
    }

    /**
     * An atomic write goes straight to memory. Writing the value the cell already holds changes
     * nothing another task could see: a test_and_set on a held lock is not an effect, so a loop
     * spinning on it can be parked.
     */
    private void atomicWrite(Task t, long key, String variable, int value, Span at) {
        if (mem.committed(key) != value) {
            t.effects++;
            mem.commit(t, key, variable, value, at);
        }
    }

    /** The body of an atomic block, as one step; the assert that failed in it (then the rest is not run), or null. */
    Op.Assert run(Task t, List<Op> body, Span block) {
        for (Op op : body) {
            Sight.Recorder seen = sight.recording(t);
            if (op instanceof Op.Assign a) {
                int value = Vals.eval(a.value(), seen);
                int i = Vals.index(a.target(), seen);
                noteReads(t, seen, a.span());
                if (a.target().visible()) {
                    writeAtomically(t, a.target(), i, value, a.span());
                } else {
                    t.slots[a.target().base() + i] = value;
                    log.add(a.span(), t.pid, k.now(), ValueEvent.Access.WRITE, DataCalls.name(a.target(), i), value);
                }
            } else if (op instanceof Op.Store s) {
                int value = Vals.eval(s.value(), seen);
                int i = Vals.index(s.target(), seen);
                noteReads(t, seen, s.span());
                writeAtomically(t, s.target(), i, value, s.span());
            } else if (op instanceof Op.Load l) {
                int value = Vals.eval(new oss.ir.program.Val.Read(l.source()), seen);
                noteReads(t, seen, l.span());
                t.slots[l.slot()] = value;
            } else if (op instanceof Op.Rmw r) {
                rmw(t, r);
            } else if (op instanceof Op.If f) {
                boolean holds = Vals.truth(f.condition(), seen);
                noteReads(t, seen, f.span());
                Op.Assert failed = run(t, holds ? f.then() : f.otherwise(), block);
                if (failed != null) {
                    return failed;
                }
            } else if (op instanceof Op.Assert a) {
                boolean holds = Vals.truth(a.condition(), seen);
                noteReads(t, seen, a.span());
                if (!holds) {
                    return a;
                }
            } else {
                throw new IllegalArgumentException("the front end lowers an atomic block to assignments, stores,"
                        + " atomic operations, if and assert only; found " + op + " in the block at " + block);
            }
        }
        return null;
    }

    private void writeAtomically(Task t, Cell c, int i, int value, Span at) {
        String variable = DataCalls.name(c, i);
        long key = DataCalls.key(c, i, t);
        races.acquire(t, SyncEdges.cell(key));
        races.write(t, key, variable, at, true);
        log.add(at, t.pid, k.now(), ValueEvent.Access.WRITE, variable, value);
        atomicWrite(t, key, variable, value, at);
        races.release(t, SyncEdges.cell(key));
    }

    /** The visible cells an atomic block's or await's expression read: atomic reads, each an acquire of its cell. */
    void noteReads(Task t, Sight.Recorder seen, Span at) {
        for (int n = 0; n < seen.count; n++) {
            long key = seen.keys[n];
            races.acquire(t, SyncEdges.cell(key));
            races.read(t, key, seen.names.get(n), at, true);
            busy.read(t, key);
            log.add(at, t.pid, k.now(), ValueEvent.Access.READ, seen.names.get(n), seen.values[n]);
        }
        seen.count = 0;
        seen.names.clear();
    }
}
