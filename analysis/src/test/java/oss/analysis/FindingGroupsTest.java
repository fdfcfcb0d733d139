package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Span;

/** One fact, one diagnostic: the rules by which findings of the run, the explorer and the checks fold. */
class FindingGroupsTest {
    private static Span at(int line, int col) {
        return new Span(line, col, line, col + 5);
    }

    private static Diagnostic race(Code code, int line, int otherLine) {
        return Diagnostic.of(code, at(line, 5), "data race on count")
                .withRelated(List.of(new Related(at(otherLine, 5), "the other access")));
    }

    @Test
    void aRaceFoundByTheRunTheExplorerAndTheLocksetCheckIsOneFinding() {
        Diagnostic run = race(Code.DATA_RACE, 7, 12);
        Diagnostic explored = new Diagnostic(Code.RACE_REACHABLE, Code.RACE_REACHABLE.severity(),
                "data race on count; reached after 3 steps: pid 2 at 7:5, pid 3 at 12:5, pid 2 at 7:5",
                at(12, 5), List.of(new Related(at(7, 5), "the other access")), "shortest schedule (3 steps):\n  1. ...");
        // the lockset check names every unprotected access of the variable, not just the pair
        Diagnostic lockset = Diagnostic.of(Code.NO_COMMON_LOCK, at(2, 1), "count has no common lock")
                .withRelated(List.of(new Related(at(7, 5), "a"), new Related(at(12, 5), "b"),
                        new Related(at(15, 5), "c")));
        List<Diagnostic> out = FindingGroups.group(List.of(lockset, run, explored));
        assertEquals(1, out.size(), () -> out.toString());
        Diagnostic one = out.get(0);
        assertEquals(Code.DATA_RACE, one.code(), "the run saw it happen: the most certain finder leads");
        assertEquals(7, one.span().line());
        assertEquals(List.of(12), one.related().stream().map(r -> r.span().line()).toList(),
                "the other access stays the one related location");
        assertTrue(one.detail().contains("the explorer (OSS2408), reached after 3 steps"), one.detail());
        assertTrue(one.detail().contains("the lockset check before the run (OSS1308)"), one.detail());
        assertTrue(one.detail().contains("shortest schedule (3 steps)"), "the explorer's counterexample is kept: "
                + one.detail());
    }

    @Test
    void racesOnDifferentPairsStaySeparate() {
        Diagnostic first = race(Code.DATA_RACE, 7, 12);
        Diagnostic other = race(Code.RACE_REACHABLE, 7, 20);
        List<Diagnostic> out = FindingGroups.group(List.of(first, other));
        assertEquals(2, out.size(), () -> out.toString());
    }

    @Test
    void anAssertionFailingInTheRunAndInAnInterleavingIsOneFinding() {
        Diagnostic run = Diagnostic.of(Code.ASSERTION_FAILED, at(9, 5), "assertion `count == 2` failed: count is 1");
        Diagnostic explored = new Diagnostic(Code.ASSERTION_REACHABLE, Code.ASSERTION_REACHABLE.severity(),
                "assertion `count == 2` fails; reached after 5 steps: ...", at(9, 5), List.of(), "shortest schedule");
        Diagnostic elsewhere = Diagnostic.of(Code.ASSERTION_REACHABLE, at(10, 5), "assertion `r >= 0` fails");
        List<Diagnostic> out = FindingGroups.group(List.of(run, explored, elsewhere));
        assertEquals(List.of(Code.ASSERTION_FAILED, Code.ASSERTION_REACHABLE), out.stream().map(Diagnostic::code).toList());
        assertEquals(10, out.get(1).span().line(), "an assertion at another statement is another fact");
        assertTrue(out.get(0).detail().contains("also found by the explorer (OSS2407), reached after 5 steps"),
                out.get(0).detail());
    }

    @Test
    void anExplorerFindingAloneIsLeftAsItIs() {
        Diagnostic explored = race(Code.RACE_REACHABLE, 7, 12);
        assertEquals(List.of(explored), FindingGroups.group(List.of(explored)));
    }
}
