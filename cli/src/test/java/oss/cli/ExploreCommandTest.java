package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `oss explore` as a user calls it: the verdict, the schedule file, and clear words for bad arguments. */
class ExploreCommandTest {
    static final String OPPOSITE = CliTest.EXAMPLES + "two-locks-opposite.oss";

    @Test
    void findsTheDeadlockAndWritesAScheduleThatRunReplays(@TempDir Path dir) throws Exception {
        Path schedule = dir.resolve("s.txt");
        CliTest.Outcome o = CliTest.oss("explore", OPPOSITE, "--schedule-out", schedule.toString());
        assertEquals(1, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("OSS2401"), o.out());
        assertEquals("pid 2 at 12:5\npid 3 at 21:5\n", Files.readString(schedule));
        CliTest.Outcome replay = CliTest.oss("run", OPPOSITE, "--schedule", schedule.toString());
        assertTrue(replay.out().contains("OSS2101"), replay.out());
        assertFalse(replay.out().contains("OSS2406"), replay.out());
    }

    /**
     * The five philosophers are a ring: stored one orbit of rotations at a time (421 states without,
     * 93 with), with the same deadlock and the same schedule, in pid order, either way.
     */
    @Test
    void symmetryIsNamedAndTurnedOffWithNoSymmetry() {
        String philosophers = CliTest.EXAMPLES + "dining-philosophers.oss";
        CliTest.Outcome with = CliTest.oss("explore", philosophers);
        CliTest.Outcome without = CliTest.oss("explore", "--no-symmetry", philosophers);
        assertTrue(with.out().contains("deadlock found after exploring 93 states"), with.out());
        assertTrue(with.out().contains("; symmetry: rotations of philosopher[0..4] with fork[0..4]"), with.out());
        assertTrue(without.out().contains("deadlock found after exploring 421 states"), without.out());
        assertFalse(without.out().contains("symmetry"), without.out());
        String schedule = "pid 2 at 9:5, pid 3 at 9:5, pid 4 at 9:5, pid 5 at 9:5, pid 6 at 9:5";
        assertTrue(with.out().contains(schedule) && without.out().contains(schedule), with.out() + without.out());
        JsonObject json = JsonParser.parseString(CliTest.oss("explore", "--json", philosophers).out()).getAsJsonObject();
        assertEquals("rotations of philosopher[0..4] with fork[0..4]", json.get("symmetry").getAsString());
    }

    @Test
    void anUnwritableScheduleFileIsAUsageErrorNotAnInternalOne() {
        CliTest.Outcome o = CliTest.oss("explore", OPPOSITE, "--schedule-out", "/nonexistent-dir/s.txt");
        assertEquals(Main.USAGE, o.code());
        assertTrue(o.err().contains("cannot write the schedule to /nonexistent-dir/s.txt"), o.err());
        assertFalse(o.err().contains("internal error"), o.err());
    }

    @Test
    void budgetsMustBePositive() {
        CliTest.Outcome o = CliTest.oss("explore", OPPOSITE, "--max-states", "0");
        assertEquals(Main.USAGE, o.code());
        assertTrue(o.err().contains("--max-states must be at least 1"), o.err());
        assertEquals(Main.USAGE, CliTest.oss("explore", OPPOSITE, "--max-time", "-1").code());
    }

    @Test
    void twoRunsOfOneFilePrintTheSameJsonButForTheClock() {
        String first = withoutClock(CliTest.oss("explore", OPPOSITE, "--json"));
        String second = withoutClock(CliTest.oss("explore", OPPOSITE, "--json"));
        assertEquals(first, second);
        assertFalse(first.contains("heapBytes"), first);
    }

    @Test
    void theHeapInUseIsPrintedOnlyWhenAskedFor() {
        CliTest.Outcome json = CliTest.oss("explore", OPPOSITE, "--json", "--memory-stats");
        assertTrue(JsonParser.parseString(json.out()).getAsJsonObject().get("heapBytes").getAsLong() > 0, json.out());
        assertTrue(CliTest.oss("explore", OPPOSITE, "--memory-stats").out().contains("bytes of Java heap in use"));
        assertFalse(CliTest.oss("explore", OPPOSITE).out().contains("heap"));
    }

    /** The output with the wall-clock figures (seconds, states per second) taken out: the rest must not vary. */
    private static String withoutClock(CliTest.Outcome o) {
        assertEquals(1, o.code(), o.out() + o.err());
        JsonObject json = JsonParser.parseString(o.out()).getAsJsonObject();
        json.remove("seconds");
        json.remove("statesPerSecond");
        return json.toString();
    }
}
