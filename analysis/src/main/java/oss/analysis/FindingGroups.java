package oss.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
 * text allows), with its notes, and a line saying who else found it, as
 * rustc and clang fold notes into one error.
 *
 * <p>Each {@link Family} is one kind of fact and says when two of its findings are the same one:
 * a circular wait when they point at a statement in common; a data race when one's pair of
 * accesses is among the other's (the lockset check names every unprotected access of the
 * variable, the run and the explorer the two that raced); an assertion, a division by zero or
 * a loop that never ends when they are at the same statement.
 */
final class FindingGroups {
    /** A kind of fact: its codes, most certain first, who each code's finder is, and the sameness rule. */
    private record Family(List<Code> codes, Map<Code, String> who, Sameness same, boolean onePerFinder,
            boolean samePairOnce) {}

    private interface Sameness {
        boolean test(Diagnostic primary, Diagnostic other);
    }

    private static final Sameness SHARE_A_LINE = (p, o) -> !Collections.disjoint(lines(p), lines(o));
    /** The race's two sites are among the other's sites, or the other's among its (the lockset lists them all). */
    private static final Sameness SAME_PAIR = (p, o) -> lines(o).containsAll(lines(p)) || lines(p).containsAll(lines(o));
    private static final Sameness SAME_STATEMENT = (p, o) -> p.span().line() == o.span().line()
            && p.span().column() == o.span().column();

    private static final List<Family> FAMILIES = List.of(
            new Family(List.of(Code.DEADLOCK, Code.DEADLOCK_REACHABLE, Code.LOCK_ORDER_CYCLE), Map.of(
                    Code.DEADLOCK, "the run (OSS2101)",
                    Code.DEADLOCK_REACHABLE, "the explorer (OSS2401)",
                    Code.LOCK_ORDER_CYCLE, "the lock-order check before the run (OSS1304)"), SHARE_A_LINE, false, false),
            new Family(List.of(Code.DATA_RACE, Code.RACE_REACHABLE, Code.NO_COMMON_LOCK), Map.of(
                    Code.DATA_RACE, "the run (OSS2502)",
                    Code.RACE_REACHABLE, "the explorer (OSS2408)",
                    Code.NO_COMMON_LOCK, "the lockset check before the run (OSS1308)"), SAME_PAIR, true, true),
            new Family(List.of(Code.ASSERTION_FAILED, Code.ASSERTION_REACHABLE), Map.of(
                    Code.ASSERTION_FAILED, "the run (OSS2501)",
                    Code.ASSERTION_REACHABLE, "the explorer (OSS2407)"), SAME_STATEMENT, true, false),
            new Family(List.of(Code.DATA_FAULT, Code.DATA_FAULT_REACHABLE), Map.of(
                    Code.DATA_FAULT, "the run (OSS2504)",
                    Code.DATA_FAULT_REACHABLE, "the explorer (OSS2410)"), SAME_STATEMENT, true, false),
            new Family(List.of(Code.ENDLESS_LOOP, Code.SPIN_FOREVER_REACHABLE), Map.of(
                    Code.ENDLESS_LOOP, "the run (OSS2503)",
                    Code.SPIN_FOREVER_REACHABLE, "the explorer (OSS2409)"), SHARE_A_LINE, true, false));

    /** The explorer's codes: a member with one of these carries the shortest schedule to the fact. */
    private static final Set<Code> EXPLORED = Set.of(Code.DEADLOCK_REACHABLE, Code.RACE_REACHABLE,
            Code.ASSERTION_REACHABLE, Code.DATA_FAULT_REACHABLE, Code.SPIN_FOREVER_REACHABLE);

    private FindingGroups() {}

    /** {@code all} with each group of findings of one fact folded into its most certain member. */
    static List<Diagnostic> group(List<Diagnostic> all) {
        List<Diagnostic> out = new ArrayList<>(all);
        for (Family family : FAMILIES) {
            if (family.samePairOnce()) {
                pairsOnce(family, out);
            }
            for (Code primaryCode : family.codes()) {
                for (int i = 0; i < out.size(); i++) {
                    Diagnostic primary = out.get(i);
                    if (primary.code() != primaryCode) {
                        continue;
                    }
                    List<Diagnostic> same = new ArrayList<>();
                    for (Diagnostic d : out) {
                        if (d != primary && family.codes().contains(d.code())
                                && rank(family, d) > rank(family, primary) && family.same().test(primary, d)
                                && (!family.onePerFinder() || same.stream().noneMatch(s -> s.code() == d.code()))) {
                            // a cycle may be reached twice; a second race or assertion of one finder is its own fact
                            same.add(d);
                        }
                    }
                    if (same.isEmpty()) {
                        continue;
                    }
                    same.sort(Comparator.comparingInt(d -> rank(family, d)));
                    out.removeAll(same);
                    i = out.indexOf(primary);
                    out.set(i, fold(family, primary, same));
                }
            }
        }
        return out;
    }

    /**
     * One finder's races between the same two statements are one fact: the load of
     * {@code count = count + 1} races with the other task's store, and so does its store, but
     * each race names its own expression, so the run reports the pair of statements twice.
     */
    private static void pairsOnce(Family family, List<Diagnostic> out) {
        for (int i = 0; i < out.size(); i++) {
            Diagnostic first = out.get(i);
            if (!family.codes().contains(first.code())) {
                continue;
            }
            for (int j = out.size() - 1; j > i; j--) {
                Diagnostic d = out.get(j);
                if (d.code() == first.code() && lines(d).equals(lines(first))) {
                    out.remove(j); // -v still shows each
                }
            }
        }
    }

    private static int rank(Family family, Diagnostic d) {
        return family.codes().indexOf(d.code());
    }

    private static Set<Integer> lines(Diagnostic d) {
        Set<Integer> lines = new HashSet<>();
        lines.add(d.span().line());
        for (Related r : d.related()) {
            lines.add(r.span().line());
        }
        return lines;
    }

    private static Diagnostic fold(Family family, Diagnostic primary, List<Diagnostic> same) {
        List<String> who = new ArrayList<>();
        Severity severity = primary.severity();
        String schedule = "";
        for (Diagnostic d : same) {
            String w = family.who().get(d.code());
            if (EXPLORED.contains(d.code())) {
                int at = d.message().indexOf("reached after ");
                if (at >= 0) {
                    w += ", " + d.message().substring(at); // its schedule, to replay with oss run --schedule
                }
                if (!EXPLORED.contains(primary.code()) && primary.code() != Code.DEADLOCK && !d.detail().isBlank()) {
                    // the run's finding says what happened; the explorer's steps (and the values they read
                    // and wrote) say how: the counterexample stays with the one diagnostic
                    schedule = d.detail().stripTrailing() + "\n";
                }
            }
            who.add(w);
            if (d.severity().ordinal() < severity.ordinal()) {
                severity = d.severity(); // an unexpected member keeps the group an error
            }
        }
        String detail = primary.detail().isEmpty() ? "" : primary.detail().stripTrailing() + "\n";
        return new Diagnostic(primary.code(), severity, primary.message(), primary.span(), primary.related(),
                detail + schedule + "also found by " + String.join("; and ", who) + " (-v shows each)");
    }
}
