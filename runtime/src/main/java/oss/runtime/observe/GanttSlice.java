package oss.runtime.observe;

/** Task {@code pid} ran on {@code cpu} over [startNs, endNs). Context-switch time has pid 0. */
public record GanttSlice(int cpu, int pid, long startNs, long endNs) {}
