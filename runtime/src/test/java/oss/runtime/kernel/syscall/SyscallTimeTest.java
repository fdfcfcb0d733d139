package oss.runtime.kernel.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.SyscallStat;
import oss.runtime.observe.TaskReport;

/** kernel { syscall_cost }: entering the kernel is system time, paid before the call acts, even across a preemption. */
class SyscallTimeTest {
    private static final long US = 1_000;

    private static RunResult run(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return Simulator.run(c.program().get(), RunOptions.defaults());
    }

    private static TaskReport task(RunResult r, String process) {
        return r.tasks().stream().filter(t -> t.process().equals(process) && !t.forked()).findFirst().orElseThrow();
    }

    @Test
    void anEntryCutByTheSliceIsPaidInFullWhenTheTaskRunsAgain() {
        // one CPU, round robin 1 ms, 400 us per call. A: pipe2 0-400, compute 400-900, close enters at
        // 900 and has paid 100 us when its slice ends at 1000; B computes 1000-2000; A pays the other
        // 300 us 2000-2300, closes, close p.read 2300-2700, exit_group from 2700: 300 us paid when the
        // slice ends at 3000; B 3000-4000 (2 ms done); A pays 100 us, ends at 4100 (4 calls: 1600 us
        // of stime, 500 us of utime). B computes its last 500 us 4100-4600, exit_group 4600-5000.
        RunResult r = run("""
                scenario "t" {
                  machine { cpus 1 }
                  kernel { scheduler rr quantum 1 ms  syscall_cost 400 us }
                  process A {
                    p = pipe
                    compute 500 us
                    close p.write
                    close p.read
                  }
                  process B { compute 2500 us }
                }
                """);
        TaskReport a = task(r, "A");
        TaskReport b = task(r, "B");
        assertEquals(List.of(1600 * US, 500 * US, 2100 * US, 4100 * US),
                List.of(a.stimeNs(), a.utimeNs(), a.cpuNs(), a.finishNs()));
        assertEquals(List.of(400 * US, 2500 * US, 5000 * US), List.of(b.stimeNs(), b.utimeNs(), b.finishNs()));
        // strace -c's rows: each call's entry time is charged to its name
        assertEquals(List.of(new SyscallStat("close", 2, 0, 800 * US), new SyscallStat("exit_group", 1, 0, 400 * US),
                new SyscallStat("pipe2", 1, 0, 400 * US)), a.syscallStats());
    }

    @Test
    void aFaultsHandlingIsSystemTimeAndTheAccessesUserTime() {
        // four first touches of an anonymous mapping: four minor faults, each FAULT_CYCLES = 2000 cycles
        // of the handler = 1 us at 2 GHz: stime 4 us (mmap's entry costs 0 by default); the TLB misses,
        // walks and cache misses of the accesses are user time
        RunResult r = run("""
                scenario "t" {
                  machine { clock 2 GHz }
                  process P {
                    x = mmap 4 pages anon private rw
                    write x[0 .. 16 KiB]
                  }
                }
                """);
        TaskReport p = task(r, "P");
        assertEquals(4, p.memory().minorFaults());
        assertEquals(4 * US, p.stimeNs());
        assertTrue(p.utimeNs() > 0, "the accesses themselves are user time: " + p.utimeNs());
        assertEquals(p.cpuNs(), p.stimeNs() + p.utimeNs());
    }

    @Test
    void withoutACostNothingMoves() {
        RunResult r = run("""
                scenario "t" {
                  process P {
                    p = pipe
                    write p.write 4 B
                    compute 1 ms
                  }
                }
                """);
        TaskReport p = task(r, "P");
        assertEquals(List.of(0L, 1_000 * US, 1_000 * US), List.of(p.stimeNs(), p.utimeNs(), p.finishNs()));
        assertEquals(3, p.syscallStats().stream().mapToLong(SyscallStat::calls).sum());
    }
}
