package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunOptions;
import oss.ir.diag.Code;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;

/**
 * Faults a student meets in the address space, each as Linux answers it:
 * the kernel half, the stack's growth, a file mapping past the end of its
 * file, brk's refusals, running out of memory.
 */
class MemoryFaultsTest {
    private static String scenario(String machine, String body) {
        return "scenario \"faults\" {\n  machine {\n    cpus 1\n" + machine + "  }\n  process P {\n" + body + "  }\n}\n";
    }

    private static boolean found(RunResult r, Code code, String part) {
        return r.findings().stream().anyMatch(d -> d.code() == code && d.message().contains(part));
    }

    @Test
    void aUserAccessToAKernelAddressIsASegfaultNotACompileError() {
        // 0xffff888000000000 is x86_64 Linux's direct map of physical memory: in every page table,
        // never reachable from user mode.
        RunResult r = Runs.run(scenario("", "    read at 0xffff888000000000\n    compute 1 ms\n"));
        TaskReport p = Runs.task(r, "P");
        assertEquals("SIGSEGV", p.memory().signal());
        assertEquals(139, p.exitStatus());
        assertTrue(found(r, Code.SEGFAULT, "kernel address"), r.findings().toString());
    }

    @Test
    void aNonCanonicalAddressIsAGeneralProtectionFault() {
        RunResult r = Runs.run(scenario("", "    write at 0x0000800000000000\n"));
        assertEquals("SIGSEGV", Runs.task(r, "P").memory().signal());
        assertTrue(found(r, Code.SEGFAULT, "non-canonical"), r.findings().toString());
    }

    @Test
    void aKernelAddressOnX86_32IsAboveTheThreeGibSplit() {
        RunResult r = Runs.run(scenario("    paging x86_32\n", "    read at 0xc0000000\n"));
        assertTrue(found(r, Code.SEGFAULT, "kernel address"), r.findings().toString());
    }

    @Test
    void anAddressWiderThanTheMachineIsStillAnError() {
        List<Diagnostic> ds = Analyzer.analyze("t.oss", scenario("    paging x86_32\n", "    read at 0x100000000\n"),
                new AnalyzeOptions(RunOptions.defaults())).compilation().diagnostics();
        assertTrue(ds.stream().anyMatch(d -> d.code() == Code.VALUE_OUT_OF_RANGE && d.message().contains("32-bit")),
                Runs.describe(ds));
    }

    @Test
    void brkBelowTheHeapStartFailsWithEnomemAndTheProcessGoesOn() {
        RunResult r = Runs.run(scenario("", "    brk -8 KiB\n    compute 1 ms\n"));
        TaskReport p = Runs.task(r, "P");
        assertEquals(0, p.exitStatus());
        assertTrue(found(r, Code.SYSCALL_ENOMEM, "below the start of the heap"), r.findings().toString());
        assertTrue(r.findings().stream().noneMatch(d -> d.code() == Code.OUT_OF_MEMORY), r.findings().toString());
    }

    @Test
    void brkIntoTheNextMappingFailsWithEnomem() {
        // The heap starts right after bss; a fixed mapping 4 pages above the break blocks a 1 MiB brk.
        RunResult r = Runs.run(scenario("", """
                    brk +4 KiB
                    x = mmap 1 pages anon private rw at 0x555555600000
                    brk +1 MiB
                    write x[0]
                """));
        TaskReport p = Runs.task(r, "P");
        assertEquals(0, p.exitStatus(), r.findings().toString());
        assertTrue(found(r, Code.SYSCALL_ENOMEM, "run into the next mapping"), r.findings().toString());
    }

    @Test
    void theStackGrowsDownOnAFaultBelowItUpToTheStackLimit() {
        // [stack] starts as 132 KiB ending at 0x7ffffffff000, so its lowest page is 0x7ffffffde000.
        // A write one page below grows it by a page (1 demand-zero fault); a write at exactly
        // 8 MiB below the top grows it to the full default limit (another fault): RSS 2 pages, and
        // VSZ = text 16 KiB + data 4 KiB + bss 4 KiB + stack 8192 KiB = 8216 KiB.
        RunResult r = Runs.run(scenario("", """
                    write at 0x7ffffffdd000
                    write at 0x7fffff7ff000
                """));
        TaskReport p = Runs.task(r, "P");
        assertEquals(0, p.exitStatus(), r.findings().toString());
        assertEquals(2, p.memory().minorFaults());
        assertTrue(r.findings().isEmpty(), r.findings().toString());
    }

    @Test
    void oneByteBeyondTheStackLimitIsASegfault() {
        // 0x7fffff7fefff lies in the page 8 MiB + 4 KiB below the top: over the 8 MiB RLIMIT_STACK.
        RunResult r = Runs.run(scenario("", "    read at 0x7fffff7fefff\n"));
        assertEquals("SIGSEGV", Runs.task(r, "P").memory().signal());
        assertTrue(found(r, Code.SEGFAULT, "stack_limit"), r.findings().toString());
    }

    @Test
    void theStackLimitIsASetting() {
        // With 1 MiB, 0x7fffffeff000 (exactly 1 MiB below the top) is the lowest page the stack may reach.
        String ok = "scenario \"s\" {\n  kernel { stack_limit 1 MiB }\n  process P {\n    write at 0x7fffffeff000\n  }\n}\n";
        assertEquals(0, Runs.task(Runs.run(ok), "P").exitStatus());
        RunResult r = Runs.run(ok.replace("0x7fffffeff000", "0x7fffffefefff"));
        assertEquals("SIGSEGV", Runs.task(r, "P").memory().signal());
        List<Diagnostic> ds = Analyzer.analyze("t.oss", ok.replace("1 MiB", "64 KiB"), new AnalyzeOptions(
                RunOptions.defaults())).compilation().diagnostics();
        assertTrue(ds.stream().anyMatch(d -> d.code() == Code.BAD_SETTING && d.message().contains("132 KiB")),
                Runs.describe(ds));
    }

    @Test
    void theStackStopsAGuardGapAboveAMappingBelowIt() {
        // A fixed mapping ending 256 pages below the stack's lowest page 0x7ffffffde000: growing to
        // the page right above it would leave 0 pages of the 256-page guard gap.
        RunResult r = Runs.run(scenario("", """
                    x = mmap 1 pages anon private rw at 0x7fffffedd000
                    write x[0]
                    write at 0x7fffffede000
                """));
        assertEquals("SIGSEGV", Runs.task(r, "P").memory().signal());
        assertTrue(found(r, Code.SEGFAULT, "guard gap"), r.findings().toString());
    }

    @Test
    void aPageOfAFileMappingWhollyBeyondTheEndOfTheFileIsSigbus() {
        // A 6 KiB file in a 4-page mapping: page 0 and page 1 (bytes 4096..6143 of the file, the
        // rest of the page zeros) can be read; page 2 (8 KiB) holds no byte of it: SIGBUS, 128 + 7.
        RunResult r = Runs.run("""
                scenario "bus" {
                  machine { cpus 1 }
                  file "/data/log" size 6 KiB
                  process P {
                    f = mmap "/data/log" 4 pages shared r
                    read f[5000 B]
                    read f[8 KiB]
                    compute 1 ms
                  }
                }
                """);
        TaskReport p = Runs.task(r, "P");
        assertEquals("SIGBUS", p.memory().signal());
        assertEquals(135, p.exitStatus());
        assertEquals(1, p.memory().majorFaults()); // page 1 came from the disk; page 2 never did
        assertTrue(found(r, Code.BUS_ERROR, "beyond the end of /data/log"), r.findings().toString());
    }

    private static RunResult runAllowingErrors(String text) {
        Analysis a = Analyzer.analyze("t.oss", text, new AnalyzeOptions(RunOptions.defaults()));
        assertTrue(a.run().isPresent(), "no run: " + Runs.describe(a.compilation().diagnostics()));
        assertTrue(a.diagnostics().stream().noneMatch(d -> d.code() == Code.INTERNAL),
                Runs.describe(a.diagnostics()));
        return a.run().get();
    }

    @Test
    void aProcessTheKernelHasNoFrameForIsNotCreatedAndTheOthersRun() {
        // 12 frames: P0's page-table root, task_struct and kernel slabs take what there is; P1 gets none.
        RunResult r = runAllowingErrors("""
                scenario "tiny" {
                  machine { memory 12 pages }
                  process P0 { compute 1 ms }
                  process P1 { thread { } }
                }
                """);
        assertEquals(0, Runs.task(r, "P0").exitStatus());
        assertEquals("SIGKILL", Runs.task(r, "P1").memory().signal());
        assertTrue(found(r, Code.OUT_OF_MEMORY, "cannot be created"), r.findings().toString());
    }

    @Test
    void forkWithNoFrameForTheChildFailsWithEnomemAndTheParentGoesOn() {
        // 64 frames, no swap: 44 written pages cannot be evicted, and what is left cannot hold the
        // child's page tables and task_struct. fork returns -1; `wait c` has no child: ECHILD.
        RunResult r = runAllowingErrors("""
                scenario "f" {
                  machine {
                    memory 64 pages
                    swap 0 B
                  }
                  process P {
                    x = mmap 44 pages anon private rw
                    write x[0 .. 44 pages]
                    c = fork { }
                    wait c
                    compute 1 ms
                  }
                }
                """);
        TaskReport p = Runs.task(r, "P");
        assertEquals(0, p.exitStatus(), r.findings().toString());
        assertEquals(1, r.tasks().stream().filter(t -> t.pid() > 1).count()); // no child
        assertTrue(found(r, Code.SYSCALL_ENOMEM, "fork fails with ENOMEM"), r.findings().toString());
        assertTrue(r.findings().stream().anyMatch(d -> d.code() == Code.WAIT_NO_CHILD), r.findings().toString());
    }

    @Test
    void aPageTableTheKernelCannotAllocateIsTheOomKillerNotACrash() {
        // 27 frames for four processes that each fault a shared page in: the page tables of the
        // later ones find no frame. Before: "no frame left for a page table", an internal error.
        RunResult r = runAllowingErrors("""
                scenario "pt" {
                  machine { memory 27 pages }
                  process P[i in 0..3] {
                    x = mmap 3 B anon shared rw
                    write x[18 B]
                  }
                }
                """);
        assertTrue(r.findings().stream().anyMatch(d -> d.code() == Code.OUT_OF_MEMORY), r.findings().toString());
        assertTrue(r.tasks().stream().anyMatch(t -> t.exitStatus() == 0), "someone got its page");
    }

    @Test
    void aMachineTooSmallForATaskStructIsADiagnostic() {
        RunResult r = runAllowingErrors("""
                scenario "tiny" {
                  machine { memory 36 KiB }
                  process P { x = mmap 15 B anon shared rw }
                }
                """);
        assertTrue(found(r, Code.OUT_OF_MEMORY, "task_struct"), r.findings().toString());
    }

    @Test
    void aForkedChildSharesItsParentsSwapSlotsInsteadOfCopyingThem() {
        // P (frames 4) writes 8 pages: 4-7 evict 0-3 to swap (4 of the 8 slots). The child starts with
        // 4-7 shared copy-on-write and 0-3 in the parent's swap slots, shared as Linux's fork does.
        // Reading page 0 it first gives up one of its 4 frames (page 4, written: to a free slot), then
        // reads page 0 back from the shared slot: 1 major fault. Copying the 4 slots instead filled the
        // swap, so the child could evict nothing and the OOM killer ended it.
        RunResult r = Runs.run(scenario("    swap 32 KiB\n", """
                    x = mmap 8 pages anon private rw
                    write x[0 .. 32 KiB]
                    c = fork {
                      read x[0]
                    }
                    wait c
                """).replace("process P {", "process P frames 4 {"));
        TaskReport child = r.tasks().stream().filter(TaskReport::forked).findFirst().orElseThrow();
        assertEquals(0, child.exitStatus(), r.findings().toString());
        assertEquals(1, child.memory().majorFaults());
        assertTrue(r.findings().stream().noneMatch(d -> d.code() == Code.OUT_OF_MEMORY), r.findings().toString());
    }

    @Test
    void aMachineTooSmallForInitCreatesNoProcessAndSaysWhy() {
        RunResult r = runAllowingErrors("scenario \"f\" { machine { memory 8 KiB } process P0 { p0 = malloc 9 B } }\n");
        assertTrue(found(r, Code.OUT_OF_MEMORY, "does not even hold init"), r.findings().toString());
    }
}
