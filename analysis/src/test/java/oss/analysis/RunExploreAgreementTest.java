package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import oss.runtime.Simulator;
import oss.ir.diag.Code;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.explore.ExploreResult;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.ir.program.Program;

/**
 * Keeps the run and the explorer honest with each other, on every example:
 * a deadlock the default run reaches is one the explorer finds, and every
 * schedule the explorer reports replays in the run to the same end.
 */
class RunExploreAgreementTest {

    @TestFactory
    Stream<DynamicTest> everyRunDeadlockIsFoundAndEveryScheduleReplays() throws IOException {
        return ExamplesTest.examples().stream().map(path -> DynamicTest.dynamicTest(path.getFileName().toString(), () -> {
            Analysis a = Analyzer.analyze(path.toString(), Files.readString(path), AnalyzeOptions.defaults());
            if (a.compilation().program().isEmpty() || a.explore().isEmpty()) {
                return;
            }
            Program program = a.compilation().program().get();
            ExploreResult x = a.explore().get();
            // a program the explorer refuses before its first step (the I/O models' calls) has nothing to agree on
            boolean refused = !x.complete() && x.states() == 0 && x.stoppedBy() != null;
            if (a.run().map(RunResult::deadlocked).orElse(false) && !refused) {
                assertTrue(x.deadlockFound(), path + ": the run deadlocks but the explorer says " + x.summary());
            }
            for (ExploreFinding f : x.findings()) {
                for (long seed : new long[] {1, 2, 3}) { // a choose follows the schedule, not the seed
                    RunResult replay = Simulator.run(program,
                            RunOptions.defaults().withSeed(seed).withSchedule(f.schedule()));
                    assertTrue(replay.findings().stream().noneMatch(d -> d.code() == Code.SCHEDULE_MISMATCH),
                            () -> path + ": " + f.schedule().format() + " does not replay: " + replay.findings());
                    assertEquals(f.schedule().steps().size(), replay.scheduleSteps(), path + ": steps followed");
                    if (f.code() == Code.DEADLOCK_REACHABLE) {
                        assertTrue(replay.deadlocked(), () -> path + ": replaying " + f.schedule().format()
                                + " ends without a deadlock");
                    }
                }
            }
        }));
    }
}
