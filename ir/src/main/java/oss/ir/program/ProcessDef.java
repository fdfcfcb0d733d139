package oss.ir.program;

import java.util.List;

/**
 * One process as declared (an array `p[i in 0..4]` is five of these, named
 * {@code p[0]} ... {@code p[4]}). {@code slots} is how many local variables
 * (fork results) its body uses.
 */
public record ProcessDef(
        String name,
        int nice,
        long arrivesNs,
        SchedPolicy policy,
        int rtPriority,
        int tickets,
        int frames,
        List<Op> body,
        int slots,
        Span span) {

    public static final int DEFAULT_TICKETS = 100;
    /** No frame limit given. */
    public static final int NO_FRAME_LIMIT = 0;
}
