package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers at the edge of a long reach the engines as diagnostics, never as an overflow or an internal error. */
class OverflowTest {
    @TempDir
    Path dir;

    private Path file(String body) throws Exception {
        Path p = dir.resolve("s.oss");
        Files.writeString(p, "scenario \"x\" {\n" + body + "}\n");
        return p;
    }

    private static void noInternalError(CliTest.Outcome o) {
        String all = o.out() + o.err();
        assertFalse(all.contains("OSS9001") || all.contains("internal error") || all.contains("Exception"), all);
    }

    @Test
    void aTimeBeyondTenToTheFifteenNanosecondsIsOss1205() throws Exception {
        Path p = file("  process A { compute 9223372036854775807 ns }\n");
        for (String cmd : new String[] {"check", "run", "explore"}) {
            CliTest.Outcome o = CliTest.oss(cmd, p.toString());
            noInternalError(o);
            assertEquals(1, o.code(), cmd + ": " + o.out() + o.err());
            assertTrue(o.out().contains("s.oss:2:23: error[OSS1205]") && o.out().contains("10^15 ns"), o.out());
        }
        CliTest.Outcome late = CliTest.oss("run", file("  process A { compute 1 ms }\n  process B arrives 999999999 s { compute 1 ms }\n").toString());
        noInternalError(late);
        assertTrue(late.out().contains("s.oss:3:21: error[OSS1205]"), late.out());
    }

    @Test
    void aSizeBeyondTwoToTheFortyEightBytesIsOss1205() throws Exception {
        CliTest.Outcome o = CliTest.oss("check", file("  process A { p = malloc 281474976710657 B }\n").toString());
        noInternalError(o);
        assertTrue(o.out().contains("error[OSS1205]") && o.out().contains("2^48 bytes"), o.out());
    }

    @Test
    void aMallocOfATerabyteIsServedByMmapNotABadBinIndex() throws Exception {
        CliTest.Outcome o = CliTest.oss("run", file("  process A { p = malloc 1_000_000_000_000 B\n free p }\n").toString());
        noInternalError(o);
        assertEquals(0, o.code(), o.out() + o.err());
    }

    @Test
    void theRunStopsAtTwoToTheFiftyTwoNanosecondsWithOss2011() throws Exception {
        Path p = file("  process A { repeat 10 { sleep 1000000 s } }\n  process B arrives 1000000 s { compute 1 ms }\n");
        CliTest.Outcome o = CliTest.oss("run", p.toString());
        noInternalError(o);
        assertTrue(o.out().contains("s.oss:2:11: warning[OSS2011]"), o.out());
        assertTrue(o.out().contains("Simulated time at the end: 4503599627.37 ms"), o.out());
        assertTrue(o.out().contains("Gantt chart"), o.out());
    }

    @Test
    void aCountAboveItsLimitSaysTheLimitNotAtLeastOne() throws Exception {
        CliTest.Outcome o = CliTest.oss("check", file("  resource r 9223372036854775807\n  barrier b 4294967296\n"
                + "  process A tickets 9223372036854775807 { compute 1 ms }\n").toString());
        noInternalError(o);
        assertTrue(o.out().contains("s.oss:2:14: error[OSS1205]: the number of instances must be at most 2147483647, not"
                + " 9223372036854775807"), o.out());
        assertTrue(o.out().contains("error[OSS1205]: the number of parties must be at most 2147483647"), o.out());
        assertTrue(o.out().contains("error[OSS1205]: the number of tickets must be at most 2147483647"), o.out());
        assertFalse(o.out().contains("at least 1, not"), o.out());
    }

    @Test
    void ganttColumnsStayInsideTheChartForAnyTimes() {
        assertEquals(0, TextReport.column(0, Long.MAX_VALUE));
        assertEquals(36, TextReport.column(Long.MAX_VALUE / 2, Long.MAX_VALUE));
        assertEquals(72, TextReport.column(Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(36, TextReport.column(500, 1000));
    }

    @Test
    void seventyProcessesAreCheckedRunAndExplored() throws Exception {
        StringBuilder b = new StringBuilder("  mutex m\n");
        for (int i = 0; i < 70; i++) {
            b.append("  process P").append(i).append(i % 10 == 0 ? " { lock m\n unlock m }\n" : " { compute 1 ms }\n");
        }
        Path p = file(b.toString());
        for (String cmd : new String[] {"check", "run", "explore"}) {
            CliTest.Outcome o = CliTest.oss(cmd, p.toString());
            noInternalError(o);
            assertEquals(0, o.code(), cmd + ": " + o.out() + o.err());
        }
        assertTrue(CliTest.oss("explore", p.toString()).out().contains("no deadlock in any interleaving"));
    }

    @Test
    void fortyProcessesWithAnRwlockSayTheExplorersLimit() throws Exception {
        StringBuilder b = new StringBuilder("  rwlock r\n");
        for (int i = 0; i < 40; i++) {
            b.append("  process P").append(i).append(" { read_lock r\n read_unlock r }\n");
        }
        CliTest.Outcome o = CliTest.oss("explore", file(b.toString()).toString());
        noInternalError(o);
        assertTrue(o.out().contains("at most 31 tasks"), o.out());
    }
}
