package oss.analysis.report.html;

import java.util.ArrayList;
import java.util.List;
import oss.runtime.kernel.deadlock.BankerReport;

/**
 * The banker's algorithm as a student works it on paper: the Allocation,
 * Max and Need matrices with Available, then the safety algorithm step by
 * step — which process's Need fits in Work, and Work after it finishes and
 * gives its allocation back — scanning from the lowest index after every
 * step, as oss decides the safe sequence. With a request, the same for the
 * state in which it is pretend-granted.
 */
final class BankerTables {
    private BankerTables() {}

    static String of(BankerReport r) {
        StringBuilder s = new StringBuilder("<h3>The banker's state</h3>\n").append(matrices(r)).append(steps(r));
        r.request().ifPresent(q -> {
            s.append("<h3>Request of ").append(Esc.html(q.process())).append(' ').append(vector(q.amounts()))
                    .append(": ").append(Esc.html(q.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')))
                    .append("</h3>\n");
            q.after().ifPresent(after -> s.append("<div class=\"muted\">the state if it were granted</div>\n")
                    .append(matrices(after)).append(steps(after)));
        });
        return s.toString();
    }

    private static String matrices(BankerReport r) {
        int m = r.resources().size();
        StringBuilder s = new StringBuilder("<table class=\"repl banker\"><thead><tr><th rowspan=\"2\">process</th>")
                .append("<th colspan=\"").append(m).append("\">Allocation</th><th colspan=\"").append(m)
                .append("\">Max</th><th colspan=\"").append(m).append("\">Need</th></tr><tr>");
        for (int k = 0; k < 3; k++) {
            for (String res : r.resources()) {
                s.append("<th>").append(Esc.html(res)).append("</th>");
            }
        }
        s.append("</tr></thead><tbody>\n");
        for (int i = 0; i < r.processes().size(); i++) {
            s.append("<tr><th>").append(Esc.html(r.processes().get(i))).append("</th>");
            for (int[][] mat : new int[][][] {r.allocation(), r.max(), r.need()}) {
                for (int j = 0; j < m; j++) {
                    s.append("<td>").append(mat[i][j]).append("</td>");
                }
            }
            s.append("</tr>\n");
        }
        return s.append("</tbody></table>\n<div>Available = ").append(vector(r.available())).append("</div>\n")
                .toString();
    }

    /** The safety algorithm's steps, worked out here from the matrices (not from the verdict). */
    static String steps(BankerReport r) {
        int n = r.processes().size();
        int[] work = r.available().clone();
        boolean[] finished = new boolean[n];
        List<String> order = new ArrayList<>();
        StringBuilder s = new StringBuilder("<ol class=\"safety\">\n");
        for (int done = 0; done < n; done++) {
            int pick = -1;
            for (int i = 0; i < n && pick < 0; i++) {
                if (!finished[i] && fits(r.need()[i], work)) {
                    pick = i;
                }
            }
            if (pick < 0) {
                s.append("<li class=\"stuck\">Work = ").append(vector(work)).append(": no unfinished process has"
                        + " Need ≤ Work, so the state is <b>unsafe</b></li>\n");
                return s.append("</ol>\n").toString();
            }
            String p = Esc.html(r.processes().get(pick));
            s.append("<li>").append(p).append(": Need ").append(vector(r.need()[pick])).append(" ≤ Work ")
                    .append(vector(work)).append(", it can finish and give back ").append(vector(r.allocation()[pick]));
            for (int j = 0; j < work.length; j++) {
                work[j] += r.allocation()[pick][j];
            }
            finished[pick] = true;
            order.add(r.processes().get(pick));
            s.append(": Work = ").append(vector(work)).append("</li>\n");
        }
        return s.append("</ol>\n<div>every process can finish: <b>safe</b>, safe sequence &lt;")
                .append(Esc.html(String.join(", ", order))).append("&gt;</div>\n").toString();
    }

    private static boolean fits(int[] need, int[] work) {
        for (int j = 0; j < need.length; j++) {
            if (need[j] > work[j]) {
                return false;
            }
        }
        return true;
    }

    private static String vector(int[] v) {
        StringBuilder s = new StringBuilder("(");
        for (int j = 0; j < v.length; j++) {
            s.append(j == 0 ? "" : ", ").append(v[j]);
        }
        return s.append(')').toString();
    }
}
