package oss.ir.program;

import java.util.Optional;

/**
 * The standard signals with their numbers on x86 and ARM Linux and their default actions, as
 * signal(7) lists them. The compiler reads names against this table; the kernel acts on it.
 */
public enum Signal {
    SIGHUP(1, Action.TERM), SIGINT(2, Action.TERM), SIGQUIT(3, Action.CORE), SIGILL(4, Action.CORE),
    SIGTRAP(5, Action.CORE), SIGABRT(6, Action.CORE), SIGBUS(7, Action.CORE), SIGFPE(8, Action.CORE),
    SIGKILL(9, Action.TERM), SIGUSR1(10, Action.TERM), SIGSEGV(11, Action.CORE), SIGUSR2(12, Action.TERM),
    SIGPIPE(13, Action.TERM), SIGALRM(14, Action.TERM), SIGTERM(15, Action.TERM), SIGSTKFLT(16, Action.TERM),
    SIGCHLD(17, Action.IGN), SIGCONT(18, Action.CONT), SIGSTOP(19, Action.STOP), SIGTSTP(20, Action.STOP),
    SIGTTIN(21, Action.STOP), SIGTTOU(22, Action.STOP), SIGURG(23, Action.IGN), SIGXCPU(24, Action.CORE),
    SIGXFSZ(25, Action.CORE), SIGVTALRM(26, Action.TERM), SIGPROF(27, Action.TERM), SIGWINCH(28, Action.IGN),
    SIGIO(29, Action.TERM), SIGPWR(30, Action.TERM), SIGSYS(31, Action.CORE);

    /** signal(7)'s default dispositions. */
    public enum Action {
        /** terminate the process */
        TERM,
        /** ignore the signal */
        IGN,
        /** terminate the process and dump core */
        CORE,
        /** stop the process (state T) */
        STOP,
        /** continue the process if it is stopped */
        CONT
    }

    private final int number;
    private final Action defaultAction;

    Signal(int number, Action defaultAction) {
        this.number = number;
        this.defaultAction = defaultAction;
    }

    public int number() {
        return number;
    }

    public Action defaultAction() {
        return defaultAction;
    }

    /** SIGKILL and SIGSTOP cannot be caught, blocked or ignored. */
    public boolean catchable() {
        return this != SIGKILL && this != SIGSTOP;
    }

    /** This signal's bit in a mask ({@code 1L << (number - 1)}, as the kernel's sigset_t). */
    public long bit() {
        return 1L << (number - 1);
    }

    /** The signal of that name ({@code SIGINT}; also {@code SIGIOT} = SIGABRT, {@code SIGPOLL} = SIGIO, {@code SIGCLD} = SIGCHLD). */
    public static Optional<Signal> named(String name) {
        switch (name) {
            case "SIGIOT":
                return Optional.of(SIGABRT);
            case "SIGPOLL":
                return Optional.of(SIGIO);
            case "SIGCLD":
                return Optional.of(SIGCHLD);
            default:
                break;
        }
        for (Signal s : values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The signal of that number, 1..31. */
    public static Optional<Signal> of(int number) {
        for (Signal s : values()) {
            if (s.number == number) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
