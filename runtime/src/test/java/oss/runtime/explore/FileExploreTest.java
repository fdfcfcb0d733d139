package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import oss.ir.program.Program;

/**
 * The explorer models FIFOs, not regular files: before this check an open of a regular file was
 * explored as ENOENT (-1), so `expect always` could be decided against what the run does. It now
 * stops before any step and names the open; a FIFO's open is still explored.
 */
class FileExploreTest {
    @Test
    void aRegularFileStopsTheExplorerWithTheReason() throws IOException {
        Program p = ExploreVerdictTest.compile(Files.readString(Path.of("..", "examples", "file-shared-offset.oss")));
        ExploreResult x = DataExploreTest.explore(p, true);
        assertFalse(x.complete());
        assertTrue(x.stoppedBy().contains("the open of \"/data/in\" at 19:5"), x.stoppedBy());
    }

    @Test
    void aFifoIsStillExplored() throws IOException {
        Program p = ExploreVerdictTest.compile(Files.readString(Path.of("..", "examples", "fifo-two-processes.oss")));
        assertTrue(DataExploreTest.explore(p, true).complete());
    }
}
