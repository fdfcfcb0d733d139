package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.Scenario.MS;
import static oss.runtime.kernel.Scenario.at;
import static oss.runtime.kernel.Scenario.compute;
import static oss.runtime.kernel.Scenario.findings;
import static oss.runtime.kernel.Scenario.sleep;
import static oss.runtime.kernel.Scenario.task;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;
import oss.ir.program.Op;
import oss.ir.program.SchedulerSpec;

class SpinlockRunTest {

    @Test
    void aSpinnerBurnsTheHoldersCriticalSectionOnItsOwnCpu() {
        Scenario s = new Scenario().cpus(2);
        int l = s.spinlock("s");
        s.process("A", 10, new Op.SpinLock(l, at(11)), compute(5 * MS, 12), new Op.SpinUnlock(l, at(13)));
        s.process("B", 20, new Op.SpinLock(l, at(21)), compute(1 * MS, 22), new Op.SpinUnlock(l, at(23)));
        RunResult r = s.run();
        TaskReport a = task(r, "A");
        TaskReport b = task(r, "B");
        // B spins 0..5 ms (A's critical section), then computes 1 ms
        assertEquals(0, a.spinNs());
        assertEquals(5 * MS, b.spinNs());
        assertEquals(6 * MS, b.cpuNs());
        assertEquals(6 * MS, b.finishNs());
        assertEquals(0, b.voluntarySwitches(), "a spinner never sleeps");
        assertTrue(r.findings().isEmpty(), r.findings().toString());
    }

    @Test
    void onOneCpuTheSpinnerWastesItsSliceAndGetsTheLockWhilePreempted() {
        Scenario s = new Scenario().cpus(1).scheduler(SchedulerSpec.of(SchedulerSpec.Kind.RR)); // 10 ms quantum
        int l = s.spinlock("s");
        s.process("A", 10, new Op.SpinLock(l, at(11)), compute(15 * MS, 12), new Op.SpinUnlock(l, at(13)));
        s.process("B", 20, new Op.SpinLock(l, at(21)), compute(1 * MS, 22), new Op.SpinUnlock(l, at(23)));
        RunResult r = s.run();
        // A 0..10 (holding), B spins 10..20, A 20..25 unlocks: B owns it while preempted, runs 25..26
        assertEquals(10 * MS, task(r, "B").spinNs());
        assertEquals(25 * MS, task(r, "A").finishNs());
        assertEquals(26 * MS, task(r, "B").finishNs());
    }

    @Test
    void ticketsAreServedInArrivalOrder() {
        Scenario s = new Scenario().cpus(3);
        int l = s.spinlock("s");
        s.process("A", 10, new Op.SpinLock(l, at(11)), compute(4 * MS, 12), new Op.SpinUnlock(l, at(13)));
        s.process("B", 20, compute(2 * MS, 20), new Op.SpinLock(l, at(21)), compute(1 * MS, 22),
                new Op.SpinUnlock(l, at(23)));
        s.process("C", 30, compute(1 * MS, 30), new Op.SpinLock(l, at(31)), compute(1 * MS, 32),
                new Op.SpinUnlock(l, at(33)));
        RunResult r = s.run();
        // C asks at 1 ms, B at 2 ms: C gets it at 4, B at 5
        assertEquals(3 * MS, task(r, "C").spinNs());
        assertEquals(5 * MS, task(r, "C").finishNs());
        assertEquals(3 * MS, task(r, "B").spinNs());
        assertEquals(6 * MS, task(r, "B").finishNs());
    }

    @Test
    void twoSpinnersOnEachOthersLockAreADeadlockNotABudgetRunOut() {
        Scenario s = new Scenario().cpus(2);
        int a = s.spinlock("a");
        int b = s.spinlock("b");
        s.process("P", 10, new Op.SpinLock(a, at(11)), compute(1 * MS, 12), new Op.SpinLock(b, at(13)),
                new Op.SpinUnlock(b, at(14)), new Op.SpinUnlock(a, at(15)));
        s.process("Q", 20, new Op.SpinLock(b, at(21)), compute(1 * MS, 22), new Op.SpinLock(a, at(23)),
                new Op.SpinUnlock(a, at(24)), new Op.SpinUnlock(b, at(25)));
        RunResult r = s.run();
        assertTrue(r.deadlocked());
        assertFalse(r.budgetExhausted());
        List<Diagnostic> d = findings(r, Code.DEADLOCK);
        assertEquals(1, d.size(), r.findings().toString());
        Set<Integer> lines = Stream.concat(Stream.of(d.get(0).span()), d.get(0).related().stream().map(x -> x.span()))
                .map(sp -> sp.line()).collect(Collectors.toSet());
        assertEquals(Set.of(13, 23), lines);
        assertEquals(1 * MS, r.endNs());
    }

    @Test
    void spinningOnALockWhoseHolderSleepsOnAMutexTheSpinnerHoldsIsADeadlock() {
        Scenario s = new Scenario().cpus(2);
        int m = s.mutex("m");
        int l = s.spinlock("s");
        s.process("P", 10, new Op.Lock(m, at(11)), compute(1 * MS, 12), new Op.SpinLock(l, at(13)));
        s.process("Q", 20, new Op.SpinLock(l, at(21)), new Op.Lock(m, at(22)));
        RunResult r = s.run();
        assertEquals(1, findings(r, Code.DEADLOCK).size(), r.findings().toString());
        // Q sleeps on m while holding s
        assertEquals(1, findings(r, Code.SLEEP_HOLDING_SPINLOCK).size());
        assertEquals(22, findings(r, Code.SLEEP_HOLDING_SPINLOCK).get(0).span().line());
    }

    @Test
    void sleepingWithASpinlockHeldIsReportedOncePerStatement() {
        Scenario s = new Scenario();
        int l = s.spinlock("s");
        s.process("A", 10, new Op.Repeat(2, List.of(new Op.SpinLock(l, at(11)), sleep(1 * MS, 12),
                new Op.SpinUnlock(l, at(13))), at(11)));
        RunResult r = s.run();
        List<Diagnostic> d = findings(r, Code.SLEEP_HOLDING_SPINLOCK);
        assertEquals(1, d.size());
        assertEquals(12, d.get(0).span().line());
        assertEquals(11, d.get(0).related().get(0).span().line());
    }

    @Test
    void unlockByNonOwnerAndExitHoldingReleaseAsForMutexes() {
        Scenario s = new Scenario().cpus(2);
        int l = s.spinlock("s");
        s.process("A", 10, new Op.SpinLock(l, at(11)), compute(2 * MS, 12));
        s.process("B", 20, compute(1 * MS, 20), new Op.SpinUnlock(l, at(21)), new Op.SpinLock(l, at(22)),
                compute(1 * MS, 23), new Op.SpinUnlock(l, at(24)));
        RunResult r = s.run();
        assertEquals(21, findings(r, Code.UNLOCK_BY_NON_OWNER).get(0).span().line());
        assertEquals(1, findings(r, Code.EXIT_HOLDING_LOCK).size());
        // A exits at 2 ms still holding s: the kernel releases it to B, which spun 1..2
        assertEquals(1 * MS, task(r, "B").spinNs());
        assertEquals(3 * MS, task(r, "B").finishNs());
        assertFalse(r.deadlocked());
    }
}
