package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.ir.program.Program;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;

/** Pipes and FIFOs in a run, written as .oss text: pipe(7) and fifo(7) with their timings worked out by hand. */
class PipeRunTest {
    static final long MS = 1_000_000L;

    private static RunResult run(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        Program p = c.program().get();
        return Simulator.run(p, RunOptions.defaults());
    }

    private static TaskReport task(RunResult r, int pid) {
        return r.tasks().stream().filter(t -> t.pid() == pid).findFirst().orElseThrow();
    }

    @Test
    void aWriterWaitsForTheReaderToMakeRoom() {
        // 16 KiB buffer; 24 KiB written; the reader reads 8 KiB at 5 ms: the writer returns then
        RunResult r = run("""
                scenario "t" {
                  machine { cpus 2 }
                  kernel { pipe_buffer 16 KiB }
                  process w {
                    p = pipe
                    c = fork {
                      close p.write
                      compute 5 ms
                      read p.read 8 KiB
                      compute 1 ms
                    }
                    close p.read
                    write p.write 24 KiB
                    close p.write
                  }
                }
                """);
        assertEquals(5 * MS, task(r, 2).finishNs());
        assertEquals(6 * MS, task(r, 3).finishNs());
    }

    @Test
    void aSmallWriteIsAtomicAndWaitsForRoomForAllOfIt() {
        // 4 KiB buffer holding 3 KiB: a 2 KiB write (at most PIPE_BUF) waits until 2 KiB are free, not 1
        RunResult r = run("""
                scenario "t" {
                  machine { cpus 2 }
                  kernel { pipe_buffer 4 KiB }
                  int n = 0
                  process w {
                    p = pipe
                    write p.write 3 KiB
                    c = fork {
                      close p.write
                      compute 1 ms
                      read p.read 512 B
                      compute 1 ms
                      read p.read 512 B
                      compute 1 ms
                      n = read p.read 8 KiB
                    }
                    close p.read
                    write p.write 2 KiB
                    close p.write
                  }
                }
                """);
        assertEquals(2 * MS, task(r, 2).finishNs(), "needs 2 KiB free: after the second read");
        assertEquals(4096, r.data().shared()[0], "3 KiB - 1 KiB read + 2 KiB");
    }

    @Test
    void endOfFileNeedsEveryWriteEndClosedAndTheReportSaysWhoHoldsOne() {
        RunResult r = run("""
                scenario "t" {
                  process parent {
                    p = pipe
                    c = fork {
                      read p.read 4 KiB
                    }
                    close p.read
                    close p.write
                    wait c
                  }
                }
                """);
        assertTrue(r.deadlocked());
        var d = r.findings().stream().filter(x -> x.code() == Code.BLOCKED_FOREVER).findFirst().orElseThrow();
        assertTrue(d.message().contains("pipe p (empty): write ends still open in itself"), d.message());
        assertEquals(5, d.span().line(), "the reader that waits on its own write end leads");
    }

    @Test
    void aReaderWaitsForItsParentsWriteEndAndTheGraphSaysSo() {
        // the parent keeps p.write and waits for the child, which waits for data: a cycle
        RunResult r = run("""
                scenario "t" {
                  process parent {
                    p = pipe
                    c = fork {
                      close p.write
                      read p.read 4 KiB
                    }
                    close p.read
                    wait c
                  }
                }
                """);
        var d = r.findings().stream().filter(x -> x.code() == Code.DEADLOCK).findFirst().orElseThrow();
        assertTrue(d.detail().contains("waits for pipe p (empty): write ends still open in parent (pid 2)"), d.detail());
    }

    @Test
    void sigpipeEndsTheWriter() {
        RunResult r = run("""
                scenario "t" {
                  process w {
                    p = pipe
                    close p.read
                    write p.write 1 KiB
                    compute 1 ms
                  }
                }
                """);
        assertEquals(141, task(r, 2).exitStatus());
        assertTrue(r.findings().stream().anyMatch(x -> x.code() == Code.BROKEN_PIPE));
    }

    @Test
    void threadsShareTheTableAndForkCopiesIt() {
        // the thread's close closes the process's only write end: the read sees end of file
        RunResult r = run("""
                scenario "t" {
                  int n = 5
                  process a {
                    p = pipe
                    t = thread {
                      close p.write
                    }
                    join t
                    n = read p.read 1 KiB
                  }
                }
                """);
        assertEquals(0, r.data().shared()[0]);
        assertTrue(!r.deadlocked());
    }

    @Test
    void aFifoOpenWaitsForTheOtherEnd() {
        RunResult r = run("""
                scenario "t" {
                  machine { cpus 2 }
                  int got = 0
                  process s {
                    mkfifo "q"
                    f = open "q" O_RDONLY
                    read f into got
                  }
                  process c {
                    compute 3 ms
                    g = open "q" O_WRONLY
                    write g 9
                  }
                }
                """);
        assertEquals(9, r.data().shared()[0]);
        assertTrue(task(r, 2).finishNs() >= 3 * MS);
    }

    @Test
    void anIgnoredSigpipeMakesTheWriteFailWithEpipe() {
        RunResult r = run("""
                scenario "t" {
                  int n = 5
                  process w {
                    signal SIGPIPE ignore
                    p = pipe
                    close p.read
                    n = write p.write 1 KiB
                    compute 1 ms
                  }
                }
                """);
        assertEquals(-1, r.data().shared()[0]);
        assertEquals(0, task(r, 2).exitStatus());
        assertEquals(MS, task(r, 2).cpuNs() / MS * MS);
    }

    @Test
    void aHandlerInterruptsAPipeReadEintrWithoutRestartAndAgainWithIt() {
        // the reader sleeps on an empty pipe; SIGUSR1 at 2 ms: without SA_RESTART the read fails
        // with -1 (EINTR); with it the read starts again and gets the 4 bytes written at 5 ms
        String text = """
                scenario "t" {
                  machine { cpus 2 }
                  int n = 9
                  process r {
                    sigaction SIGUSR1 FLAGS{
                      compute 1 ms
                    }
                    p = pipe
                    c = fork {
                      close p.read
                      compute 2 ms
                      kill parent SIGUSR1
                      compute 3 ms
                      write p.write 4 B
                    }
                    close p.write
                    n = read p.read 4 B
                    wait c
                  }
                }
                """;
        RunResult eintr = run(text.replace("FLAGS", ""));
        assertEquals(-1, eintr.data().shared()[0]);
        RunResult restart = run(text.replace("FLAGS", "restart "));
        assertEquals(4, restart.data().shared()[0]);
    }

    @Test
    void eachPipeCallLeavesAFactForTheHover() {
        RunResult r = run("""
                scenario "t" {
                  process w {
                    p = pipe
                    write p.write 12 KiB
                    read p.read 4 KiB
                  }
                }
                """);
        java.util.List<String> summaries = r.facts().stream().map(f -> f.summary()).toList();
        assertTrue(summaries.contains("pipe p: 12 KiB written; 12 KiB of 64 KiB buffered"), summaries.toString());
        assertTrue(summaries.contains("pipe p: 4 KiB read; 12 KiB of 64 KiB were buffered"), summaries.toString());
    }
}
