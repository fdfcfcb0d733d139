package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.explore.Ir.*;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.Program;
import oss.ir.program.SharedData.MemoryModel;
import oss.ir.program.Val;

/**
 * Shared data in the explorer, checked against outcomes worked out by hand: lost updates, the
 * assert, await and fault rules, value expectations over final states, races and busy waiting.
 * Every verdict is checked with partial-order reduction on and off: a wrong access set would
 * make the two disagree.
 */
public class DataExploreTest {
    static final Cell X = shared("x", 0);

    static ExploreResult explore(Program p, boolean por) {
        return Explorer.explore(p, ExploreOptions.defaults().withPor(por).withMaxSeconds(60));
    }

    /** Explores with and without reduction and hands back both, after checking they agree on every verdict. */
    static List<ExploreResult> both(Program p) {
        ExploreResult on = explore(p, true);
        ExploreResult off = explore(p, false);
        assertTrue(on.complete() && off.complete(), "incomplete: " + on.stoppedBy() + " / " + off.stoppedBy());
        assertEquals(outcomes(off), outcomes(on), "verdicts with and without reduction");
        assertEquals(codes(off), codes(on), "finding kinds with and without reduction");
        return List.of(on, off);
    }

    static List<PropertyVerdict.Outcome> outcomes(ExploreResult r) {
        return r.properties().stream().map(PropertyVerdict::outcome).toList();
    }

    static java.util.Set<Code> codes(ExploreResult r) {
        return r.findings().stream().map(ExploreFinding::code).collect(java.util.stream.Collectors.toSet());
    }

    static PropertyVerdict.Outcome outcome(ExploreResult r, int line) {
        return r.property(at(line)).orElseThrow().outcome();
    }

    static boolean has(ExploreResult r, Code code) {
        return r.findings().stream().anyMatch(f -> f.code() == code);
    }

    static ExploreFinding first(ExploreResult r, Code code) {
        return r.findings().stream().filter(f -> f.code() == code).findFirst().orElseThrow();
    }

    // ---- lost update ------------------------------------------------------------------------------------

    /** Two tasks each do x = x + 1: load into r0, store r0 + 1. */
    static Builder counter(Function<Integer, Op[]> body) {
        return scenario().vars(var("x", 0)).mutexes(1)
                .props(possible(200, eq(read(X), k(1)), "x == 1"), possible(201, eq(read(X), k(2)), "x == 2"),
                        always(202, eq(read(X), k(2)), "x == 2"))
                .process(body.apply(10)).process(body.apply(20));
    }

    static Op[] plainIncrement(int line) {
        return new Op[] {load(line, 0, X), store(line + 1, X, bin(Val.BinOp.ADD, read(local(0)), k(1)))};
    }

    @Test
    void twoPlainIncrementsCanLoseAnUpdate() {
        for (ExploreResult r : both(counter(DataExploreTest::plainIncrement).build())) {
            assertEquals(PropertyVerdict.Outcome.HOLDS, outcome(r, 200), "x == 1 is possible");
            assertEquals(PropertyVerdict.Outcome.HOLDS, outcome(r, 201), "x == 2 is possible");
            assertEquals(PropertyVerdict.Outcome.FAILS, outcome(r, 202), "x == 2 is not certain");
            assertTrue(has(r, Code.RACE_REACHABLE), "the two loads and stores race");
        }
        // by hand: losing the update takes both loads before either store, then both ends: 6 steps
        ExploreResult full = explore(counter(DataExploreTest::plainIncrement).build(), false);
        PropertyVerdict lost = full.property(at(202)).orElseThrow();
        assertEquals(6, lost.schedule().orElseThrow().steps().size());
        assertEquals(6, full.property(at(200)).orElseThrow().schedule().orElseThrow().steps().size());
        // the witness for x == 2 (one increment after the other) is as short: 2 + 2 + 2
        assertEquals(6, full.property(at(201)).orElseThrow().schedule().orElseThrow().steps().size());
    }

    @Test
    void aMutexOrFetchAddLosesNothing() {
        Function<Integer, Op[]> locked = line -> new Op[] {lock(line, 0), load(line + 1, 0, X),
            store(line + 2, X, bin(Val.BinOp.ADD, read(local(0)), k(1))), unlock(line + 3, 0)};
        Function<Integer, Op[]> atomicAdd = line -> new Op[] {fetchAdd(line, -1, X, 1)};
        Function<Integer, Op[]> atomicBlock = line -> new Op[] {atomic(line, load(line, 0, X),
            store(line, X, bin(Val.BinOp.ADD, read(local(0)), k(1))))};
        for (Function<Integer, Op[]> body : List.of(locked, atomicAdd, atomicBlock)) {
            for (ExploreResult r : both(counter(body).build())) {
                assertEquals(PropertyVerdict.Outcome.FAILS, outcome(r, 200), "x == 1 is impossible");
                assertEquals(PropertyVerdict.Outcome.HOLDS, outcome(r, 201));
                assertEquals(PropertyVerdict.Outcome.HOLDS, outcome(r, 202), "x == 2 always");
                assertFalse(has(r, Code.RACE_REACHABLE), () -> "no race: " + r.findings());
            }
        }
    }

    @Test
    void anUndecidedLineWhenTheBudgetRunsOut() {
        Program p = counter(DataExploreTest::plainIncrement).build();
        ExploreResult r = Explorer.explore(p, ExploreOptions.defaults().withMaxStates(3).withPor(false));
        assertFalse(r.complete());
        // x == 1 needs both loads first: 4 steps deep, beyond 3 states
        assertEquals(PropertyVerdict.Outcome.UNDECIDED, outcome(r, 200));
        assertEquals(PropertyVerdict.Outcome.UNDECIDED, outcome(r, 202));
    }

    // ---- assert, fault, endless loop, await -----------------------------------------------------------

    @Test
    void aFailedAssertIsReportedWithTheShortestSchedule() {
        Program p = scenario().vars(var("x", 0))
                .process(store(10, X, k(1)))
                .process(load(20, 0, X), check(21, eq(read(local(0)), k(0)), "r0 == 0")).build();
        List<ExploreResult> rs = both(p);
        for (ExploreResult r : rs) {
            ExploreFinding f = first(r, Code.ASSERTION_REACHABLE);
            assertEquals(21, f.at().line());
            assertEquals(new Schedule.Step(3, 20, 5, -1), f.schedule().steps().get(f.schedule().steps().size() - 1));
        }
        // the store, then the load that sees it: the assert after the load fails. With reduction the
        // storing task's end may come first (shortest among the explored interleavings)
        assertEquals(List.of(new Schedule.Step(2, 10, 5, -1), new Schedule.Step(3, 20, 5, -1)),
                first(rs.get(1), Code.ASSERTION_REACHABLE).schedule().steps());
    }

    @Test
    void aDivisionByZeroCutsThePath() {
        Program p = scenario().vars(var("x", 0))
                .process(load(10, 0, X), assign(11, local(1), bin(Val.BinOp.DIV, k(10), read(local(0)))),
                        store(12, X, k(7)))
                .props(possible(200, eq(read(X), k(7)), "x == 7")).build();
        for (ExploreResult r : both(p)) {
            ExploreFinding f = first(r, Code.DATA_FAULT_REACHABLE);
            assertEquals(11, f.at().line());
            assertEquals(1, f.schedule().steps().size());
            assertEquals(PropertyVerdict.Outcome.FAILS, outcome(r, 200), "the path ends at the fault");
        }
    }

    @Test
    void aPrivateLoopThatNeverEndsIsAFindingNotAHang() {
        Program p = scenario().vars(var("x", 0))
                .process(store(10, X, k(1)), loop(11, assign(12, local(0), bin(Val.BinOp.ADD, read(local(0)), k(1)))))
                .build();
        for (ExploreResult r : both(p)) {
            assertEquals(11, first(r, Code.ENDLESS_LOOP).at().line());
        }
    }

    @Test
    void awaitBlocksUntilItsConditionHolds() {
        Program waits = scenario().vars(var("x", 0))
                .process(await(10, eq(read(X), k(1))), store(11, X, k(2)))
                .process(store(20, X, k(1)))
                .props(always(200, eq(read(X), k(2)), "x == 2")).build();
        for (ExploreResult r : both(waits)) {
            assertEquals(PropertyVerdict.Outcome.HOLDS, outcome(r, 200));
            assertFalse(r.deadlockFound());
        }
        Program nobody = scenario().vars(var("x", 0)).process(await(10, eq(read(X), k(1)))).build();
        for (ExploreResult r : both(nobody)) {
            assertTrue(r.deadlockFound());
        }
    }

    // ---- busy waiting ----------------------------------------------------------------------------------

    static final Cell A = shared("a", 0), B = shared("b", 1), COUNT = shared("count", 2);

    static Op release(int line, Cell lock) {
        return atomic(line, store(line, lock, k(0)));
    }

    @Test
    void twoSpinlocksInOppositeOrdersSpinForever() {
        Program p = scenario().vars(var("a", 0), var("b", 1))
                .process(spinLock(10, 0, A), spinLock(20, 1, B), release(30, B), release(31, A))
                .process(spinLock(40, 0, B), spinLock(50, 1, A), release(60, A), release(61, B)).build();
        for (ExploreResult r : both(p)) {
            ExploreFinding f = first(r, Code.SPIN_FOREVER_REACHABLE);
            // by hand: each takes its first lock (one test_and_set each), then both spin
            assertEquals(2, f.schedule().steps().size(), f.schedule().format());
            assertEquals(2, f.related().size());
            // the busy-waiting form of a deadlock: `expect deadlock` counts it, and the summary says which form
            assertTrue(r.deadlockFound());
            assertTrue(r.summary().startsWith("deadlock (tasks spinning forever) found"), r.summary());
        }
    }

    @Test
    void aCorrectSpinlockNeitherSpinsForeverNorLosesAnUpdate() {
        Function<Integer, Op[]> body = line -> new Op[] {spinLock(line, 0, A), load(line + 4, 1, COUNT),
            store(line + 5, COUNT, bin(Val.BinOp.ADD, read(local(1)), k(1))), release(line + 6, A)};
        Program p = scenario().vars(var("a", 0), var("b", 1), var("count", 2))
                .props(always(200, eq(read(COUNT), k(2)), "count == 2"))
                .process(body.apply(10)).process(body.apply(20)).build();
        for (ExploreResult r : both(p)) {
            assertFalse(has(r, Code.SPIN_FOREVER_REACHABLE), () -> r.findings().toString());
            assertFalse(has(r, Code.RACE_REACHABLE), () -> r.findings().toString());
            assertEquals(PropertyVerdict.Outcome.HOLDS, outcome(r, 200));
        }
    }

    @Test
    void aFlagNobodySetsIsSpinningForever() {
        Program p = scenario().vars(var("x", 0))
                .process(loop(10, load(11, 0, X), when(12, eq(read(local(0)), k(1)), List.of(leave(13)), List.of())))
                .build();
        for (ExploreResult r : both(p)) {
            assertEquals(0, first(r, Code.SPIN_FOREVER_REACHABLE).schedule().steps().size());
        }
    }

    // ---- races -----------------------------------------------------------------------------------------

    @Test
    void aRaceNamesBothStatements() {
        Program p = scenario().vars(var("x", 0))
                .process(store(10, X, k(1)))
                .process(load(20, 0, X)).build();
        for (ExploreResult r : both(p)) {
            ExploreFinding f = first(r, Code.RACE_REACHABLE);
            assertEquals(List.of(10, 20), f.related().stream().map(rel -> rel.span().line()).toList());
            assertEquals(0, f.schedule().steps().size(), "both are enabled in the initial state");
        }
        Program reads = scenario().vars(var("x", 0)).process(load(10, 0, X)).process(load(20, 0, X)).build();
        for (ExploreResult r : both(reads)) {
            assertFalse(has(r, Code.RACE_REACHABLE), "two reads do not race");
        }
    }

    @Test
    void aLockOrderedPairDoesNotRace() {
        Program p = scenario().vars(var("x", 0)).mutexes(1)
                .process(lock(10, 0), store(11, X, k(1)), unlock(12, 0))
                .process(lock(20, 0), load(21, 0, X), unlock(22, 0)).build();
        for (ExploreResult r : both(p)) {
            assertFalse(has(r, Code.RACE_REACHABLE), () -> r.findings().toString());
        }
    }
}
