package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.Scenario.MS;
import static oss.runtime.kernel.Scenario.at;
import static oss.runtime.kernel.Scenario.compute;
import static oss.runtime.kernel.Scenario.findings;
import static oss.runtime.kernel.Scenario.task;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.ir.program.Op;

class CondBarrierSemopRunTest {

    @Test
    void aSignalledWaiterRetakesTheMutexOnlyWhenTheSignallerUnlocks() {
        Scenario s = new Scenario().cpus(2);
        int m = s.mutex("m");
        int c = s.condvar("c");
        s.process("C", 10, new Op.Lock(m, at(11)), new Op.CondWait(c, m, at(12)), compute(1 * MS, 13),
                new Op.Unlock(m, at(14)));
        s.process("P", 20, compute(2 * MS, 21), new Op.Lock(m, at(22)), new Op.CondSignal(c, at(23)),
                compute(3 * MS, 24), new Op.Unlock(m, at(25)));
        RunResult r = s.run();
        // Mesa: woken at 2, C runs, finds m held by P and sleeps again until P unlocks at 5
        assertEquals(5 * MS, task(r, "P").finishNs());
        assertEquals(6 * MS, task(r, "C").finishNs());
        assertEquals(2, task(r, "C").voluntarySwitches());
        assertTrue(r.findings().isEmpty(), r.findings().toString());
    }

    @Test
    void boundedBufferOfOneSlotAlternatesProducerAndConsumer() {
        // slot full/empty is tracked by which condition each side waits on: the producer fills, signals
        // "full" and waits on "empty"; the consumer waits on "full", empties, signals "empty"
        Scenario s = new Scenario().cpus(2);
        int m = s.mutex("m");
        int full = s.condvar("full");
        int empty = s.condvar("empty");
        s.process("Cons", 10, new Op.Lock(m, at(11)), new Op.Repeat(3, List.of(
                new Op.CondWait(full, m, at(12)), compute(1 * MS, 13), new Op.CondSignal(empty, at(14))), at(12)),
                new Op.Unlock(m, at(15)));
        s.process("Prod", 20, compute(1 * MS, 20), new Op.Lock(m, at(21)), new Op.Repeat(3, List.of(
                compute(2 * MS, 22), new Op.CondSignal(full, at(23)), new Op.CondWait(empty, m, at(24))), at(22)),
                new Op.Unlock(m, at(25)));
        RunResult r = s.run();
        // each round: produce 2 ms, consume 1 ms, never overlapping; the producer starts at 1 ms, so the
        // third consumption ends at 1 + 3 * 3 = 10 ms, and its signal lets the producer's last wait return then
        assertEquals(10 * MS, task(r, "Cons").finishNs());
        assertEquals(10 * MS, task(r, "Prod").finishNs());
        assertEquals(10 * MS, task(r, "Prod").cpuNs() + task(r, "Cons").cpuNs()); // 1 + 3 * 2 + 3 * 1
        assertFalse(r.deadlocked(), r.findings().toString());
    }

    @Test
    void aSignalWithNobodyWaitingIsLost() {
        Scenario s = new Scenario().cpus(2);
        int m = s.mutex("m");
        int c = s.condvar("c");
        s.process("P", 10, new Op.CondSignal(c, at(11)));
        s.process("C", 20, compute(1 * MS, 20), new Op.Lock(m, at(21)), new Op.CondWait(c, m, at(22)),
                new Op.Unlock(m, at(23)));
        RunResult r = s.run();
        assertTrue(r.deadlocked());
        List<Diagnostic> d = findings(r, Code.BLOCKED_FOREVER);
        assertEquals(1, d.size());
        assertEquals(22, d.get(0).span().line());
    }

    @Test
    void twoWaitersEachExpectingTheOtherToSignalAreADeadlock() {
        Scenario s = new Scenario().cpus(2);
        int m = s.mutex("m");
        int c1 = s.condvar("c1");
        int c2 = s.condvar("c2");
        s.process("A", 10, new Op.Lock(m, at(11)), new Op.CondWait(c1, m, at(12)), new Op.CondSignal(c2, at(13)),
                new Op.Unlock(m, at(14)));
        s.process("B", 20, new Op.Lock(m, at(21)), new Op.CondWait(c2, m, at(22)), new Op.CondSignal(c1, at(23)),
                new Op.Unlock(m, at(24)));
        RunResult r = s.run();
        List<Diagnostic> d = findings(r, Code.DEADLOCK);
        assertEquals(1, d.size(), r.findings().toString());
        Set<Integer> lines = Stream.concat(Stream.of(d.get(0).span()), d.get(0).related().stream().map(x -> x.span()))
                .map(sp -> sp.line()).collect(Collectors.toSet());
        assertEquals(Set.of(12, 22), lines);
    }

    @Test
    void condWaitWithoutTheMutexIsReported() {
        Scenario s = new Scenario();
        int m = s.mutex("m");
        int c = s.condvar("c");
        s.process("A", 10, new Op.CondWait(c, m, at(11)));
        RunResult r = s.run();
        assertEquals(11, findings(r, Code.UNLOCK_BY_NON_OWNER).get(0).span().line());
        assertFalse(r.deadlocked());
    }

    @Test
    void broadcastWakesEveryWaiter() {
        Scenario s = new Scenario().cpus(3);
        int m = s.mutex("m");
        int c = s.condvar("c");
        for (String name : List.of("W1", "W2")) {
            s.process(name, 10, new Op.Lock(m, at(11)), new Op.CondWait(c, m, at(12)), new Op.Unlock(m, at(13)),
                    compute(1 * MS, 14));
        }
        s.process("B", 20, compute(1 * MS, 20), new Op.Lock(m, at(21)), new Op.CondBroadcast(c, at(22)),
                new Op.Unlock(m, at(23)));
        RunResult r = s.run();
        assertEquals(2 * MS, task(r, "W1").finishNs());
        assertEquals(2 * MS, task(r, "W2").finishNs());
    }

    @Test
    void theLastPartyReleasesTheBarrierWhichThenWorksAgain() {
        Scenario s = new Scenario().cpus(3);
        int b = s.barrier("b", 3);
        for (int i = 1; i <= 3; i++) {
            s.process("T" + i, 10 * i, new Op.Repeat(2, List.of(compute(i * MS, 10 * i + 1),
                    new Op.BarrierWait(b, at(10 * i + 2))), at(10 * i + 1)), compute(1 * MS, 10 * i + 3));
        }
        RunResult r = s.run();
        // first release at 3 ms (T3's arrival), second at 3 + 3 = 6 ms; then 1 ms each
        for (int i = 1; i <= 3; i++) {
            assertEquals(7 * MS, task(r, "T" + i).finishNs(), "T" + i);
        }
        assertEquals(2, task(r, "T1").voluntarySwitches());
        assertEquals(0, task(r, "T3").voluntarySwitches());
    }

    @Test
    void aBarrierThatCannotFillBlocksForever() {
        Scenario s = new Scenario().cpus(2);
        int b = s.barrier("b", 3);
        s.process("T1", 10, new Op.BarrierWait(b, at(11)));
        s.process("T2", 20, compute(1 * MS, 20), new Op.BarrierWait(b, at(21)));
        RunResult r = s.run();
        assertTrue(r.deadlocked());
        assertEquals(1, findings(r, Code.BLOCKED_FOREVER).size());
    }

    @Test
    void semopTakesAllOrNothing() {
        Scenario s = new Scenario().cpus(2);
        int set = s.semset("s", 1, 0);
        s.process("A", 10, new Op.SemOp(set, new int[] {0, 1}, new int[] {-1, -1}, at(11)), compute(1 * MS, 12));
        s.process("B", 20, compute(1 * MS, 20), new Op.SemOp(set, new int[] {0}, new int[] {-1}, at(21)),
                compute(1 * MS, 22), new Op.SemOp(set, new int[] {0, 1}, new int[] {1, 1}, at(23)));
        RunResult r = s.run();
        // A waits without taking s[0], so B gets it at 1; B gives both back at 2, A takes both then
        assertEquals(2 * MS, task(r, "B").finishNs());
        assertEquals(0, task(r, "B").voluntarySwitches());
        assertEquals(3 * MS, task(r, "A").finishNs());
    }

    @Test
    void semopWaitsForZero() {
        Scenario s = new Scenario().cpus(2);
        int set = s.semset("z", 1);
        s.process("T", 10, new Op.SemOp(set, new int[] {0}, new int[] {0}, at(11)), compute(1 * MS, 12));
        s.process("U", 20, compute(1 * MS, 20), new Op.SemOp(set, new int[] {0}, new int[] {-1}, at(21)));
        RunResult r = s.run();
        assertEquals(2 * MS, task(r, "T").finishNs());
    }

    @Test
    void semopSleepersWithNobodyToPostDeadlock() {
        Scenario s = new Scenario().cpus(2);
        int set = s.semset("s", 1, 1);
        s.process("A", 10, new Op.SemOp(set, new int[] {0}, new int[] {-1}, at(11)), compute(1 * MS, 12),
                new Op.SemOp(set, new int[] {1}, new int[] {-1}, at(13)),
                new Op.SemOp(set, new int[] {0, 1}, new int[] {1, 1}, at(14)));
        s.process("B", 20, new Op.SemOp(set, new int[] {1}, new int[] {-1}, at(21)), compute(1 * MS, 22),
                new Op.SemOp(set, new int[] {0}, new int[] {-1}, at(23)),
                new Op.SemOp(set, new int[] {0, 1}, new int[] {1, 1}, at(24)));
        RunResult r = s.run();
        assertEquals(1, findings(r, Code.DEADLOCK).size(), r.findings().toString());
    }

    @Test
    void chooseIsDeterministicForASeed() {
        Scenario s = new Scenario();
        s.process("A", 10, new Op.Choose(List.of(List.of(compute(1 * MS, 12)), List.of(compute(5 * MS, 13)),
                List.of(compute(7 * MS, 14))), at(11)));
        for (long seed = 1; seed <= 5; seed++) {
            long first = task(s.run(RunOptions.defaults().withSeed(seed)), "A").finishNs();
            long second = task(s.run(RunOptions.defaults().withSeed(seed)), "A").finishNs();
            assertEquals(first, second);
            assertTrue(Set.of(1 * MS, 5 * MS, 7 * MS).contains(first));
        }
    }
}
