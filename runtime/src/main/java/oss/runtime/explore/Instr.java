package oss.runtime.explore;

/**
 * The kinds of instruction in a {@link FlatCode}. The switches that give their meaning (what a
 * step does, when it is enabled, what it touches, where it may go next) are switch expressions
 * with no default, so a kind added here fails to compile until each of them says what it does.
 */
enum Instr {
    // resting places: a task's program counter stops on one of these, and taking it is one step
    LOCK, UNLOCK, TRYLOCK, P, V, CLAIM, REQUEST, RELEASE, FORK, WAIT_CHILD, WAIT_ANY, EXIT, VFORK, EXEC, THREAD,
    SPIN_LOCK, SPIN_UNLOCK, READ_LOCK, READ_UNLOCK, WRITE_LOCK, WRITE_UNLOCK, SEQW_BEGIN, SEQW_END, SEQR_BEGIN,
    SEQR_END, COND_WAIT, SIGNAL, BROADCAST, BARRIER, SEMOP, CHOOSE,
    /** A message-queue call (System V or POSIX): its meaning is {@link QueueSteps}'. */
    MSG,
    // data steps (docs/language.md, "Shared data"): one visible variable each, or one atomic step
    LOAD, STORE, RMW, ATOMIC, AWAIT, FENCE,
    // descriptors, pipes (PipeSteps) and regular files (FileSteps): a = the pipe or FIFO, or -(file + 1), for
    // an open; the pipe for pipe and mkfifo; else the slot, and b the end
    FD_PIPE, FD_MKFIFO, FD_OPEN, FD_READ, FD_WRITE, FD_CLOSE, FD_LSEEK, FD_DUP, FD_DUP2, FD_PATH, FD_FSTAT, FD_FSYNC,
    /** A signal call (kill, raise, signal/sigaction, sigprocmask, pause, sigsuspend): SignalSteps. */
    SIG,
    /** epoll_create, epoll_ctl or epoll_wait: EpollSteps; a = the instance, for epoll_create. */
    EPOLL,
    /** The end of a body: the task exits there. */
    END,
    // control, never a resting place: a program counter moves over them at once (Semantics.settle)
    REP_INIT, REP_END, JUMP,
    /** A private assignment, an assertion, a branch on private values: local work on the way to a step. */
    ASSIGN, ASSERT, IF_NOT,
    /** The back edge of a {@code while} loop: a jump that settle counts, so a loop with no step in it ends. */
    LOOP_BACK,
    /** The end of a handler's body: rt_sigreturn puts back what the delivery saved (SignalSteps). */
    SIGRETURN
}
