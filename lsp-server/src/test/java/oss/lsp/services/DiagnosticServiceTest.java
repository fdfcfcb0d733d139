package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;

class DiagnosticServiceTest {
    static final String PHILOSOPHERS = """
            scenario "p" {
              mutex fork[2]
              process a {
                lock fork[0]
                sleep 1 ms
                lock fork[1]
                unlock fork[1]
                unlock fork[0]
              }
              process b {
                lock fork[1]
                sleep 1 ms
                lock fork[0]
                unlock fork[0]
                unlock fork[1]
              }
            }
            """;

    @Test
    void anchorsFollowGitHubHeadings() {
        assertEquals("oss2101--deadlock", DocLinks.anchor("OSS2101 — deadlock"));
        assertEquals("oss1106--indexing-something-that-is-not-an-array-or-an-array-without-index",
                DocLinks.anchor("OSS1106 — indexing something that is not an array, or an array without index"));
        assertEquals("oss1304--possible-deadlock-locks-taken-in-a-cyclic-order",
                DocLinks.anchor("OSS1304 — possible deadlock: locks taken in a cyclic order"));
    }

    @Test
    void everyCodeLinksToAHeadingThatExistsInTheDocs() throws Exception {
        Path docs = Path.of("..", "docs", "diagnostics.md");
        String md = Files.readString(docs);
        for (Code c : Code.values()) {
            assertTrue(md.contains("## " + DocLinks.heading(c)), "docs lack the heading of " + c.id());
        }
    }

    @Test
    void unknownNameHasRangeCodeLinkAndSeverity() {
        OssDocument doc = Cursor.doc("scenario \"x\" {\n  process a {\n    lock nope\n  }\n}\n");
        List<Diagnostic> ds = new DiagnosticService().fast(doc);
        Diagnostic d = ds.stream().filter(x -> x.getCode().getLeft().equals("OSS1101")).findFirst().orElseThrow();
        assertEquals(DiagnosticSeverity.Error, d.getSeverity());
        assertEquals("oss", d.getSource());
        assertEquals(2, d.getRange().getStart().getLine());
        assertEquals(9, d.getRange().getStart().getCharacter());
        assertEquals("https://github.com/oss-lang/oss/blob/main/docs/diagnostics.md#oss1101--unknown-name",
                d.getCodeDescription().getHref());
    }

    @Test
    void deepDiagnosticsCarryTheDeadlockOnceWithRelatedPlacesAndSchedule() {
        OssDocument doc = Cursor.analysed(PHILOSOPHERS);
        List<Diagnostic> ds = new DiagnosticService().deep(doc);
        // the lock-order check, the run and the explorer found the same cycle: one diagnostic says it
        List<Diagnostic> cycles = ds.stream().filter(d -> List.of("OSS1304", "OSS2101", "OSS2401")
                .contains(d.getCode().getLeft())).toList();
        assertEquals(1, cycles.size(), ds.toString());
        Diagnostic deadlock = cycles.get(0);
        assertEquals("OSS2101", deadlock.getCode().getLeft());
        assertTrue(deadlock.getMessage().contains("also found by the explorer (OSS2401), reached after"),
                deadlock.getMessage());
        assertTrue(deadlock.getMessage().contains("pid 2 at"), deadlock.getMessage());
        assertTrue(deadlock.getMessage().contains("the lock-order check before the run (OSS1304)"),
                deadlock.getMessage());
        assertFalse(deadlock.getRelatedInformation() == null || deadlock.getRelatedInformation().isEmpty());
        assertEquals(Cursor.URI, deadlock.getRelatedInformation().get(0).getLocation().getUri());
        assertTrue(deadlock.getMessage().lines().count() <= 12, deadlock.getMessage());
    }

    @Test
    void theBankerSpeaksOnTheRequestLineOnceWithoutTablesInTheProblemsList() throws Exception {
        String text = java.nio.file.Files.readString(java.nio.file.Path.of("..", "examples", "banker-denied.oss"));
        OssDocument doc = Cursor.analysed(text);
        List<Diagnostic> ds = new DiagnosticService().deep(doc).stream()
                .filter(d -> d.getCode().getLeft().startsWith("OSS22")).toList();
        int requestLine = (int) text.lines().takeWhile(l -> !l.strip().startsWith("request")).count();
        for (Diagnostic d : ds) {
            // on the request line, not from `banker {` to its closing brace
            assertEquals(requestLine, d.getRange().getStart().getLine(), d.toString());
            assertEquals(requestLine, d.getRange().getEnd().getLine(), d.toString());
            assertFalse(d.getMessage().contains(" | "), "a table in a Problems message: " + d.getMessage());
        }
        // the report (its tables in data) and the denial, not also a separate "unsafe" saying the same
        assertEquals(2, ds.size(), ds.toString());
        assertTrue(ds.stream().anyMatch(d -> String.valueOf(d.getData()).contains("Allocation")), ds.toString());
    }
}
