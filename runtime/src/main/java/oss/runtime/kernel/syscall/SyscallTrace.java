package oss.runtime.kernel.syscall;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code oss run --trace-syscalls}: one line per call, as {@code strace -f -tt} prints them,
 * kept only when asked (formatting every call would cost a run more than simulating it). The
 * time is when the call was entered, in seconds of simulated time; the arguments and the result
 * are written when the task steps past the call, so a pipe's new descriptors show as strace
 * shows them; a call still open at the end (exit_group, a sleeper) ends in {@code = ?}.
 */
public final class SyscallTrace {
    /** Lines kept per run: a loop of calls must not fill the heap with text. */
    public static final int MAX_LINES = 20_000;
    private final List<Line> lines = new ArrayList<>();
    private long dropped;

    /** One call. */
    public static final class Line {
        private final int pid;
        private final long ns;
        private final String name;
        private String args;
        private String result = "?";

        Line(int pid, long ns, String name, String args) {
            this.pid = pid;
            this.ns = ns;
            this.name = name;
            this.args = args;
        }

        void end(String argsAtExit, String ret) {
            if (argsAtExit != null) {
                args = argsAtExit;
            }
            result = ret;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.US, "[pid %d] %d.%06d %s(%s) = %s", pid, ns / 1_000_000_000L,
                    ns % 1_000_000_000L / 1_000, name, args, result);
        }
    }

    /** {@code pid} entered {@code name} at {@code ns}; null once the trace is full. */
    public Line entered(int pid, long ns, String name, String args) {
        if (lines.size() >= MAX_LINES) {
            dropped++;
            return null;
        }
        Line l = new Line(pid, ns, name, args);
        lines.add(l);
        return l;
    }

    /** The trace as text, in the order the calls were entered. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            sb.append(l).append('\n');
        }
        if (dropped > 0) {
            sb.append("... and ").append(dropped).append(" more calls (the first ").append(MAX_LINES)
                    .append(" are kept)\n");
        }
        return sb.toString();
    }
}
