package oss.analysis.report.html;

import java.util.ArrayList;
import java.util.List;
import oss.runtime.kernel.mm.replace.ReferenceStringSimulator;
import oss.runtime.kernel.mm.replace.ReplacementPolicies;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.ReplacementKind;

/**
 * The table every textbook draws for page replacement: for each
 * `access x pages [...]` of a process with `frames N`, one column per
 * reference with the frames' contents after it, whether it faulted, and the
 * page it evicted. It is the policy run over the reference string from empty
 * frames ({@link ReferenceStringSimulator}, the same policy classes the
 * kernel's fault path uses), so it reads as the exercise does.
 */
final class ReplacementTables {
    private ReplacementTables() {}

    /** The HTML of every table of the program, or "" when it has no reference string under a frame limit. */
    static String of(Program program) {
        ReplacementKind kind = program.kernel().memory().replacement();
        StringBuilder out = new StringBuilder();
        for (ProcessDef p : program.processes()) {
            if (p.frames() <= 0) {
                continue;
            }
            List<Op.PageRefs> refs = new ArrayList<>();
            collect(p.body(), refs);
            for (Op.PageRefs r : refs) {
                out.append(table(p, r, kind));
            }
        }
        return out.toString();
    }

    private static void collect(List<Op> ops, List<Op.PageRefs> out) {
        for (Op op : ops) {
            if (op instanceof Op.PageRefs r && r.pages().length > 0 && out.size() < 20) {
                out.add(r);
            } else if (op instanceof Op.Repeat rep) {
                collect(rep.body(), out);
            }
        }
    }

    private static String table(ProcessDef p, Op.PageRefs r, ReplacementKind kind) {
        long[] pages = r.pages().length > 64 ? java.util.Arrays.copyOf(r.pages(), 64) : r.pages();
        String policy = kind.name().toLowerCase(java.util.Locale.ROOT);
        StringBuilder s = new StringBuilder("<h3>Page replacement: ").append(Esc.html(p.name())).append(", ")
                .append(policy).append(" with ").append(p.frames()).append(" frames</h3>\n");
        if (kind == ReplacementKind.RANDOM) {
            return s.append("<p class=\"muted\">random replacement draws from the run's seeded source: no table is"
                    + " drawn apart from the run (its faults are in the process table)</p>\n").toString();
        }
        var result = ReferenceStringSimulator.run(p.frames(),
                ReplacementPolicies.create(kind, new java.util.SplittableRandom(1)), pages);
        s.append("<div class=\"muted\">`access` at line ").append(r.span().line()).append(": ").append(result.faults())
                .append(" page faults in ").append(pages.length).append(" references")
                .append(r.pages().length > pages.length ? " (the first 64 shown)" : "").append("</div>\n");
        s.append("<table class=\"repl\"><thead><tr><th>reference</th>");
        for (long page : pages) {
            s.append("<th>").append(page).append("</th>");
        }
        s.append("</tr></thead><tbody>\n");
        for (int f = 0; f < p.frames(); f++) {
            s.append("<tr><th>frame ").append(f).append("</th>");
            for (int i = 0; i < pages.length; i++) {
                long v = result.framesAfter(i)[f];
                boolean fresh = result.faulted()[i] && v == pages[i];
                s.append(fresh ? "<td class=\"new\">" : "<td>").append(v == ReferenceStringSimulator.EMPTY ? "" : v)
                        .append("</td>");
            }
            s.append("</tr>\n");
        }
        s.append("<tr class=\"fault\"><th>fault</th>");
        for (int i = 0; i < pages.length; i++) {
            s.append("<td>").append(result.faulted()[i] ? "F" : "").append("</td>");
        }
        s.append("</tr>\n<tr class=\"evicted\"><th>evicted</th>");
        for (int i = 0; i < pages.length; i++) {
            long evicted = ReferenceStringSimulator.EMPTY;
            if (result.faulted()[i] && i > 0) {
                long[] before = result.framesAfter(i - 1);
                long[] now = result.framesAfter(i);
                for (int f = 0; f < now.length; f++) {
                    if (before[f] != now[f] && before[f] != ReferenceStringSimulator.EMPTY) {
                        evicted = before[f];
                    }
                }
            }
            s.append("<td>").append(evicted == ReferenceStringSimulator.EMPTY ? "" : evicted).append("</td>");
        }
        return s.append("</tr>\n</tbody></table>\n").toString();
    }
}
