package oss.runtime.observe;

/**
 * Task {@code pid} ran on {@code cpu} over [startNs, endNs). Context-switch
 * time has pid 0. {@code reason} says why the task left the CPU at the end
 * ("blocked: mutex m, held by A (pid 2)", "preempted: time slice used up",
 * "exited", ...), as the kernel knew it; "" for context-switch slices.
 */
public record GanttSlice(int cpu, int pid, long startNs, long endNs, String reason) {

    public GanttSlice(int cpu, int pid, long startNs, long endNs) {
        this(cpu, pid, startNs, endNs, "");
    }
}
