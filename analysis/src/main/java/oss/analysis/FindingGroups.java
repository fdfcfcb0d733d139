package oss.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.diag.Severity;

/**
 * One fact, said once. The same circular wait is found up to three times —
 * by the lock-order check before anything runs (OSS1304), by the run
 * (OSS2101) and by the explorer (OSS2401) — and each would repeat the cycle
 * with a note per member. They become one diagnostic: the most certain
 * finding (what the run saw, else what the explorer reached, else what the
 * order of locks allows), with its notes, and a line saying who else found
 * it, as rustc and clang fold notes into one error. Findings are the same
 * fact when they point at a statement in common.
 */
final class FindingGroups {
    /** Most certain first. */
    private static final List<Code> CYCLES = List.of(Code.DEADLOCK, Code.DEADLOCK_REACHABLE, Code.LOCK_ORDER_CYCLE);
    private static final Map<Code, String> WHO = Map.of(
            Code.DEADLOCK, "the run (OSS2101)",
            Code.DEADLOCK_REACHABLE, "the explorer (OSS2401)",
            Code.LOCK_ORDER_CYCLE, "the lock-order check before the run (OSS1304)");

    private FindingGroups() {}

    /** {@code all} with each group of findings of one circular wait folded into its most certain member. */
    static List<Diagnostic> group(List<Diagnostic> all) {
        List<Diagnostic> out = new ArrayList<>(all);
        for (Code primaryCode : CYCLES) {
            for (int i = 0; i < out.size(); i++) {
                Diagnostic primary = out.get(i);
                if (primary.code() != primaryCode) {
                    continue;
                }
                Set<Integer> lines = lines(primary);
                List<Diagnostic> same = new ArrayList<>();
                for (Diagnostic d : out) {
                    if (d != primary && CYCLES.contains(d.code()) && rank(d) > rank(primary)
                            && !java.util.Collections.disjoint(lines, lines(d))) {
                        same.add(d);
                    }
                }
                if (same.isEmpty()) {
                    continue;
                }
                same.sort(java.util.Comparator.comparingInt(FindingGroups::rank));
                out.removeAll(same);
                i = out.indexOf(primary);
                out.set(i, fold(primary, same));
            }
        }
        return out;
    }

    private static int rank(Diagnostic d) {
        return CYCLES.indexOf(d.code());
    }

    private static Set<Integer> lines(Diagnostic d) {
        Set<Integer> lines = new HashSet<>();
        lines.add(d.span().line());
        for (Related r : d.related()) {
            lines.add(r.span().line());
        }
        return lines;
    }

    private static Diagnostic fold(Diagnostic primary, List<Diagnostic> same) {
        List<String> who = new ArrayList<>();
        Severity severity = primary.severity();
        for (Diagnostic d : same) {
            String w = WHO.get(d.code());
            if (d.code() == Code.DEADLOCK_REACHABLE) {
                int at = d.message().indexOf("reached after ");
                if (at >= 0) {
                    w += ", " + d.message().substring(at); // its schedule, to replay with oss run --schedule
                }
            }
            who.add(w);
            if (d.severity().ordinal() < severity.ordinal()) {
                severity = d.severity(); // an unexpected member keeps the group an error
            }
        }
        String detail = primary.detail().isEmpty() ? "" : primary.detail().stripTrailing() + "\n";
        return new Diagnostic(primary.code(), severity, primary.message(), primary.span(), primary.related(),
                detail + "also found by " + String.join("; and ", who) + " (-v shows each)");
    }
}
