package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.program.Program;

/**
 * The explorer follows stdin, stdout and stderr (the terminal at birth) and dup2 as the run does
 * (FileSteps); values worked out from dup2(2) and pipe(7). What it still does not follow (the
 * file system's names) stops it before any step, naming the call.
 */
class StdioExploreTest {
    private static List<String> outcomes(String text) {
        Program p = ExploreVerdictTest.compile(text);
        ExploreResult x = DataExploreTest.explore(p, true);
        assertTrue(x.complete(), x.stoppedBy());
        return x.properties().stream().map(v -> v.outcome().name()).toList();
    }

    @Test
    void theTerminalTakesWritesAndReadsAsEndOfFile() {
        // a write to the terminal succeeds whole; nobody types, so a read is 0; lseek on it is ESPIPE
        assertEquals(List.of("HOLDS"), outcomes("""
                scenario "t" {
                  int n = 0
                  int r = 9
                  int l = 0
                  process a {
                    n = write stdout 4 B
                    r = read stdin 4 B
                    l = lseek stderr 0 SEEK_CUR
                  }
                  expect always n == 4 && r == 0 && l == -1
                }
                """));
    }

    @Test
    void aClosedStdoutIsEbadfAndDup2PutsAFileThere() {
        // after close stdout a write is -1; dup2 f stdout makes 1 share f's offset: 10 then 20 bytes, offset 30
        assertEquals(List.of("HOLDS"), outcomes("""
                scenario "t" {
                  int bad = 0
                  int at = 0
                  process a {
                    close stdout
                    bad = write stdout 4 B
                    f = open "/out" O_WRONLY O_CREAT
                    dup2 f stdout
                    write stdout 10 B
                    write f 20 B
                    at = lseek stdout 0 SEEK_CUR
                    close f
                  }
                  expect always bad == -1 && at == 30
                }
                """));
    }

    @Test
    void aPipelineReaderThatKeepsItsOwnWriteEndDeadlocks() throws java.io.IOException {
        // examples/pipe-dup2-stdio.oss without wc's `close p.write`: its second read of stdin waits for itself
        String text = java.nio.file.Files.readString(PipeReplayTest.EXAMPLES.resolve("pipe-dup2-stdio.oss"));
        String wc = text.substring(text.indexOf("dup2 p.read stdin"));
        String bug = text.replace(wc, wc.replaceFirst("      close p.write\n", ""));
        assertTrue(DataExploreTest.explore(ExploreVerdictTest.compile(bug), true).deadlockFound());
        assertFalse(DataExploreTest.explore(ExploreVerdictTest.compile(text), true).deadlockFound());
    }

    @Test
    void aDup2OntoAPipesEndVariableEndsThePathWithTheReason() {
        Program p = ExploreVerdictTest.compile("""
                scenario "t" {
                  process a {
                    pp = pipe
                    f = open "/x" O_RDONLY O_CREAT
                    dup2 f pp.read
                  }
                }
                """);
        ExploreResult x = DataExploreTest.explore(p, true);
        assertTrue(x.findings().stream().anyMatch(f -> f.message().contains("dup2 onto one end of a pipe's variable")),
                x.findings().toString());
    }

    @Test
    void aPathCallStillStopsItWithTheReason() {
        Program p = ExploreVerdictTest.compile("""
                scenario "t" {
                  process a {
                    mkdir "/x"
                  }
                }
                """);
        ExploreResult x = DataExploreTest.explore(p, true);
        assertFalse(x.complete());
        assertTrue(x.stoppedBy().contains("the mkdir at 3:5"), x.stoppedBy());
    }
}
