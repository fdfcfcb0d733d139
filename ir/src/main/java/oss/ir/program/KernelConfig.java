package oss.ir.program;

/**
 * Kernel policy: scheduler, context-switch cost, deadlock handling, memory management, and a pipe's
 * buffer ({@code pipe_buffer}, pipe(7)'s capacity: 64 KiB, 16 pages, unless set).
 * {@code syscallCostNs} is what entering the kernel costs each counted system call, as system time
 * ({@code syscall_cost}; 0 unless set, as the context switch, so textbook answers stay exact).
 * {@code dirtyWritebackNs} and {@code dirtyExpireNs} are the flusher's period and the age at which
 * a dirty page-cache page is written ({@code dirty_writeback}, {@code dirty_expire}: Linux's
 * vm.dirty_writeback_centisecs and vm.dirty_expire_centisecs, 5 s and 30 s unless set; a period
 * of 0 turns the periodic writeback off, as it does in Linux).
 */
public record KernelConfig(SchedulerSpec scheduler, long contextSwitchNs, int hz, DeadlockPolicy deadlock,
        MemoryPolicy memory, long pipeBufferBytes, IpcLimits ipc, long syscallCostNs, long dirtyWritebackNs,
        long dirtyExpireNs) {

    /** Linux's defaults: vm.dirty_writeback_centisecs = 500, vm.dirty_expire_centisecs = 3000. */
    public static final long DEFAULT_DIRTY_WRITEBACK = 5_000_000_000L;
    public static final long DEFAULT_DIRTY_EXPIRE = 30_000_000_000L;

    public KernelConfig(SchedulerSpec scheduler, long contextSwitchNs, int hz, DeadlockPolicy deadlock,
            MemoryPolicy memory, long pipeBufferBytes, IpcLimits ipc, long syscallCostNs) {
        this(scheduler, contextSwitchNs, hz, deadlock, memory, pipeBufferBytes, ipc, syscallCostNs,
                DEFAULT_DIRTY_WRITEBACK, DEFAULT_DIRTY_EXPIRE);
    }

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
