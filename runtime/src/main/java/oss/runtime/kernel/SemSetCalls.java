package oss.runtime.kernel;

import java.util.Arrays;
import oss.runtime.kernel.sync.SemSet;
import oss.ir.program.Op;

/**
 * System V semop: all of a semop's operations apply at once or it sleeps
 * in the set's FIFO queue; after every semop that applied, the sleepers are
 * tried again from the oldest, as often as one of them gets through.
 */
final class SemSetCalls {
    private final Kernel k;
    private final SemSet[] sets;

    SemSetCalls(Kernel k, SemSet[] sets) {
        this.k = k;
        this.sets = sets;
    }

    boolean step(Task t, Op.SemOp op) {
        SemSet s = sets[op.set()];
        int[] after = s.after(op.index(), op.delta());
        if (after != null) {
            System.arraycopy(after, 0, s.values, 0, after.length);
            t.next();
            retry(s);
            return true;
        }
        s.waiters.add(t.pid);
        k.block(t, Task.Blocker.SEMSET, op.set(), op.span(), "semaphore set " + s.name + " (values "
                + Arrays.toString(s.values) + ")");
        return false;
    }

    private void retry(SemSet s) {
        boolean again = true;
        while (again) {
            again = false;
            for (int pid : s.waiters) {
                Task w = k.task(pid);
                Op.SemOp op = (Op.SemOp) w.current();
                int[] after = s.after(op.index(), op.delta());
                if (after != null) {
                    System.arraycopy(after, 0, s.values, 0, after.length);
                    s.waiters.remove(pid);
                    w.next();
                    k.wake(w);
                    again = true;
                    break;
                }
            }
        }
    }

    void forget(Task t) {
        if (t.blocker == Task.Blocker.SEMSET) {
            sets[t.blockerIndex].waiters.remove(t.pid);
        }
    }

    /** The values of set {@code index} now. */
    int[] values(int index) {
        return sets[index].values.clone();
    }
}
