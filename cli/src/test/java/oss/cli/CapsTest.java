package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's own caps (pids, input size, RAM) end the work with a diagnostic long before the JVM runs out. */
class CapsTest {
    @TempDir
    Path dir;

    @Test
    void aForkBombRunsOutOfPidsNotOfHeap() throws Exception {
        Path p = dir.resolve("bomb.oss");
        Files.writeString(p, "scenario \"bomb\" {\n  process A {\n"
                + "    repeat 1000000 { repeat 1000000 { repeat 1000000 { fork { } } } }\n  }\n}\n");
        long start = System.nanoTime();
        CliTest.Outcome o = CliTest.oss("run", "--max-events", "100000", "--json", p.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(o.out().contains("\"OSS2012\""), o.out().substring(0, Math.min(2000, o.out().length())));
        assertTrue(o.out().contains("\"pid\": 32767") || o.out().contains("\"pid\":32767"), "the last pid is pid_max - 1");
        assertFalse(o.out().contains("\"pid\": 32768") || o.out().contains("\"pid\":32768"));
        assertTrue(seconds < 30, seconds + " s");
    }

    @Test
    void aFileLargerThanEightMebibytesIsAUsageError() throws Exception {
        Path big = dir.resolve("big.oss");
        Files.write(big, new byte[SourceFile.MAX_BYTES + 1]);
        for (String cmd : new String[] {"check", "run", "explore", "fmt"}) {
            CliTest.Outcome o = CliTest.oss(cmd, big.toString());
            assertEquals(2, o.code(), cmd + ": " + o.out() + o.err());
            assertTrue(o.err().contains("larger than 8 MiB"), o.err());
        }
        if (Files.exists(Path.of("/dev/zero"))) {
            CliTest.Outcome o = CliTest.oss("check", "/dev/zero");
            assertEquals(2, o.code());
            assertTrue(o.err().contains("/dev/zero: larger than 8 MiB"), o.err());
        }
        Path ok = dir.resolve("ok.oss");
        Files.write(ok, "scenario \"x\" { process A { compute 1 ms } }\n".getBytes());
        assertEquals(0, CliTest.oss("check", ok.toString()).code());
    }

    @Test
    void aSnapshotInALongLoopKeepsTheFirstThousand() throws Exception {
        Path p = dir.resolve("snap.oss");
        Files.writeString(p, "scenario \"s\" {\n  process A { x = mmap 4 KiB anon private rw\n"
                + "    repeat 1000000 { snapshot \"tick\" } }\n}\n");
        long start = System.nanoTime();
        CliTest.Outcome o = CliTest.oss("run", "--max-time", "60", p.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(o.out().contains("snap.oss:3:22: warning[OSS2014]: only the first 1000 snapshots"), o.out());
        assertFalse(o.out().contains("OSS2013"), o.out());
        assertTrue(seconds < 30, seconds + " s");
    }

    @Test
    void theTextReportPrintsTwentySnapshotsAndCountsTheRest() throws Exception {
        Path p = dir.resolve("snap30.oss");
        Files.writeString(p, "scenario \"s\" {\n  process A { x = mmap 4 KiB anon private rw\n"
                + "    repeat 30 { snapshot \"tick\" } }\n}\n");
        CliTest.Outcome o = CliTest.oss("run", p.toString());
        assertEquals(20, o.out().lines().filter(l -> l.startsWith("snapshot \"tick\"")).count(), o.out());
        assertTrue(o.out().contains("... and 10 more snapshots; oss run --json has every one"), o.out());
    }

    @Test
    void aCacheOfFourTebibytesIsOss1205NotAnOverflow() throws Exception {
        Path p = dir.resolve("cache.oss");
        Files.writeString(p, "scenario \"c\" {\n  machine { cache L1d 4294967296 KiB 2-way line 64 B hit 4 cycles }\n"
                + "  process P { x = mmap 1 pages anon private rw\n read x[0] }\n}\n");
        CliTest.Outcome o = CliTest.oss("check", p.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.out().contains("cache.oss:2:13: error[OSS1205]: a cache is at most 256 MiB"), o.out());
        assertFalse(o.out().contains("OSS9001"), o.out());
    }

    @Test
    void moreThanFourTebibytesOfRamIsOss1205() throws Exception {
        Path p = dir.resolve("ram.oss");
        Files.writeString(p, "scenario \"m\" {\n  machine { memory 262144 GiB }\n  process A { compute 1 ms }\n}\n");
        CliTest.Outcome o = CliTest.oss("check", p.toString());
        assertEquals(1, o.code(), o.out());
        assertTrue(o.out().contains("ram.oss:2:13: error[OSS1205]") && o.out().contains("4 TiB"), o.out());
    }
}
