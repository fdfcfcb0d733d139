package oss.runtime.observe;

/**
 * One row of a task's {@code strace -c} table: how many times it entered the call {@code name},
 * how many of them returned -1, and the system time entering them cost ({@code syscall_cost} each).
 */
public record SyscallStat(String name, long calls, long errors, long ns) {
}
