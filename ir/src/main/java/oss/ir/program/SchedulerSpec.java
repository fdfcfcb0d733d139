package oss.ir.program;

import java.util.List;

/**
 * The policy for SCHED_NORMAL tasks and its parameters, as written in
 * `kernel { scheduler ... }`. Real-time tasks are always scheduled above it.
 * For MLFQ: the quantum of each level, the allotment of each level in quanta
 * (empty: one), the boost period (0: none), and OSTEP mlfq.py's -S (a task that
 * blocks gets its allotment back) and -I (a task that wakes goes to the front).
 */
public record SchedulerSpec(
        Kind kind,
        long quantumNs,
        List<Long> mlfqQuantaNs,
        long boostNs,
        long latencyNs,
        long minGranularityNs,
        long wakeupGranularityNs,
        List<Integer> mlfqAllotments,
        boolean mlfqIoReset,
        boolean mlfqIoFront) {

    public enum Kind { FIFO, SJF, STCF, RR, MLFQ, LOTTERY, CFS }

    /** Without MLFQ's allotments and I/O rules: one quantum per level, counted across sleeps. */
    public SchedulerSpec(Kind kind, long quantumNs, List<Long> mlfqQuantaNs, long boostNs, long latencyNs,
            long minGranularityNs, long wakeupGranularityNs) {
        this(kind, quantumNs, mlfqQuantaNs, boostNs, latencyNs, minGranularityNs, wakeupGranularityNs, List.of(),
                false, false);
    }

    public static final long MS = 1_000_000L;

    /** Linux's defaults (sysctl_sched_latency 6 ms is the modern one; 20 ms is the textbook's). */
    public static SchedulerSpec cfs() {
        return new SchedulerSpec(Kind.CFS, 0, List.of(), 0, 20 * MS, 1 * MS, 1 * MS);
    }

    public static SchedulerSpec of(Kind kind) {
        return switch (kind) {
            case CFS -> cfs();
            case RR, LOTTERY -> new SchedulerSpec(kind, 10 * MS, List.of(), 0, 0, 0, 0);
            case MLFQ -> new SchedulerSpec(kind, 10 * MS, List.of(10 * MS, 20 * MS, 40 * MS), 100 * MS, 0, 0, 0);
            default -> new SchedulerSpec(kind, 0, List.of(), 0, 0, 0, 0);
        };
    }
}
