package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import oss.ir.diag.Code;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.Vals;
import oss.runtime.observe.RunResult;

/**
 * Pipes and FIFOs: the explorer (PipeSteps) and the run (kernel.fs) are one semantics. Every
 * schedule the explorer gives for the pipe examples and the scenarios here (a deadlock's, a
 * witness's, a counterexample's) replays in the kernel step for step, to a run that deadlocks
 * when the explorer said so and whose values decide the {@code expect} line as the explorer did.
 */
class PipeReplayTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    /** Scenarios whose witnesses exercise pieces of large writes, nowait, FIFO opens and both ends reading first. */
    static final List<String> TEXTS = List.of("""
            scenario "both ends read first" {
              int a = 0
              process parent {
                p = pipe
                c = fork {
                  read p.read 4 B
                  write p.write 4 B
                }
                read p.read 4 B
                write p.write 4 B
                wait c
              }
              expect possible a == 0
            }
            """, """
            scenario "a large write goes in pieces" {
              int n = 0
              int m = 0
              process w {
                p = pipe
                c = fork {
                  close p.write
                  n = read p.read 64 KiB
                  m = read p.read 64 KiB
                }
                close p.read
                write p.write 80 KiB
                close p.write
                wait c
              }
              expect possible n == 65536 && m == 16384
              expect possible n == 65536 && m == 0
              expect always n + m <= 81920
            }
            """, """
            scenario "nowait" {
              int r = 9
              int w = 9
              process a {
                p = pipe
                c = fork {
                  r = read p.read 4 B nowait
                }
                w = write p.write 4 B nowait
                wait c
              }
              expect possible r == -1
              expect possible r == 4
              expect always w == 4
            }
            """, """
            scenario "interleaved writers" {
              kernel { pipe_buffer 8 KiB }
              int x = 0
              process a {
                p = pipe
                c = fork {
                  close p.read
                  write p.write 2
                }
                d = fork {
                  close p.read
                  write p.write 3
                }
                close p.write
                read p.read into x
                wait c
                wait d
              }
              expect possible x == 2
              expect possible x == 3
            }
            """, """
            scenario "fifo open waits for the other end" {
              int got = 0
              process s {
                mkfifo "q"
                f = open "q" O_RDONLY
                read f into got
                close f
              }
              process c {
                mkfifo "q"
                g = open "q" O_WRONLY
                write g 7
                close g
              }
              expect always got == 7
              expect possible got == 7
            }
            """, """
            scenario "nonblocking open of a FIFO with no reader" {
              int w = 5
              process c {
                mkfifo "q"
                g = open "q" O_WRONLY O_NONBLOCK
                w = write g 7
              }
              expect always w == -1
            }
            """);

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().matches("(pipe|fifo)-.*\\.oss")).sorted().toList();
        }
    }

    @Test
    void theExamplesAreThere() throws IOException {
        assertTrue(examples().size() >= 6, "examples/pipe-*.oss and fifo-*.oss");
    }

    @TestFactory
    Stream<DynamicTest> everyScheduleReplaysToTheSameState() throws IOException {
        return Replayed.tests(examples(), TEXTS, (name, text) -> check(name, text));
    }

    static void check(String name, String text) {
        Program p = ExploreVerdictTest.compile(text);
        int schedules = 0;
        List<String> verdicts = new ArrayList<>();
        for (boolean por : new boolean[] {true, false}) {
            ExploreResult x = DataExploreTest.explore(p, por);
            // the reduction changes how much is explored, never what is found
            String verdict = x.deadlockFound() + " " + x.properties().stream().map(v -> v.text() + "=" + v.outcome())
                    .toList();
            verdicts.add(verdict);
            for (ExploreFinding f : x.findings()) {
                if (f.schedule() == null || f.schedule().steps().isEmpty()) {
                    continue;
                }
                RunResult run = replay(p, f.schedule(), name);
                schedules++;
                if (f.code() == Code.DEADLOCK_REACHABLE) {
                    assertTrue(run.deadlocked(), name + ": " + f.schedule().format());
                }
            }
            for (PropertyVerdict v : x.properties()) {
                if (v.schedule().isEmpty()) {
                    continue;
                }
                RunResult run = replay(p, v.schedule().get(), name);
                schedules++;
                SharedData.Property prop = p.data().properties().stream()
                        .filter(q -> q.span().equals(v.span())).findFirst().orElseThrow();
                boolean holds = Vals.truth(prop.condition(), run.data());
                boolean explorerSaw = v.mode() == SharedData.Property.Mode.POSSIBLE;
                assertEquals(explorerSaw, holds, () -> name + ": " + v.text() + " after "
                        + v.schedule().get().format() + " in the run: " + java.util.Arrays.toString(run.data().shared()));
            }
        }
        assertFalse(schedules == 0 && name.contains("both"), name + ": the explorer gave no schedule to replay");
        assertEquals(verdicts.get(0), verdicts.get(1), name + ": with and without partial-order reduction");
    }

    private static RunResult replay(Program p, Schedule s, String name) {
        return Replayed.run(p, s, name);
    }
}
