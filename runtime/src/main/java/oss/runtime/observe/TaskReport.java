package oss.runtime.observe;

import oss.runtime.observe.TaskState;
import oss.ir.program.Span;

/**
 * One task at the end of a run, with the metrics textbooks define:
 * turnaround = finish - arrival; response = first run - arrival;
 * waiting = time runnable but not running (in the ready queue).
 * Times are ns; -1 where the event never happened (never ran, never finished).
 *
 * @param process   the declared process this task is, e.g. {@code J0} or {@code philosopher[2]};
 *                  a forked child carries its parent's process name
 * @param forked    true for tasks created by fork (not declared processes)
 * @param exitStatus -1 while it has not exited
 * @param blockedAt where it is blocked at the end, or null
 * @param memory    faults, resident set, signal and leaks
 * @param spinNs    CPU time burnt busy-waiting (spinlocks, seqlock readers waiting for a writer)
 * @param seqRetries how many times a seq_read body ran again because a writer changed the sequence
 * @param variables  the values its variables held at the end, by slot: addresses from mmap and malloc
 *                   (-1 for a failed one, NULL), pids from fork
 * @param syscalls   how many times it entered each system call, by strace's name, sorted
 * @param io         its reads and writes of regular files through the page cache (/proc/PID/io)
 * @param stimeNs    the part of cpuNs spent in the kernel (system calls' entry, page-fault
 *                   handling); the rest is user time ({@link #utimeNs})
 * @param syscallStats per call name: calls, errors and system time, sorted by name (strace -c's rows)
 */
public record TaskReport(
        int pid,
        int ppid,
        String process,
        boolean forked,
        TaskState state,
        long arrivalNs,
        long firstRunNs,
        long finishNs,
        long cpuNs,
        long waitingNs,
        int voluntarySwitches,
        int involuntarySwitches,
        int exitStatus,
        Span blockedAt,
        String blockedOn,
        TaskMemory memory,
        long spinNs,
        int seqRetries,
        java.util.List<Long> variables,
        java.util.Map<String, Long> syscalls,
        TaskIo io,
        long stimeNs,
        java.util.List<SyscallStat> syscallStats) {

    public TaskReport(int pid, int ppid, String process, boolean forked, TaskState state, long arrivalNs,
            long firstRunNs, long finishNs, long cpuNs, long waitingNs, int voluntarySwitches,
            int involuntarySwitches, int exitStatus, Span blockedAt, String blockedOn, TaskMemory memory, long spinNs,
            int seqRetries, java.util.List<Long> variables, java.util.Map<String, Long> syscalls) {
        this(pid, ppid, process, forked, state, arrivalNs, firstRunNs, finishNs, cpuNs, waitingNs, voluntarySwitches,
                involuntarySwitches, exitStatus, blockedAt, blockedOn, memory, spinNs, seqRetries, variables,
                syscalls, TaskIo.NONE);
    }

    public TaskReport(int pid, int ppid, String process, boolean forked, TaskState state, long arrivalNs,
            long firstRunNs, long finishNs, long cpuNs, long waitingNs, int voluntarySwitches,
            int involuntarySwitches, int exitStatus, Span blockedAt, String blockedOn, TaskMemory memory, long spinNs,
            int seqRetries, java.util.List<Long> variables, java.util.Map<String, Long> syscalls, TaskIo io) {
        this(pid, ppid, process, forked, state, arrivalNs, firstRunNs, finishNs, cpuNs, waitingNs, voluntarySwitches,
                involuntarySwitches, exitStatus, blockedAt, blockedOn, memory, spinNs, seqRetries, variables,
                syscalls, io, 0, java.util.List.of());
    }

    /** CPU time in user mode: compute, memory accesses, data steps and spinning (ps's utime). */
    public long utimeNs() {
        return cpuNs - stimeNs;
    }

    public TaskReport(int pid, int ppid, String process, boolean forked, TaskState state, long arrivalNs,
            long firstRunNs, long finishNs, long cpuNs, long waitingNs, int voluntarySwitches,
            int involuntarySwitches, int exitStatus, Span blockedAt, String blockedOn, TaskMemory memory, long spinNs,
            int seqRetries, java.util.List<Long> variables) {
        this(pid, ppid, process, forked, state, arrivalNs, firstRunNs, finishNs, cpuNs, waitingNs, voluntarySwitches,
                involuntarySwitches, exitStatus, blockedAt, blockedOn, memory, spinNs, seqRetries, variables,
                java.util.Map.of());
    }

    public TaskReport(int pid, int ppid, String process, boolean forked, TaskState state, long arrivalNs,
            long firstRunNs, long finishNs, long cpuNs, long waitingNs, int voluntarySwitches,
            int involuntarySwitches, int exitStatus, Span blockedAt, String blockedOn, TaskMemory memory, long spinNs,
            int seqRetries) {
        this(pid, ppid, process, forked, state, arrivalNs, firstRunNs, finishNs, cpuNs, waitingNs, voluntarySwitches,
                involuntarySwitches, exitStatus, blockedAt, blockedOn, memory, spinNs, seqRetries, java.util.List.of());
    }

    /** A report without spin time or seqlock retries. */
    public TaskReport(int pid, int ppid, String process, boolean forked, TaskState state, long arrivalNs,
            long firstRunNs, long finishNs, long cpuNs, long waitingNs, int voluntarySwitches,
            int involuntarySwitches, int exitStatus, Span blockedAt, String blockedOn, TaskMemory memory) {
        this(pid, ppid, process, forked, state, arrivalNs, firstRunNs, finishNs, cpuNs, waitingNs, voluntarySwitches,
                involuntarySwitches, exitStatus, blockedAt, blockedOn, memory, 0, 0);
    }

    public long turnaroundNs() {
        return finishNs < 0 ? -1 : finishNs - arrivalNs;
    }

    public long responseNs() {
        return firstRunNs < 0 ? -1 : firstRunNs - arrivalNs;
    }
}
