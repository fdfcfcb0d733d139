package oss.runtime.kernel.sched;

/** Why an entity is being put in the run queue. */
public enum Wake {
    /** First time: arrival or fork. */
    NEW,
    /** It slept (timer, I/O, lock, semaphore, child) and is runnable again. */
    WAKEUP,
    /** It was running and lost the CPU (slice over, or preempted). */
    PREEMPTED
}
