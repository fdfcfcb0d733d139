package oss.runtime.kernel.syscall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import oss.ir.program.Op;
import oss.runtime.kernel.Task;
import oss.runtime.observe.SyscallStat;

/**
 * One task's system calls by name, as {@code strace -c} counts them, and its system time. A call
 * that sleeps and is run again when woken (a read of an empty pipe, as pipe_read loops) is one
 * call, so an entry is counted only when the task did not already enter this very statement at
 * this point. Each entry costs {@code syscall_cost} of CPU time in system mode, paid before the
 * call acts (the task burns it on its CPU; a preempted task pays the rest when it runs again);
 * page-fault handling is system time too, so utime is what is left of the CPU time: the computes,
 * memory accesses, data steps and spinning of the scenario's code.
 *
 * <p>A call ends when the task steps past its statement ({@link Task#next}). What it returned is
 * what its handler last stored as a result ({@link #returned}), and the errno a handler names
 * ({@link #errno}); a call that returned -1 is one of strace's errors.
 */
public final class SyscallCounts {
    /** The call a task makes by returning from main (no statement names it). */
    private static final Object FELL_OFF = new Object();
    /** By name, sorted so reports and JSON never depend on hash order: calls, errors, system ns. */
    private final TreeMap<String, long[]> calls = new TreeMap<>();
    private Object entered;
    private long enteredAt = -1;
    /** The call being made (entered, not yet stepped past), or null, and its name. */
    private long[] current;
    private String currentName;
    /** Entry cost not yet run on a CPU. */
    private long entryLeft;
    /** Fault handling inside the burn in progress, to be classed as system time when charged. */
    private long faultLeft;
    private long stimeNs;
    private boolean hasResult;
    private long result;
    private String errno;
    /** The trace line of the call being made, when the run traces calls. */
    private SyscallTrace.Line line;

    /**
     * The task enters {@code op} having stepped {@code steps} statements so far; true when this is
     * a new system call, which then owes {@code costNs} of system time before it acts.
     */
    public boolean enter(Op op, long steps, long costNs) {
        if (op == entered && steps == enteredAt) {
            return false;
        }
        entered = op;
        enteredAt = steps;
        String name = SyscallNames.of(op);
        return name != null && start(name, costNs);
    }

    /** Falling off main (exit_group) or a thread's start routine (exit): a call no statement names. */
    public boolean fellOff(String name, long steps, long costNs) {
        if (entered == FELL_OFF && steps == enteredAt) {
            return false;
        }
        entered = FELL_OFF;
        enteredAt = steps;
        return start(name, costNs);
    }

    private boolean start(String name, long costNs) {
        if (current != null) {
            finish(null, null); // a handler's call while the interrupted one waits to restart
        }
        current = calls.computeIfAbsent(name, n -> new long[3]);
        currentName = name;
        current[0]++;
        entryLeft = costNs;
        hasResult = false;
        errno = null;
        return true;
    }

    /** The name of the call being made, or null. */
    public String calling() {
        return current == null ? null : currentName;
    }

    /** A call no statement names, counted without a cost. */
    public void count(String name) {
        calls.computeIfAbsent(name, n -> new long[3])[0]++;
    }

    /** The trace line of the call just entered. */
    public void traced(SyscallTrace.Line l) {
        line = l;
    }

    /** What the call being made returns (the last value its handler stores as the result). */
    public void returned(long value) {
        if (current != null) {
            hasResult = true;
            result = value;
        }
    }

    /** The errno a handler names for the call being made: the first E... word of {@code text}. */
    public void errno(String text) {
        String e = Errno.in(text);
        if (current != null && e != null) {
            errno = e;
        }
    }

    /** The task stepped past {@code op}: the call being made, if any, ends. */
    public void stepped(Task t, Op op) {
        if (current != null) {
            finish(t, op);
        }
    }

    private void finish(Task t, Op op) {
        if (!hasResult && t != null && op != null) {
            // calls whose handler keeps the result in the statement's own variable (open's fd, fork's pid)
            Long kept = SyscallArgs.kept(t, op);
            if (kept != null) {
                hasResult = true;
                result = kept;
            }
        }
        boolean failed = hasResult && result == -1;
        if (failed) {
            current[1]++;
        }
        if (line != null) {
            String ret = !hasResult ? "?" : failed && errno != null ? "-1 " + errno + " (" + Errno.describe(errno) + ")"
                    : Long.toString(result);
            line.end(t == null || op == null ? null : SyscallArgs.of(t, op), ret);
            line = null;
        }
        current = null;
    }

    /** Entry cost the task must still run before its call acts. */
    public long owed() {
        return entryLeft;
    }

    /** The burn about to start includes {@code ns} of page-fault handling (system time). */
    public void faultHandling(long ns) {
        faultLeft += ns;
    }

    /**
     * {@code ran} ns of CPU time were charged to the task: in a burn (an entry's cost, memory
     * accesses) the owed entry cost and fault handling are system time; a compute and spinning
     * are user time.
     */
    public void charged(long ran, boolean burning) {
        if (!burning) {
            return;
        }
        long entry = Math.min(ran, entryLeft);
        entryLeft -= entry;
        if (entry > 0 && current != null) {
            current[2] += entry;
        }
        long fault = Math.min(ran - entry, faultLeft);
        faultLeft -= fault;
        stimeNs += entry + fault;
    }

    /** CPU time spent in the kernel so far. */
    public long stimeNs() {
        return stimeNs;
    }

    public Map<String, Long> snapshot() {
        TreeMap<String, Long> counts = new TreeMap<>();
        calls.forEach((name, c) -> counts.put(name, c[0]));
        return java.util.Collections.unmodifiableMap(counts);
    }

    /** Per name: calls, errors and the system time entering it cost, sorted by name. */
    public List<SyscallStat> stats() {
        List<SyscallStat> out = new ArrayList<>();
        calls.forEach((name, c) -> out.add(new SyscallStat(name, c[0], c[1], c[2])));
        return out;
    }
}
