package oss.runtime.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import oss.runtime.Simulator;
import oss.ir.diag.Code;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.KernelConfig;
import oss.ir.program.MachineConfig;
import oss.ir.program.MemoryPolicy;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.ReplacementKind;
import oss.ir.program.SchedPolicy;
import oss.ir.program.SchedulerSpec;
import oss.ir.program.Span;

/**
 * Whole runs through the kernel's fault path (mmap, demand paging, local
 * replacement under a frame limit), checked against the textbook counts
 * worked out by hand — compulsory faults included, as the books count them.
 */
class PagingScenarioTest {
    private static final long[] SILBERSCHATZ = {7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1};
    private static final long[] BELADY = {1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5};

    private static RunResult run(ReplacementKind kind, int frames, long[] refs, boolean write) {
        List<Op> body = List.of(
                new Op.Mmap(0, 8 * 4096, -1, false, Op.PROT_READ | Op.PROT_WRITE, -1, Span.NONE),
                new Op.PageRefs(0, refs, write, Span.NONE));
        ProcessDef p = new ProcessDef("P", 0, 0, SchedPolicy.NORMAL, 0, ProcessDef.DEFAULT_TICKETS, frames, body, 1,
                Span.NONE);
        KernelConfig kernel = new KernelConfig(SchedulerSpec.cfs(), 0, 1000, DeadlockPolicy.DETECT,
                new MemoryPolicy(kind, 11, MemoryPolicy.defaults().malloc()));
        Program program = new Program("paging", new MachineConfig(1, 2_000_000_000L, 64L << 20, 4096), kernel,
                List.of(), List.of(), List.of(), List.of(p), Optional.empty());
        return Simulator.run(program, RunOptions.defaults());
    }

    private static TaskReport p(RunResult r) {
        return r.tasks().stream().filter(t -> t.process().equals("P") && !t.forked()).findFirst().orElseThrow();
    }

    @Test
    void lruThreeFramesTwelveFaults() {
        // Silberschatz fig. 10.16: LRU with 3 frames faults 12 times on this string.
        TaskReport t = p(run(ReplacementKind.LRU, 3, SILBERSCHATZ, false));
        assertEquals(12, t.memory().pageFaults());
        assertEquals(0, t.exitStatus());
        assertNull(t.memory().signal());
    }

    @Test
    void fifoThreeFramesFifteenFaultsAndOptNine() {
        // Silberschatz fig. 10.12 (FIFO) and 10.14 (OPT).
        assertEquals(15, p(run(ReplacementKind.FIFO, 3, SILBERSCHATZ, false)).memory().pageFaults());
        assertEquals(9, p(run(ReplacementKind.OPT, 3, SILBERSCHATZ, false)).memory().pageFaults());
    }

    @Test
    void beladysAnomalyWithFifo() {
        // 1,2,3,4,1,2,5,1,2,3,4,5: FIFO faults 9 times with 3 frames but 10 with 4.
        assertEquals(9, p(run(ReplacementKind.FIFO, 3, BELADY, false)).memory().pageFaults());
        assertEquals(10, p(run(ReplacementKind.FIFO, 4, BELADY, false)).memory().pageFaults());
    }

    @Test
    void writtenPagesComeBackFromSwapAsMajorFaults() {
        // Writes dirty every page, so an evicted page goes to swap and its next use is a major fault.
        // LRU, 3 frames: 12 faults in all; the first touch of each of the 6 distinct pages (7,0,1,2,3,4)
        // is demand-zero (minor); the other 6 are swap-ins (major).
        TaskReport t = p(run(ReplacementKind.LRU, 3, SILBERSCHATZ, true));
        assertEquals(12, t.memory().pageFaults());
        assertEquals(6, t.memory().minorFaults());
        assertEquals(6, t.memory().majorFaults());
    }

    @Test
    void readOnlyPagesAreDroppedAndRefaultedAsMinor() {
        // Never written, an evicted anonymous page holds only zeros: it is dropped, and the next
        // touch is another demand-zero (minor) fault, never a swap-in.
        TaskReport t = p(run(ReplacementKind.LRU, 3, SILBERSCHATZ, false));
        assertEquals(12, t.memory().minorFaults());
        assertEquals(0, t.memory().majorFaults());
    }

    @Test
    void accessBeyondTheMappingIsSigsegv() {
        // page 9 of an 8-page mapping: no VMA covers it
        RunResult r = run(ReplacementKind.LRU, 3, new long[] {0, 9}, false);
        TaskReport t = p(r);
        assertEquals("SIGSEGV", t.memory().signal());
        assertEquals(139, t.exitStatus());
        assertTrue(r.findings().stream().anyMatch(d -> d.code() == Code.SEGFAULT));
    }

    @Test
    void forkSharesPagesCopyOnWrite() {
        // P writes its page (demand-zero: minor 1), forks, and waits. The child writes the same page:
        // the frame is mapped twice, so it is copied (child: 1 COW fault, counted as minor). The child
        // exits; P writes again: its PTE is still read-only and marked COW, but the frame now has one
        // mapping, so it is reused without a copy (P: 1 COW fault). P: minor 2, cow 1; child: minor 1, cow 1.
        List<Op> child = List.of(new Op.MemAccess(0, 0, 0, 1, true, Span.NONE));
        List<Op> body = List.of(
                new Op.Mmap(0, 4096, -1, false, Op.PROT_READ | Op.PROT_WRITE, -1, Span.NONE),
                new Op.MemAccess(0, 0, 0, 1, true, Span.NONE),
                new Op.Fork(1, child, Span.NONE),
                new Op.WaitChild(1, Span.NONE),
                new Op.MemAccess(0, 0, 0, 1, true, Span.NONE));
        ProcessDef p = new ProcessDef("P", 0, 0, SchedPolicy.NORMAL, 0, ProcessDef.DEFAULT_TICKETS, 0, body, 2,
                Span.NONE);
        Program program = new Program("cow", new MachineConfig(1, 2_000_000_000L, 64L << 20, 4096),
                KernelConfig.defaults(), List.of(), List.of(), List.of(), List.of(p), Optional.empty());
        RunResult r = Simulator.run(program, RunOptions.defaults());
        TaskReport parent = p(r);
        TaskReport forked = r.tasks().stream().filter(TaskReport::forked).findFirst().orElseThrow();
        assertEquals(2, parent.memory().minorFaults());
        assertEquals(1, parent.memory().cowFaults());
        assertEquals(1, forked.memory().minorFaults());
        assertEquals(1, forked.memory().cowFaults());
        assertTrue(r.findings().isEmpty(), r.findings().toString());
    }
}
