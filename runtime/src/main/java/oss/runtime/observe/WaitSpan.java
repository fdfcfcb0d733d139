package oss.runtime.observe;

/**
 * A stretch of time a task spent off the CPU and not runnable: sleeping on a
 * timer, blocked on a lock, a semaphore, a child (state S), or waiting for a
 * device (state D). The other half of a task's life the Gantt chart does not show.
 *
 * @param endNs -1 when the task was still waiting when the run ended (blocked forever, in a deadlock)
 * @param on    what it waited for, in the kernel's words ("mutex fork[1], held by ...", "sleep", "I/O")
 */
public record WaitSpan(int pid, long startNs, long endNs, String state, String on) {}
