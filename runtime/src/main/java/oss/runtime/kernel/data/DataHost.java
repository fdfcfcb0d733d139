package oss.runtime.kernel.data;

import oss.ir.program.Span;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/** What the data subsystem asks of the core beyond {@link Core}: CPU time for a step, killing a task, the replay. */
public interface DataHost extends Core {
    /** The running {@code t} spends {@code ns} of CPU time on the step it just made, then goes on. */
    void burn(Task t, long ns);

    /** The running {@code t} dies of {@code signal} at {@code at} (exit status {@code 128 + number}). */
    void kill(Task t, String signal, int number, Span at);

    /** A schedule is being replayed: stores reach memory only at its flush steps and at full barriers. */
    boolean replaying();

    /** The replayed schedule's branch for {@code t}'s step now (1: a relaxed load reads the older value); -1 when none. */
    int scheduledBranch(Task t);

    /** The replayed step cannot be done: OSS2406, and the scheduler takes over. */
    void scheduleMismatch(String why);

    /** Whether {@code t} holds mutex {@code index} (a trylock that failed acquires nothing). */
    boolean holdsMutex(Task t, int index);

    /** Pids handed out so far (tasks are 1 .. this - 1). */
    int taskCount();
}
