package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import oss.ir.program.Program;

/**
 * The explorer follows regular files (FileSteps) within its bounds, and says which bound stopped
 * it instead of guessing: a size it cannot hold, or more open file descriptions than its pool.
 */
class FileExploreTest {
    @Test
    void aRegularFileIsExplored() throws IOException {
        Program p = ExploreVerdictTest.compile(Files.readString(Path.of("..", "examples", "file-shared-offset.oss")));
        ExploreResult x = DataExploreTest.explore(p, true);
        assertTrue(x.complete(), x.stoppedBy());
    }

    @Test
    void aFileOver2GiBStopsItWithTheReason() {
        Program p = ExploreVerdictTest.compile("""
                scenario "t" {
                  file "/big" size 3 GiB
                  int n = 0
                  process a {
                    f = open "/big" O_RDONLY
                    n = read f 1 KiB
                  }
                }
                """);
        ExploreResult x = DataExploreTest.explore(p, true);
        assertFalse(x.complete());
        assertTrue(x.stoppedBy().contains("the size of \"/big\""), x.stoppedBy());
    }

    @Test
    void moreOpenDescriptionsThanThePoolCutThePathWithTheReason() {
        Program p = ExploreVerdictTest.compile("""
                scenario "t" {
                  process a {
                    for i in 1..9 {
                      f = open "/f" O_RDONLY O_CREAT
                      read f 1 KiB
                    }
                  }
                }
                """);
        ExploreResult x = DataExploreTest.explore(p, true);
        // the path ends there with a finding (OSS2404), as a pipe holding too many writes does
        assertTrue(x.findings().stream().anyMatch(f -> f.code() == oss.ir.diag.Code.EXPLORE_BUDGET
                && f.message().contains("more than 8 open file descriptions") && f.at().line() == 4), x.findings().toString());
    }

    @Test
    void aFifoIsStillExplored() throws IOException {
        Program p = ExploreVerdictTest.compile(Files.readString(Path.of("..", "examples", "fifo-two-processes.oss")));
        assertTrue(DataExploreTest.explore(p, true).complete());
    }
}
