package oss.runtime.program;

import java.util.List;

/**
 * One statement of a process body, lowered from the AST. Names are already
 * resolved to indexes into the {@link Program}'s declaration lists, array
 * indexes and loop variables are folded, `for` loops are unrolled; `repeat`
 * stays a loop so a long repetition costs no memory.
 */
public sealed interface Op {
    Span span();

    /** Run on the CPU for {@code ns} of CPU time. */
    record Compute(long ns, Span span) implements Op {}

    /** Block on a timer for {@code ns} (voluntary switch). */
    record Sleep(long ns, Span span) implements Op {}

    /** Block on a device for {@code ns} (voluntary switch, counted as I/O wait). */
    record Io(long ns, Span span) implements Op {}

    record Repeat(long count, List<Op> body, Span span) implements Op {}

    /** Acquire mutex {@code mutex} (index into {@link Program#mutexes()}), blocking in FIFO order. */
    record Lock(int mutex, Span span) implements Op {}

    record Unlock(int mutex, Span span) implements Op {}

    /** Acquire if free without blocking; then run {@code onSuccess} or {@code onFailure}. */
    record TryLock(int mutex, List<Op> onSuccess, List<Op> onFailure, Span span) implements Op {}

    /** P / wait / down on semaphore {@code sem} (index into {@link Program#semaphores()}). */
    record SemWait(int sem, Span span) implements Op {}

    /** V / post / up. */
    record SemPost(int sem, Span span) implements Op {}

    /** Declare the maximum need, one entry per {@link Program#resources()} (banker's Max row). */
    record Claim(int[] max, Span span) implements Op {}

    /** Ask for instances, one entry per resource; blocks until granted. */
    record Request(int[] amounts, Span span) implements Op {}

    record Release(int[] amounts, Span span) implements Op {}

    /**
     * fork(): the child starts with a copy of the parent's local slots and
     * runs {@code body}, then exits 0. The parent stores the child's pid in
     * local slot {@code slot} (-1: not kept).
     */
    record Fork(int slot, List<Op> body, Span span) implements Op {}

    /** waitpid on the pid held in local slot {@code slot}. */
    record WaitChild(int slot, Span span) implements Op {}

    /** wait(): reap any child, blocking while none is a zombie. */
    record WaitAny(Span span) implements Op {}

    record Exit(int status, Span span) implements Op {}
}
