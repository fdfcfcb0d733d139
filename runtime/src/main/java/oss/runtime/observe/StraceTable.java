package oss.runtime.observe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The table {@code strace -c} prints (strace's count.c, call_summary_pers): % time, seconds,
 * usecs/call, calls, errors and the call's name, then a total row. The time is system CPU time,
 * strace -c's default (with -w it would be wall time): here each call's entry cost. Rows are
 * sorted by time, most first, as strace's default {@code -S time}; strace leaves ties in the order
 * of the system call table (qsort over syscall numbers), oss puts them in name order.
 */
public final class StraceTable {
    private StraceTable() {
    }

    public static String render(List<SyscallStat> stats) {
        List<SyscallStat> rows = new ArrayList<>(stats.stream().filter(s -> s.calls() > 0).toList());
        rows.sort(Comparator.comparingLong(SyscallStat::ns).reversed().thenComparing(SyscallStat::name));
        long totalNs = 0;
        long calls = 0;
        long errors = 0;
        long maxAvgUs = 0;
        int nameWidth = 16;
        for (SyscallStat s : rows) {
            totalNs += s.ns();
            calls += s.calls();
            errors += s.errors();
            maxAvgUs = Math.max(maxAvgUs, s.ns() / s.calls() / 1_000);
            nameWidth = Math.max(nameWidth, s.name().length() + 1);
        }
        int secW = Math.max(11, seconds(totalNs).length());
        int avgW = Math.max(11, Long.toString(maxAvgUs).length());
        int callsW = Math.max(9, Long.toString(calls).length());
        int errW = Math.max(9, Long.toString(errors).length());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.US, "%6s %" + secW + "s %" + avgW + "s %" + callsW + "s %" + errW + "s %s%n",
                "% time", "seconds", "usecs/call", "calls", "errors", "syscall"));
        String rule = "-".repeat(6) + " " + "-".repeat(secW) + " " + "-".repeat(avgW) + " " + "-".repeat(callsW) + " "
                + "-".repeat(errW) + " " + "-".repeat(nameWidth) + "\n";
        sb.append(rule);
        for (SyscallStat s : rows) {
            // count.c: 0 % when no time at all (0/0), and an error count of 0 printed as blank ("%.0")
            double pct = totalNs == 0 ? 0 : 100.0 * s.ns() / totalNs;
            row(sb, pct, s.ns(), s.ns() / s.calls() / 1_000, s.calls(), s.errors(), s.name(), secW, avgW, callsW, errW);
        }
        sb.append(rule);
        row(sb, 100.0, totalNs, calls == 0 ? 0 : totalNs / calls / 1_000, calls, errors, "total", secW, avgW, callsW,
                errW);
        return sb.toString();
    }

    private static void row(StringBuilder sb, double pct, long ns, long avgUs, long calls, long errors, String name,
            int secW, int avgW, int callsW, int errW) {
        sb.append(String.format(Locale.US, "%6.2f %" + secW + "s %" + avgW + "d %" + callsW + "d %" + errW + "s %s%n",
                pct, seconds(ns), avgUs, calls, errors == 0 ? "" : Long.toString(errors), name));
    }

    private static String seconds(long ns) {
        return java.math.BigDecimal.valueOf(ns, 9).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
