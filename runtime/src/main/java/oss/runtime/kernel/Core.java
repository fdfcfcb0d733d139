package oss.runtime.kernel;

import oss.ir.diag.Findings;
import oss.ir.program.Span;

/**
 * What a subsystem (locking, ipc, mm, the banker's resources) may ask of the core kernel, as
 * Linux's subsystems call into kernel/sched/core.c: the clock, a task by pid, putting the current
 * task to sleep ({@code schedule()}), waking one ({@code wake_up_process()}), busy-waiting on its
 * CPU, and the run's findings and facts. Subsystems see nothing else of the {@link Kernel}, so
 * adding one cannot tangle it with the event loop.
 */
public interface Core {
    /** The simulated time, in ns. */
    long now();

    /** The task with that pid (find_task_by_vpid). */
    Task task(int pid);

    /**
     * The running {@code t} goes to sleep on {@code blocker} (object {@code index}, statement at
     * {@code at}); it leaves its CPU. {@code on} says what for, in the run's words, or null.
     */
    void block(Task t, Task.Blocker blocker, int index, Span at, String on);

    /** A sleeper becomes runnable again. */
    void wake(Task t);

    /** The running {@code t} busy-waits on its CPU until {@link #kick}ed; that CPU time is spin time. */
    void spin(Task t);

    /** A spinner's wait is over: on a CPU it goes on at once; preempted, when it next runs. */
    void kick(Task t);

    /** {@code t} no longer busy-waits (it got what it spun for, or it is about to sleep instead). */
    void stopSpinning(Task t);

    /**
     * The kernel sends {@code sig} to {@code target} (send_sig): SIGPIPE to a writer with no reader,
     * SIGCHLD to a parent, SIGALRM at an alarm. {@code at} is the statement that caused it.
     * Returns false when the signal ended or stopped the target, so a subsystem acting for the
     * running task knows it left the CPU.
     */
    boolean sendSignal(Task target, oss.ir.program.Signal sig, Span at);

    /**
     * How a signal takes a sleeper off a subsystem's wait queue: a subsystem whose sleepers a
     * handled signal may wake registers its queue here (docs/architecture.md, "Interrupted sleeps").
     */
    Interrupts interrupts();

    /** The run's diagnostics. */
    Findings findings();

    /** What each statement did, for hovers and the report. */
    FactRecorder facts();

    /** A duration in the units every view uses. */
    static String ms(long ns) {
        return oss.runtime.observe.Durations.format(ns);
    }
}
