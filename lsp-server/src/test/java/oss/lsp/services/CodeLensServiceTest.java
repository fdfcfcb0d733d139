package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.CodeLens;
import org.junit.jupiter.api.Test;

class CodeLensServiceTest {
    static final String SRC = """
            scenario "lenses" {
              banker {
                resources A B C
                total 10 5 7
                P0 alloc 0 1 0 max 7 5 3
                P1 alloc 2 0 0 max 3 2 2
                P2 alloc 3 0 2 max 9 0 2
                P3 alloc 2 1 1 max 2 2 2
                P4 alloc 0 0 2 max 4 3 3
              }
              process a {
                compute 10 ms
              }
              expect safe
              expect a.turnaround == 10 ms
              expect a.turnaround == 12 ms
            }
            """;

    private static List<String> titles(List<CodeLens> ls) {
        return ls.stream().map(l -> l.getCommand().getTitle()).toList();
    }

    @Test
    void runAndExploreBeforeTheDeepTier() {
        List<CodeLens> ls = new CodeLensService().lenses(Cursor.doc(SRC), () -> { });
        assertEquals(List.of("▶ Run", "⟳ Explore"), titles(ls));
        assertEquals("oss.run", ls.get(0).getCommand().getCommand());
        assertEquals(List.of(Cursor.URI), ls.get(0).getCommand().getArguments());
        assertEquals(0, ls.get(0).getRange().getStart().getLine());
    }

    @Test
    void bankerAndExpectationsAfterTheDeepTier() {
        List<CodeLens> ls = new CodeLensService().lenses(Cursor.analysed(SRC), () -> { });
        List<String> t = titles(ls);
        assertEquals("Safe sequence: P1 → P3 → P0 → P2 → P4", t.get(2), t.toString());
        assertEquals(1, ls.get(2).getRange().getStart().getLine());
        assertEquals("✓ holds", t.get(3));
        assertEquals("✓ holds", t.get(4));
        assertEquals(15, ls.get(5).getRange().getStart().getLine());
        assertTrue(t.get(5).startsWith("✗ expected a.turnaround == 12 ms, got 10"), t.get(5));
    }
}
