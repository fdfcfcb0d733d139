package oss.runtime.kernel.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * open, read, write and close on regular files in a run (open(2), read(2), write(2)). A file's
 * size is read back by reading past it: read returns what is left, 0 at end of file.
 */
class FileRunTest {
    private static RunResult run(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return Simulator.run(c.program().get(), RunOptions.defaults());
    }

    private static int[] ints(RunResult r) {
        return r.data().shared();
    }

    @Test
    void twoOpensHaveTwoOffsetsWhereForkSharesOne() {
        // a and b are separate opens of one 8 KiB file: each reads from 0, so both get 6 KiB then 2 KiB
        RunResult r = run("""
                scenario "t" {
                  file "/f" size 8 KiB
                  int x = 0
                  int y = 0
                  process p {
                    a = open "/f" O_RDONLY
                    b = open "/f" O_RDONLY
                    read a 6 KiB
                    read b 6 KiB
                    x = read a 6 KiB
                    y = read b 6 KiB
                  }
                }
                """);
        assertEquals(2048, ints(r)[0]);
        assertEquals(2048, ints(r)[1]);
    }

    @Test
    void creatTruncAndAppendSetTheSize() {
        // O_CREAT makes "/new" empty; 3 KiB written: size 3072. A second open with O_TRUNC empties it,
        // then an O_APPEND descriptor at offset 0 still writes at the end: 1 KiB + 1 KiB = 2048.
        // Reading 64 KiB from offset 0 returns the size.
        RunResult r = run("""
                scenario "t" {
                  int first = 0
                  int second = 0
                  process p {
                    w = open "/new" O_WRONLY O_CREAT
                    write w 3 KiB
                    close w
                    rd = open "/new" O_RDONLY
                    first = read rd 64 KiB
                    close rd
                    t = open "/new" O_WRONLY O_TRUNC
                    ap = open "/new" O_WRONLY O_APPEND
                    write t 1 KiB
                    write ap 1 KiB
                    close t
                    close ap
                    rd2 = open "/new" O_RDONLY
                    second = read rd2 64 KiB
                    close rd2
                  }
                }
                """);
        assertEquals(3072, ints(r)[0]);
        assertEquals(2048, ints(r)[1]);
    }

    @Test
    void withoutAppendTwoWritersAtOffsetZeroOverwrite() {
        // both descriptors start at 0: the second 1 KiB write lands on the first, size stays 1024
        RunResult r = run("""
                scenario "t" {
                  int size = 0
                  process p {
                    a = open "/log" O_WRONLY O_CREAT
                    b = open "/log" O_WRONLY
                    write a 1 KiB
                    write b 1 KiB
                    rd = open "/log" O_RDONLY
                    size = read rd 64 KiB
                  }
                }
                """);
        assertEquals(1024, ints(r)[0]);
    }

    @Test
    void aWrongModeOrMissingFileIsADiagnosticAndMinusOne() {
        // write on O_RDONLY and read on O_WRONLY: EBADF; open of a path nobody made: ENOENT, and the
        // read of its -1 is EBADF again: four findings, one per call
        RunResult r = run("""
                scenario "t" {
                  file "/ro" size 4 KiB
                  int w = 0
                  int rd = 0
                  int m = 0
                  process p {
                    a = open "/ro" O_RDONLY
                    w = write a 1 KiB
                    b = open "/ro" O_WRONLY
                    rd = read b 1 KiB
                    c = open "/missing" O_RDONLY
                    m = read c 1 KiB
                  }
                }
                """);
        assertEquals(-1, ints(r)[0]);
        assertEquals(-1, ints(r)[1]);
        assertEquals(-1, ints(r)[2]);
        assertEquals(4, r.findings().stream().filter(f -> f.code() == Code.BAD_DESCRIPTOR).count());
        assertFalse(r.findings().stream().anyMatch(f -> f.code() != Code.BAD_DESCRIPTOR && f.isError()));
    }

    @Test
    void lseekSetsAndReportsTheOffset() {
        // 10 KiB file: SEEK_END -1024 = 9216; a 4 KiB read there gets 1024 (to 10240); SEEK_SET 100 then
        // SEEK_CUR 50 = 150; SEEK_CUR -200 from 150 is negative: -1 (EINVAL) and the offset stays 150,
        // which SEEK_CUR 0 shows; SEEK_SET 20000 is past the end (allowed), and a 1 KiB write there makes
        // the size 20000 + 1024 = 21024, SEEK_END 0. On a pipe: -1 (ESPIPE).
        RunResult r = run("""
                scenario "t" {
                  file "/f" size 10 KiB
                  int a = 0
                  int got = 0
                  int b = 0
                  int bad = 0
                  int still = 0
                  int size = 0
                  int pipeSeek = 0
                  process p {
                    f = open "/f" O_RDWR
                    a = lseek f -1024 SEEK_END
                    got = read f 4 KiB
                    lseek f 100 SEEK_SET
                    b = lseek f 50 SEEK_CUR
                    bad = lseek f -200 SEEK_CUR
                    still = lseek f 0 SEEK_CUR
                    lseek f 20000 SEEK_SET
                    write f 1 KiB
                    size = lseek f 0 SEEK_END
                    q = pipe
                    pipeSeek = lseek q.read 0 SEEK_CUR
                  }
                }
                """);
        int[] v = ints(r);
        assertEquals(9216, v[0]);
        assertEquals(1024, v[1]);
        assertEquals(150, v[2]);
        assertEquals(-1, v[3]);
        assertEquals(150, v[4]);
        assertEquals(21024, v[5]);
        assertEquals(-1, v[6]);
        assertEquals(2, r.findings().stream().filter(f -> f.code() == Code.BAD_DESCRIPTOR).count());
    }

    @Test
    void aFileLeftOpenAtExitIsOneWarningAtItsOpen() {
        // a opens twice and closes one; the child inherits both and closes neither: the open at 4:5 was
        // closed by p but not by the child, the one at 5:5 by neither: one warning per open, two in all
        RunResult r = run("""
                scenario "t" {
                  file "/f" size 4 KiB
                  process p {
                    a = open "/f" O_RDONLY
                    b = open "/f" O_RDONLY
                    c = fork {
                      compute 1 ms
                    }
                    close a
                    wait c
                  }
                }
                """);
        var leaks = r.findings().stream().filter(f -> f.code() == Code.FD_LEAKED).toList();
        assertEquals(2, leaks.size(), leaks::toString);
        assertEquals(java.util.Set.of(4, 5), leaks.stream().map(f -> f.span().line()).collect(
                java.util.stream.Collectors.toSet()));
    }

    @Test
    void dupSharesTheOffsetAndOutlivesTheOriginal() {
        // g = dup f: a read of 3 KiB through f moves g's offset to 3072 too; after close f, g still reads
        // the 8192 - 3072 = 5120 bytes left. A dup of the closed f is -1 (EBADF), and so is an lseek of it.
        RunResult r = run("""
                scenario "t" {
                  file "/f" size 8 KiB
                  int pos = 0
                  int rest = 0
                  int again = 0
                  process p {
                    f = open "/f" O_RDONLY
                    g = dup f
                    read f 3 KiB
                    pos = lseek g 0 SEEK_CUR
                    close f
                    rest = read g 8 KiB
                    h = dup f
                    again = lseek h 0 SEEK_CUR
                    close g
                  }
                }
                """);
        assertEquals(3072, ints(r)[0]);
        assertEquals(5120, ints(r)[1]);
        assertEquals(-1, ints(r)[2]);
        assertEquals(0, r.findings().stream().filter(f -> f.code() == Code.FD_LEAKED).count());
    }
}
