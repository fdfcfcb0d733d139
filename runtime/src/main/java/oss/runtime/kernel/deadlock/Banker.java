package oss.runtime.kernel.deadlock;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import oss.runtime.kernel.deadlock.BankerReport.RequestOutcome;
import oss.runtime.kernel.deadlock.BankerReport.Verdict;
import oss.ir.program.BankerTable;

/**
 * Dijkstra's banker's algorithm as the textbooks state it (Silberschatz
 * §8.6.3): the safety algorithm and the resource-request algorithm, plus a
 * student-style rendering of the matrices.
 *
 * <p>Everything here is pure and total: odd input (negative available,
 * ragged rows, a request for an unknown row) gives an unsafe or refused
 * verdict, never an exception. Missing matrix entries count as 0. Shapes are
 * the compiler's business.
 */
public final class Banker {

    private Banker() {}

    /**
     * The safety algorithm in its canonical order: Work = Available; scan from
     * the lowest index for the first unfinished row with Need_i &lt;= Work,
     * finish it (Work += Allocation_i) and start the scan again from index 0.
     *
     * @return the row indexes in finishing order, or empty if some row can
     *         never finish (also when Available has a negative entry, which
     *         means more is allocated than exists)
     */
    public static Optional<int[]> safeSequence(int[] available, int[][] allocation, int[][] need) {
        Scan scan = scan(available, allocation, need);
        return scan.safe ? Optional.of(scan.order.stream().mapToInt(Integer::intValue).toArray()) : Optional.empty();
    }

    /** The outcome of one run of the safety algorithm, safe or not. */
    private record Scan(boolean safe, List<Integer> order, boolean[] finished, int[] work) {}

    private static Scan scan(int[] available, int[][] allocation, int[][] need) {
        int m = available == null ? 0 : available.length;
        int n = Math.max(allocation == null ? 0 : allocation.length, need == null ? 0 : need.length);
        int[] work = m == 0 ? new int[0] : available.clone();
        boolean[] finished = new boolean[n];
        List<Integer> order = new ArrayList<>();
        boolean negative = false;
        for (int w : work) {
            negative |= w < 0;
        }
        if (negative) {
            return new Scan(false, order, finished, work);
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < n; i++) {
                if (!finished[i] && fits(row(need, i), work)) {
                    int[] alloc = row(allocation, i);
                    for (int r = 0; r < m; r++) {
                        work[r] += at(alloc, r);
                    }
                    finished[i] = true;
                    order.add(i);
                    progress = true;
                    break; // start the scan again from the lowest index
                }
            }
        }
        return new Scan(order.size() == n, order, finished, work);
    }

    /**
     * Judges a textbook table: Available = Total - column sums of Allocation,
     * Need = Max - Allocation, safety with the canonical sequence, and, if the
     * table carries a request, the resource-request algorithm.
     */
    public static BankerReport analyse(BankerTable table) {
        List<String> resources = table.resources() == null ? List.of() : List.copyOf(table.resources());
        List<BankerTable.Row> rows = table.rows() == null ? List.of() : table.rows();
        int m = Math.max(resources.size(), table.total() == null ? 0 : table.total().length);
        int n = rows.size();
        int[] total = vector(table.total(), m);
        List<String> processes = new ArrayList<>(n);
        int[][] alloc = new int[n][];
        int[][] max = new int[n][];
        for (int i = 0; i < n; i++) {
            BankerTable.Row row = rows.get(i);
            processes.add(row.process());
            alloc[i] = vector(row.alloc(), m);
            max[i] = vector(row.max(), m);
        }
        int[] available = total.clone();
        for (int[] a : alloc) {
            for (int r = 0; r < m; r++) {
                available[r] -= a[r];
            }
        }
        Optional<RequestOutcome> outcome = table.request()
                .map(req -> request(resources, List.copyOf(processes), total, available, max, alloc, req));
        return report(resources, List.copyOf(processes), total, available, max, alloc, outcome);
    }

    private static BankerReport report(List<String> resources, List<String> processes, int[] total,
                                       int[] available, int[][] max, int[][] alloc,
                                       Optional<RequestOutcome> outcome) {
        int n = alloc.length;
        int m = available.length;
        int[][] need = new int[n][m];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < m; r++) {
                need[i][r] = max[i][r] - alloc[i][r];
            }
        }
        Optional<int[]> seq = safeSequence(available, alloc, need);
        List<String> names = new ArrayList<>();
        seq.ifPresent(s -> Arrays.stream(s).forEach(i -> names.add(processes.get(i))));
        return new BankerReport(resources, processes, total.clone(), available.clone(), deepClone(max),
                deepClone(alloc), need, seq.isPresent(), List.copyOf(names), outcome);
    }

    private static RequestOutcome request(List<String> resources, List<String> processes, int[] total,
                                          int[] available, int[][] max, int[][] alloc,
                                          BankerTable.Request req) {
        int m = available.length;
        int[] amounts = vector(req.amounts(), m);
        int i = req.row();
        if (i < 0 || i >= processes.size() || !processes.get(i).equals(req.process())) {
            i = processes.indexOf(req.process());
        }
        if (i < 0) {
            // A process with no row has no claim: any request exceeds its need.
            return new RequestOutcome(req.process(), amounts, Verdict.EXCEEDS_NEED, Optional.empty());
        }
        for (int r = 0; r < m; r++) {
            if (amounts[r] > max[i][r] - alloc[i][r]) {
                return new RequestOutcome(req.process(), amounts, Verdict.EXCEEDS_NEED, Optional.empty());
            }
        }
        for (int r = 0; r < m; r++) {
            if (amounts[r] > available[r]) {
                return new RequestOutcome(req.process(), amounts, Verdict.MUST_WAIT, Optional.empty());
            }
        }
        int[] avail2 = available.clone();
        int[][] alloc2 = deepClone(alloc);
        for (int r = 0; r < m; r++) {
            avail2[r] -= amounts[r];
            alloc2[i][r] += amounts[r];
        }
        BankerReport after = report(resources, processes, total, avail2, max, alloc2, Optional.empty());
        return new RequestOutcome(req.process(), amounts, after.safe() ? Verdict.GRANTED : Verdict.UNSAFE,
                Optional.of(after));
    }

    // ---------------------------------------------------------------- format

    /**
     * The report as a student would write it: one row per process with its
     * Allocation, Max and Need, then Available, then the safe sequence (or why
     * there is none), then the request's outcome with the state after it.
     * Monospaced, aligned and deterministic; lines end with {@code \n}.
     */
    public static String format(BankerReport r) {
        StringBuilder out = new StringBuilder();
        format(r, "", out);
        return out.toString();
    }

    private static void format(BankerReport r, String indent, StringBuilder out) {
        int n = r.processes().size();
        int m = r.available().length;
        List<String> res = new ArrayList<>(m);
        for (int c = 0; c < m; c++) {
            res.add(c < r.resources().size() ? r.resources().get(c) : "R" + c);
        }
        int cell = 1;
        for (String s : res) {
            cell = Math.max(cell, s.length());
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                cell = Math.max(cell, Integer.toString(at(row(r.allocation(), i), c)).length());
                cell = Math.max(cell, Integer.toString(at(row(r.max(), i), c)).length());
                cell = Math.max(cell, Integer.toString(at(row(r.need(), i), c)).length());
            }
        }
        int nameWidth = "Process".length();
        for (String p : r.processes()) {
            nameWidth = Math.max(nameWidth, p.length());
        }
        String[] titles = {"Allocation", "Max", "Need"};
        int group = Math.max(m * cell + Math.max(0, m - 1), "Allocation".length());

        List<String> header = new ArrayList<>();
        List<String> sub = new ArrayList<>();
        for (String t : titles) {
            header.add(pad(t, group));
            sub.add(pad(cells(res, cell), group));
        }
        line(out, indent, pad("Process", nameWidth) + " | " + String.join(" | ", header));
        line(out, indent, pad("", nameWidth) + " | " + String.join(" | ", sub));
        for (int i = 0; i < n; i++) {
            List<String> groups = new ArrayList<>();
            for (int[][] matrix : new int[][][] {r.allocation(), r.max(), r.need()}) {
                groups.add(pad(numbers(row(matrix, i), m, cell), group));
            }
            line(out, indent, pad(r.processes().get(i), nameWidth) + " | " + String.join(" | ", groups));
        }
        line(out, indent, "Available: " + vec(r.available()));
        if (r.safe()) {
            line(out, indent, "Safe sequence: <" + String.join(", ", r.safeSequence()) + ">");
        } else {
            Scan s = scan(r.available(), r.allocation(), r.need());
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!s.finished()[i]) {
                    stuck.add(r.processes().get(i));
                }
            }
            if (s.order().isEmpty()) {
                line(out, indent, "UNSAFE: no process can finish with Available = " + vec(r.available()));
            } else {
                List<String> done = new ArrayList<>();
                s.order().forEach(i -> done.add(r.processes().get(i)));
                line(out, indent, "UNSAFE: after <" + String.join(", ", done) + ">, none of "
                        + String.join(", ", stuck) + " can finish with Work = " + vec(s.work()));
            }
        }
        r.request().ifPresent(q -> {
            String head = "Request " + q.process() + " " + vec(q.amounts()) + ": ";
            switch (q.verdict()) {
                case GRANTED -> line(out, indent, head + "GRANTED (the state after it is safe)");
                case EXCEEDS_NEED -> line(out, indent, head + "EXCEEDS_NEED (error: the request is more than "
                        + q.process() + "'s Need" + needOf(r, q.process()) + ")");
                case MUST_WAIT -> line(out, indent, head + "MUST_WAIT (the request is more than Available "
                        + vec(r.available()) + "; " + q.process() + " waits)");
                case UNSAFE -> line(out, indent, head + "UNSAFE (granting it would leave the state unsafe; "
                        + q.process() + " waits)");
            }
            q.after().ifPresent(after -> {
                line(out, indent, q.verdict() == Verdict.GRANTED ? "State after the request:"
                        : "State if it were granted:");
                format(after, indent + "  ", out);
            });
        });
    }

    private static String needOf(BankerReport r, String process) {
        int i = r.processes().indexOf(process);
        return i < 0 ? "" : " " + vec(row(r.need(), i));
    }

    private static void line(StringBuilder out, String indent, String text) {
        out.append(indent).append(text.stripTrailing()).append('\n');
    }

    private static String cells(List<String> values, int width) {
        List<String> padded = new ArrayList<>();
        for (String v : values) {
            padded.add(leftPad(v, width));
        }
        return String.join(" ", padded);
    }

    private static String numbers(int[] values, int m, int width) {
        List<String> padded = new ArrayList<>();
        for (int c = 0; c < m; c++) {
            padded.add(leftPad(Integer.toString(at(values, c)), width));
        }
        return String.join(" ", padded);
    }

    private static String vec(int[] v) {
        List<String> parts = new ArrayList<>();
        if (v != null) {
            for (int x : v) {
                parts.add(Integer.toString(x));
            }
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String leftPad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    // --------------------------------------------------------------- helpers

    private static boolean fits(int[] need, int[] work) {
        for (int r = 0; r < work.length; r++) {
            if (at(need, r) > work[r]) {
                return false;
            }
        }
        return true;
    }

    static int at(int[] v, int r) {
        return v != null && r < v.length ? v[r] : 0;
    }

    static int[] row(int[][] matrix, int i) {
        return matrix != null && i < matrix.length ? matrix[i] : null;
    }

    private static int[] vector(int[] v, int m) {
        int[] out = new int[m];
        for (int r = 0; r < m; r++) {
            out[r] = at(v, r);
        }
        return out;
    }

    private static int[][] deepClone(int[][] a) {
        int[][] out = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
