package oss.runtime.kernel.signal;

import java.util.List;
import oss.runtime.kernel.Task;
import oss.runtime.observe.TaskState;

/**
 * {@code oss run --show signals}: per task the signal lines of /proc/PID/status (SigPnd, SigBlk,
 * SigIgn, SigCgt), each a 64-bit mask in hex as the kernel prints it, with the signals' names.
 */
public final class SignalView {
    private SignalView() {}

    /** The view, or null when no task ever had a signal or a signal call (the snapshot then has none). */
    public static String render(List<Task> tasks) {
        boolean any = false;
        for (int pid = 1; pid < tasks.size(); pid++) {
            any |= tasks.get(pid).sig != null;
        }
        if (!any) {
            return null;
        }
        StringBuilder sb = new StringBuilder(String.format("%5s %-12s %-4s %-7s %-16s %s%n", "PID", "NAME", "STAT",
                "FIELD", "MASK", "SIGNALS"));
        for (int pid = 2; pid < tasks.size(); pid++) {
            Task t = tasks.get(pid);
            if (t.state == TaskState.DEAD || t.state == TaskState.NEW) {
                continue;
            }
            SigState s = t.sig;
            long ign = s == null ? 0 : s.ignoredMask();
            long[] masks = {s == null ? 0 : s.pending, s == null ? 0 : s.blocked, ign, s == null ? 0 : s.caughtMask()};
            String[] fields = {"SigPnd", "SigBlk", "SigIgn", "SigCgt"};
            for (int i = 0; i < 4; i++) {
                sb.append(String.format("%5s %-12s %-4s %-7s %016x %s%n", i == 0 ? String.valueOf(t.pid) : "",
                        i == 0 ? t.comm + (t.forked ? "*" : "") : "", i == 0 ? t.state.letter() : "", fields[i] + ":",
                        masks[i], SigState.names(masks[i])));
            }
        }
        return sb.toString();
    }
}
