package oss.runtime.kernel.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.runtime.Simulator;
import oss.runtime.kernel.sched.LoadAvg;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.SnapshotView;
import oss.runtime.observe.StraceTable;
import oss.runtime.observe.SyscallStat;
import oss.runtime.observe.TaskReport;

/** strace -c's table, the trace's lines and errors, top and the load average, checked against strace(1), top(1) and loadavg.c. */
class SyscallViewsTest {
    private static RunResult run(String text, boolean trace) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return Simulator.run(c.program().get(), RunOptions.defaults().withTraceSyscalls(trace));
    }

    private static SnapshotView end(RunResult r) {
        return r.snapshots().get(r.snapshots().size() - 1);
    }

    @Test
    void theTableIsStracesOwn() {
        // examples/syscalls-cost.oss's calls at 150 ns each: 150,600 ns in all. read and write are
        // 75,000 / 150,600 = 49.80 % each (equal times: name order), close 300 ns = 0.20 %, exit_group
        // and pipe2 150 ns = 0.10 %; seconds with 6 decimals (300 ns is 0.000000), usecs/call
        // truncated (150 ns is 0 us); errors blank when 0, as count.c's "%.0" prints 0
        String t = StraceTable.render(List.of(new SyscallStat("close", 2, 0, 300),
                new SyscallStat("exit_group", 1, 0, 150), new SyscallStat("pipe2", 1, 0, 150),
                new SyscallStat("read", 500, 0, 75_000), new SyscallStat("write", 500, 0, 75_000)));
        assertEquals("""
                % time     seconds  usecs/call     calls    errors syscall
                ------ ----------- ----------- --------- --------- ----------------
                 49.80    0.000075           0       500           read
                 49.80    0.000075           0       500           write
                  0.20    0.000000           0         2           close
                  0.10    0.000000           0         1           exit_group
                  0.10    0.000000           0         1           pipe2
                ------ ----------- ----------- --------- --------- ----------------
                100.00    0.000151           0      1004           total
                """, t);
    }

    @Test
    void aFailedCallIsAnErrorAndTheTraceSaysWhichErrno() {
        // the pipe is empty: the nowait read returns -1 EAGAIN; the write then puts 4 bytes in; a read
        // of a closed descriptor is EBADF. Three reads, two of them errors.
        RunResult r = run("""
                scenario "t" {
                  kernel { syscall_cost 1 us }
                  process P {
                    p = pipe
                    read p.read 4 B nowait
                    write p.write 4 B
                    read p.read 4 B
                    close p.read
                    read p.read 4 B
                  }
                }
                """, true);
        TaskReport p = r.tasks().get(1);
        SyscallStat read = p.syscallStats().stream().filter(s -> s.name().equals("read")).findFirst().orElseThrow();
        assertEquals(new SyscallStat("read", 3, 2, 3_000), read);
        // pid 2 enters pipe2 at 0 and each call costs 1 us, so the n-th call starts at (n - 1) us
        assertEquals("""
                [pid 2] 0.000000 pipe2([3, 4], 0) = 0
                [pid 2] 0.000001 read(3, ..., 4) = -1 EAGAIN (Resource temporarily unavailable)
                [pid 2] 0.000002 write(4, ..., 4) = 4
                [pid 2] 0.000003 read(3, ..., 4) = 4
                [pid 2] 0.000004 close(3) = 0
                [pid 2] 0.000005 read(3, ..., 4) = -1 EBADF (Bad file descriptor)
                [pid 2] 0.000006 exit_group(0) = ?
                """, end(r).views().get("trace"));
        assertTrue(end(r).views().get("strace").contains("     3         2 read"), end(r).views().get("strace"));
    }

    @Test
    void forkAndWaitReturnTheChildsPid() {
        // the child is pid 3: clone returns it to the parent, and wait4 of it returns it when reaped;
        // the child's own exit_group never returns
        RunResult r = run("""
                scenario "t" {
                  process P {
                    c = fork {
                      compute 1 ms
                    }
                    wait c
                  }
                }
                """, true);
        String trace = end(r).views().get("trace");
        assertEquals("""
                [pid 2] 0.000000 clone(...) = 3
                [pid 2] 0.000000 wait4(3, ..., 0, NULL) = 3
                [pid 3] 0.001000 exit_group(0) = ?
                [pid 2] 0.001000 exit_group(0) = ?
                """, trace);
    }

    @Test
    void thePollingLoopsEagainsAreItsErrors() throws Exception {
        // examples/io-nonblocking.oss works it out by hand: 47 reads, 39 of them EAGAIN; the first
        // round, at 0, finds both devices empty (descriptors 3 and 4 after stdin, stdout, stderr)
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "io-nonblocking.oss"));
        RunResult r = run(text, true);
        assertEquals(new SyscallStat("read", 47, 39, 0), r.tasks().get(1).syscallStats().stream()
                .filter(s -> s.name().equals("read")).findFirst().orElseThrow());
        String trace = end(r).views().get("trace");
        assertTrue(trace.contains("[pid 2] 0.000000 read(3, ..., 1024) = -1 EAGAIN (Resource temporarily unavailable)\n"
                + "[pid 2] 0.000000 read(4, ..., 16) = -1 EAGAIN (Resource temporarily unavailable)\n"), trace);
        // the tty's first 16 B, sent at 3 ms, are read in the round that starts at 3.5 ms
        assertTrue(trace.contains("[pid 2] 0.003500 read(4, ..., 16) = 16\n"), trace);
        assertTrue(end(r).views().get("strace").contains("       47        39 read"), end(r).views().get("strace"));
    }

    @Test
    void topShowsCpuSinceTheLastSnapshotAndTheLoadAverage() {
        // two CPUs, A computes 10 ms, B sleeps 5 ms then computes 5 ms. At the snapshot at 5 ms (taken
        // by B as it wakes) A has run 5 of 5 ms (100 %), B 0; at the end (10 ms) over the whole run A
        // has 10 ms of 10 (100 %), B 5 of 10 (50 %). A run of 10 ms never reaches loadavg's first
        // sample (5 s and a tick): 0.00, 0.00, 0.00.
        RunResult r = run("""
                scenario "t" {
                  process A { compute 10 ms }
                  process B {
                    sleep 5 ms
                    snapshot "woke"
                    compute 5 ms
                  }
                }
                """, false);
        String at5 = r.snapshots().get(0).views().get("top");
        assertTrue(at5.startsWith("top - 0.005000 s, load average: 0.00, 0.00, 0.00\n"), at5);
        assertTrue(at5.contains("      2 R 100.0       0   0:00.00 A\n"), at5);
        assertTrue(at5.contains("      3 R   0.0       0   0:00.00 B\n"), at5);
        String atEnd = end(r).views().get("top");
        assertTrue(atEnd.contains("      2 X 100.0       0   0:00.01 A\n"), atEnd);
        assertTrue(atEnd.contains("      3 X  50.0       0   0:00.00 B\n"), atEnd);
        // 15 ms of user time on 2 CPUs over 10 ms: 75 % us
        assertTrue(atEnd.contains("%Cpu(s):  75.0 us,   0.0 sy,  25.0 id"), atEnd);
    }

    @Test
    void theLoadAverageFollowsCalcLoad() {
        // two tasks runnable all along: at 5.001 s avenrun[0] = (0 * 1884 + 2 * 2048 * (2048 - 1884)
        // + 2047) / 2048 = (671744 + 2047) / 2048 = 328 (the rounding up while rising is less than one); printed with
        // FIXED_1/200 = 10 added: 338 >> 11 = 0, ((338 & 2047) * 100) >> 11 = 16: 0.16. The 5-minute
        // factor 2014: (2 * 2048 * 34 + 2047) / 2048 = 68, +10 = 78 -> 0.03; 15-minute 2037:
        // (2 * 2048 * 11 + 2047) / 2048 = 22, +10 = 32 -> 0.01.
        LoadAvg l = new LoadAvg(1000);
        l.sample(4_999_999_999L, 2);
        assertEquals("0.00, 0.00, 0.00", l.text());
        l.sample(5_001_000_000L, 2);
        assertEquals("0.16, 0.03, 0.01", l.text());
    }
}
