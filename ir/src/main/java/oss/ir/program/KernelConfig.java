package oss.ir.program;

/** Kernel policy: scheduler, context-switch cost, deadlock handling, memory management. */
public record KernelConfig(SchedulerSpec scheduler, long contextSwitchNs, int hz, DeadlockPolicy deadlock,
        MemoryPolicy memory) {

    /** Default memory policy. */
    public KernelConfig(SchedulerSpec scheduler, long contextSwitchNs, int hz, DeadlockPolicy deadlock) {
        this(scheduler, contextSwitchNs, hz, deadlock, MemoryPolicy.defaults());
    }

    public static KernelConfig defaults() {
        return new KernelConfig(SchedulerSpec.cfs(), 0, 1000, DeadlockPolicy.DETECT);
    }
}
