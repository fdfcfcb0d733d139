package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import oss.ir.program.Program;

/** The explorer does not model the terminal or dup2: it stops before any step and names the call. */
class StdioExploreTest {
    @Test
    void aWriteToStdoutStopsTheExplorerWithTheReason() {
        Program p = ExploreVerdictTest.compile("""
                scenario "t" {
                  int n = 0
                  process a {
                    n = write stdout 4 B
                  }
                }
                """);
        ExploreResult x = DataExploreTest.explore(p, true);
        assertFalse(x.complete());
        assertTrue(x.stoppedBy().contains("the write at 4:5"), x.stoppedBy());
    }

    @Test
    void aDup2StopsItToo() {
        Program p = ExploreVerdictTest.compile("""
                scenario "t" {
                  process a {
                    pp = pipe
                    dup2 pp.read stdin
                  }
                }
                """);
        ExploreResult x = DataExploreTest.explore(p, true);
        assertFalse(x.complete());
        assertTrue(x.stoppedBy().contains("the dup2 at 4:5"), x.stoppedBy());
    }
}
