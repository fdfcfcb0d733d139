package oss.runtime.kernel.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * stdin, stdout and stderr (descriptors 0, 1, 2 on the terminal in every process) and dup2(2):
 * the lowest free descriptor is 3 until one of them is closed, dup2 closes its target first,
 * the same descriptor twice is a no-op, and a descriptor not open is EBADF.
 */
class StdioRunTest {
    private static RunResult run(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return Simulator.run(c.program().get(), RunOptions.defaults());
    }

    private static List<String> facts(RunResult r, String call) {
        return r.facts().stream().filter(f -> call.equals(f.kind())).map(f -> f.summary()).toList();
    }

    @Test
    void theFirstOpenIsThreeAndAClosedStdoutIsReusedFirst() {
        // 0, 1, 2 are taken: a's open gets 3. close stdout frees 1, the lowest free: b gets 1, and a
        // write to stdout now goes to "/b" (300 bytes), which is how `>` worked before dup2
        RunResult r = run("""
                scenario "t" {
                  int size = 0
                  process p {
                    a = open "/a" O_WRONLY O_CREAT
                    close stdout
                    b = open "/b" O_WRONLY O_CREAT
                    write stdout 300 B
                    g = open "/b" O_RDONLY
                    size = lseek g 0 SEEK_END
                  }
                }
                """);
        List<String> opens = facts(r, "open");
        assertTrue(opens.get(0).endsWith("descriptor 3"), opens::toString);
        assertTrue(opens.get(1).endsWith("descriptor 1"), opens::toString);
        assertTrue(opens.get(2).endsWith("descriptor 4"), opens::toString);
        assertEquals(300, r.data().shared()[0]);
    }

    @Test
    void dup2ClosesItsTargetAndTheSameDescriptorIsANoOp() {
        // dup2 f g: g's file (its own open of "/g") is closed, g now writes through f's offset: f writes
        // 100, g 50 at offset 100: "/f" is 150 and "/g" stays 0. dup2 f f changes nothing (150 again).
        // dup2 of the closed h is -1 (EBADF, OSS2601) and leaves stdout as it was (a write there is 7).
        RunResult r = run("""
                scenario "t" {
                  int f1 = 0
                  int g1 = -1
                  int out = 0
                  int bad = 0
                  process p {
                    f = open "/f" O_RDWR O_CREAT
                    g = open "/g" O_RDWR O_CREAT
                    write f 100 B
                    dup2 f g
                    write g 50 B
                    dup2 f f
                    f1 = lseek f 0 SEEK_END
                    h = open "/h" O_RDONLY O_CREAT
                    close h
                    x = dup2 h stdout
                    out = write stdout 7 B
                    k = open "/g" O_RDONLY
                    g1 = lseek k 0 SEEK_END
                    bad = lseek x 0 SEEK_CUR
                    close f
                    close g
                    close k
                  }
                }
                """);
        int[] v = r.data().shared();
        assertEquals(150, v[0]);
        assertEquals(0, v[1]);
        assertEquals(7, v[2]);
        assertEquals(-1, v[3]);
        assertEquals(2, r.findings().stream().filter(f -> f.code() == Code.BAD_DESCRIPTOR).count(),
                r.findings()::toString);
    }

    @Test
    void dup2OntoAPipesWriteEndClosesIt() {
        // the only write end is replaced by a file: the reader sees end of file (0), not a hang
        RunResult r = run("""
                scenario "t" {
                  int n = -1
                  process p {
                    pp = pipe
                    f = open "/f" O_WRONLY O_CREAT
                    dup2 f pp.write
                    n = read pp.read 1 KiB
                    close f
                  }
                }
                """);
        assertEquals(0, r.data().shared()[0]);
    }

    @Test
    void theTerminalHasNoInputNoOffsetAndGrowsNoFile() {
        // read stdin: 0 (end of file); lseek stdout: -1 (ESPIPE); write stderr: 9
        RunResult r = run("""
                scenario "t" {
                  int fromTty = -1
                  int seek = 0
                  int err = 0
                  process p {
                    fromTty = read stdin 1 KiB
                    seek = lseek stdout 0 SEEK_CUR
                    err = write stderr 9 B
                  }
                }
                """);
        assertEquals(0, r.data().shared()[0]);
        assertEquals(-1, r.data().shared()[1]);
        assertEquals(9, r.data().shared()[2]);
    }

    @Test
    void aVariableNamedStdoutIsTheProgramsOwn() {
        // stdout = open ... shadows the standard stream: the write goes to "/o", not the terminal
        RunResult r = run("""
                scenario "t" {
                  int size = 0
                  process p {
                    stdout = open "/o" O_RDWR O_CREAT
                    write stdout 12 B
                    size = lseek stdout 0 SEEK_END
                    close stdout
                  }
                }
                """);
        assertEquals(12, r.data().shared()[0]);
    }

    @Test
    void stdoutHasNoEnds() {
        Compilation c = Compiler.compile("t.oss", """
                scenario "t" {
                  process p {
                    write stdout.write 4 B
                  }
                }
                """);
        assertTrue(c.diagnostics().stream().anyMatch(d -> d.code() == Code.WRONG_KIND), c.diagnostics()::toString);
    }
}
