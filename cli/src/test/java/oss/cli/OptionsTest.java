package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every command does with -h, --version and options out of range: answer, before any work. */
class OptionsTest {
    private static final String FIFO = CliTest.EXAMPLES + "sched-fifo.oss";
    private static final String[][] COMMANDS = {{"run"}, {"explore"}, {"check"}, {"fmt"}, {"bench"},
        {"bench", "memory"}, {"lsp"}};

    private static String[] with(String[] command, String... more) {
        String[] all = new String[command.length + more.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(more, 0, all, command.length, more.length);
        return all;
    }

    @Test
    void everyCommandHasHelpWithoutItsRequiredFile() {
        for (String[] c : COMMANDS) {
            for (String h : new String[] {"-h", "--help"}) {
                CliTest.Outcome o = CliTest.oss(with(c, h));
                assertEquals(0, o.code(), String.join(" ", c) + " " + h + ": " + o.err());
                assertTrue(o.out().startsWith("Usage: oss " + String.join(" ", c)), o.out());
                assertFalse(o.err().contains("Missing required parameter"), o.err());
            }
        }
    }

    @Test
    void everyCommandTellsItsVersion() {
        for (String[] c : COMMANDS) {
            CliTest.Outcome o = CliTest.oss(with(c, "--version"));
            assertEquals(0, o.code(), String.join(" ", c));
            assertTrue(o.out().startsWith("oss "), o.out());
            assertTrue(o.out().contains("Java 17") || o.out().contains("Java "), o.out());
        }
    }

    @Test
    void aBadViewIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        Path html = dir.resolve("x.html");
        CliTest.Outcome o = CliTest.oss("run", "--show", "bogus", "--html", html.toString(), FIFO);
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown view `bogus`"), o.err());
        assertFalse(Files.exists(html), "the report was written before the options were checked");
        CliTest.Outcome json = CliTest.oss("run", "--show", "bogus", "--json", FIFO);
        assertEquals(2, json.code(), "with --json a bad view exited " + json.code());
        assertEquals("", json.out());
    }

    @Test
    void numbersOutOfRangeAreUsageErrorsInOneLine() {
        String[][] bad = {
            {"run", "--max-events", "-1", FIFO},
            {"run", "--max-events", "0", FIFO},
            {"run", "--max-time", "1e10", FIFO},
            {"check", "--max-time", "-3", FIFO},
            {"explore", "--max-time", "1e10", FIFO},
            {"explore", "--max-states", "-5", FIFO},
            {"bench", "--repeat", "0"},
            {"bench", "--processes", "-1"},
            {"bench", "memory", "--references", "0"},
        };
        for (String[] args : bad) {
            CliTest.Outcome o = CliTest.oss(args);
            assertEquals(2, o.code(), String.join(" ", args) + "\n" + o.out() + o.err());
            assertTrue(o.err().startsWith("oss: "), o.err());
            assertEquals(2, o.err().lines().count(), "the error and the hint: " + o.err());
            assertEquals("", o.out(), String.join(" ", args));
        }
    }

    @Test
    void aHugeTimeBudgetNoLongerTurnsIntoAFalseNoDeadlock() {
        // 1e10 s overflowed the budget into the past: "no deadlock found in 1 states"
        CliTest.Outcome o = CliTest.oss("explore", "--max-time", "31536000", CliTest.EXAMPLES + "dining-philosophers.oss");
        assertTrue(o.out().contains("deadlock"), o.out());
        assertFalse(o.out().contains("no deadlock"), o.out());
    }

    @Test
    void aDeadlockFoundThreeWaysIsSaidOnceAndVerboseShowsEach() {
        String phil = CliTest.EXAMPLES + "dining-philosophers.oss";
        CliTest.Outcome grouped = CliTest.oss("check", phil);
        long cycleFindings = grouped.out().lines().filter(l -> l.matches(".*(info|warning|error)\\[OSS(1304|2101|2401)\\].*"))
                .count();
        assertEquals(1, cycleFindings, grouped.out());
        assertTrue(grouped.out().contains("also found by the explorer (OSS2401)"), grouped.out());
        assertTrue(grouped.out().lines().count() < 30, grouped.out().lines().count() + " lines:\n" + grouped.out());
        CliTest.Outcome verbose = CliTest.oss("check", "-v", phil);
        for (String code : new String[] {"OSS1304", "OSS2101", "OSS2401"}) {
            assertTrue(verbose.out().contains("[" + code + "]"), code + "\n" + verbose.out());
        }
    }
}
