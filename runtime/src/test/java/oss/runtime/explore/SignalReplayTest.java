package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import oss.ir.diag.Code;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.Vals;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * Signals: the explorer (SignalSteps) and the run (kernel.signal) are one semantics. Every
 * schedule the explorer gives for the signal examples and the scenarios here (a deadlock's, a
 * lost signal's, a witness's, a counterexample's) replays in the kernel step for step, deliveries
 * and sleeps included, to a run that deadlocks when the explorer said so and whose values decide
 * each {@code expect} line as the explorer did. The expected outcomes are worked out from
 * signal(7), sigaction(2), pause(2), sigsuspend(2) and pipe(7), not from either engine.
 */
class SignalReplayTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    /** Scenario name → the verdict the man pages give: a deadlock in some interleaving, or none. */
    static final Map<String, Boolean> DEADLOCKS = Map.of("pause race", true, "sigsuspend closes the race", false,
            "stopped for good", true, "EINTR from a pipe read", false, "alarm, then pause", true,
            "alarm with the signal blocked", false, "a handler while waiting on a condition", false);

    static final List<String> TEXTS = List.of("""
            scenario "pause race" {
              int got = 0
              process racy {
                signal SIGUSR1 {
                  got = 1
                }
                c = fork {
                  kill parent SIGUSR1
                }
                if (got == 0) {
                  pause  // SIGUSR1 may have come between the check and here: nothing more will
                }
              }
              expect possible got == 1
            }
            """, """
            scenario "sigsuspend closes the race" {
              int got = 0
              process fixed {
                signal SIGUSR1 {
                  got = 1
                }
                sigprocmask block SIGUSR1
                c = fork {
                  kill parent SIGUSR1
                }
                if (got == 0) {
                  sigsuspend  // unblocks and sleeps in one step: the pending SIGUSR1 ends it
                }
                sigprocmask unblock SIGUSR1
              }
              expect always got == 1
            }
            """, """
            scenario "blocked, then ignored: lost" {
              int ran = 0
              process w {
                signal SIGUSR1 {
                  ran = 1
                }
                c = fork {
                  kill parent SIGUSR1
                }
                sigprocmask block SIGUSR1
                signal SIGUSR1 ignore  // a SIGUSR1 pending now is discarded
                sigprocmask unblock SIGUSR1
              }
              expect possible ran == 1  // it came before the block
              expect possible ran == 0
            }
            """, """
            scenario "EINTR from a pipe read" {
              int r = 9
              process reader {
                sigaction SIGUSR1 {
                  compute 1 ms
                }
                p = pipe
                c = fork {
                  kill parent SIGUSR1
                  write p.write 4 B
                }
                r = read p.read 4 B  // -1 (EINTR) if the handler ran while it slept, else 4
                wait c
              }
              expect possible r == -1
              expect possible r == 4
            }
            """, """
            scenario "SA_RESTART restarts the read" {
              int r = 9
              process reader {
                sigaction SIGUSR1 restart {
                  compute 1 ms
                }
                p = pipe
                c = fork {
                  kill parent SIGUSR1
                  write p.write 4 B
                }
                r = read p.read 4 B  // the read starts again after the handler: always 4 bytes
                wait c
              }
              expect always r == 4
            }
            """, """
            scenario "two SIGCHLDs can be one" {
              int n = 0
              process shell {
                signal SIGCHLD {
                  n = n + 1
                }
                a = fork {
                  exit 1
                }
                b = fork {
                  exit 2
                }
                wait a
                wait b
              }
              expect possible n == 1  // both exited before the handler ran: standard signals are not queued
              expect possible n == 2
              expect always n >= 1
            }
            """, """
            scenario "default action ends the target" {
              int x = 0
              process victim {
                x = 1
              }
              process killer {
                kill victim SIGTERM
              }
              expect possible x == 0
              expect possible x == 1
            }
            """, """
            scenario "stopped for good" {
              process job {
                compute 1 ms
              }
              process shell {
                kill job SIGSTOP  // and no SIGCONT: if it stops before it ends, it never ends
              }
            }
            """, """
            scenario "SIGPIPE caught: EPIPE" {
              int w = 9
              int caught = 0
              process writer {
                signal SIGPIPE {
                  caught = 1
                }
                p = pipe
                close p.read
                w = write p.write 4 B  // no reader: SIGPIPE is caught, the write fails with -1 (EPIPE)
              }
              expect always w == -1
              expect always caught == 1
            }
            """, """
            scenario "a blocked signal waits for the unblock" {
              int order = 0
              process worker {
                signal SIGUSR1 {
                  order = order * 10 + 2
                }
                sigprocmask block SIGUSR1
                c = fork {
                  kill parent SIGUSR1
                }
                order = order * 10 + 1
                sigprocmask unblock SIGUSR1  // SIGUSR1 is delivered here at the latest, never before the 1
                wait c
              }
              expect always order == 12
            }
            """, """
            scenario "alarm, then pause" {
              int woke = 0
              process sleeper {
                signal SIGALRM {
                  woke = 1
                }
                alarm 1 ms
                pause  // APUE's sleep1 race: the alarm may fire before pause starts, which then waits for good
              }
              expect possible woke == 1
            }
            """, """
            scenario "alarm with the signal blocked" {
              int woke = 0
              process sleeper {
                signal SIGALRM {
                  woke = 1
                }
                sigprocmask block SIGALRM
                alarm 1 ms
                sigsuspend  // SIGALRM unblocked and waited for in one step: it cannot be missed
                alarm 0 s
              }
              expect always woke == 1
            }
            """, """
            scenario "a handler while waiting on a condition" {
              int ready = 0
              int ran = 0
              int inside = 0
              int picked = 0
              int waiting = 0
              mutex m
              condvar cv
              process waiter {
                signal SIGUSR1 {
                  inside = 1
                  ran = 1
                  inside = 0
                }
                c = fork {
                  kill parent SIGUSR1
                  lock m
                  ready = 1
                  picked = inside + waiting
                  signal cv  // may pick the waiter while its handler runs: it is still woken
                  unlock m
                }
                lock m
                while (ready == 0) {
                  waiting = 1
                  cond_wait cv m
                }
                unlock m
                wait c
              }
              expect always ran == 1 && ready == 1
              expect possible picked == 2  // the signal came while the waiter ran its handler in cond_wait
            }
            """, """
            scenario "a barrier arrival in a handler still counts" {
              int ran = 0
              barrier b 2
              process p {
                signal SIGUSR1 {
                  ran = ran + 1
                }
                c = fork {
                  kill parent SIGUSR1
                  barrier b
                }
                barrier b  // the handler may run while p waits here: its arrival counts all along
                wait c
              }
              expect always ran == 1
              expect possible ran == 1
            }
            """, """
            scenario "semop stopped and continued fails with EINTR" {
              semset s = [0]
              int after = 0
              process w {
                semop s[0] -1  // asleep: SIGSTOP stops it in the wait, SIGCONT makes semop fail (signal(7))
                after = 1
              }
              process shell {
                kill w SIGSTOP
                kill w SIGCONT
              }
              expect possible after == 1  // only through EINTR: no one ever raises s[0]
            }
            """, """
            scenario "an alarm cancelled in time, or not" {
              int woke = 0
              process p {
                signal SIGALRM {
                  woke = 1
                }
                alarm 1 ms
                alarm 0 s
                compute 2 ms
              }
              expect possible woke == 1  // it may fire before the cancel
              expect possible woke == 0
            }
            """);

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().matches("(signal-.*|pipe-sigpipe)\\.oss")).sorted()
                    .toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyScheduleReplaysToTheSameState() throws IOException {
        return Replayed.tests(examples(), TEXTS, (name, text) -> check(name, text));
    }

    private static void check(String name, String text) {
        Program p = ExploreVerdictTest.compile(text);
        ExploreResult x = DataExploreTest.explore(p, true);
        assertTrue(x.complete(), name + ": " + x.stoppedBy());
        assertTrue(!x.por() || name.startsWith("pipe-"), name + ": programs with signals are explored without the reduction");
        if (DEADLOCKS.containsKey(name)) {
            assertEquals(DEADLOCKS.get(name), x.deadlockFound(), name);
        }
        int schedules = 0;
        for (ExploreFinding f : x.findings()) {
            if (f.schedule() == null || f.schedule().steps().isEmpty()) {
                continue;
            }
            RunResult run = replay(p, f.schedule(), name);
            schedules++;
            if (f.code() == Code.DEADLOCK_REACHABLE) {
                assertTrue(run.deadlocked(), name + ": " + f.schedule().format());
            }
            if (f.message().contains("(OSS2802)")) {
                assertTrue(run.findings().stream().anyMatch(d -> d.code() == Code.SIG_LOST),
                        () -> name + ": the run loses the signal too: " + run.findings());
            }
        }
        for (PropertyVerdict v : x.properties()) {
            assertTrue(v.outcome() != PropertyVerdict.Outcome.FAILS || v.mode() == SharedData.Property.Mode.ALWAYS,
                    name + ": " + v.text());
            if (v.mode() == SharedData.Property.Mode.POSSIBLE) {
                assertEquals(PropertyVerdict.Outcome.HOLDS, v.outcome(), name + ": " + v.text());
            } else {
                assertEquals(PropertyVerdict.Outcome.HOLDS, v.outcome(), name + ": " + v.text() + " "
                        + v.schedule().map(Schedule::format).orElse(""));
            }
            if (v.schedule().isEmpty()) {
                continue;
            }
            RunResult run = replay(p, v.schedule().get(), name);
            schedules++;
            SharedData.Property prop = p.data().properties().stream()
                    .filter(q -> q.span().equals(v.span())).findFirst().orElseThrow();
            assertTrue(Vals.truth(prop.condition(), run.data()), () -> name + ": " + v.text() + " after "
                    + v.schedule().get().format() + " in the run: " + java.util.Arrays.toString(run.data().shared()));
        }
        assertFalse(schedules == 0 && p.data().properties().stream().anyMatch(q -> q.mode() == SharedData.Property.Mode.POSSIBLE),
                name + ": no schedule to replay");
    }

    private static RunResult replay(Program p, Schedule s, String name) {
        return Replayed.run(p, s, name);
    }

    @Test
    void aSleeperStoppedInItsWaitIsNoDeliveryStep() {
        // sleeper sleeps in pause; SIGSTOP stops it there at once, SIGCONT puts it back, SIGUSR1 interrupts pause
        String text = """
                scenario "stopped asleep" {
                  int woke = 0
                  process sleeper {
                    signal SIGUSR1 {
                      woke = 1
                    }
                    pause
                  }
                  process shell {
                    compute 1 ms
                    kill sleeper SIGSTOP
                    kill sleeper SIGCONT
                    kill sleeper SIGUSR1
                  }
                }
                """;
        RunResult r = runWith(text, "pid 2 at 4:5, pid 2 sleeps at 7:5, pid 3 at 11:5, pid 3 at 12:5, pid 3 at 13:5,"
                + " pid 2 takes SIGUSR1 at 7:5, pid 2 at 5:7, pid 2 at 3:11, pid 3 at 9:11");
        assertTrue(mismatches(r).isEmpty(), r.findings().toString());
        assertEquals(9, r.scheduleSteps());
        assertEquals(1L, r.data().shared()[0]);
    }

    @Test
    void aDeliveryStepNamesTheSignalTheRunActsOn() {
        // the explorer's schedule: B kills A, A takes SIGUSR1 (its handler, then A ends)
        String text = """
                scenario "one kill" {
                  process a {
                    signal SIGUSR1 {
                      compute 1 ms
                    }
                    sigprocmask block SIGUSR2
                  }
                  process b {
                    kill a SIGUSR1
                  }
                }
                """;
        RunResult ok = runWith(text, (
                "pid 2 at 3:5\npid 3 at 9:5\npid 2 takes SIGUSR1 at 6:5\npid 2 at 6:5\npid 2 at 2:11\npid 3 at 8:11"));
        assertTrue(mismatches(ok).isEmpty(), ok.findings().toString());
        assertEquals(6, ok.scheduleSteps());
        RunResult wrong = runWith(text, (
                "pid 2 at 3:5\npid 3 at 9:5\npid 2 takes SIGUSR2 at 6:5"));
        assertEquals(1, mismatches(wrong).size());
        assertTrue(mismatches(wrong).get(0).message().contains("took SIGUSR1, not the signal the step names"),
                wrong.findings().toString());
    }

    private static RunResult runWith(String text, String schedule) {
        List<String> errors = new ArrayList<>();
        return Simulator.run(ExploreVerdictTest.compile(text),
                RunOptions.defaults().withSchedule(Schedule.parse(schedule, errors).orElseThrow()));
    }

    private static List<oss.ir.diag.Diagnostic> mismatches(RunResult r) {
        return r.findings().stream().filter(d -> d.code() == Code.SCHEDULE_MISMATCH).toList();
    }
}
