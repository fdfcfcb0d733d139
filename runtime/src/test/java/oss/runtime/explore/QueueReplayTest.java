package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Message queues in the explorer and the run, one semantics: every schedule the explorer gives
 * for the queue examples and the scenarios here (a deadlock's, a property's witness or
 * counterexample) replays in the kernel step for step to the same verdict, with and without the
 * reduction; and a receive of a type nobody sends is a deadlock found on the shortest schedule.
 */
class QueueReplayTest {
    static final String OUT_OF_ORDER = """
            scenario "types" {
              int got = 0
              process a {
                q = msgget 1
                msgsnd q type 2 20
              }
              process b {
                q = msgget 1
                msgsnd q type 1 10
              }
              process c {
                q = msgget 1
                msgrcv q type -2 into got
              }
              expect possible got == 20
              expect possible got == 10
            }
            """;

    static final String PRIORITIES = """
            scenario "mq" {
              int first = 0
              process a {
                m = mq_open "/m" maxmsg 1
                mq_send m 1 prio 1
                mq_send m 2 prio 7
              }
              process b {
                int n = 0
                m = mq_open "/m" maxmsg 1
                n = mq_receive m nowait
                mq_receive m into first
              }
              expect always first == 1 || first == 2
              expect possible first == 2
            }
            """;

    static final String NEVER_SENT = """
            scenario "never" {
              process a {
                q = msgget 42
                msgsnd q type 1 8 B
              }
              process b {
                q = msgget 42
                msgrcv q type 3
              }
            }
            """;

    static List<Program> programs() throws Exception {
        List<Program> out = new ArrayList<>();
        out.add(ExploreVerdictTest.compile(OUT_OF_ORDER));
        out.add(ExploreVerdictTest.compile(PRIORITIES));
        out.add(ExploreVerdictTest.compile(NEVER_SENT));
        for (String name : List.of("msg-types.oss", "msg-queue-full.oss", "mq-priorities.oss", "msg-type-never-sent.oss")) {
            out.add(ExploreVerdictTest.compile(Files.readString(Path.of("..", "examples", name))));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyScheduleReplays() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Program p : programs()) {
            String name = p.title();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                for (boolean por : new boolean[] {true, false}) {
                    ExploreResult x = DataExploreTest.explore(p, por);
                    assertTrue(x.complete(), () -> name + ": " + x.stoppedBy());
                    for (ExploreFinding f : x.findings()) {
                        RunResult run = replay(p, f.schedule(), name);
                        if (f.code() == Code.DEADLOCK_REACHABLE) {
                            assertTrue(run.deadlocked(), name + ": " + f.schedule().format());
                        }
                    }
                    for (PropertyVerdict v : x.properties()) {
                        if (v.schedule().isEmpty()) {
                            continue;
                        }
                        RunResult run = replay(p, v.schedule().get(), name);
                        SharedData.Property prop = p.data().properties().stream()
                                .filter(q -> q.span().equals(v.span())).findFirst().orElseThrow();
                        assertEquals(v.mode() == SharedData.Property.Mode.POSSIBLE, Vals.truth(prop.condition(),
                                run.data()), () -> name + ": " + v.text() + " after " + v.schedule().get().format());
                    }
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void aReceiveOfATypeNobodySendsIsADeadlockOnTheShortestSchedule() {
        ExploreResult x = DataExploreTest.explore(ExploreVerdictTest.compile(NEVER_SENT), true);
        ExploreFinding f = x.findings().stream().filter(d -> d.code() == Code.DEADLOCK_REACHABLE).findFirst()
                .orElseThrow(() -> new AssertionError(x.findings().toString()));
        assertTrue(f.related().stream().anyMatch(r -> r.message().contains("b (pid 3) waits in msgrcv on queue q (key"
                + " 42) for a message of type 3; nobody left can send one")), f.related().toString());
        // a's msgget, msgsnd and exit, b's msgget: b's msgrcv never completes, so it is no step
        assertEquals(4, f.schedule().steps().size(), f.schedule().format());
    }

    @Test
    void bothPriorityOrdersAreReachedAndTheFullQueueBlocks() {
        ExploreResult x = DataExploreTest.explore(ExploreVerdictTest.compile(PRIORITIES), true);
        assertTrue(x.complete());
        assertTrue(x.properties().stream().allMatch(v -> v.outcome() == PropertyVerdict.Outcome.HOLDS),
                x.properties().toString());
    }

    private static RunResult replay(Program p, Schedule s, String name) {
        return Replayed.run(p, s, name);
    }
}
