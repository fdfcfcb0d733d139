package oss.runtime.kernel;

import oss.runtime.observe.TaskState;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import oss.runtime.kernel.sched.SchedEntity;
import oss.ir.program.Op;
import oss.ir.program.SchedPolicy;
import oss.ir.program.Span;

/**
 * A task_struct: identity, family, state, the program counter into its ops
 * and the accounting ps and the textbooks report. The kernel changes it; it
 * only knows how to step through its own code.
 */
public final class Task {
    public final int pid;
    public int ppid;
    /** The declared process this task is (a forked child carries its parent's). */
    public final String process;
    public final boolean forked;
    /** Thread group id (the pid of the process's main task); a thread shares its creator's. */
    public int tgid;
    /**
     * Threads ever created in the group this task leads: exit_group and de_thread look for the
     * others only when there are some, so a loop of forks does not scan every task per exit.
     */
    public int threadsCreated;
    /** What ps shows as the command: the process name until an exec replaces it with the program's. */
    public String comm;
    public final SchedEntity se;
    public final List<Integer> children = new ArrayList<>();
    public final long[] slots;

    public TaskState state = TaskState.NEW;
    public int cpu = -1;
    public long arrivalNs;
    public long firstRunNs = -1;
    public long finishNs = -1;
    public long cpuNs;
    public long waitingNs;
    /** When it last entered the run queue. */
    public long queuedAt;
    public int voluntary;
    /** When it last lost its CPU, to tell a real switch from being put back and picked again. */
    public long preemptedAt = -1;
    public int involuntary;
    public int exitStatus = -1;

    /** Where and on what it sleeps; null while not blocked. */
    public Span blockedAt;
    public String blockedOn;
    /** When it last went to sleep, for "waited N ms" facts. */
    public long blockedSince;
    /** When a sleep or I/O ends; its text is only built when a report asks (formatting costs more than simulating). */
    public long blockedUntil;
    /** The object it sleeps on, for the end-of-run wait-for graph. */
    public Blocker blocker = Blocker.NONE;
    public int blockerIndex = -1;
    /** The exit statement or last op, for "exited holding a lock". */
    public Span exitedAt = Span.NONE;

    /** Remaining ns of the compute op being executed; valid while {@link #inCompute}. */
    public long computeLeft;
    public boolean inCompute;
    /**
     * The CPU time being used is the cost of memory accesses already done
     * (TLB, walks, caches), not a compute statement: when it ends the same
     * statement continues at {@link #opProgress} instead of the next one.
     */
    public boolean burning;
    /** Device time owed once the burn ends (a major fault). */
    public long pendingIoNs;
    /** Index of the next access within a multi-access statement (a range or a page list). */
    public long opProgress;
    /** The signal that killed it, or null. */
    /** What the kernel found no frame for when creating this declared process (it then ends at arrival), or null. */
    public String cannotStart;
    /** Since when it sleeps or is blocked (-1 while not), and on what: for the run's wait spans. */
    long waitingSince = -1;
    String waitingOn;
    public String signal;
    public Span signalAt;
    /** A vfork child: its parent sleeps until it execs or exits. */
    public boolean vforkChild;

    private final ArrayList<Frame> frames = new ArrayList<>();
    private static final Map<List<Op>, Long> BODY_BURST = new IdentityHashMap<>();

    /** What a sleeping task waits for. */
    public enum Blocker {
        NONE, TIMER, IO, MUTEX, SEMAPHORE, RESOURCE, CHILD, ANY_CHILD, VFORK,
        /** Busy-waiting on a spinlock: RUNNING or RUNNABLE, never asleep. */
        SPINLOCK,
        /** Busy-waiting in read_seqbegin while a writer is inside. */
        SEQ_SPIN,
        RWLOCK, SEQ_WRITE, COND, BARRIER, SEMSET,
        /** Asleep in {@code await} until a store makes its condition true. */
        AWAIT,
        /** Asleep in msgsnd, msgrcv, mq_send or mq_receive (docs/language.md, "Message queues"). */
        MSGSND, MSGRCV, MQ_SEND, MQ_RECEIVE,
        /** Busy-waiting in a data loop whose rounds change nothing until another task stores to what it reads. */
        DATA_SPIN,
        /** In {@code pause} or {@code sigsuspend}: only a signal ends it. */
        PAUSE,
        /** pipe_read on an empty pipe, pipe_write on a full one, fifo_open waiting for the other end (fs/pipe.c). */
        PIPE_READ, PIPE_WRITE, FIFO_OPEN,
        /** read(2) of a device with nothing buffered and more to come (kernel.io). */
        DEVICE_READ,
        /** In select or poll (blocker index: its own pid), in epoll_wait (the epoll instance), in aio_suspend (the request). */
        POLL, EPOLL_WAIT, AIO_SUSPEND;

        /**
         * What a handled signal does to a task asleep here (signal(7), "Interruption of system calls
         * and library functions by signal handlers"); a new constant must say which
         * (docs/architecture.md, "Interrupted sleeps"):
         * <ul>
         * <li>NONE: the handler waits until the sleep is over. The D state of {@code io}
         * (TASK_UNINTERRUPTIBLE); a vfork parent (TASK_KILLABLE: only a fatal signal ends it); the
         * banker's resources, which no Linux call has. The spinlock and the seqlock are the
         * kernel's (kernel/locking: a holder must not sleep): their spinners are in the kernel,
         * and a signal is acted on at the return to user mode, once the lock is held, which is
         * what oss does. A data loop that spins is no sleep either but user-space code running:
         * a signal reaches it as any running task, sent back through the scheduler, which takes
         * it out of its park, so the handler runs at once and the loop then goes round
         * again.</li>
         * <li>RESTART: starts again after the handler with SA_RESTART, fails with EINTR
         * without.</li>
         * <li>EINTR: never restarted, fails with EINTR.</li>
         * <li>RESUME: the futex-based waits of pthread_mutex_lock, pthread_rwlock_*lock,
         * pthread_cond_wait and pthread_barrier_wait. futex_wait returns to user space, the handler
         * runs, and the C library loops into futex_wait again, whatever SA_RESTART says. A mutex
         * or rwlock waiter leaves the futex queue, so it queues again at the tail (a later
         * locker that queued meanwhile gets the lock first). A condition variable waiter keeps
         * its place (glibc orders waiters by the sequence number taken on entry, and a signal sent
         * while the handler runs is consumed when it returns: it waits again only if none was),
         * and so does a barrier arrival (the count already holds it); pthread_cond_wait could
         * also return as a spurious wake-up, oss chooses "waits again". And {@code await}: a
         * busy-wait, running code in Linux, modelled as a sleep until a store; the handler runs
         * at once and the loop then checks its condition again.</li>
         * </ul>
         */
        public Interruption interruption() {
            return switch (this) {
                // signal(7): System V IPC is never restarted; pipes, a FIFO's open and POSIX message queues
                // are restarted with SA_RESTART
                // and select, poll, epoll_wait (signal(7)) and aio_suspend (aio_suspend(3)) never are
                case TIMER, SEMSET, PAUSE, MSGSND, MSGRCV, POLL, EPOLL_WAIT, AIO_SUSPEND -> Interruption.EINTR;
                case CHILD, ANY_CHILD, SEMAPHORE, PIPE_READ, PIPE_WRITE, FIFO_OPEN, MQ_SEND, MQ_RECEIVE,
                        DEVICE_READ ->
                        Interruption.RESTART;
                case MUTEX, RWLOCK, COND, BARRIER, AWAIT -> Interruption.RESUME;
                case NONE, IO, RESOURCE, VFORK, SPINLOCK, SEQ_SPIN, SEQ_WRITE, DATA_SPIN -> Interruption.NONE;
            };
        }
    }

    /** See {@link Blocker#interruption()}. */
    public enum Interruption { NONE, RESTART, EINTR, RESUME }

    /** Its signals (pending, blocked, dispositions); null until a signal or a signal call concerns it. */
    public oss.runtime.kernel.signal.SigState sig;

    /** Its open descriptors (files_struct): its own, or shared with its threads and {@code clone files}. */
    public oss.runtime.kernel.fs.FdTable files = new oss.runtime.kernel.fs.FdTable();
    /** Bytes of its current pipe write already in the pipe (a write above PIPE_BUF goes in pieces). */
    public long pipeWritten;

    /** Busy-waiting (spinlock or seqlock reader): CPU time charged meanwhile is spin time. */
    public boolean spinning;
    /** CPU time burnt busy-waiting. */
    public long spinNs;
    /** The spinlock handed to it while it spun, taken when it next runs; -1 when none. */
    public int handedSpin = -1;
    /** Spinlocks it holds, for "slept holding a spinlock". */
    public int spinlocksHeld;
    /** Times a seq_read body ran again because a writer changed the sequence. */
    public int seqRetries;
    /** In cond_wait: released the mutex and waits on the condition (or was woken and must re-acquire). */
    public boolean condWaiting;
    /**
     * Increases whenever the task moves on in its code (or marks the first
     * half of a two-step statement): a replayed schedule counts a visible
     * statement as done when this moved.
     */
    public long progress;
    /** Statements stepped past: a call entered again without one more is the same call, woken (issue 15, syscalls). */
    public long nexts;
    public final oss.runtime.kernel.syscall.SyscallCounts syscalls = new oss.runtime.kernel.syscall.SyscallCounts();
    /**
     * Whose slots hold this task's group variables (docs/language.md, "Shared data"): its own, or
     * for a thread its thread group leader's, as in the explorer. A vfork child and a
     * {@code clone vm} child are groups of their own and keep copies.
     */
    public int dataHome;
    /**
     * Counts what the task did that a busy-wait round must not repeat for free: system calls,
     * stores, atomic writes. A loop round that moved none of this, changed no slot and read no
     * newly stored value would go round the same way again.
     */
    public long effects;
    /** The synchronisation object whose release it waits to acquire (happens-before), or -1. */
    public long pendingAcquire = -1;
    /** The loop whose body just started a new round, for the busy-wait check; null when none. */
    private Op.Loop wrapped;

    /** One level of the op stack: the body, the position in it, and how many passes are left (repeat). */
    private static final class Frame {
        final List<Op> ops;
        int index;
        long passes;
        /** For the body of a seq_write / seq_read: the statement that finishes when the body ends. */
        Op closer;
        /** The sequence a seq_read body began with. */
        long mark;
        /** For a loop's body: the loop (it runs until a break leaves it) and what its last round began with. */
        Op.Loop loop;
        Object roundMark;

        Frame(List<Op> ops, long passes) {
            this.ops = ops;
            this.passes = passes;
        }
    }

    public Task(int pid, int ppid, String process, boolean forked, SchedEntity se, List<Op> body, long[] slots) {
        this.pid = pid;
        this.ppid = ppid;
        this.process = process;
        this.forked = forked;
        this.comm = process;
        this.tgid = pid;
        this.dataHome = pid;
        this.se = se;
        this.slots = slots;
        if (!body.isEmpty()) {
            frames.add(new Frame(body, 1));
        }
    }

    /** What it waits for, in words; null when it is not blocked. */
    public String describeBlock() {
        if (blockedOn != null) {
            return blockedOn;
        }
        return switch (blocker) {
            case TIMER -> "its sleep to end at " + oss.runtime.observe.Durations.format(blockedUntil);
            case IO -> "I/O to complete at " + oss.runtime.observe.Durations.format(blockedUntil);
            default -> null;
        };
    }

    public boolean realTime() {
        return se.policy != SchedPolicy.NORMAL;
    }

    public boolean alive() {
        return state != TaskState.ZOMBIE && state != TaskState.DEAD;
    }

    /** The op to execute next, entering and leaving repeat bodies as needed; null at the end of the code. */
    public Op current() {
        while (!frames.isEmpty()) {
            Frame f = frames.get(frames.size() - 1);
            if (f.index < f.ops.size()) {
                Op op = f.ops.get(f.index);
                if (op instanceof Op.Repeat r) {
                    if (r.count() <= 0 || r.body().isEmpty()) {
                        f.index++;
                        continue;
                    }
                    frames.add(new Frame(r.body(), r.count()));
                    continue;
                }
                return op;
            }
            if (f.closer != null) {
                return f.closer; // the body is done: its statement finishes (see atBodyEnd)
            }
            if (f.loop != null) {
                f.index = 0;
                wrapped = f.loop; // never empty (enterLoop), so this ends at the body's first op
                continue;
            }
            if (--f.passes > 0) {
                f.index = 0;
                continue;
            }
            frames.remove(frames.size() - 1);
            if (!frames.isEmpty()) {
                frames.get(frames.size() - 1).index++;
            }
        }
        return null;
    }

    /** Steps past the current op. */
    public void next() {
        if (syscalls.calling() != null) {
            syscalls.stepped(this, current()); // the call ends: its result, its errors (issue 15, syscalls)
        }
        nexts++;
        frames.get(frames.size() - 1).index++;
        inCompute = false;
        progress++;
    }

    /** The first half of a two-step statement is done (a replayed schedule counts it). */
    public void markStep() {
        progress++;
    }

    /** Runs {@code body} of statement {@code closer}; when it ends, {@link #current()} returns {@code closer} again. */
    public void enterBody(Op closer, List<Op> body, long mark) {
        Frame f = new Frame(body, 1);
        f.closer = closer;
        f.mark = mark;
        frames.add(f);
        progress++;
    }

    /** Whether the current op is the closing half of a statement whose body just ended. */
    public boolean atBodyEnd() {
        if (frames.isEmpty()) {
            return false;
        }
        Frame f = frames.get(frames.size() - 1);
        return f.closer != null && f.index >= f.ops.size();
    }

    /** The mark given to {@link #enterBody} for the innermost body. */
    public long bodyMark() {
        return frames.get(frames.size() - 1).mark;
    }

    /** The closing half is done: step past the statement. */
    public void leaveBody() {
        frames.remove(frames.size() - 1);
        frames.get(frames.size() - 1).index++;
        progress++;
    }

    /** The closing half sends the task back to the statement's start (read_seqretry said retry). */
    public void leaveBodyToRetry() {
        frames.remove(frames.size() - 1);
        progress++;
    }

    /** exec: the old code is gone; {@code body} runs from its start. */
    public void replaceBody(List<Op> body) {
        frames.clear();
        if (!body.isEmpty()) {
            frames.add(new Frame(body, 1));
        }
        inCompute = false;
        burning = false;
        opProgress = 0;
        progress++;
    }

    /** Enters a loop's body (not empty), which runs round after round until a {@link #breakLoop}. */
    public void enterLoop(Op.Loop loop) {
        if (loop.body().isEmpty()) {
            throw new IllegalArgumentException("an empty loop never ends and does nothing: the kernel parks it instead");
        }
        Frame f = new Frame(loop.body(), 1);
        f.loop = loop;
        frames.add(f);
        progress++;
    }

    /** {@code break}: leaves the innermost loop and steps past it. */
    public void breakLoop() {
        while (!frames.isEmpty()) {
            Frame f = frames.remove(frames.size() - 1);
            if (f.loop != null) {
                break;
            }
        }
        if (!frames.isEmpty()) {
            frames.get(frames.size() - 1).index++;
        }
        inCompute = false;
        progress++;
    }

    /** The loop that began a new round since the last call, or null; the call clears it. */
    public Op.Loop takeWrappedLoop() {
        Op.Loop l = wrapped;
        wrapped = null;
        return l;
    }

    /** What the innermost loop's current round began with (the kernel's busy-wait check keeps it here). */
    public Object roundMark() {
        Frame f = innermostLoop();
        return f == null ? null : f.roundMark;
    }

    public void setRoundMark(Object mark) {
        Frame f = innermostLoop();
        if (f != null) {
            f.roundMark = mark;
        }
    }

    /** The innermost loop the task is in, or null. */
    public Op.Loop currentLoop() {
        Frame f = innermostLoop();
        return f == null ? null : f.loop;
    }

    private Frame innermostLoop() {
        for (int d = frames.size() - 1; d >= 0; d--) {
            if (frames.get(d).loop != null) {
                return frames.get(d);
            }
        }
        return null;
    }

    /** Steps past the current op (a trylock) into one of its branches. */
    public void enter(List<Op> branch) {
        if (branch.isEmpty()) {
            next();
        } else {
            frames.add(new Frame(branch, 1));
            progress++;
        }
    }

    /**
     * CPU time left in the current burst: the compute being executed plus the
     * computes that follow before the next statement that may block, as the
     * SJF and STCF textbooks assume the scheduler knows.
     */
    public long remainingBurst() {
        long total = 0;
        for (int d = frames.size() - 1; d >= 0; d--) {
            Frame f = frames.get(d);
            int from = f.index;
            if (d == frames.size() - 1 && from < f.ops.size() && f.ops.get(from) instanceof Op.Compute c) {
                total += inCompute ? computeLeft : c.ns();
                from++;
            } else if (d < frames.size() - 1) {
                from++;
            }
            long part = prefix(f.ops, from);
            if (part < 0) {
                return total - part - 1;
            }
            total += part;
            if (f.passes > 1) {
                long body = bodyBurst(f.ops);
                if (body < 0) {
                    return total + (-prefix(f.ops, 0) - 1);
                }
                total += (f.passes - 1) * body;
            }
        }
        return total;
    }

    /**
     * Compute time of ops[from..] up to the first possibly blocking op:
     * the sum when none blocks, else -(sum before it) - 1.
     */
    private static long prefix(List<Op> ops, int from) {
        long sum = 0;
        for (int i = from; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (op instanceof Op.Compute c) {
                sum += c.ns();
            } else if (op instanceof Op.Repeat r) {
                long body = bodyBurst(r.body());
                if (body < 0) {
                    return -(sum + (-prefix(r.body(), 0) - 1)) - 1;
                }
                sum += r.count() * body;
            } else if (mayBlock(op)) {
                return -sum - 1;
            }
        }
        return sum;
    }

    private static long bodyBurst(List<Op> body) {
        synchronized (BODY_BURST) {
            Long cached = BODY_BURST.get(body);
            if (cached != null) {
                return cached;
            }
        }
        long v = prefix(body, 0);
        synchronized (BODY_BURST) {
            if (BODY_BURST.size() > 10_000) {
                BODY_BURST.clear();
            }
            BODY_BURST.put(body, v);
        }
        return v;
    }

    /** Ops after which the next CPU burst may start later: they can block or end the task. */
    static boolean mayBlock(Op op) {
        return op.accept(MayBlock.INSTANCE);
    }

    /**
     * Whether the code still ahead of this task contains a V on semaphore
     * {@code sem}: who could still wake a sleeper there, for deadlock reports.
     */
    public boolean mayPost(int sem) {
        return mayReach(op -> op instanceof Op.SemPost p && p.sem() == sem);
    }

    /**
     * Whether the code still ahead of this task (repeat, trylock, choose and
     * seqlock bodies included) contains an op that {@code what} accepts.
     */
    public boolean mayReach(java.util.function.Predicate<Op> what) {
        for (int d = frames.size() - 1; d >= 0; d--) {
            Frame f = frames.get(d);
            if (reaches(f.ops, f.index, what) || ((f.passes > 1 || f.loop != null) && reaches(f.ops, 0, what))) {
                return true;
            }
        }
        return false;
    }

    private static boolean reaches(List<Op> ops, int from, java.util.function.Predicate<Op> what) {
        for (int i = Math.max(0, from); i < ops.size(); i++) {
            Op op = ops.get(i);
            if (what.test(op)) {
                return true;
            }
            for (List<Op> inner : bodiesOf(op)) {
                if (reaches(inner, 0, what)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<List<Op>> bodiesOf(Op op) {
        return op.accept(OwnBodies.INSTANCE);
    }

    @Override
    /** How every message names it: a forked child carries a star, as in the run's table, hovers and reports. */
    public String toString() {
        return process + (forked ? "*" : "") + " (pid " + pid + ")";
    }
}
