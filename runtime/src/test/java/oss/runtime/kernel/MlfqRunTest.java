package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.runtime.observe.RunResult;

/**
 * MLFQ as OSTEP's chapter 8 and mlfq.py run it, whole runs through the
 * kernel; every time below is worked out by hand (ms). Ties at one instant
 * follow oss's rule for every scheduler: arrivals and wake-ups are queued
 * before a task whose quantum ends then.
 */
class MlfqRunTest {
    private static final long MS = 1_000_000L;

    private static RunResult run(String kernel, String processes) {
        return RunSemanticsTest.run("scenario \"mlfq\" {\n  machine { cpus 1 }\n  kernel { scheduler mlfq " + kernel
                + " }\n" + processes + "}\n");
    }

    private static long finish(RunResult r, String p) {
        return RunSemanticsTest.task(r, p).finishNs() / MS;
    }

    @Test
    void aJobPreemptedByAHigherLevelKeepsTheHeadOfItsQueueAndTheRestOfItsQuantum() {
        // Quantum 10 at every level, no boost. A and B (30 each) arrive at 0.
        //  0-10 A uses level 0's quantum: down to level 1.   10-20 B the same: level 1 is [A, B].
        // 20-25 A at level 1; C (2) arrives at 25 in level 0 and preempts it, 5 of A's quantum used.
        // 25-27 C, done at 27. A is still at the head of level 1 with 5 left: 27-32, then level 2.
        // 32-42 B's level-1 quantum, then level 2 is [A, B]. A has 10 left: 42-52. B 52-62.
        // (Sent to the tail, A would have let B run 27-37 and finished at 62, B at 52.)
        RunResult r = run("queues 3 quantum 10 ms boost 0 ms", """
                  process A { compute 30 ms }
                  process B { compute 30 ms }
                  process C arrives 25 ms { compute 2 ms }
                """);
        assertEquals(27, finish(r, "C"));
        assertEquals(52, finish(r, "A"));
        assertEquals(62, finish(r, "B"));
        assertEquals("2:0-10 3:10-20 2:20-25 4:25-27 2:27-32 3:32-42 2:42-52 3:52-62", RunSemanticsTest.gantt(r, 0));
    }

    @Test
    void anAllotmentOfSeveralQuantaKeepsAJobAtItsLevelRoundRobin() {
        // Two levels, quantum 10, allotment 2 at level 0 (mlfq.py -A 2,1 -q 10 ... as levels go top down).
        // A, B (40) at 0; C (5) at 15.
        //  0-10 A: quantum over, allotment left: back of level 0 [B, A].   10-20 B; C arrives at 15
        //  (same level: no preemption) behind A: [A, C]; at 20 B goes back: [A, C, B].
        // 20-30 A: 20 used at level 0, down to level 1.   30-35 C, done.   35-45 B: down to level 1.
        // Level 1 [A, B], quantum 10: A 45-55, B 55-65, A 65-75 (40 done), B 75-85.
        // With one quantum per level C would run 20-25 instead.
        RunResult r = run("queues 2 quantum 10 ms allotment 2 1 boost none", """
                  process A { compute 40 ms }
                  process B { compute 40 ms }
                  process C arrives 15 ms { compute 5 ms }
                """);
        assertEquals(35, finish(r, "C"));
        assertEquals(75, finish(r, "A"));
        assertEquals(85, finish(r, "B"));
        RunResult one = run("queues 2 quantum 10 ms boost none", """
                  process A { compute 40 ms }
                  process B { compute 40 ms }
                  process C arrives 15 ms { compute 5 ms }
                """);
        assertEquals(25, finish(one, "C"));
    }

    private static final String IO_JOBS = """
              process D {
                compute 9 ms
                io 1 ms
                compute 9 ms
                io 1 ms
                compute 9 ms
              }
              process E { compute 50 ms }
            """;

    @Test
    void resettingTheAllotmentOnIoKeepsAJobThatYieldsJustInTimeOnTop() {
        // Two levels, quantum 10, no boost. mlfq.py -S: blocking gives the quantum and allotment back.
        //  0-9 D, io 9-10 (its 9 used are forgiven).   9-19 E: its quantum, down to level 1.
        // 19-28 D (woke at 10, still level 0), io 28-29.   28-29 E at level 1.
        // 29: D wakes at level 0 and preempts E. 29-38 D, done at 38. E 38-77 alone.
        RunResult reset = run("queues 2 quantum 10 ms boost 0 ms io_reset", IO_JOBS);
        assertEquals(38, finish(reset, "D"));
        assertEquals(77, finish(reset, "E"));
        // Without it the 9 + 1 used at level 0 add up: 19-20 ends D's quantum (down to level 1) and
        // D shares level 1 with E: E 20-30, D 30-38, io; E 38-48, D 48-50 (quantum over), E 50-60, D 60-67.
        RunResult counted = run("queues 2 quantum 10 ms boost 0 ms", IO_JOBS);
        assertEquals(67, finish(counted, "D"));
        assertEquals(77, finish(counted, "E"));
    }

    @Test
    void aJobBackFromIoGoesToTheFrontOfItsQueueWithIoFront() {
        // One level, quantum 10 (round robin), no boost. F: compute 2, io 3, compute 2. G, H: 20 each.
        //  0-2 F, io until 5.   2-12 G.   F woke at 5: with io_front it is ahead of H: 12-14 F, done.
        // Without, H (queued at 0) comes first: 12-22 H, then F 22-24.
        String jobs = """
                  process F {
                    compute 2 ms
                    io 3 ms
                    compute 2 ms
                  }
                  process G { compute 20 ms }
                  process H { compute 20 ms }
                """;
        assertEquals(14, finish(run("queues 1 quantum 10 ms boost 0 ms io_front", jobs), "F"));
        assertEquals(24, finish(run("queues 1 quantum 10 ms boost 0 ms", jobs), "F"));
    }

    @Test
    void moreAllotmentsThanQueuesIsASettingError() {
        var c = oss.compiler.Compiler.compile("t.oss",
                "scenario \"m\" {\n  kernel { scheduler mlfq queues 2 allotment 1 2 3 }\n}\n");
        assertTrue(c.diagnostics().stream().anyMatch(d -> d.code() == Code.BAD_SETTING
                && d.message().contains("3 allotments for 2 queues")), c.diagnostics().toString());
    }
}
