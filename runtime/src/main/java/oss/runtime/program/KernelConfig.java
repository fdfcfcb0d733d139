package oss.runtime.program;

/** Kernel policy: scheduler, context-switch cost, deadlock handling. */
public record KernelConfig(SchedulerSpec scheduler, long contextSwitchNs, int hz, DeadlockPolicy deadlock) {
    public static KernelConfig defaults() {
        return new KernelConfig(SchedulerSpec.cfs(), 0, 1000, DeadlockPolicy.DETECT);
    }
}
