package oss.runtime.kernel.locking;

import java.util.List;
import oss.ir.program.Op;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/** Barriers: arrivals sleep until the N-th, which wakes them all and starts the next generation. */
public final class BarrierCalls {
    private final Core k;
    private final Barrier[] barriers;

    public BarrierCalls(Core k, Barrier[] barriers) {
        this.k = k;
        this.barriers = barriers;
    }

    /** {@code barrier b}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean barrierWait(Task t, Op.BarrierWait op) {
        Barrier b = barriers[op.barrier()];
        if (b.released.remove(t.pid)) {
            t.next(); // released while a handler ran: its wait is over
            return true;
        }
        if (b.arrived.contains(t.pid)) {
            // back from a handler that ran during the wait: still counted, it waits again
            k.block(t, Task.Blocker.BARRIER, op.barrier(), op.span(), "barrier " + b.name + " (" + b.arrived.size()
                    + " of " + b.parties + " arrived)");
            return false;
        }
        if (b.arrived.size() + 1 >= b.parties) {
            for (int w = b.arrived.poll(); w >= 0; w = b.arrived.poll()) {
                Task sleeper = k.task(w);
                if (sleeper.blocker != Task.Blocker.BARRIER) {
                    if (sleeper.alive()) {
                        b.released.add(w); // in a handler: it steps past the barrier when it comes back to it
                    }
                    continue;
                }
                sleeper.next();
                k.wake(sleeper);
            }
            b.generation++;
            k.facts().record(op.span(), t, k.now(), "barrier", t + " arrived last: " + b.name + " released its "
                    + b.parties + " parties at " + Core.ms(k.now()) + " (generation " + b.generation + ")", List.of());
            t.next();
            return true;
        }
        b.arrived.add(t.pid);
        t.markStep(); // arriving and leaving are two steps when the arrival has to wait, as in the explorer
        k.block(t, Task.Blocker.BARRIER, op.barrier(), op.span(), "barrier " + b.name + " (" + b.arrived.size()
                + " of " + b.parties + " arrived)");
        return false;
    }

    public void forget(Task t) {
        if (t.blocker == Task.Blocker.BARRIER) {
            barriers[t.blockerIndex].arrived.remove(t.pid);
        }
    }

    /** Whether {@code pid} already sleeps at barrier {@code index}. */
    public boolean waiting(int index, int pid) {
        return barriers[index].arrived.contains(pid);
    }
}
