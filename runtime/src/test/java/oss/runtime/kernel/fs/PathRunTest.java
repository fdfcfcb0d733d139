package oss.runtime.kernel.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * The calls on names: each errno the man pages give for the cases here, the current directory
 * fork copies, and blocks as stat counts them (a sparse file, O_TRUNC). Values worked by hand in
 * the comments.
 */
class PathRunTest {
    private static RunResult run(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return Simulator.run(c.program().get(), RunOptions.defaults());
    }

    private static long failures(RunResult r) {
        return r.findings().stream().filter(f -> f.code() == Code.FS_CALL_FAILED).count();
    }

    @Test
    void eachErrorIsMinusOneWithItsErrno() {
        // "/d" exists (implied by the file line): mkdir EEXIST; mkdir "/x/y" ENOENT (no "/x"); rmdir "/d"
        // ENOTEMPTY (it holds f); "/d/f/g": f is no directory (ENOTDIR); a loop of two links: ELOOP;
        // link onto an existing name: EEXIST; unlink of a directory: EISDIR; open "/d" for writing: EISDIR;
        // rmdir of an empty directory works (0)
        RunResult r = run("""
                scenario "t" {
                  file "/d/f" size 1 KiB
                  int v0 = 7
                  int v1 = 7
                  int v2 = 7
                  int v3 = 7
                  int v4 = 7
                  int v5 = 7
                  int v6 = 7
                  int v7 = 7
                  int v8 = 7
                  int v9 = 7
                  process p {
                    v0 = mkdir "/d"
                    v1 = mkdir "/x/y"
                    v2 = rmdir "/d"
                    v3 = stat "/d/f/g" size
                    symlink "/l2" "/l1"
                    symlink "/l1" "/l2"
                    v4 = stat "/l1" size
                    v5 = link "/d/f" "/d/f"
                    v6 = unlink "/d"
                    o = open "/d" O_WRONLY
                    v7 = lseek o 0 SEEK_CUR
                    mkdir "/e"
                    v8 = rmdir "/e"
                    v9 = stat "/e" ino
                  }
                }
                """);
        assertArrayEquals(new int[] {-1, -1, -1, -1, -1, -1, -1, -1, 0, -1}, r.data().shared());
        assertEquals(9, failures(r), r.findings()::toString); // every -1 but the lseek of o (OSS2601)
        String all = r.findings().toString();
        for (String errno : new String[] {"EEXIST", "ENOENT", "ENOTEMPTY", "ENOTDIR", "ELOOP", "EISDIR"}) {
            assertTrue(all.contains(errno), errno + " in " + all);
        }
    }

    @Test
    void aReadOnlyFileRefusesWritersWithEacces() {
        // open(2): write access to a 0444 file is EACCES (-1), whatever the name; read access works
        // (the 512 bytes); mmap(2): MAP_SHARED with PROT_WRITE is EACCES (MAP_FAILED), while a private
        // writable mapping is allowed (copy-on-write: its writes never reach the file) and touching it
        // works. Three OSS2911 warnings: the two opens and the mmap
        RunResult r = run("""
                scenario "t" {
                  file "/etc/motd" size 512 B readonly
                  int w = 7
                  int rw = 7
                  int got = 7
                  process p {
                    f = open "/etc/motd" O_WRONLY
                    w = write f 1 B
                    link "/etc/motd" "/etc/issue"
                    g = open "/etc/issue" O_RDWR
                    rw = write g 1 B
                    h = open "/etc/motd" O_RDONLY
                    got = read h 4 KiB
                    close h
                    s = mmap "/etc/motd" shared rw
                    q = mmap "/etc/motd" private rw
                    write q[0]
                  }
                }
                """);
        assertArrayEquals(new int[] {-1, -1, 512}, r.data().shared());
        assertEquals(3, failures(r), r.findings()::toString);
        String all = r.findings().toString();
        assertTrue(all.contains("open fails with EACCES: \"/etc/motd\" is read-only"), all);
        assertTrue(all.contains("open fails with EACCES: \"/etc/issue\" is read-only"), all);
        assertTrue(all.contains("mmap fails with EACCES"), all);
        assertTrue(r.findings().stream().noneMatch(f -> f.code() == Code.SEGFAULT), all);
    }

    @Test
    void forkCopiesTheCurrentDirectory() {
        // the child's chdir "/a" leaves its parent in "/": "f" is "/a/f" (100 bytes) for the child and
        // "/f" (200) for the parent; ".." from "/a" is "/" again
        RunResult r = run("""
                scenario "t" {
                  file "/a/f" size 100 B
                  file "/f" size 200 B
                  int child = 0
                  int parent = 0
                  int up = 0
                  process p {
                    c = fork {
                      chdir "/a"
                      child = stat "f" size
                      up = stat "../f" size
                    }
                    wait c
                    parent = stat "f" size
                  }
                }
                """);
        assertArrayEquals(new int[] {100, 200, 200}, r.data().shared());
    }

    @Test
    void blocksCountWhatIsWrittenNotTheSize() {
        // a write of 1 byte at 1 MiB makes a file of 1048577 bytes with one 4 KiB block: 8 st_blocks
        // (a sparse file); a write of 1 byte at 0 adds block 0: 16. O_TRUNC frees both: size 0, blocks 0.
        RunResult r = run("""
                scenario "t" {
                  int size = 0
                  int sparse = 0
                  int two = 0
                  int empty = -1
                  process p {
                    f = open "/s" O_RDWR O_CREAT
                    lseek f 1048576 SEEK_SET
                    write f 1 B
                    size = fstat f size
                    sparse = fstat f blocks
                    lseek f 0 SEEK_SET
                    write f 1 B
                    two = stat "/s" blocks
                    g = open "/s" O_WRONLY O_TRUNC
                    empty = fstat f blocks
                    close f
                    close g
                  }
                }
                """);
        assertArrayEquals(new int[] {1048577, 8, 16, 0}, r.data().shared());
    }

    @Test
    void unlinkOfAFifoRemovesItsName() {
        // mkfifo then unlink: a later open finds no name (ENOENT, -1); a second unlink is ENOENT too
        RunResult r = run("""
                scenario "t" {
                  int first = -1
                  int second = 0
                  int opened = 0
                  process p {
                    mkfifo "/ch"
                    first = unlink "/ch"
                    second = unlink "/ch"
                    f = open "/ch" O_RDONLY O_NONBLOCK
                    opened = lseek f 0 SEEK_CUR
                  }
                }
                """);
        assertArrayEquals(new int[] {0, -1, -1}, r.data().shared());
    }

    @Test
    void readingADirectoryIsEisdir() {
        RunResult r = run("""
                scenario "t" {
                  file "/d/f" size 1 KiB
                  int n = 0
                  process p {
                    d = open "/d" O_RDONLY
                    n = read d 1 KiB
                    close d
                  }
                }
                """);
        assertEquals(-1, r.data().shared()[0]);
        assertTrue(r.findings().toString().contains("EISDIR"), r.findings()::toString);
    }

    @Test
    void lsofShowsAnOpenDirectoryAsDir() {
        // "/d" is inode 11 (made for the file line, before "/d/f" at 12), one block: size 4096, offset 0
        RunResult r = run("""
                scenario "t" {
                  file "/d/f" size 1 KiB
                  process p {
                    d = open "/d" O_RDONLY
                    snapshot "s"
                    close d
                  }
                }
                """);
        String fd = r.snapshots().get(0).views().get("fd");
        assertTrue(fd.contains("p         2 3r DIR  4096   0   11 /d"), fd);
    }

    @Test
    void dfCountsAnUnlinkedOpenFileAndDuDoesNot() throws java.io.IOException {
        // file-unlink-open.oss: "/" and "/tmp" are one block each, the nameless file 3 (10000 bytes);
        // df: 5 blocks = 20480 bytes = 20K used, 1 GiB - 20 KiB available shows as 1.0G (df rounds up),
        // 1% (rounded up); 3 inodes of 65536 (1 GiB / 16 KiB). du: 4 KiB for /tmp, 8 for /.
        Compilation c = Compiler.compile("f.oss", java.nio.file.Files.readString(
                java.nio.file.Path.of("..", "examples", "file-unlink-open.oss")));
        RunResult r = Simulator.run(c.program().orElseThrow(), RunOptions.defaults());
        var s = r.snapshots().stream().filter(x -> x.label().equals("unlinked, still open")).findFirst().orElseThrow();
        assertEquals("""
                Filesystem Size Used Avail Use% Mounted on
                /dev/sda1  1.0G  20K  1.0G   1% /

                Filesystem Inodes IUsed IFree IUse% Mounted on
                /dev/sda1   65536     3 65533    1% /
                """, s.views().get("df"));
        assertEquals("4\t/tmp\n8\t/\n", s.views().get("du"));
        var end = r.snapshots().stream().filter(x -> x.label().equals("end of run")).findFirst().orElseThrow();
        assertTrue(end.views().get("df").contains("/dev/sda1  1.0G 8.0K  1.0G   1% /"), end.views().get("df"));
    }

    @Test
    void duCountsAHardLinkOnceAndASparseFileByItsBlocks() {
        // "/a" 6000 bytes: 2 blocks = 8 KiB; "/b" is the same inode (left out); "/s" written 1 byte at 1 MiB:
        // one block, 4 KiB though its size is 1 MiB + 1; "/" has its own 4: 4 + 8 + 4 = 16
        RunResult r = run("""
                scenario "t" {
                  file "/a" size 6000 B
                  process p {
                    link "/a" "/b"
                    f = open "/s" O_WRONLY O_CREAT
                    lseek f 1048576 SEEK_SET
                    write f 1 B
                    close f
                  }
                }
                """);
        var end = r.snapshots().stream().filter(x -> x.label().equals("end of run")).findFirst().orElseThrow();
        assertEquals("8\t/a\n4\t/s\n16\t/\n", end.views().get("du"));
    }

    @Test
    void humanSizesRoundUpAsDfDoes() {
        assertEquals("512", oss.runtime.observe.DfView.human(512));
        assertEquals("4.0K", oss.runtime.observe.DfView.human(4096));
        assertEquals("4.1K", oss.runtime.observe.DfView.human(4097));
        assertEquals("10K", oss.runtime.observe.DfView.human(10 * 1024 - 1));
        assertEquals("20K", oss.runtime.observe.DfView.human(20480));
        assertEquals("1.0G", oss.runtime.observe.DfView.human((1L << 30) - 8192));
        assertEquals("1.0M", oss.runtime.observe.DfView.human(1023 * 1024 + 1));
    }
}
