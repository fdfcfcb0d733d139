package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.DataOps.assign;
import static oss.runtime.kernel.DataOps.bin;
import static oss.runtime.kernel.DataOps.c;
import static oss.runtime.kernel.DataOps.element;
import static oss.runtime.kernel.DataOps.fetchAdd;
import static oss.runtime.kernel.DataOps.increment;
import static oss.runtime.kernel.DataOps.load;
import static oss.runtime.kernel.DataOps.local;
import static oss.runtime.kernel.DataOps.read;
import static oss.runtime.kernel.DataOps.spinWhileZero;
import static oss.runtime.kernel.DataOps.store;
import static oss.runtime.kernel.Scenario.MS;
import static oss.runtime.kernel.Scenario.at;
import static oss.runtime.kernel.Scenario.compute;
import static oss.runtime.kernel.Scenario.findings;
import static oss.runtime.kernel.Scenario.task;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.Val;
import oss.ir.program.Vals;
import oss.runtime.explore.Schedule;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.ValueEvent;

/** Shared data in the run: steps, await, assert, faults, busy-waiting and what a run leaves for the expectations. */
class DataRunTest {

    private static RunOptions schedule(String text) {
        List<String> errors = new ArrayList<>();
        Schedule s = Schedule.parse(text, errors).orElseThrow(() -> new AssertionError(errors));
        return RunOptions.defaults().withSchedule(s);
    }

    private static int value(RunResult r, Cell cell) {
        return Vals.eval(new Val.Read(cell), r.data());
    }

    /** Two workers each doing count = count + 1 twice (lines 11 and 21). */
    private static Scenario counter(int cpus, Cell[] count) {
        Scenario s = new Scenario().cpus(cpus);
        count[0] = s.shared("count", 1);
        Op[] inc0 = increment(count[0], 0, 11);
        Op[] inc1 = increment(count[0], 0, 21);
        s.process("A", 10, 1, DataOps.repeat(2, inc0));
        s.process("B", 20, 1, DataOps.repeat(2, inc1));
        return s;
    }

    @Test
    void oneCpuWithoutPreemptionLosesNoUpdate() {
        Cell[] count = new Cell[1];
        RunResult r = counter(1, count).run();
        // FIFO on one CPU: A runs its four steps, exits, then B: nothing interleaves
        assertEquals(4, value(r, count[0]));
        assertEquals(8, task(r, "A").cpuNs() + task(r, "B").cpuNs(), "eight data steps of 1 ns each");
    }

    @Test
    void aScheduleThatInterleavesTheLoadsLosesUpdates() {
        Cell[] count = new Cell[1];
        // A loads 0, B loads 0, A stores 1, B stores 1: one increment each, one lost
        RunResult r = counter(1, count).run(schedule("pid 2 at 11:3\npid 3 at 21:3\npid 2 at 11:3\npid 3 at 21:3"));
        assertEquals(4, r.scheduleSteps(), r.findings().toString());
        assertTrue(findings(r, Code.SCHEDULE_MISMATCH).isEmpty(), r.findings().toString());
        // then each does its second increment alone: 1 + 1 + 1
        assertEquals(3, value(r, count[0]));
    }

    @Test
    void twoCpusInLockstepLoseUpdates() {
        Cell[] count = new Cell[1];
        RunResult r = counter(2, count).run();
        // both load 0 at 0 ns and store 1 at 1 ns, both load 1 at 2 ns and store 2 at 3 ns
        assertEquals(2, value(r, count[0]));
    }

    @Test
    void anAtomicIncrementLosesNothingOnTwoCpus() {
        Scenario s = new Scenario().cpus(2);
        Cell count = s.shared("count", 1);
        s.process("A", 10, 1, DataOps.repeat(2, fetchAdd(count, 1, 11)));
        s.process("B", 20, 1, DataOps.repeat(2, fetchAdd(count, 1, 21)));
        RunResult r = s.run();
        assertEquals(4, value(r, count));
        assertTrue(findings(r, Code.DATA_RACE).isEmpty(), r.findings().toString());
    }

    @Test
    void awaitSleepsUntilAStoreMakesItTrue() {
        Scenario s = new Scenario().cpus(2);
        Cell flag = s.shared("flag", 1);
        Cell seen = s.shared("seen", 1);
        s.process("P", 10, 1, new Op.Await(bin(Val.BinOp.EQ, read(flag), c(1)), at(11)), store(seen, c(7), 12));
        s.process("Q", 20, 1, compute(2 * MS, 21), store(flag, c(1), 22));
        RunResult r = s.run();
        assertEquals(7, value(r, seen));
        // Q stores at 2 ms; P wakes then, and its await and store take 1 ns each
        assertEquals(2 * MS + 2, task(r, "P").finishNs());
        assertEquals(2, task(r, "P").cpuNs());
        assertEquals(1, task(r, "P").voluntarySwitches(), "it slept in await once");
    }

    @Test
    void anAwaitNothingSatisfiesIsBlockedForever() {
        Scenario s = new Scenario().cpus(1);
        Cell flag = s.shared("flag", 1);
        s.process("P", 10, 1, new Op.Await(bin(Val.BinOp.EQ, read(flag), c(1)), at(11)));
        RunResult r = s.run();
        assertEquals(1, findings(r, Code.BLOCKED_FOREVER).size(), r.findings().toString());
        assertEquals(11, findings(r, Code.BLOCKED_FOREVER).get(0).span().line());
    }

    @Test
    void aFailedAssertIsAFindingWithTheValuesAndAbortsTheTask() {
        Scenario s = new Scenario().cpus(1);
        Cell count = s.shared("count", 1, 3);
        Cell after = s.shared("after", 1);
        Cell t = local("t", 0);
        s.process("P", 10, 1, load(0, count, 11),
                new Op.Assert(bin(Val.BinOp.EQ, read(t), c(4)), "count == 4", at(12)), store(after, c(1), 13));
        RunResult r = s.run();
        List<Diagnostic> d = findings(r, Code.ASSERTION_FAILED);
        assertEquals(1, d.size(), r.findings().toString());
        assertEquals(12, d.get(0).span().line());
        assertTrue(d.get(0).message().contains("t = 3"), d.get(0).message());
        assertEquals("SIGABRT", task(r, "P").memory().signal());
        assertEquals(128 + 6, task(r, "P").exitStatus());
        assertEquals(0, value(r, after), "nothing after the assert ran");
    }

    @Test
    void divisionByZeroIsSigfpeAndAnIndexOutOfBoundsSigsegv() {
        Scenario s = new Scenario().cpus(2);
        Cell slot = s.shared("slot", 4);
        Cell t = local("t", 0);
        s.process("Div", 10, 2, assign(t, c(0), 11), assign(local("q", 1), bin(Val.BinOp.DIV, c(10), read(t)), 12));
        s.process("Idx", 20, 2, assign(t, c(4), 21), store(element(slot, read(t)), c(1), 22));
        RunResult r = s.run();
        List<Diagnostic> d = findings(r, Code.DATA_FAULT);
        assertEquals(2, d.size(), r.findings().toString());
        assertEquals("SIGFPE", task(r, "Div").memory().signal());
        assertEquals(128 + 8, task(r, "Div").exitStatus());
        assertEquals("SIGSEGV", task(r, "Idx").memory().signal());
        assertEquals(128 + 11, task(r, "Idx").exitStatus());
        assertTrue(d.stream().anyMatch(x -> x.span().line() == 22 && x.message().contains("slot[0..3]")),
                d.toString());
    }

    @Test
    void valuesAreLoggedPerStatement() {
        Cell[] count = new Cell[1];
        RunResult r = counter(1, count).run();
        List<ValueEvent> atA = r.data().valuesAt(11);
        // A: load 0, write 1, load 1, write 2
        assertEquals(List.of(0, 1, 1, 2), atA.stream().map(ValueEvent::value).toList());
        assertEquals(List.of(ValueEvent.Access.READ, ValueEvent.Access.WRITE, ValueEvent.Access.READ,
                ValueEvent.Access.WRITE), atA.stream().map(ValueEvent::access).toList());
        assertEquals("count", atA.get(0).variable());
    }

    @Test
    void aBusyWaitBurnsCpuUntilTheFlagIsSetWithoutSimulatingEveryRound() {
        Scenario s = new Scenario().cpus(2);
        Cell flag = s.shared("flag", 1);
        Cell done = s.shared("done", 1);
        s.process("Waiter", 10, 1, spinWhileZero(flag, 0, 11), store(done, c(1), 12));
        s.process("Setter", 20, 1, compute(10 * MS, 21), store(flag, c(1), 22));
        RunResult r = s.run();
        assertEquals(1, value(r, done));
        // the setter stores at 10 ms; the waiter's last round and its store finish a few ns later
        long finish = task(r, "Waiter").finishNs();
        assertTrue(finish >= 10 * MS && finish < 10 * MS + 10, "finished at " + finish);
        assertTrue(task(r, "Waiter").spinNs() > 9 * MS, "spin " + task(r, "Waiter").spinNs());
        assertTrue(task(r, "Waiter").cpuNs() >= 10 * MS, "it held its CPU all along");
        assertTrue(r.events() < 1000, "10 million rounds were not simulated one by one: " + r.events() + " events");
    }

    @Test
    void aBusyWaitNothingEndsIsAnEndlessLoop() {
        Scenario s = new Scenario().cpus(1);
        Cell flag = s.shared("flag", 1);
        s.process("Waiter", 10, 1, spinWhileZero(flag, 0, 11));
        RunResult r = s.run();
        List<Diagnostic> d = findings(r, Code.ENDLESS_LOOP);
        assertEquals(1, d.size(), r.findings().toString());
        assertEquals(11, d.get(0).span().line());
    }

    @Test
    void aLoopThatKeepsStoringIsCutAtTheBudgetAsAnEndlessLoop() {
        Scenario s = new Scenario().cpus(1);
        Cell x = s.shared("x", 1);
        s.process("Counter", 10, 1, new Op.Loop(List.of(increment(x, 0, 11)), at(11)));
        RunResult r = s.run(RunOptions.defaults().withMaxEvents(10_000));
        assertTrue(r.budgetExhausted());
        List<Diagnostic> d = findings(r, Code.ENDLESS_LOOP);
        assertEquals(1, d.size(), r.findings().toString());
        assertEquals(11, d.get(0).span().line());
        // one increment is two steps of 1 ns, each step ending with one event
        int v = value(r, x);
        assertTrue(v >= 4_990 && v <= 5_000, "x = " + v);
    }

    @Test
    void aLoopOfLocalWorkThatNeverEndsIsCaughtLongBeforeTheBudget() {
        Scenario s = new Scenario().cpus(1);
        Cell i = local("i", 0);
        s.process("P", 10, 1, new Op.Loop(List.of(assign(i, bin(Val.BinOp.ADD, read(i), c(1)), 11)), at(11)));
        RunResult r = s.run();
        assertTrue(!r.budgetExhausted(), "stopped by the local-work bound, not the step budget");
        List<Diagnostic> d = findings(r, Code.ENDLESS_LOOP);
        assertEquals(1, d.size(), r.findings().toString());
        assertEquals(11, d.get(0).span().line());
        assertTrue(value(r, DataOps.of(0, "i", 0)) >= 999_000, "it did run its rounds first");
    }

    @Test
    void breakLeavesTheLoopAndIfPicksItsArm() {
        Scenario s = new Scenario().cpus(1);
        Cell out = s.shared("out", 1);
        Cell i = local("i", 0);
        // i = 0; while (true) { if (i == 5) break; i = i + 1 } ; out = i * 10
        s.process("P", 10, 1, assign(i, c(0), 11),
                new Op.Loop(List.of(new Op.If(bin(Val.BinOp.EQ, read(i), c(5)), List.of(new Op.Break(at(12))),
                        List.of(assign(i, bin(Val.BinOp.ADD, read(i), c(1)), 13)), at(12))), at(11)),
                store(out, bin(Val.BinOp.MUL, read(i), c(10)), 14));
        RunResult r = s.run();
        assertEquals(50, value(r, out));
        assertEquals(5, value(r, DataOps.of(0, "i", 0)), "P's own i, read as an expectation does");
    }
}
