package oss.runtime.observe;

/** The states ps(1) shows, with the letters it uses. */
public enum TaskState {
    /** Not yet arrived (a process whose `arrives` time lies ahead). */
    NEW("-"),
    /** TASK_RUNNING on a CPU. */
    RUNNING("R"),
    /** TASK_RUNNING in the run queue, waiting for a CPU. */
    RUNNABLE("R"),
    /** TASK_INTERRUPTIBLE: sleeping on a timer, a lock, a semaphore, a child. */
    SLEEPING("S"),
    /** TASK_UNINTERRUPTIBLE: waiting for a device (io). */
    DISK_SLEEP("D"),
    /** Stopped by SIGSTOP (or SIGTSTP, SIGTTIN, SIGTTOU) until SIGCONT. */
    STOPPED("T"),
    /** EXIT_ZOMBIE: exited, waiting for its parent to reap it. */
    ZOMBIE("Z"),
    /** Reaped; gone from the process table. */
    DEAD("X");

    private final String letter;

    TaskState(String letter) {
        this.letter = letter;
    }

    public String letter() {
        return letter;
    }
}
