package oss.runtime.kernel.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.SnapshotView;
import oss.runtime.observe.StatementFact;

/**
 * `--show fd` (lsof's rows for each live process) and the descriptor table a hover shows after a
 * call. The values are worked out by hand: 0, 1 and 2 are the terminal every process starts with
 * (one open file description, read-write: lsof's "u"); the first open is 3; fork copies the table
 * and shares each description, so the child's 3 has the parent's offset.
 */
class LsofTest {
    static final String TEXT = """
            scenario "t" {
              file "/in" size 8 KiB
              process reader {
                f = open "/in" O_RDONLY
                read f 2 KiB
                g = dup f
                p = pipe
                c = fork {
                  read f 1 KiB
                  snapshot "child"
                  close f
                  close g
                  close p.read
                  close p.write
                }
                wait c
                snapshot "parent"
                close f
                close g
                close p.read
                close p.write
              }
            }
            """;

    private static RunResult run() {
        Compilation c = Compiler.compile("t.oss", TEXT);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return Simulator.run(c.program().get(), RunOptions.defaults());
    }

    private static String view(RunResult r, String label) {
        return r.snapshots().stream().filter(s -> s.label().equals(label)).map(SnapshotView::views)
                .map(v -> v.get("fd")).findFirst().orElseThrow();
    }

    @Test
    void theChildsSnapshotListsBothProcessesWithOneOffset() {
        // parent read 2048, then the child 1024 more on the shared description: 3072 for 3 and 4 in both;
        // pipe's ends are 5 (read) and 6 (write), the lowest free after dup took 4
        String expected = """
                COMMAND PID FD TYPE SIZE  OFF NODE NAME
                reader    2 0u CHR     -    -    - /dev/tty
                reader    2 1u CHR     -    -    - /dev/tty
                reader    2 2u CHR     -    -    - /dev/tty
                reader    2 3r REG  8192 3072   11 /in
                reader    2 4r REG  8192 3072   11 /in
                reader    2 5r FIFO    -    -    - pipe p
                reader    2 6w FIFO    -    -    - pipe p
                reader    3 0u CHR     -    -    - /dev/tty
                reader    3 1u CHR     -    -    - /dev/tty
                reader    3 2u CHR     -    -    - /dev/tty
                reader    3 3r REG  8192 3072   11 /in
                reader    3 4r REG  8192 3072   11 /in
                reader    3 5r FIFO    -    -    - pipe p
                reader    3 6w FIFO    -    -    - pipe p
                """;
        assertEquals(expected, view(run(), "child"));
    }

    @Test
    void afterEveryCloseTheEndOfRunSaysSo() {
        RunResult r = run();
        assertTrue(view(r, "parent").contains("reader    2 4r REG  8192 3072   11 /in"), view(r, "parent"));
        assertFalse(view(r, "parent").contains("reader    3"), "the child has exited: " + view(r, "parent"));
        assertEquals("no live process holds a descriptor (every one was closed at exit)\n", view(r, "end of run"));
    }

    @Test
    void aSnapshotWithOnlyTheTerminalHasNoFdView() {
        Compilation c = Compiler.compile("t.oss", """
                scenario "t" {
                  process a {
                    compute 1 ms
                    snapshot "s"
                  }
                }
                """);
        RunResult r = Simulator.run(c.program().get(), RunOptions.defaults());
        assertFalse(r.snapshots().get(0).views().containsKey("fd"), r.snapshots().get(0).views().keySet().toString());
    }

    @Test
    void theHoverAfterACallListsTheDescriptorsSharingADescription() {
        RunResult r = run();
        StatementFact dup = r.facts().stream().filter(f -> f.kind().equals("dup")).findFirst().orElseThrow();
        assertEquals(List.of("descriptors 0, 1, 2: the terminal /dev/tty",
                "descriptors 3, 4: \"/in\" (read-only), offset 2048 of 8192"), dup.details());
        StatementFact childRead = r.facts().stream().filter(f -> f.kind().equals("read") && f.pid() == 3).findFirst()
                .orElseThrow();
        // the child's 3 and 4 are the parent's description: 4 descriptors refer to it, 2 of them in the parent
        assertTrue(childRead.details().contains("descriptors 3, 4: \"/in\" (read-only), offset 3072 of 8192 (shared"
                + " with 2 descriptor(s) of other processes)"), childRead.details().toString());
    }
}
