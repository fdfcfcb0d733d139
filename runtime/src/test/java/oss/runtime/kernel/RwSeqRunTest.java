package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.runtime.kernel.Scenario.MS;
import static oss.runtime.kernel.Scenario.at;
import static oss.runtime.kernel.Scenario.compute;
import static oss.runtime.kernel.Scenario.findings;
import static oss.runtime.kernel.Scenario.sleep;
import static oss.runtime.kernel.Scenario.task;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunResult;
import oss.ir.program.Op;

class RwSeqRunTest {

    /** R1 reads 0..4; W asks to write at 1; R2 asks to read at 2 and reads for 4 ms. */
    private static RunResult readersAndAWriter(boolean writerPreferring) {
        Scenario s = new Scenario().cpus(3);
        int r = s.rwlock("r", writerPreferring);
        s.process("R1", 10, new Op.ReadLock(r, at(11)), compute(4 * MS, 12), new Op.ReadUnlock(r, at(13)));
        s.process("W", 20, sleep(1 * MS, 20), new Op.WriteLock(r, at(21)), compute(1 * MS, 22),
                new Op.WriteUnlock(r, at(23)));
        s.process("R2", 30, sleep(2 * MS, 30), new Op.ReadLock(r, at(31)), compute(4 * MS, 32),
                new Op.ReadUnlock(r, at(33)));
        return s.run();
    }

    @Test
    void readerPreferringLetsANewReaderOvertakeAWaitingWriter() {
        RunResult r = readersAndAWriter(false);
        // R2 joins R1 at 2; W gets in only when R2 leaves at 6, after waiting 5 ms
        assertEquals(6 * MS, task(r, "R2").finishNs());
        assertEquals(7 * MS, task(r, "W").finishNs());
        List<Diagnostic> starved = findings(r, Code.WRITER_STARVED);
        assertEquals(1, starved.size());
        assertEquals(21, starved.get(0).span().line());
        assertTrue(starved.get(0).message().contains("1 reader(s)"), starved.get(0).message());
    }

    @Test
    void writerPreferringMakesTheNewReaderWait() {
        RunResult r = readersAndAWriter(true);
        // W gets in when R1 leaves at 4 and writes until 5; R2 waited 2..5 and reads until 9
        assertEquals(5 * MS, task(r, "W").finishNs());
        assertEquals(9 * MS, task(r, "R2").finishNs());
        assertTrue(findings(r, Code.WRITER_STARVED).isEmpty());
    }

    @Test
    void writersExcludeReadersAndEachOther() {
        Scenario s = new Scenario().cpus(3);
        int r = s.rwlock("r", false);
        s.process("W1", 10, new Op.WriteLock(r, at(11)), compute(2 * MS, 12), new Op.WriteUnlock(r, at(13)));
        s.process("W2", 20, new Op.WriteLock(r, at(21)), compute(2 * MS, 22), new Op.WriteUnlock(r, at(23)));
        s.process("R", 30, sleep(1 * MS, 30), new Op.ReadLock(r, at(31)), compute(1 * MS, 32),
                new Op.ReadUnlock(r, at(33)));
        RunResult res = s.run();
        // W1 0..2; at 2 the waiting reader goes first (reader-preferring), 2..3; W2 3..5
        assertEquals(3 * MS, task(res, "R").finishNs());
        assertEquals(5 * MS, task(res, "W2").finishNs());
    }

    @Test
    void unlockWithoutHoldingIsReported() {
        Scenario s = new Scenario();
        int r = s.rwlock("r", false);
        s.process("A", 10, new Op.ReadUnlock(r, at(11)), new Op.ReadLock(r, at(12)), new Op.WriteUnlock(r, at(13)),
                new Op.ReadUnlock(r, at(14)));
        RunResult res = s.run();
        List<Diagnostic> d = findings(res, Code.UNLOCK_BY_NON_OWNER);
        assertEquals(List.of(11, 13), d.stream().map(x -> x.span().line()).toList());
    }

    @Test
    void exitHoldingARwlockReleasesIt() {
        Scenario s = new Scenario().cpus(2);
        int r = s.rwlock("r", false);
        s.process("A", 10, new Op.ReadLock(r, at(11)), compute(2 * MS, 12));
        s.process("B", 20, compute(1 * MS, 20), new Op.WriteLock(r, at(21)), compute(1 * MS, 22),
                new Op.WriteUnlock(r, at(23)));
        RunResult res = s.run();
        assertEquals(1, findings(res, Code.EXIT_HOLDING_LOCK).size());
        assertEquals(3 * MS, task(res, "B").finishNs());
    }

    @Test
    void aReadOverlappingAWriteRunsAgain() {
        Scenario s = new Scenario().cpus(2);
        int q = s.seqlock("q");
        s.process("Wr", 10, compute(1 * MS, 10), new Op.SeqWrite(q, List.of(compute(2 * MS, 12)), at(11)));
        s.process("Rd", 20, new Op.SeqRead(q, List.of(compute(3 * MS, 22)), at(21)));
        RunResult r = s.run();
        // the read 0..3 saw the write 1..3: it runs again 3..6
        assertEquals(1, task(r, "Rd").seqRetries());
        assertEquals(6 * MS, task(r, "Rd").finishNs());
        assertEquals(3 * MS, task(r, "Wr").finishNs());
    }

    @Test
    void aReaderSpinsWhileAWriterIsInside() {
        Scenario s = new Scenario().cpus(2);
        int q = s.seqlock("q");
        s.process("Wr", 10, new Op.SeqWrite(q, List.of(compute(3 * MS, 12)), at(11)));
        s.process("Rd", 20, compute(2 * MS, 20), new Op.SeqRead(q, List.of(compute(1 * MS, 22)), at(21)));
        RunResult r = s.run();
        // odd from 0 to 3: the reader spins 2..3, then reads 3..4 without a retry
        assertEquals(1 * MS, task(r, "Rd").spinNs());
        assertEquals(0, task(r, "Rd").seqRetries());
        assertEquals(4 * MS, task(r, "Rd").finishNs());
    }

    @Test
    void writersOfASeqlockExcludeEachOtherAndEveryReadRetriesOncePerOverlap() {
        Scenario s = new Scenario().cpus(3);
        int q = s.seqlock("q");
        s.process("W1", 10, new Op.SeqWrite(q, List.of(compute(2 * MS, 12)), at(11)));
        s.process("W2", 20, new Op.SeqWrite(q, List.of(compute(2 * MS, 22)), at(21)));
        s.process("Rd", 30, compute(5 * MS, 30), new Op.Repeat(3, List.of(
                new Op.SeqRead(q, List.of(compute(1 * MS, 32)), at(31))), at(31)));
        RunResult r = s.run();
        // W1 writes 0..2, W2 sleeps and writes 2..4; the reader starts at 5 and never overlaps
        assertEquals(4 * MS, task(r, "W2").finishNs());
        assertEquals(1, task(r, "W2").voluntarySwitches());
        assertEquals(0, task(r, "Rd").seqRetries());
        assertEquals(8 * MS, task(r, "Rd").finishNs());
    }

    @Test
    void aReaderSpinningOnAWriterThatSleepsOnTheReadersMutexIsADeadlock() {
        Scenario s = new Scenario().cpus(2);
        int m = s.mutex("m");
        int q = s.seqlock("q");
        s.process("Rd", 10, new Op.Lock(m, at(11)), compute(1 * MS, 12),
                new Op.SeqRead(q, List.of(compute(1 * MS, 14)), at(13)), new Op.Unlock(m, at(15)));
        s.process("Wr", 20, new Op.SeqWrite(q, List.of(new Op.Lock(m, at(22)), new Op.Unlock(m, at(23))), at(21)));
        RunResult r = s.run();
        assertEquals(1, findings(r, Code.DEADLOCK).size(), r.findings().toString());
        assertEquals(0, task(r, "Rd").spinNs(), "the run stops as soon as nothing can change");
    }

    @Test
    void exitingInsideSeqWriteEndsTheWrite() {
        Scenario s = new Scenario().cpus(2);
        int q = s.seqlock("q");
        s.process("Wr", 10, new Op.SeqWrite(q, List.of(compute(1 * MS, 12), new Op.Exit(0, at(13))), at(11)));
        s.process("Rd", 20, new Op.SeqRead(q, List.of(compute(2 * MS, 22)), at(21)));
        RunResult r = s.run();
        assertEquals(1, findings(r, Code.EXIT_HOLDING_LOCK).size());
        // the reader spins while the write is open (0..1); the exit ends it, and the read runs 1..3
        assertEquals(1 * MS, task(r, "Rd").spinNs());
        assertEquals(0, task(r, "Rd").seqRetries());
        assertEquals(3 * MS, task(r, "Rd").finishNs());
    }
}
