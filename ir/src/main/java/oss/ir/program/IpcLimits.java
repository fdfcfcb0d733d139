package oss.ir.program;

/**
 * The System V message queue limits of {@code kernel { msgmax SIZE msgmnb SIZE }} (Linux's
 * /proc/sys/kernel/msgmax and msgmnb), in bytes.
 */
public record IpcLimits(long msgmax, long msgmnb) {
    /** MSGMAX: one System V message's largest text. */
    public static final long MSGMAX = 8192;
    /** MSGMNB: a new System V queue's msg_qbytes. */
    public static final long MSGMNB = 16384;

    public static IpcLimits defaults() {
        return new IpcLimits(MSGMAX, MSGMNB);
    }
}
