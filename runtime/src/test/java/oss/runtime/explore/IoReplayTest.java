package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import oss.ir.program.Program;

/**
 * Devices: the explorer (a device is a pipe its deliveries write, PipeSteps; a delivery is a step
 * of its own) and the run (kernel.io) are one semantics. Every schedule the explorer gives for the
 * blocking and non-blocking examples and the scenarios here replays in the kernel step for step,
 * its `device "PATH" delivers` steps included, to values that decide each {@code expect} line as
 * the explorer did (PipeReplayTest's check). The expected values are worked out by hand from
 * read(2) and the device's line, next to each scenario.
 */
class IoReplayTest {
    static final List<String> TEXTS = List.of("""
            scenario "blocking reads of a device" {
              device "/dev/net0" at 1 ms, 2 ms size 100 B
              int a = 9
              int b = 9
              int c = 9
              process p {
                f = open "/dev/net0" O_RDONLY
                a = read f 1 KiB
                b = read f 1 KiB
                c = read f 1 KiB
                close f
              }
              // a read sleeps while nothing is buffered and more is to come, then takes all there is (at
              // most 1 KiB). Deliveries one at a time between the reads: 100 and 100; both before the first
              // read: 200 at once, and the next read finds nothing left to come: 0 (end of file)
              expect possible a == 100 && b == 100 && c == 0
              expect possible a == 200 && b == 0 && c == 0
              expect always a + b == 200 && c == 0
            }
            """, """
            scenario "a non-blocking read before the data" {
              device "/dev/net0" at 1 ms size 10 B
              int a = 9
              int b = 9
              process p {
                f = open "/dev/net0" O_RDONLY O_NONBLOCK
                a = read f 10 B
                b = read f 10 B
                close f
              }
              // O_NONBLOCK: before the delivery -1 (EAGAIN) instead of sleeping; after it the 10 bytes; once
              // they are read and nothing more is to come, 0
              expect possible a == -1 && b == -1
              expect possible a == -1 && b == 10
              expect possible a == 10 && b == 0
              expect always a != 0 && b != 9
            }
            """);

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(PipeReplayTest.EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().matches("io-(blocking|nonblocking)\\.oss")).sorted()
                    .toList();
        }
    }

    @Test
    void theExamplesAreThere() throws IOException {
        assertEquals(2, examples().size(), "examples/io-blocking.oss and io-nonblocking.oss");
    }

    @TestFactory
    Stream<DynamicTest> everyScheduleReplaysToTheSameState() throws IOException {
        return Replayed.tests(examples(), TEXTS, PipeReplayTest::check);
    }

    /** Each scenario's expectations hold as worked out by hand. */
    @Test
    void everyScenarioHoldsAsWorkedOut() {
        for (String text : TEXTS) {
            ExploreResult x = DataExploreTest.explore(ExploreVerdictTest.compile(text), true);
            assertTrue(x.complete(), x.stoppedBy());
            assertFalse(x.deadlockFound(), text);
            for (PropertyVerdict v : x.properties()) {
                assertEquals(PropertyVerdict.Outcome.HOLDS, v.outcome(), v.text() + " in\n" + text);
            }
        }
    }

    /** The examples explore to the end without a deadlock: a polling loop waits for a delivery that will come. */
    @Test
    void theExamplesExploreWithoutADeadlock() throws IOException {
        for (Path p : examples()) {
            Program program = ExploreVerdictTest.compile(Files.readString(p));
            ExploreResult x = DataExploreTest.explore(program, true);
            assertTrue(x.complete(), p + ": " + x.stoppedBy());
            assertFalse(x.deadlockFound(), p + ": " + x.findings());
        }
    }
}
