package oss.runtime.kernel.signal;

import oss.ir.program.Signal;
import oss.ir.program.Span;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/** What the signal subsystem asks of the core beyond {@link Core}: ending, stopping and waking tasks. */
public interface SignalHost extends Core {
    /** How many pids have been given (tasks 0 to n - 1). */
    int taskCount();

    /** The running {@code t} ends by {@code sig}'s default action (terminate or core): exit status 128 + n. */
    void terminate(Task t, Signal sig, Span at);

    /** The running {@code t} stops (state T) until SIGCONT. */
    void stop(Task t, String why);

    /** A stopped {@code t} goes back to the run queue. */
    void resume(Task t);

    /** The running {@code t} (on another CPU) is sent back through the scheduler, which delivers its signal. */
    void reschedule(Task t, String why);

    /**
     * signal_wake_up: an interruptible sleeper leaves its wait queue and becomes runnable; its call
     * is then restarted or fails with EINTR once the signal is handled. False when it sleeps
     * uninterruptibly (or does not sleep).
     */
    boolean interrupt(Task t);

    /** Schedules {@code pid}'s alarm at {@code at}; it fires only if its generation is still the task's. */
    void alarmAt(long at, int pid, long generation);

    /** A schedule is being replayed: an alarm fires at the schedule's alarm step, not on its timer. */
    boolean holdAlarms();

    /** The task whose statements the kernel is executing now (the caller of a system call), or null. */
    Task current();

    /**
     * {@code t} enters a handler for a signal sent to it: what the senders did before their
     * {@code kill} happens before the handler (docs/language.md, "Data races").
     */
    void handlerEntered(Task t);
}
