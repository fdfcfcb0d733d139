package oss.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.CacheSpec;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.MallocSpec;
import oss.ir.program.MemoryHardware;
import oss.ir.program.MemoryPolicy;
import oss.ir.program.Paging;
import oss.ir.program.PscSpec;
import oss.ir.program.ReplacementKind;
import oss.ir.program.TlbSpec;
import oss.ir.program.KernelConfig;
import oss.ir.program.MachineConfig;
import oss.ir.program.Program;
import oss.ir.program.SchedulerSpec;

/** Every key of machine { } and kernel { } parses with its units into the config; later-version keys say so once each. */
class SettingsTest {
    static final long MS = 1_000_000L;

    static Compilation compile(String machine, String kernel) {
        return Compiler.compile("s.oss", "scenario \"s\" {\n  machine {\n" + machine + "\n  }\n  kernel {\n" + kernel
                + "\n  }\n}\n");
    }

    static Program program(String machine, String kernel) {
        Compilation c = compile(machine, kernel);
        assertTrue(c.program().isPresent(), () -> c.diagnostics().toString());
        return c.program().get();
    }

    @Test
    void defaults() {
        Program p = program("", "");
        assertEquals(MachineConfig.defaults(), p.machine());
        assertEquals(KernelConfig.defaults(), p.kernel());
    }

    @Test
    void everyMachineKey() {
        Compilation c = compile("""
                cpus 4
                clock 3 GHz
                memory 1 GiB
                page_size 4 KiB
                paging x86_32
                tlb 64 entries 4-way pcid
                cache L1d 32 KiB 8-way line 64 B hit 4 cycles private
                cache L2 1 MiB 16-way line 64 B hit 12 cycles shared
                memory_latency 100 cycles
                disk latency 5 ms
                swap 64 MiB
                """, "");
        assertTrue(c.program().isPresent(), c.diagnostics().toString());
        MachineConfig m = c.program().get().machine();
        assertEquals(new MachineConfig(4, 3_000_000_000L, 1L << 30, 4096, new MemoryHardware(Paging.X86_32,
                new TlbSpec(64, 4, true), List.of(new CacheSpec("L1d", 32 << 10, 8, 64, 4, false),
                        new CacheSpec("L2", 1 << 20, 16, 64, 12, true)), 100, 64L << 20, 5 * MS)), m);
        assertEquals(List.of(), c.diagnostics(), "the memory keys are simulated now");
    }

    @Test
    void memoryHardwareVariants() {
        assertEquals(new TlbSpec(16, 16, false), program("tlb 16 entries fully associative", "").machine().memory().tlb());
        assertEquals(new TlbSpec(32, 1, false), program("tlb 32 entries direct mapped", "").machine().memory().tlb());
        // a time is converted at the clock (whichever line sets it), to whole cycles
        MemoryHardware h = program("memory_latency 100 ns\nclock 1 GHz", "").machine().memory();
        assertEquals(100, h.memoryLatencyCycles());
        assertEquals(List.of(new CacheSpec("L1", 4 << 10, 2, 32, 2, false)),
                program("cache L1 4 KiB 2-way line 32 B hit 2 cycles", "").machine().memory().caches());
        assertEquals(MemoryHardware.defaults().caches(), program("cpus 1", "").machine().memory().caches());
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("tlb 48 entries 5-way", "")));
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("tlb 48 entries 4-way", "")));
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("cache L1 32 KiB 8-way line 48 B hit 4 cycles", "")));
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("cache L1 24 KiB 8-way line 64 B hit 4 cycles", "")));
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("paging x86_32\nmemory 8 GiB", "")));
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("swap 1000 B", "")));
        assertEquals(List.of(Code.NOT_POSITIVE), codes(compile("memory_latency 0 cycles", "")));
    }

    @Test
    void pagingStructureCaches() {
        assertEquals(PscSpec.on(2, 4, 32, 0), program("", "").machine().memory().psc()); // on under x86_64
        assertEquals(PscSpec.OFF, program("paging x86_32", "").machine().memory().psc());
        assertEquals(PscSpec.OFF, program("psc off", "").machine().memory().psc());
        assertEquals(PscSpec.on(2, 4, 32, 0), program("psc on", "").machine().memory().psc());
        assertEquals(PscSpec.on(1, 0, 16, 4), program("psc pml4e 1 pdpte 0 pde 16 4-way", "").machine().memory().psc());
        assertEquals(PscSpec.on(2, 4, 8, 1), program("psc pde 8 direct mapped", "").machine().memory().psc());
        assertEquals(PscSpec.on(2, 4, 8, 0), program("paging x86_32\npsc pde 8 fully associative", "").machine()
                .memory().psc());
        assertEquals(List.of(Code.PSC_SHAPE), codes(compile("psc pde 24 8-way", "")));
        // the cache written is the one reported, with a size that would do; a default size says so
        Compilation shape = compile("psc pde 33 3-way", "");
        assertTrue(shape.diagnostics().get(0).message().contains("3-way PDE cache of 33 entries"), shape.diagnostics().toString());
        assertTrue(shape.diagnostics().get(0).message().endsWith("as pde 24 would"), shape.diagnostics().toString());
        assertTrue(compile("psc pde 48 3-way", "").diagnostics().get(0).message()
                .contains("PDPTE cache of 4 entries (its default size)"));
        assertEquals(List.of(Code.PSC_SHAPE), codes(compile("psc pml4e 0 pdpte 0 pde 0", "")));
        // the paging line may come after the psc line: checked once every machine line is read
        Compilation c = compile("psc pdpte 4 pde 8\npaging x86_32", "");
        assertEquals(List.of(Code.PSC_NO_SUCH_LEVEL), codes(c));
        assertEquals(3, c.diagnostics().get(0).span().line());
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("psc pde many", "")));
        assertEquals(List.of(Code.VALUE_OUT_OF_RANGE), codes(compile("psc pde 100000", "")));
        assertEquals(List.of(Code.DUPLICATE_NAME), codes(compile("psc off\npsc on", "")));
    }

    @Test
    void memoryPolicy() {
        assertEquals(new MemoryPolicy(ReplacementKind.CLOCK, 9, new MallocSpec(MallocSpec.Kind.FREELIST,
                        MallocSpec.defaults().mmapThresholdBytes(), MallocSpec.Fit.BEST, true)),
                program("", "replacement clock\nbuddy max_order 9\nmalloc freelist best_fit coalesce").kernel().memory());
        assertEquals(new MallocSpec(MallocSpec.Kind.FREELIST, MallocSpec.defaults().mmapThresholdBytes(),
                MallocSpec.Fit.NEXT, false), program("", "malloc freelist next_fit").kernel().memory().malloc());
        assertEquals(new MallocSpec(MallocSpec.Kind.PTMALLOC, 64 << 10, MallocSpec.Fit.FIRST, true),
                program("", "malloc ptmalloc mmap_threshold 64 KiB").kernel().memory().malloc());
        assertEquals(MemoryPolicy.defaults(), program("", "").kernel().memory());
    }

    @Test
    void everyKernelKey() {
        Compilation c = compile("", """
                scheduler rr quantum 4 ms
                context_switch 5 us
                hz 250
                deadlock avoid
                malloc ptmalloc mmap_threshold 128 KiB
                replacement clock
                buddy max_order 11
                msgmax 4 KiB msgmnb 12 KiB pipe_buffer 64 KiB
                """);
        assertTrue(c.program().isPresent(), c.diagnostics().toString());
        KernelConfig k = c.program().get().kernel();
        assertEquals(SchedulerSpec.Kind.RR, k.scheduler().kind());
        assertEquals(4 * MS, k.scheduler().quantumNs());
        assertEquals(5_000L, k.contextSwitchNs());
        assertEquals(250, k.hz());
        assertEquals(DeadlockPolicy.AVOID, k.deadlock());
        assertEquals(65536L, k.pipeBufferBytes());
        assertEquals(4096L, k.ipc().msgmax());
        assertEquals(12288L, k.ipc().msgmnb());
        assertEquals(List.of("hz"), c.diagnostics().stream()
                .filter(d -> d.code() == Code.NOT_SIMULATED_YET)
                .map(Diagnostic::message).map(s -> s.substring(1, s.indexOf('`', 1))).toList());
        assertEquals(ReplacementKind.CLOCK, k.memory().replacement());
        assertTrue(program("", "malloc freelist best_fit coalesce").machine() != null);
        assertEquals(DeadlockPolicy.IGNORE, program("", "deadlock ignore").kernel().deadlock());
    }

    @Test
    void everyScheduler() {
        assertEquals(SchedulerSpec.of(SchedulerSpec.Kind.FIFO), program("", "scheduler fifo").kernel().scheduler());
        assertEquals(SchedulerSpec.of(SchedulerSpec.Kind.SJF), program("", "scheduler sjf").kernel().scheduler());
        assertEquals(SchedulerSpec.of(SchedulerSpec.Kind.STCF), program("", "scheduler stcf").kernel().scheduler());
        assertEquals(SchedulerSpec.of(SchedulerSpec.Kind.RR), program("", "scheduler rr").kernel().scheduler());
        SchedulerSpec mlfq = program("", "scheduler mlfq queues 4 quantum 10 ms 20 ms boost 50 ms").kernel().scheduler();
        assertEquals(List.of(10 * MS, 20 * MS, 20 * MS, 20 * MS), mlfq.mlfqQuantaNs());
        assertEquals(50 * MS, mlfq.boostNs());
        SchedulerSpec lottery = program("", "scheduler lottery quantum 5 ms").kernel().scheduler();
        assertEquals(SchedulerSpec.Kind.LOTTERY, lottery.kind());
        assertEquals(5 * MS, lottery.quantumNs());
        SchedulerSpec cfs = program("", "scheduler cfs latency 6 ms min_granularity 750 us wakeup_granularity 1 ms")
                .kernel().scheduler();
        assertEquals(new SchedulerSpec(SchedulerSpec.Kind.CFS, 0, List.of(), 0, 6 * MS, 750_000, MS), cfs);
    }

    @Test
    void cyclesFollowTheClock() {
        Compilation c = Compiler.compile("c.oss", """
                scenario "c" {
                  machine { clock 1 GHz }
                  process A { compute 100 cycles }
                }
                """);
        assertEquals(100L, ((oss.ir.program.Op.Compute) c.program().orElseThrow().processes().get(0).body().get(0)).ns());
    }

    @Test
    void badSettings() {
        assertEquals(List.of(Code.UNKNOWN_SETTING), codes(compile("cpu 2", "")));
        assertEquals(List.of(Code.UNKNOWN_SETTING), codes(compile("scheduler fifo", "")));
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("", "scheduler fast")));
        assertEquals(List.of(Code.MISSING_UNIT), codes(compile("clock 2", "")));
        assertEquals(List.of(Code.WRONG_UNIT), codes(compile("clock 2 ms", "")));
        assertEquals(List.of(Code.NOT_POSITIVE), codes(compile("", "scheduler rr quantum 0 ms")));
        assertEquals(List.of(Code.DUPLICATE_NAME), codes(compile("cpus 2\ncpus 4", "")));
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("page_size 3 KiB", "")));
        // x86 page tables split addresses for 4 KiB pages; huge pages are not simulated
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("page_size 8 KiB", "")));
        assertEquals(List.of(Code.BAD_SETTING), codes(compile("tlb 64 entries", "")));
    }

    static List<Code> codes(Compilation c) {
        return c.diagnostics().stream().map(Diagnostic::code).toList();
    }
}
