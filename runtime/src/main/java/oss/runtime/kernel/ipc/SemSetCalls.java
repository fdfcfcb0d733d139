package oss.runtime.kernel.ipc;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import oss.ir.program.Op;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;
import oss.runtime.kernel.locking.Locking;

/**
 * System V semop: all of a semop's operations apply at once or it sleeps
 * in the set's FIFO queue; after every semop that applied, the sleepers are
 * tried again from the oldest, as often as one of them gets through.
 */
public final class SemSetCalls {
    private final Core k;
    private final SemSet[] sets;

    public SemSetCalls(Core k, SemSet[] sets) {
        this.k = k;
        this.sets = sets;
    }

    /** {@code semop s[i] +-n, ...}; false when {@code t} left the CPU (it sleeps or busy-waits). */
    public boolean semOp(Task t, Op.SemOp op) {
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

    public void forget(Task t) {
        if (t.blocker == Task.Blocker.SEMSET) {
            sets[t.blockerIndex].waiters.remove(t.pid);
        }
    }

    /** The values of set {@code index} now. */
    public int[] values(int index) {
        return sets[index].values.clone();
    }

    /** For the wait-for graph: who could end {@code t}'s semop on set {@code t.blockerIndex}. */
    public List<Integer> waitsFor(Task t, int taskCount, IntFunction<Task> tasks) {
        int i = t.blockerIndex;
        List<Integer> out = Locking.mayDo(t, taskCount, tasks, op -> op instanceof Op.SemOp s && s.set() == i
                && java.util.Arrays.stream(s.delta()).anyMatch(d -> d != 0));
        out.removeIf(pid -> pid <= 0 || !tasks.apply(pid).alive());
        return out;
    }
}
