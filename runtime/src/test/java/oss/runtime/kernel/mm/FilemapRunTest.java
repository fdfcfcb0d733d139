package oss.runtime.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskIo;
import oss.runtime.observe.TaskReport;

/**
 * read(2) of regular files through the page cache: a page not cached costs one disk latency, a
 * cached one nothing; read and mmap share the pages; the reader sleeps in D. The expected values are
 * worked out in each test's comment from the rule in docs/language.md, "The page cache".
 */
class FilemapRunTest {
    private static RunResult run(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return Simulator.run(c.program().get(), RunOptions.defaults());
    }

    private static TaskReport task(RunResult r, String name) {
        return r.tasks().stream().filter(t -> t.process().equals(name) && !t.forked()).findFirst().orElseThrow();
    }

    @Test
    void aColdReadMissesEveryPageAndASecondReadHitsThemAll() {
        // 16 KiB = 4 pages, none cached: 4 misses at 5 ms each, 0..20 ms asleep; the second read of the same
        // range after lseek finds all 4 (no wait). Private ints only, so no data step costs CPU: finish 20 ms.
        RunResult r = run("""
                scenario "t" {
                  machine { cpus 1  disk latency 5 ms }
                  file "/data/in" size 16 KiB
                  process reader {
                    f = open "/data/in" O_RDONLY
                    read f 16 KiB
                    lseek f 0 SEEK_SET
                    read f 16 KiB
                    close f
                  }
                }
                """);
        TaskReport t = task(r, "reader");
        assertEquals(20_000_000, t.finishNs());
        assertEquals(0, t.cpuNs());
        assertEquals(new TaskIo(4, 4, 16384, 0), t.io());
        assertEquals(1, t.voluntarySwitches(), "one sleep for the four pages");
    }

    @Test
    void aReadOfPartOfAPageTouchesTheWholePage() {
        // 100 bytes at offset 4000 cross the page boundary at 4096: pages 0 and 1, 2 misses (2 ms at the
        // default 1 ms); then 1 byte at 8191 is page 1 again: a hit. read_bytes counts pages: 8192.
        RunResult r = run("""
                scenario "t" {
                  file "/f" size 12 KiB
                  process p {
                    f = open "/f" O_RDONLY
                    lseek f 4000 SEEK_SET
                    read f 100 B
                    lseek f 8191 SEEK_SET
                    read f 1 B
                  }
                }
                """);
        TaskReport t = task(r, "p");
        assertEquals(2_000_000, t.finishNs());
        assertEquals(new TaskIo(1, 2, 8192, 0), t.io());
    }

    @Test
    void readAndMmapShareThePages() {
        // a reads pages 0 and 1 (2 misses, 0..2 ms). b arrives at 10 ms and maps the file: page 0 is cached
        // (a minor fault), page 2 is not (a major fault, 1 ms: 10..11 ms). Then b reads 12 KiB from 0: pages
        // 0, 1 and 2 are all cached now, 3 hits, no wait: b finishes at 11 ms plus the faults' CPU time.
        RunResult r = run("""
                scenario "t" {
                  file "/f" size 12 KiB
                  process a {
                    f = open "/f" O_RDONLY
                    read f 8 KiB
                    close f
                  }
                  process b arrives 10 ms {
                    m = mmap "/f" shared r
                    read m[0]
                    read m[8 KiB]
                    f = open "/f" O_RDONLY
                    read f 12 KiB
                    close f
                  }
                }
                """);
        TaskReport a = task(r, "a");
        TaskReport b = task(r, "b");
        assertEquals(2_000_000, a.finishNs());
        assertEquals(new TaskIo(0, 2, 8192, 0), a.io());
        assertEquals(1, b.memory().minorFaults());
        assertEquals(1, b.memory().majorFaults());
        assertEquals(new TaskIo(3, 0, 0, 0), b.io());
        assertEquals(11_000_000, b.finishNs() - b.cpuNs());
    }

    @Test
    void theReaderSleepsInStateDAndASecondReaderWaitsForPagesInFlight() {
        // a reads 8 KiB at 0: pages 0 and 1 come at 5 and 10 ms; ps at 1 ms shows a in D. b arrives at
        // 1 ms and reads 4 KiB at 4096: page 1 is in the cache but its read ends at 10 ms, so b waits until
        // then (a hit, no miss of its own): b finishes at 10 ms.
        RunResult r = run("""
                scenario "t" {
                  machine { cpus 2  disk latency 5 ms }
                  file "/f" size 8 KiB
                  process a {
                    f = open "/f" O_RDONLY
                    read f 8 KiB
                  }
                  process b arrives 1 ms {
                    snapshot "during"
                    g = open "/f" O_RDONLY
                    lseek g 4096 SEEK_SET
                    read g 4 KiB
                  }
                }
                """);
        String ps = r.snapshots().get(0).views().get("ps");
        assertTrue(ps.lines().anyMatch(l -> l.contains(" D ") && l.endsWith("a")), ps);
        assertEquals(10_000_000, task(r, "a").finishNs());
        assertEquals(10_000_000, task(r, "b").finishNs());
        assertEquals(new TaskIo(1, 0, 0, 0), task(r, "b").io());
        assertTrue(r.snapshots().get(0).views().get("meminfo").contains("Cached:                8 kB"));
    }

    @Test
    void aRunWithoutFilesHasNoPageCacheCost() {
        // pipes only: no memory manager is built, and a pipe's read takes no time
        RunResult r = run("""
                scenario "t" {
                  process p {
                    q = pipe
                    write q.write 4 KiB
                    read q.read 4 KiB
                  }
                }
                """);
        assertEquals(0, task(r, "p").finishNs());
        assertEquals(TaskIo.NONE, task(r, "p").io());
    }

    @Test
    void aWriteDirtiesNewPagesAndFsyncWritesThemAndTheInode() {
        // a new file: 10 KiB at 0 are pages 0..2, none cached, none holding file data (size 0): 3 misses, no
        // read, 3 pages dirtied (write_bytes 12288), no wait. fsync: 3 pages + the inode (size and mtime
        // changed) = 4 x 5 ms = 20 ms asleep. A second fsync finds nothing dirty: no wait. Finish 20 ms.
        RunResult r = run("""
                scenario "t" {
                  machine { disk latency 5 ms }
                  int first = 9
                  process p {
                    f = open "/new" O_WRONLY O_CREAT
                    write f 10 KiB
                    first = fsync f
                    fsync f
                    close f
                  }
                }
                """);
        TaskReport t = task(r, "p");
        assertEquals(20_000_000, t.finishNs() - t.cpuNs());
        assertEquals(new TaskIo(0, 3, 0, 12288), t.io());
        assertEquals(2L, t.syscalls().get("fsync"));
        assertEquals(0, r.data().shared()[0]);
    }

    @Test
    void fdatasyncSkipsTheInodeWhenOnlyTheTimesChanged() {
        // 8 KiB read first: 2 misses, 0..10 ms. Overwrite both pages whole (2 hits, size unchanged):
        // fdatasync writes the 2 pages and not the inode (only mtime changed): 10..20 ms. Overwrite page 0
        // again: fsync writes it and the inode (mtime): 2 transfers, 20..30 ms. Hits: 0 + 2 + 1 = 3;
        // misses 2 (the read's); write_bytes: 2 pages, then 1 (clean again after the fdatasync) = 12288.
        RunResult r = run("""
                scenario "t" {
                  machine { disk latency 5 ms }
                  file "/f" size 8 KiB
                  process p {
                    f = open "/f" O_RDWR
                    read f 8 KiB
                    lseek f 0 SEEK_SET
                    write f 8 KiB
                    fdatasync f
                    lseek f 0 SEEK_SET
                    write f 4 KiB
                    fsync f
                  }
                }
                """);
        TaskReport t = task(r, "p");
        assertEquals(30_000_000, t.finishNs());
        assertEquals(new TaskIo(3, 2, 8192, 12288), t.io());
        assertEquals(1L, t.syscalls().get("fdatasync"));
    }

    @Test
    void aPartialWriteOfAnUncachedPageReadsItFirst() {
        // 100 B at 0 of an 8 KiB file not cached: page 0 holds file data and is only partly written, so it is
        // read first (5 ms, read_bytes 4096). 100 B at 8192: page 2 lies wholly past the old end, a new
        // zeroed page, no read. 2 misses, 2 pages dirtied. Finish 5 ms.
        RunResult r = run("""
                scenario "t" {
                  machine { disk latency 5 ms }
                  file "/f" size 8 KiB
                  process p {
                    f = open "/f" O_WRONLY
                    write f 100 B
                    lseek f 8192 SEEK_SET
                    write f 100 B
                  }
                }
                """);
        TaskReport t = task(r, "p");
        assertEquals(5_000_000, t.finishNs());
        assertEquals(new TaskIo(0, 2, 4096, 8192), t.io());
    }

    @Test
    void theFlusherWritesAPageThirtySecondsOldAtItsNextFiveSecondWake() {
        // 4 KiB dirtied at 0: expired at 30 s, and the flusher wakes every 5 s from boot, so it writes the
        // page (and the inode) at 30 s. meminfo's Dirty: 4 kB at 29 s, 0 kB at 31 s; an fsync at 31 s then
        // has nothing to write: no wait, so p finishes at 31 s.
        RunResult r = run("""
                scenario "t" {
                  process p {
                    f = open "/log" O_WRONLY O_CREAT
                    write f 4 KiB
                    sleep 29 s
                    snapshot "before"
                    sleep 2 s
                    snapshot "after"
                    fsync f
                  }
                }
                """);
        assertTrue(r.snapshots().get(0).views().get("meminfo").contains("Dirty:                 4 kB"),
                r.snapshots().get(0).views().get("meminfo"));
        assertTrue(r.snapshots().get(1).views().get("meminfo").contains("Dirty:                 0 kB"));
        assertEquals(31_000_000_000L, task(r, "p").finishNs());
    }

    @Test
    void theFlushersPeriodAndExpiryAreKernelSettings() {
        // dirty_writeback 2 s, dirty_expire 3 s: a page dirtied at 1 s expires at 4 s, and the flusher
        // wakes at 2, 4, 6 s from boot, so it writes it at 4 s: Dirty 4 kB at 3.5 s, 0 kB at 4.5 s.
        // With dirty_writeback 0 the flusher never wakes: still dirty at 100 s.
        RunResult r = run("""
                scenario "t" {
                  kernel { dirty_writeback 2 s  dirty_expire 3 s }
                  process p {
                    f = open "/log" O_WRONLY O_CREAT
                    sleep 1 s
                    write f 4 KiB
                    sleep 2500 ms
                    snapshot "3.5 s"
                    sleep 1 s
                    snapshot "4.5 s"
                  }
                }
                """);
        assertTrue(r.snapshots().get(0).views().get("meminfo").contains("Dirty:                 4 kB"),
                r.snapshots().get(0).views().get("meminfo"));
        assertTrue(r.snapshots().get(1).views().get("meminfo").contains("Dirty:                 0 kB"),
                r.snapshots().get(1).views().get("meminfo"));
        RunResult off = run("""
                scenario "t" {
                  kernel { dirty_writeback 0 s }
                  process p {
                    f = open "/log" O_WRONLY O_CREAT
                    write f 4 KiB
                    sleep 100 s
                    snapshot "100 s"
                  }
                }
                """);
        assertTrue(off.snapshots().get(0).views().get("meminfo").contains("Dirty:                 4 kB"),
                off.snapshots().get(0).views().get("meminfo"));
    }

    @Test
    void oTruncDropsTheDirtyPagesAndFsyncWritesOnlyTheNewSize() {
        // 8 KiB written (2 dirty pages), then an open with O_TRUNC: the pages leave the cache unwritten
        // (truncate_inode_pages). fsync then writes no page, only the inode (its size changed): 1 x 5 ms.
        RunResult r = run("""
                scenario "t" {
                  machine { disk latency 5 ms }
                  process p {
                    f = open "/f" O_WRONLY O_CREAT
                    write f 8 KiB
                    g = open "/f" O_WRONLY O_TRUNC
                    fsync g
                    snapshot "end"
                  }
                }
                """);
        assertEquals(5_000_000, task(r, "p").finishNs());
        String meminfo = r.snapshots().get(0).views().get("meminfo");
        assertTrue(meminfo.contains("Cached:                0 kB") && meminfo.contains("Dirty:                 0 kB"),
                meminfo);
    }

    @Test
    void fsyncWritesAPageDirtiedThroughAMappingAndMsyncThenHasNothing() {
        // write m[0]: page 0 not cached, a major fault (5 ms), dirty through the shared mapping. fsync of the
        // file writes it (5 ms; the inode is clean: no write(2) changed it). msync then finds it clean: no
        // wait. Two sleeps: 10 ms, plus the faults' CPU time.
        RunResult r = run("""
                scenario "t" {
                  machine { disk latency 5 ms }
                  file "/f" size 4 KiB
                  process p {
                    m = mmap "/f" shared rw
                    write m[0]
                    f = open "/f" O_RDWR
                    fsync f
                    msync m
                  }
                }
                """);
        TaskReport t = task(r, "p");
        assertEquals(10_000_000, t.finishNs() - t.cpuNs());
        assertEquals(2, t.voluntarySwitches());
    }

    @Test
    void fsyncOfAPipeIsEinval() {
        RunResult r = run("""
                scenario "t" {
                  int bad = 0
                  process p {
                    q = pipe
                    bad = fsync q.write
                  }
                }
                """);
        assertEquals(-1, r.data().shared()[0]);
        assertTrue(r.findings().stream().anyMatch(f -> f.message().contains("fsync fails with EINVAL")), r.findings()::toString);
    }

    @Test
    void underMemoryPressureTheLeastRecentlyUsedCachePagesGoFirst() {
        // 1 MiB of RAM is 256 frames, some of them the kernel's, and the file is 2 MiB: 512 pages. Reading
        // each page in turn misses 512 times; once RAM is full each new page takes the frame of the least
        // recently used cache page. So the last 12 pages (500..511) are still cached: 12 hits; page 0,
        // the first dropped, misses again: 513 misses. (When the page cache was never reclaimed, the first
        // pages stayed for ever and the later ones were read through, kept nowhere: the 12 would have
        // missed and page 0 hit, 524 misses and 1 hit.)
        RunResult r = run("""
                scenario "t" {
                  machine { cpus 1  memory 1 MiB  disk latency 1 us }
                  file "/data/big" size 2 MiB
                  process reader {
                    f = open "/data/big" O_RDONLY
                    repeat 512 {
                      read f 4 KiB
                    }
                    lseek f 2048000 SEEK_SET
                    repeat 12 {
                      read f 4 KiB
                    }
                    lseek f 0 SEEK_SET
                    read f 4 KiB
                    close f
                  }
                }
                """);
        TaskIo io = task(r, "reader").io();
        assertEquals(513, io.cacheMisses());
        assertEquals(12, io.cacheHits());
    }

    @Test
    void dirtyPagesReclaimTakesAreWrittenOutFirstSoNothingIsLost() {
        // 2 MiB written to a new file in 1 MiB of RAM: 512 dirty pages cannot all stay. Each new page
        // takes the frame of the oldest cache page, which is dirty, so it is written to the disk first
        // (pageout). The flusher's 30 s never come, and no fsync is called: every page is either still
        // dirty in the cache or on the disk, never dropped unwritten. written + 4 KiB x dirty = 2 MiB.
        RunResult r = run("""
                scenario "t" {
                  machine { cpus 1  memory 1 MiB  disk latency 1 us }
                  file "/data/seed" size 4 KiB  // makes /data, and the page cache
                  process writer {
                    f = open "/data/out" O_WRONLY O_CREAT
                    repeat 512 {
                      write f 4 KiB
                    }
                    close f
                  }
                }
                """);
        assertEquals(new TaskIo(0, 512, 0, 2 * 1024 * 1024), task(r, "writer").io());
        String view = r.snapshots().get(r.snapshots().size() - 1).views().get("pagecache");
        String[] row = view.lines().filter(l -> l.startsWith("/data/out")).findFirst().orElseThrow().trim()
                .split("\\s+");
        long cached = Long.parseLong(row[1]);
        long dirty = Long.parseLong(row[2]);
        long written = Long.parseLong(row[6]);
        assertEquals(cached, dirty, view);
        assertTrue(cached > 100 && cached < 256, view);
        assertEquals(2L * 1024 * 1024, written + dirty * 4096, view);
    }
}
