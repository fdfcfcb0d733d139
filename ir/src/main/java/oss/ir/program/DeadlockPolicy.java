package oss.ir.program;

/** What the kernel does about resource deadlock: `kernel { deadlock ... }`. */
public enum DeadlockPolicy {
    /** Grant when available; report a deadlock when tasks block forever (default). */
    DETECT,
    /** Banker's algorithm on every request: a grant that would leave the state unsafe waits. */
    AVOID,
    /** Ostrich: grant when available, say nothing. Blocked tasks are still listed. */
    IGNORE
}
