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
        // its first lseek is line 30 (the child's), met before the whole program's opens are looked at
        assertTrue(x.stoppedBy().contains("the lseek at 30:7"), x.stoppedBy());
    }

    @Test
    void anOpenOfAPathNoMkfifoMakesStopsItToo() {
        Program p = ExploreVerdictTest.compile("""
                scenario "t" {
                  file "/f" size 4 KiB
                  int n = 0
                  process a {
                    f = open "/f" O_RDONLY
                    n = read f 1 KiB
                  }
                }
                """);
        ExploreResult x = DataExploreTest.explore(p, true);
        assertFalse(x.complete());
        assertTrue(x.stoppedBy().contains("the open of \"/f\" at 5:5"), x.stoppedBy());
    }

    @Test
    void aFifoIsStillExplored() throws IOException {
        Program p = ExploreVerdictTest.compile(Files.readString(Path.of("..", "examples", "fifo-two-processes.oss")));
        assertTrue(DataExploreTest.explore(p, true).complete());
    }
}
