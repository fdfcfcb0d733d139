package oss.runtime.kernel.locking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.ir.program.SyncObjects;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;
import oss.runtime.observe.TaskState;

/**
 * The locking subsystem (Linux's kernel/locking, with the pthread-level condition variables and
 * barriers): builds every primitive from the program's declarations, hands the system-call table
 * the handler of each, and answers for all of them when a task sleeps, exits or is killed, and
 * when the wait-for graph asks who could end a wait.
 */
public final class Locking {
    private final MutexCalls mutex;
    private final SemaphoreCalls semaphore;
    private final SpinCalls spin;
    private final RwLockCalls rw;
    private final SeqCalls seq;
    private final CondCalls cond;
    private final BarrierCalls barrier;

    public Locking(Core k, Mutex[] mutexes, Semaphore[] semaphores, SyncObjects decl) {
        this.mutex = new MutexCalls(k, mutexes);
        this.semaphore = new SemaphoreCalls(k, semaphores);
        this.spin = new SpinCalls(k, decl.spinlocks().stream().map(d -> new SpinLock(d.name()))
                .toArray(SpinLock[]::new));
        this.rw = new RwLockCalls(k, decl.rwlocks().stream().map(d -> new RwLock(d.name(), d.writerPreferring()))
                .toArray(RwLock[]::new));
        this.seq = new SeqCalls(k, decl.seqlocks().stream().map(d -> new SeqLock(d.name())).toArray(SeqLock[]::new));
        this.cond = new CondCalls(k, mutex, decl.condvars().stream().map(d -> new CondVar(d.name()))
                .toArray(CondVar[]::new));
        this.barrier = new BarrierCalls(k, decl.barriers().stream().map(d -> new Barrier(d.name(), d.parties()))
                .toArray(Barrier[]::new));
    }

    public MutexCalls mutex() {
        return mutex;
    }

    public SemaphoreCalls semaphore() {
        return semaphore;
    }

    public SpinCalls spin() {
        return spin;
    }

    public RwLockCalls rw() {
        return rw;
    }

    public SeqCalls seq() {
        return seq;
    }

    public CondCalls cond() {
        return cond;
    }

    public BarrierCalls barrier() {
        return barrier;
    }

    /** {@code t} is about to sleep at {@code at}. */
    public void sleeping(Task t, Span at, String on) {
        spin.sleeping(t, at, on);
    }

    /** An exiting task: every lock it holds is reported and released. */
    public void exited(Task t) {
        spin.exited(t);
        rw.exited(t);
        seq.exited(t);
    }

    /** A task ended while it waited: it leaves the queue it was in. */
    public void forget(Task t) {
        spin.forget(t);
        rw.forget(t);
        seq.forget(t);
        cond.forget(t);
        barrier.forget(t);
    }

    /**
     * Whether every live task spins or sleeps on something only another task
     * can end: then spinning on would change nothing, and the run stops.
     */
    public static boolean allStuck(List<Task> tasks) {
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
    public List<Integer> waitsFor(Task t, int taskCount, IntFunction<Task> tasks) {
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
            default -> { }
        }
        out.removeIf(pid -> pid <= 0 || !tasks.apply(pid).alive());
        return out;
    }

    /** The live tasks other than {@code t} whose remaining code may still do {@code what}. */
    public static List<Integer> mayDo(Task t, int taskCount, IntFunction<Task> tasks,
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
