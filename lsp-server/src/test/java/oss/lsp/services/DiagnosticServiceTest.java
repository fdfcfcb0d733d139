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
import oss.runtime.diag.Code;

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
    void deepDiagnosticsCarryTheDeadlockWithRelatedPlacesAndSchedule() {
        OssDocument doc = Cursor.analysed(PHILOSOPHERS);
        List<Diagnostic> ds = new DiagnosticService().deep(doc);
        assertTrue(ds.stream().anyMatch(d -> d.getCode().getLeft().equals("OSS1304")), ds.toString());
        Diagnostic deadlock = ds.stream().filter(d -> d.getMessage().contains("shortest schedule")).findFirst()
                .orElseThrow(() -> new AssertionError(ds.toString()));
        assertTrue(deadlock.getData().toString().contains("pid 2") || deadlock.getData().toString().contains("a"));
        assertTrue(ds.stream().anyMatch(d -> d.getCode().getLeft().equals("OSS2101")), ds.toString());
        assertFalse(deadlock.getRelatedInformation() == null || deadlock.getRelatedInformation().isEmpty());
        assertEquals(Cursor.URI, deadlock.getRelatedInformation().get(0).getLocation().getUri());
    }
}
