package oss.compiler.parse;

import java.util.List;

/** The keys of the {@code machine}, {@code kernel} and {@code budget} blocks: where one setting ends and the next begins. */
public final class SettingKeys {
    private SettingKeys() {}

    public static final List<String> MACHINE = List.of(
            "cpus", "clock", "memory", "page_size", "paging", "tlb", "cache", "memory_latency", "disk", "swap",
            "psc");

    public static final List<String> KERNEL = List.of(
            "scheduler", "context_switch", "hz", "deadlock", "malloc", "replacement", "buddy",
            "stack_limit", "msgmax", "msgmnb", "pipe_buffer", "memory_model", "store_buffer",
            "syscall_cost", "dirty_writeback", "dirty_expire");

    /** An assignment's {@code budget { }} (docs/grading.md). */
    public static final List<String> BUDGET = List.of("time", "states", "steps", "memory", "size");
}
