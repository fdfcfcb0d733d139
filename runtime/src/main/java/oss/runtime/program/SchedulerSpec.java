package oss.runtime.program;

import java.util.List;

/**
 * The policy for SCHED_NORMAL tasks and its parameters, as written in
 * `kernel { scheduler ... }`. Real-time tasks are always scheduled above it.
 */
public record SchedulerSpec(
        Kind kind,
        long quantumNs,
        List<Long> mlfqQuantaNs,
        long boostNs,
        long latencyNs,
        long minGranularityNs,
        long wakeupGranularityNs) {

    public enum Kind { FIFO, SJF, STCF, RR, MLFQ, LOTTERY, CFS }

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
