package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import oss.ir.program.Program;

/**
 * Shared memory is local work to the explorer (its pages are memory, not steps), so it cannot
 * say what {@code r = shmdt a} returns: a program that keeps such a result is refused with the
 * reason, rather than explored with a result the run may contradict.
 */
class ShmExploreTest {
    @Test
    void aKeptShmResultStopsTheExplorerWithTheReason() throws IOException {
        Program p = ExploreVerdictTest.compile(Files.readString(Path.of("..", "examples", "shm-results.oss")));
        ExploreResult x = DataExploreTest.explore(p, true);
        assertFalse(x.complete());
        assertTrue(x.stoppedBy().contains("the result of shmdt at"), x.stoppedBy());
        assertTrue(x.stoppedBy().contains("cannot say whether the call returns 0 or -1"), x.stoppedBy());
    }

    @Test
    void shmCallsWithoutResultsAreExploredAsLocalWork() throws IOException {
        Program p = ExploreVerdictTest.compile(Files.readString(Path.of("..", "examples", "shm-sysv.oss")));
        assertTrue(DataExploreTest.explore(p, true).complete());
    }
}
