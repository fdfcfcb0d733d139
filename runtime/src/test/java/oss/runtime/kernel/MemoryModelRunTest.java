package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.DataOps.c;
import static oss.runtime.kernel.DataOps.fence;
import static oss.runtime.kernel.DataOps.load;
import static oss.runtime.kernel.DataOps.of;
import static oss.runtime.kernel.DataOps.store;
import static oss.runtime.kernel.Scenario.findings;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.SharedData.MemoryModel;
import oss.ir.program.Val;
import oss.ir.program.Vals;
import oss.runtime.explore.Schedule;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * Memory models in the run, checked against the published litmus outcomes: store buffering
 * (r0 = r1 = 0 allowed by x86-TSO, forbidden by SC and by mb()), message passing (forbidden by
 * TSO, allowed by a weak model, forbidden again by wmb()), and flush steps replayed exactly.
 */
class MemoryModelRunTest {

    private static RunOptions schedule(String text) {
        List<String> errors = new ArrayList<>();
        Schedule s = Schedule.parse(text, errors).orElseThrow(() -> new AssertionError(errors));
        return RunOptions.defaults().withSchedule(s);
    }

    private static int value(RunResult r, Cell cell) {
        return Vals.eval(new Val.Read(cell), r.data());
    }

    private static final Cell R0 = of(0, "r0", 0);
    private static final Cell R1 = of(1, "r1", 0);

    /** SB: P0 `x = 1; r0 = y` (lines 11, 12), P1 `y = 1; r1 = x` (21, 22); with {@code mb} a barrier between. */
    private static Scenario storeBuffering(int cpus, MemoryModel model, boolean mb) {
        Scenario s = new Scenario().cpus(cpus).memoryModel(model);
        Cell x = s.shared("x", 1);
        Cell y = s.shared("y", 1);
        s.process("P0", 10, 1, mb ? new Op[] {store(x, c(1), 11), fence(Op.FenceKind.MB, 13), load(0, y, 12)}
                : new Op[] {store(x, c(1), 11), load(0, y, 12)});
        s.process("P1", 20, 1, mb ? new Op[] {store(y, c(1), 21), fence(Op.FenceKind.MB, 23), load(0, x, 22)}
                : new Op[] {store(y, c(1), 21), load(0, x, 22)});
        return s;
    }

    @Test
    void storeBufferingUnderTsoOnTwoCpusReadsZeroTwice() {
        RunResult r = storeBuffering(2, MemoryModel.TSO, false).run();
        // both stores sit in their store buffers when, 1 ns later, both loads read memory
        assertEquals(0, value(r, R0));
        assertEquals(0, value(r, R1));
        assertEquals(1, value(r, new Cell(Cell.Scope.SHARED, -1, 0, 1, c(0), "x")), "x reached memory at exit");
    }

    @Test
    void storeBufferingUnderScReadsTheOtherStore() {
        RunResult r = storeBuffering(2, MemoryModel.SC, false).run();
        assertEquals(1, value(r, R0));
        assertEquals(1, value(r, R1));
    }

    @Test
    void storeBufferingUnderTsoWithMbReadsTheOtherStore() {
        RunResult r = storeBuffering(2, MemoryModel.TSO, true).run();
        assertEquals(1, value(r, R0));
        assertEquals(1, value(r, R1));
    }

    @Test
    void aReplayedScheduleKeepsStoresBufferedAcrossTaskSwitches() {
        // one CPU: outside a replay a switch would drain the buffer; the schedule's steps keep both buffered
        RunResult r = storeBuffering(1, MemoryModel.TSO, false)
                .run(schedule("pid 2 at 11:3\npid 3 at 21:3\npid 2 at 12:3\npid 3 at 22:3"));
        assertTrue(findings(r, Code.SCHEDULE_MISMATCH).isEmpty(), r.findings().toString());
        assertEquals(4, r.scheduleSteps());
        assertEquals(0, value(r, R0));
        assertEquals(0, value(r, R1));
    }

    @Test
    void aFlushStepCommitsTheStoreWhereTheScheduleSays() {
        // x reaches memory before P1 loads it; y is still buffered when P0 loads it
        RunResult r = storeBuffering(1, MemoryModel.TSO, false).run(schedule(
                "pid 2 at 11:3\npid 2 flush at 11:3\npid 3 at 21:3\npid 3 at 22:3\npid 2 at 12:3"));
        assertTrue(findings(r, Code.SCHEDULE_MISMATCH).isEmpty(), r.findings().toString());
        assertEquals(5, r.scheduleSteps());
        assertEquals(0, value(r, R0));
        assertEquals(1, value(r, R1));
    }

    /** MP: P0 `data = 1; [wmb();] flag = 1` (11, [13,] 12), P1 `r1 = flag; r2 = data` (21, 22). */
    private static Scenario messagePassing(MemoryModel model, boolean wmb) {
        Scenario s = new Scenario().cpus(1).memoryModel(model);
        Cell data = s.shared("data", 1);
        Cell flag = s.shared("flag", 1);
        s.process("P0", 10, 1, wmb ? new Op[] {store(data, c(1), 11), fence(Op.FenceKind.WMB, 13), store(flag, c(1), 12)}
                : new Op[] {store(data, c(1), 11), store(flag, c(1), 12)});
        s.process("P1", 20, 2, load(0, flag, 21), load(1, data, 22));
        return s;
    }

    private static final Cell FLAG_SEEN = of(1, "r1", 0);
    private static final Cell DATA_SEEN = of(1, "r2", 1);

    @Test
    void relaxedStoresMayReachMemoryOutOfOrder() {
        RunResult r = messagePassing(MemoryModel.RELAXED, false).run(schedule(
                "pid 2 at 11:3\npid 2 at 12:3\npid 2 flush at 12:3\npid 3 at 21:3\npid 3 at 22:3"));
        assertTrue(findings(r, Code.SCHEDULE_MISMATCH).isEmpty(), r.findings().toString());
        assertEquals(1, value(r, FLAG_SEEN));
        assertEquals(0, value(r, DATA_SEEN), "the flag arrived before the data");
    }

    @Test
    void tsoCommitsTheOldestStoreFirst() {
        RunResult r = messagePassing(MemoryModel.TSO, false).run(schedule(
                "pid 2 at 11:3\npid 2 at 12:3\npid 2 flush at 12:3\npid 3 at 21:3\npid 3 at 22:3"));
        assertEquals(1, findings(r, Code.SCHEDULE_MISMATCH).size(), r.findings().toString());
        assertEquals(2, r.scheduleSteps());
    }

    @Test
    void wmbKeepsTheFlagBehindTheData() {
        RunResult r = messagePassing(MemoryModel.RELAXED, true).run(schedule(
                "pid 2 at 11:3\npid 2 at 13:3\npid 2 at 12:3\npid 2 flush at 12:3"));
        assertEquals(1, findings(r, Code.SCHEDULE_MISMATCH).size(), r.findings().toString());
        assertEquals(3, r.scheduleSteps());
    }

    /** P0 `x = 1` (11); P1 `a = x; b = x` (21, 22), each load possibly of the older value. */
    private static Scenario staleReads(boolean rmb) {
        Scenario s = new Scenario().cpus(1).memoryModel(MemoryModel.RELAXED);
        Cell x = s.shared("x", 1);
        s.process("P0", 10, 1, store(x, c(1), 11));
        s.process("P1", 20, 2, rmb ? new Op[] {fence(Op.FenceKind.RMB, 23), load(0, x, 21), load(1, x, 22)}
                : new Op[] {load(0, x, 21), load(1, x, 22)});
        return s;
    }

    @Test
    void aRelaxedLoadWithBranchOneReadsTheValueOneStoreOld() {
        RunResult r = staleReads(false).run(schedule(
                "pid 2 at 11:3\npid 2 flush at 11:3\npid 3 at 21:3 branch 1\npid 3 at 22:3"));
        assertTrue(findings(r, Code.SCHEDULE_MISMATCH).isEmpty(), r.findings().toString());
        assertEquals(0, value(r, of(1, "a", 0)), "the older value");
        assertEquals(1, value(r, of(1, "b", 1)), "then the newest");
    }

    @Test
    void coherenceForbidsReadingOlderAfterSeeingTheNewest() {
        RunResult r = staleReads(false).run(schedule(
                "pid 2 at 11:3\npid 2 flush at 11:3\npid 3 at 21:3\npid 3 at 22:3 branch 1"));
        assertEquals(1, findings(r, Code.SCHEDULE_MISMATCH).size(), r.findings().toString());
        assertEquals(1, value(r, of(1, "b", 1)));
    }

    @Test
    void rmbAfterTheStoreArrivedForbidsTheOlderValue() {
        RunResult r = staleReads(true).run(schedule(
                "pid 2 at 11:3\npid 2 flush at 11:3\npid 3 at 23:3\npid 3 at 21:3 branch 1"));
        assertEquals(1, findings(r, Code.SCHEDULE_MISMATCH).size(), r.findings().toString());
        assertEquals(1, value(r, of(1, "a", 0)));
    }

    /**
     * P0 stores x[0], x[1], x[2] at 0, 1 and 2 ns, then loads z at 3, 4 and 5 ns (loads drain nothing);
     * P1 computes 3 ns and loads x[0] at 3 ns, while P0 still runs.
     */
    private static int seenAtThreeNs(int bufferEntries) {
        Scenario s = new Scenario().cpus(2).memoryModel(MemoryModel.TSO).storeBuffer(bufferEntries);
        Cell x = s.shared("x", 3);
        Cell z = s.shared("z", 1);
        Cell x0 = DataOps.element(x, c(0));
        s.process("P0", 10, 1, store(x0, c(1), 11), store(DataOps.element(x, c(1)), c(1), 12),
                store(DataOps.element(x, c(2)), c(1), 13), load(0, z, 14), load(0, z, 15), load(0, z, 16));
        s.process("P1", 20, 1, Scenario.compute(3, 21), load(0, x0, 22));
        return value(s.run(), of(1, "seen", 0));
    }

    @Test
    void aFullStoreBufferCommitsItsOldestStore() {
        assertEquals(1, seenAtThreeNs(2), "the third store found two entries and pushed x[0] to memory");
        assertEquals(0, seenAtThreeNs(4), "with room for all three, x[0] is still buffered");
    }
}
