package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Socket pairs: the explorer (two queues, an end reading one and writing the other, PipeSteps) and
 * the run (kernel.fs, an OpenFile with a receive and a send queue) are one semantics. Every
 * schedule the explorer gives for examples/socketpair-echo.oss and the scenarios here replays in
 * the kernel to the same values (PipeReplayTest's check), and a deadlock it finds is one in the
 * run. Values worked out by hand from socketpair(2) and unix(7), next to each scenario.
 */
class SocketReplayTest {
    static final List<String> TEXTS = List.of("""
            scenario "a reply through the other direction" {
              int got = 0
              process parent {
                s = socketpair
                c = fork {
                  int n = 0
                  close s[0]
                  read s[1] into n
                  write s[1] n + 1
                  close s[1]
                }
                close s[1]
                write s[0] 41
                read s[0] into got
                close s[0]
                wait c
              }
              // what s[0] writes s[1] reads and the other way round: the child gets 41 and answers 42,
              // in every order (the parent's read sleeps until the answer is there)
              expect always got == 42
            }
            """, """
            scenario "both sides read first" {
              process parent {
                s = socketpair
                c = fork {
                  close s[0]
                  read s[1] 1 KiB
                  write s[1] 10 B
                }
                close s[1]
                read s[0] 1 KiB
                write s[0] 10 B
                wait c
              }
              // each end's queue is empty and the end that writes it is open in the other process, which
              // is itself waiting to read: a deadlock in every interleaving, as with two pipes
            }
            """);

    @TestFactory
    Stream<DynamicTest> everyScheduleReplaysToTheSameState() {
        return Replayed.tests(List.of(PipeReplayTest.EXAMPLES.resolve("socketpair-echo.oss")), TEXTS,
                PipeReplayTest::check);
    }

    @Test
    void theScenariosHoldAsWorkedOut() {
        Replayed.holdAsWorkedOut(TEXTS, text -> text.contains("both sides read first"));
    }

    @Test
    void theExampleIsThere() throws IOException {
        assertTrue(java.nio.file.Files.exists(PipeReplayTest.EXAMPLES.resolve("socketpair-echo.oss")));
    }
}
