package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import oss.runtime.explore.Schedule;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.ir.program.Op;

class ScheduleReplayTest {

    /** P takes a then b, Q takes b then a; one CPU, FIFO: left alone, P finishes before Q starts. */
    private static Scenario oppositeOrder() {
        Scenario s = new Scenario().cpus(1);
        int a = s.mutex("a");
        int b = s.mutex("b");
        s.process("P", 10, new Op.Lock(a, at(11)), compute(1 * MS, 12), new Op.Lock(b, at(13)),
                new Op.Unlock(b, at(14)), new Op.Unlock(a, at(15)));
        s.process("Q", 20, new Op.Lock(b, at(21)), compute(1 * MS, 22), new Op.Lock(a, at(23)),
                new Op.Unlock(a, at(24)), new Op.Unlock(b, at(25)));
        return s;
    }

    private static RunOptions schedule(String text) {
        List<String> errors = new ArrayList<>();
        Schedule s = Schedule.parse(text, errors).orElseThrow();
        return RunOptions.defaults().withSchedule(s);
    }

    @Test
    void withoutAScheduleTheScenarioDoesNotDeadlock() {
        RunResult r = oppositeOrder().run();
        assertFalse(r.deadlocked());
        assertEquals(0, r.scheduleSteps());
    }

    @Test
    void replayingTheCounterexampleDeadlocks() {
        RunResult r = oppositeOrder().run(schedule("pid 2 at 11:3\npid 3 at 21:3"));
        assertTrue(r.deadlocked(), r.findings().toString());
        assertEquals(2, r.scheduleSteps());
        assertEquals(1, findings(r, Code.DEADLOCK).size());
        assertTrue(findings(r, Code.SCHEDULE_MISMATCH).isEmpty());
    }

    @Test
    void aStepAtTheWrongStatementIsAMismatchAndTheSchedulerTakesOver() {
        RunResult r = oppositeOrder().run(schedule("pid 2 at 13:3, pid 3 at 21:3"));
        List<Diagnostic> d = findings(r, Code.SCHEDULE_MISMATCH);
        assertEquals(1, d.size());
        assertTrue(d.get(0).message().contains("step 1 of 2"), d.get(0).message());
        assertTrue(d.get(0).message().contains("11:3"), d.get(0).message());
        assertEquals(0, r.scheduleSteps());
        assertFalse(r.deadlocked());
    }

    @Test
    void aPidThatDoesNotExistIsAMismatch() {
        RunResult r = oppositeOrder().run(schedule("pid 9 at 11:3"));
        assertEquals(1, findings(r, Code.SCHEDULE_MISMATCH).size());
        assertFalse(r.deadlocked());
    }

    @Test
    void aTaskThatCanNeverRunIsAMismatch() {
        // after P takes a and Q takes b, Q's lock a blocks: asking for Q's step there cannot be met
        RunResult r = oppositeOrder().run(schedule("pid 2 at 11:3\npid 3 at 21:3\npid 3 at 23:3"));
        List<Diagnostic> d = findings(r, Code.SCHEDULE_MISMATCH);
        assertEquals(1, d.size(), r.findings().toString());
        assertTrue(d.get(0).message().contains("step 3"), d.get(0).message());
        assertEquals(2, r.scheduleSteps());
        assertTrue(r.deadlocked());
    }

    @Test
    void aFullScheduleIncludingExitsIsFollowed() {
        // P: a (11), b (13), unlock b (14), unlock a (15), exit (10); Q: b (21) only after P's unlock b.
        // P computes 0..1 and exits at 1 ms; Q computes 1..2 and exits at 2 ms
        RunResult r = oppositeOrder().run(schedule(
                "pid 2 at 11:3\npid 2 at 13:3\npid 2 at 14:3\npid 3 at 21:3\npid 2 at 15:3\npid 2 at 10:3\n"
                        + "pid 3 at 23:3\npid 3 at 24:3\npid 3 at 25:3\npid 3 at 20:3"));
        assertTrue(findings(r, Code.SCHEDULE_MISMATCH).isEmpty(), r.findings().toString());
        assertEquals(10, r.scheduleSteps());
        assertFalse(r.deadlocked());
        assertEquals(1 * MS, task(r, "P").finishNs());
        assertEquals(2 * MS, task(r, "Q").finishNs());
    }

    @Test
    void aStepThatCanOnlyBlockIsAMismatchWhileTheRightOrderIsFollowed() {
        Scenario s = new Scenario().cpus(2);
        int m = s.mutex("m");
        s.process("P", 10, new Op.Lock(m, at(11)), compute(2 * MS, 12), new Op.Unlock(m, at(13)));
        s.process("Q", 20, compute(1 * MS, 21), new Op.Lock(m, at(22)), new Op.Unlock(m, at(23)));
        // Q blocks on m at 1 ms (not a step: a lock is a step when it is taken) and P may not run meanwhile
        RunResult r = s.run(schedule("pid 2 at 11:3\npid 3 at 22:3\npid 2 at 13:3\npid 3 at 22:3\npid 3 at 23:3"));
        List<Diagnostic> d = findings(r, Code.SCHEDULE_MISMATCH);
        // the second step asks for Q's lock while P holds m: Q can only block, so the step cannot complete
        assertEquals(1, d.size(), r.findings().toString());
        RunResult ok = s.run(schedule("pid 2 at 11:3\npid 2 at 13:3\npid 3 at 22:3\npid 3 at 23:3"));
        assertTrue(findings(ok, Code.SCHEDULE_MISMATCH).isEmpty(), ok.findings().toString());
        assertEquals(4, ok.scheduleSteps());
    }

    @Test
    void condWaitIsTwoStepsAndSignalOne() {
        Scenario s = new Scenario().cpus(2);
        int m = s.mutex("m");
        int c = s.condvar("c");
        s.process("C", 10, new Op.Lock(m, at(11)), new Op.CondWait(c, m, at(12)), new Op.Unlock(m, at(13)));
        s.process("P", 20, new Op.Lock(m, at(21)), new Op.CondSignal(c, at(22)), new Op.Unlock(m, at(23)));
        RunResult r = s.run(schedule("pid 2 at 11:3\npid 2 at 12:3\npid 3 at 21:3\npid 3 at 22:3\npid 3 at 23:3\n"
                + "pid 2 at 12:3\npid 2 at 13:3\npid 2 at 10:3\npid 3 at 20:3"));
        assertTrue(findings(r, Code.SCHEDULE_MISMATCH).isEmpty(), r.findings().toString());
        assertEquals(9, r.scheduleSteps());
        assertFalse(r.deadlocked());
    }

    @Test
    void aChooseStepPicksItsBranch() {
        Scenario s = new Scenario();
        s.process("A", 10, new Op.Choose(List.of(List.of(compute(1 * MS, 12)), List.of(compute(5 * MS, 13))),
                at(11)));
        assertEquals(5 * MS, task(s.run(schedule("pid 2 at 11:3 branch 1")), "A").finishNs());
        assertEquals(1 * MS, task(s.run(schedule("pid 2 at 11:3 branch 0")), "A").finishNs());
        RunResult bad = s.run(schedule("pid 2 at 11:3 branch 4"));
        assertEquals(1, findings(bad, Code.SCHEDULE_MISMATCH).size());
    }

    @Test
    void aWriterPreferringWriteLockThatWaitsIsTwoSteps() {
        Scenario s = new Scenario().cpus(2);
        int rw = s.rwlock("r", true);
        s.process("R", 10, new Op.ReadLock(rw, at(11)), new Op.ReadUnlock(rw, at(12)));
        s.process("W", 20, new Op.WriteLock(rw, at(21)), new Op.WriteUnlock(rw, at(22)));
        // W announces itself (and sleeps), R's unlock hands W the lock: W's second step counts when it runs
        RunResult r = s.run(schedule("pid 2 at 11:3\npid 3 at 21:3\npid 2 at 12:3\npid 2 at 10:3\n"
                + "pid 3 at 21:3\npid 3 at 22:3\npid 3 at 20:3"));
        assertTrue(findings(r, Code.SCHEDULE_MISMATCH).isEmpty(), r.findings().toString());
        assertEquals(7, r.scheduleSteps());
    }

    @Test
    void seqWriteAndSeqReadAreTwoStepsEach() {
        Scenario s = new Scenario().cpus(2);
        int q = s.seqlock("q");
        s.process("Wr", 10, new Op.SeqWrite(q, List.of(compute(1 * MS, 12)), at(11)));
        s.process("Rd", 20, new Op.SeqRead(q, List.of(compute(1 * MS, 22)), at(21)));
        // the read begins, the write runs whole, the read ends (retry) and runs again
        RunResult r = s.run(schedule("pid 3 at 21:3\npid 2 at 11:3\npid 2 at 11:3\npid 2 at 10:3\n"
                + "pid 3 at 21:3\npid 3 at 21:3\npid 3 at 21:3\npid 3 at 20:3"));
        assertTrue(findings(r, Code.SCHEDULE_MISMATCH).isEmpty(), r.findings().toString());
        assertEquals(8, r.scheduleSteps());
        assertEquals(1, task(r, "Rd").seqRetries());
    }

    @Test
    void deliveriesAndSleepsReadAndPrintAsTheyAreWritten() {
        List<String> errors = new ArrayList<>();
        Schedule s = Schedule.parse("pid 3 takes SIGUSR1 at 12:5\npid 3 sleeps at 8:7\npid 2 at 4:1 branch 1",
                errors).orElseThrow();
        assertEquals(List.of(), errors);
        assertEquals(10, s.steps().get(0).signal());
        assertTrue(s.steps().get(1).sleep());
        assertEquals(0, s.steps().get(2).signal());
        assertEquals("pid 3 takes SIGUSR1 at 12:5\npid 3 sleeps at 8:7\npid 2 at 4:1 branch 1\n", s.format());
        assertTrue(Schedule.parse("pid 3 takes SIGNOPE at 12:5", errors).isEmpty());
        assertTrue(errors.get(0).contains("takes SIGNAL"), errors.toString());
    }
}
