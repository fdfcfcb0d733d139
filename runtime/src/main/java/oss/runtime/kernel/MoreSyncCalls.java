package oss.runtime.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import oss.runtime.kernel.sync.Barrier;
import oss.runtime.kernel.sync.CondVar;
import oss.runtime.kernel.sync.RwLock;
import oss.runtime.kernel.sync.SemSet;
import oss.runtime.kernel.sync.SeqLock;
import oss.runtime.kernel.sync.SpinLock;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.ir.program.SyncObjects;

/**
 * The synchronisation primitives beyond mutexes and semaphores (spinlocks,
 * rwlocks, seqlocks, condition variables, barriers, semaphore sets): builds
 * them from the program's declarations and routes each statement, exit and
 * deadlock question to the class that knows that primitive.
 */
final class MoreSyncCalls {
    private final SpinCalls spin;
    private final RwLockCalls rw;
    private final SeqCalls seq;
    private final CondCalls cond;
    private final BarrierCalls barrier;
    private final SemSetCalls semsets;

    MoreSyncCalls(Kernel k, SyncCalls mutexes, SyncObjects decl) {
        this.spin = new SpinCalls(k, decl.spinlocks().stream().map(d -> new SpinLock(d.name()))
                .toArray(SpinLock[]::new));
        this.rw = new RwLockCalls(k, decl.rwlocks().stream().map(d -> new RwLock(d.name(), d.writerPreferring()))
                .toArray(RwLock[]::new));
        this.seq = new SeqCalls(k, decl.seqlocks().stream().map(d -> new SeqLock(d.name())).toArray(SeqLock[]::new));
        this.cond = new CondCalls(k, mutexes, decl.condvars().stream().map(d -> new CondVar(d.name()))
                .toArray(CondVar[]::new));
        this.barrier = new BarrierCalls(k, decl.barriers().stream().map(d -> new Barrier(d.name(), d.parties()))
                .toArray(Barrier[]::new));
        this.semsets = new SemSetCalls(k, decl.semsets().stream().map(d -> new SemSet(d.name(), d.initial()))
                .toArray(SemSet[]::new));
    }

    static boolean handles(Op op) {
        return op instanceof Op.SpinLock || op instanceof Op.SpinUnlock || op instanceof Op.ReadLock
                || op instanceof Op.ReadUnlock || op instanceof Op.WriteLock || op instanceof Op.WriteUnlock
                || op instanceof Op.SeqWrite || op instanceof Op.SeqRead || op instanceof Op.CondWait
                || op instanceof Op.CondSignal || op instanceof Op.CondBroadcast || op instanceof Op.BarrierWait
                || op instanceof Op.SemOp;
    }

    /** Runs one statement; false when {@code t} went to sleep or busy-waits. */
    boolean step(Task t, Op op) {
        if (op instanceof Op.SpinLock || op instanceof Op.SpinUnlock) {
            return spin.step(t, op);
        }
        if (op instanceof Op.SeqWrite || op instanceof Op.SeqRead) {
            return seq.step(t, op);
        }
        if (op instanceof Op.CondWait || op instanceof Op.CondSignal || op instanceof Op.CondBroadcast) {
            return cond.step(t, op);
        }
        if (op instanceof Op.BarrierWait b) {
            return barrier.step(t, b);
        }
        if (op instanceof Op.SemOp s) {
            return semsets.step(t, s);
        }
        return rw.step(t, op);
    }

    /** {@code t} is about to sleep at {@code at}. */
    void sleeping(Task t, Span at, String on) {
        spin.sleeping(t, at, on);
    }

    /** An exiting task: every lock it holds is reported and released. */
    void exited(Task t) {
        spin.exited(t);
        rw.exited(t);
        seq.exited(t);
    }

    /** A task ended while it waited: it leaves the queue it was in. */
    void forget(Task t) {
        spin.forget(t);
        rw.forget(t);
        seq.forget(t);
        cond.forget(t);
        barrier.forget(t);
        semsets.forget(t);
    }

    /**
     * Whether every live task spins or sleeps on something only another task
     * can end: then spinning on would change nothing, and the run stops.
     */
    static boolean allStuck(List<Task> tasks) {
        for (int pid = 2; pid < tasks.size(); pid++) {
            Task t = tasks.get(pid);
            boolean stuck = !t.alive() || (t.spinning && t.blocker != Task.Blocker.NONE)
                    || (t.state == TaskState.SLEEPING && t.blocker != Task.Blocker.TIMER);
            if (!stuck) {
                return false;
            }
        }
        return true;
    }

    /** For the wait-for graph: who could end {@code t}'s wait on one of these primitives. */
    List<Integer> waitsFor(Task t, int taskCount, IntFunction<Task> tasks) {
        List<Integer> out = new ArrayList<>();
        int i = t.blockerIndex;
        switch (t.blocker) {
            case SPINLOCK -> out.add(spin.holder(i));
            case SEQ_SPIN, SEQ_WRITE -> out.add(seq.writer(i));
            case RWLOCK -> out.addAll(rw.waitsFor(t, i));
            case COND -> out.addAll(mayDo(t, taskCount, tasks,
                    op -> op instanceof Op.CondSignal s && s.cond() == i
                            || op instanceof Op.CondBroadcast b && b.cond() == i));
            case BARRIER -> {
                for (int pid : mayDo(t, taskCount, tasks, op -> op instanceof Op.BarrierWait b && b.barrier() == i)) {
                    if (!barrier.waiting(i, pid)) {
                        out.add(pid);
                    }
                }
            }
            case SEMSET -> out.addAll(mayDo(t, taskCount, tasks, op -> op instanceof Op.SemOp s && s.set() == i
                    && java.util.Arrays.stream(s.delta()).anyMatch(d -> d != 0)));
            default -> { }
        }
        out.removeIf(pid -> pid <= 0 || !tasks.apply(pid).alive());
        return out;
    }

    private static List<Integer> mayDo(Task t, int taskCount, IntFunction<Task> tasks,
            java.util.function.Predicate<Op> what) {
        List<Integer> out = new ArrayList<>();
        for (int pid = 2; pid < taskCount; pid++) {
            Task o = tasks.apply(pid);
            if (o != t && o.alive() && o.mayReach(what)) {
                out.add(pid);
            }
        }
        return out;
    }
}
