package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.DataOps.c;
import static oss.runtime.kernel.DataOps.fetchAdd;
import static oss.runtime.kernel.DataOps.increment;
import static oss.runtime.kernel.DataOps.load;
import static oss.runtime.kernel.DataOps.store;
import static oss.runtime.kernel.Scenario.at;
import static oss.runtime.kernel.Scenario.findings;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Cell;
import oss.ir.program.Op;

/**
 * Data races found with vector clocks: two accesses of different tasks, one a write, not both
 * atomic, with no happens-before between them. One CPU and FIFO throughout, so the accesses never
 * overlap in time: a race is about ordering, not about timing.
 */
class RaceRunTest {

    private static List<Op> ops(Op... o) {
        return List.of(o);
    }

    private static Op[] concat(Op[]... parts) {
        List<Op> all = new ArrayList<>();
        for (Op[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(Op[]::new);
    }

    @Test
    void anUnprotectedCounterRacesEvenWhenNoUpdateIsLost() {
        Scenario s = new Scenario().cpus(1);
        Cell count = s.shared("count", 1);
        s.process("A", 10, 1, increment(count, 0, 11));
        s.process("B", 20, 1, increment(count, 0, 21));
        var r = s.run();
        List<Diagnostic> races = findings(r, Code.DATA_RACE);
        assertEquals(1, races.size(), "one pair of statements (11 and 21): " + r.findings());
        Diagnostic d = races.get(0);
        assertEquals(21, d.span().line(), "at the later access");
        assertEquals(11, d.related().get(0).span().line(), "the earlier one related");
        assertTrue(d.message().contains("count") && d.message().contains("A (pid 2)") && d.message().contains("B (pid 3)"),
                d.message());
    }

    @Test
    void theSameCounterUnderAMutexDoesNotRace() {
        Scenario s = new Scenario().cpus(1);
        int m = s.mutex("m");
        Cell count = s.shared("count", 1);
        s.process("A", 10, 1, concat(new Op[] {new Op.Lock(m, at(12))}, increment(count, 0, 11),
                new Op[] {new Op.Unlock(m, at(13))}));
        s.process("B", 20, 1, concat(new Op[] {new Op.Lock(m, at(22))}, increment(count, 0, 21),
                new Op[] {new Op.Unlock(m, at(23))}));
        var r = s.run();
        assertTrue(findings(r, Code.DATA_RACE).isEmpty(), r.findings().toString());
    }

    @Test
    void atomicIncrementsDoNotRaceButAPlainReadOfThemDoes() {
        Scenario s = new Scenario().cpus(1);
        Cell count = s.shared("count", 1);
        s.process("A", 10, 1, fetchAdd(count, 1, 11));
        s.process("B", 20, 1, fetchAdd(count, 1, 21));
        s.process("C", 30, 1, load(0, count, 31));
        var r = s.run();
        List<Diagnostic> races = findings(r, Code.DATA_RACE);
        assertEquals(1, races.size(), r.findings().toString());
        assertEquals(31, races.get(0).span().line());
        assertEquals(21, races.get(0).related().get(0).span().line(), "the last atomic write before the plain read");
    }

    @Test
    void forkAndWaitOrderTheParentAroundItsChild() {
        Scenario s = new Scenario().cpus(1);
        Cell x = s.shared("x", 1);
        // x = 1; fork { x = x + 1 }; wait; x = x + 1
        s.process("P", 10, 1, concat(new Op[] {store(x, c(1), 11),
                new Op.Fork(0, ops(increment(x, 0, 13)), at(12)), new Op.WaitChild(0, at(14))},
                increment(x, 0, 15)));
        var r = s.run();
        assertTrue(findings(r, Code.DATA_RACE).isEmpty(), r.findings().toString());
    }

    @Test
    void withoutTheWaitTheParentRacesWithItsChild() {
        Scenario s = new Scenario().cpus(1);
        Cell x = s.shared("x", 1);
        s.process("P", 10, 1, concat(new Op[] {store(x, c(1), 11), new Op.Fork(0, ops(increment(x, 0, 13)), at(12))},
                increment(x, 0, 15)));
        var r = s.run();
        List<Diagnostic> races = findings(r, Code.DATA_RACE);
        assertTrue(!races.isEmpty(), r.findings().toString());
        assertTrue(races.stream().allMatch(d -> d.span().line() == 13 || d.span().line() == 15), races.toString());
        assertTrue(races.stream().noneMatch(d -> d.related().get(0).span().line() == 11),
                "the store before the fork happens before the child: " + races);
    }

    @Test
    void aSpinlockOrdersItsCriticalSections() {
        Scenario s = new Scenario().cpus(2);
        int l = s.spinlock("l");
        Cell count = s.shared("count", 1);
        s.process("A", 10, 1, concat(new Op[] {new Op.SpinLock(l, at(12))}, increment(count, 0, 11),
                new Op[] {new Op.SpinUnlock(l, at(13))}));
        s.process("B", 20, 1, concat(new Op[] {new Op.SpinLock(l, at(22))}, increment(count, 0, 21),
                new Op[] {new Op.SpinUnlock(l, at(23))}));
        var r = s.run();
        assertTrue(findings(r, Code.DATA_RACE).isEmpty(), r.findings().toString());
        assertEquals(2, oss.ir.program.Vals.eval(new oss.ir.program.Val.Read(count), r.data()),
                "B spun while A held the lock, on the other CPU");
    }
}
