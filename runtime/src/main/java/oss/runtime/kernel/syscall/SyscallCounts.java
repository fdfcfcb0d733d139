package oss.runtime.kernel.syscall;

import java.util.Map;
import java.util.TreeMap;
import oss.ir.program.Op;

/**
 * One task's system calls by name, as {@code strace -c} counts them: a call that sleeps and is
 * run again when woken (a read of an empty pipe, as pipe_read loops) is one call, so an entry is
 * counted only when the task did not already enter this very statement at this point.
 */
public final class SyscallCounts {
    /** By name, sorted so reports and JSON never depend on hash order. */
    private final TreeMap<String, Long> calls = new TreeMap<>();
    private Op entered;
    private long enteredAt = -1;

    /** The task enters {@code op} having stepped {@code steps} statements so far. */
    public void enter(Op op, long steps) {
        if (op == entered && steps == enteredAt) {
            return;
        }
        entered = op;
        enteredAt = steps;
        String name = SyscallNames.of(op);
        if (name != null) {
            count(name);
        }
    }

    /** A call no statement names (the exit_group after main returns). */
    public void count(String name) {
        calls.merge(name, 1L, Long::sum);
    }

    public Map<String, Long> snapshot() {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(calls));
    }
}
