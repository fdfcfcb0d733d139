package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.Vals;
import oss.runtime.Simulator;
import oss.runtime.explore.ExploreOptions;
import oss.runtime.explore.ExploreResult;
import oss.runtime.explore.Explorer;
import oss.runtime.explore.PropertyVerdict;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * The run replays the explorer's schedules to the explorer's values: for each litmus test below,
 * the explorer's witness of the weak outcome ({@code expect possible}) or its counterexample
 * ({@code expect always}), replayed with {@code oss run --schedule}, ends where the explorer said,
 * flush steps and relaxed loads of older values included.
 */
class LitmusReplayTest {

    private static final String SB = """
            scenario "sb" {
              kernel { memory_model tso }
              int x
              int y
              process p0 { int r0 = 9
                x = 1
                r0 = y }
              process p1 { int r1 = 9
                y = 1
                r1 = x }
              expect possible p0.r0 == 0 && p1.r1 == 0
            }
            """;

    private static final String MP_RELAXED = """
            scenario "mp" {
              kernel { memory_model relaxed }
              int data
              int flag
              process writer {
                data = 1
                flag = 1
              }
              process reader { int r1 = 9
                int r2 = 9
                r1 = flag
                r2 = data }
              expect possible reader.r1 == 1 && reader.r2 == 0
            }
            """;

    /** With wmb() the stores stay in order; only a load of the older data value (no rmb) lets the reader see 1, 0. */
    private static final String MP_STALE_READ = """
            scenario "mp-wmb" {
              kernel { memory_model relaxed }
              int data
              int flag
              process writer {
                data = 1
                wmb()
                flag = 1
              }
              process reader { int r1 = 9
                int r2 = 9
                r1 = flag
                r2 = data }
              expect possible reader.r1 == 1 && reader.r2 == 0
            }
            """;

    private static final String LOST_UPDATE = """
            scenario "lost" {
              int count
              process a { count = count + 1
                count = count + 1 }
              process b { count = count + 1
                count = count + 1 }
              expect always count == 4
            }
            """;

    private static final String PETERSON_TSO = """
            scenario "peterson" {
              kernel { memory_model tso }
              int flag[2]
              int turn
              int inside
              int most
              process p[i in 0..1] {
                flag[i] = 1
                turn = 1 - i
                while (flag[1 - i] == 1 && turn == 1 - i) { }
                atomic_inc(inside)
                atomic { if (inside > most) { most = inside } }
                atomic_dec(inside)
                flag[i] = 0
              }
              expect always most <= 1
            }
            """;

    @ParameterizedTest
    @ValueSource(strings = {SB, MP_RELAXED, MP_STALE_READ, LOST_UPDATE, PETERSON_TSO})
    void theExplorersScheduleReplaysToItsOutcome(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        Program p = c.program().get();
        ExploreResult explored = Explorer.explore(p, ExploreOptions.defaults().withMaxSeconds(60));
        SharedData.Property prop = p.data().properties().get(0);
        PropertyVerdict v = explored.property(prop.span()).orElseThrow();
        boolean possible = prop.mode() == SharedData.Property.Mode.POSSIBLE;
        // the published outcomes: each weak result is allowed by its model, and the lost update and Peterson's break happen
        assertEquals(possible ? PropertyVerdict.Outcome.HOLDS : PropertyVerdict.Outcome.FAILS, v.outcome(), v.toString());
        var schedule = v.schedule().orElseThrow();
        if (text.contains("wmb()")) {
            assertTrue(schedule.steps().stream().anyMatch(s -> s.branch() == 1),
                    "only a load of the older value reaches it: " + schedule);
        }

        RunResult r = Simulator.run(p, RunOptions.defaults().withSchedule(schedule));
        assertTrue(r.findings().stream().noneMatch(d -> d.code() == Code.SCHEDULE_MISMATCH),
                () -> schedule + "\n" + r.findings());
        assertEquals(schedule.steps().size(), r.scheduleSteps());
        assertEquals(possible, Vals.truth(prop.condition(), r.data()),
                () -> "replaying " + schedule + " the run ends with " + prop.text() + " " + !possible);
    }
}
