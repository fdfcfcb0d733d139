package oss.ir.program;

/**
 * Kernel policy: scheduler, context-switch cost, deadlock handling, memory management, and a pipe's
 * buffer ({@code pipe_buffer}, pipe(7)'s capacity: 64 KiB, 16 pages, unless set).
 * {@code syscallCostNs} is what entering the kernel costs each counted system call, as system time
 * ({@code syscall_cost}; 0 unless set, as the context switch, so textbook answers stay exact).
 */
public record KernelConfig(SchedulerSpec scheduler, long contextSwitchNs, int hz, DeadlockPolicy deadlock,
        MemoryPolicy memory, long pipeBufferBytes, IpcLimits ipc, long syscallCostNs) {

    public KernelConfig(SchedulerSpec scheduler, long contextSwitchNs, int hz, DeadlockPolicy deadlock,
            MemoryPolicy memory, long pipeBufferBytes, IpcLimits ipc) {
        this(scheduler, contextSwitchNs, hz, deadlock, memory, pipeBufferBytes, ipc, 0);
    }

    /** Linux's default pipe capacity since 2.6.11: 16 pages. */
    public static final long DEFAULT_PIPE_BUFFER = 64 * 1024;

    public KernelConfig(SchedulerSpec scheduler, long contextSwitchNs, int hz, DeadlockPolicy deadlock,
            MemoryPolicy memory) {
        this(scheduler, contextSwitchNs, hz, deadlock, memory, DEFAULT_PIPE_BUFFER);
    }

    public KernelConfig(SchedulerSpec scheduler, long contextSwitchNs, int hz, DeadlockPolicy deadlock,
            MemoryPolicy memory, long pipeBufferBytes) {
        this(scheduler, contextSwitchNs, hz, deadlock, memory, pipeBufferBytes, IpcLimits.defaults());
    }

    /** Default memory policy. */
    public KernelConfig(SchedulerSpec scheduler, long contextSwitchNs, int hz, DeadlockPolicy deadlock) {
        this(scheduler, contextSwitchNs, hz, deadlock, MemoryPolicy.defaults());
    }

    public static KernelConfig defaults() {
        return new KernelConfig(SchedulerSpec.cfs(), 0, 1000, DeadlockPolicy.DETECT);
    }
}
