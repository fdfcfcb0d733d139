package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.program.Program;
import oss.runtime.Simulator;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.explore.ExploreResult;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.SnapshotView;

/**
 * Shared-memory calls are local work for the explorer (as mmap and memory accesses are): its
 * schedules name only the semaphores around them, and each replays in the run to the same end,
 * with the segment's frames shared as the run shares them.
 */
class SharedMemoryReplayTest {
    static final String TEXT = """
            scenario "shm deadlock" {
              machine { cpus 2 }
              semaphore first = 1
              semaphore second = 1
              process p {
                s = shmget 1 8 KiB
                x = shmat s
                P(first)
                write x[0]
                P(second)
                write x[4 KiB]
                V(second)
                V(first)
              }
              process q {
                s = shmget 1 8 KiB
                y = shmat s
                P(second)
                write y[4 KiB]
                P(first)
                read y[0]
                V(first)
                V(second)
              }
            }
            """;

    @Test
    void everyExplorerScheduleReplaysToTheSameSharedPages() {
        Analysis a = Analyzer.analyze("t.oss", TEXT, AnalyzeOptions.defaults());
        Program program = a.compilation().program().orElseThrow();
        ExploreResult x = a.explore().orElseThrow();
        assertTrue(x.deadlockFound(), x.summary());
        List<ExploreFinding> deadlocks = x.findings().stream().filter(f -> f.code() == Code.DEADLOCK_REACHABLE).toList();
        assertFalse(deadlocks.isEmpty());
        for (ExploreFinding f : x.findings()) {
            for (long seed : new long[] {1, 2, 3}) {
                RunResult replay = Simulator.run(program, RunOptions.defaults().withSeed(seed).withSchedule(f.schedule()));
                assertTrue(replay.findings().stream().noneMatch(d -> d.code() == Code.SCHEDULE_MISMATCH),
                        () -> f.schedule().format() + " does not replay: " + replay.findings());
                assertEquals(f.schedule().steps().size(), replay.scheduleSteps());
                if (f.code() == Code.DEADLOCK_REACHABLE) {
                    assertTrue(replay.deadlocked(), f.schedule().format());
                    // each wrote its page before blocking: one frame each, both shared by both, nobody detached
                    assertEquals(1, Runs.task(replay, "p").memory().minorFaults());
                    assertEquals(1, Runs.task(replay, "q").memory().minorFaults());
                    SnapshotView end = replay.snapshots().get(replay.snapshots().size() - 1);
                    assertTrue(end.views().get("meminfo").contains("Shmem:                 8 kB"), end.views().get("meminfo"));
                    assertTrue(end.views().get("maps/2").contains("/SYSV00000001 (deleted)"), end.views().get("maps/2"));
                    assertTrue(end.views().get("maps/3").contains("/SYSV00000001 (deleted)"), end.views().get("maps/3"));
                }
            }
        }
    }
}
