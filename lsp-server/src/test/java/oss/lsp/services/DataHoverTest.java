package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Hover;
import org.junit.jupiter.api.Test;

/** Hovers on variables show what the run read and wrote there; a race is one squiggle with its other site. */
class DataHoverTest {
    /**
     * One CPU, a then b, each to its end. By hand: a's loop loads 0, stores 1, loads 1, stores 2;
     * b's statement then loads 2 and stores 3. The run ends with count = 3.
     */
    static final String COUNTER = """
            scenario "counter" {
              machine { cpus 1 }
              int count = 0
              process a {
                repeat 2 {
                  count = count + 1
                }
              }
              process b {
                count = count + 1
              }
              expect count == 3
            }
            """;
    final HoverService hovers = new HoverService();

    private static String hover(HoverService hs, String marked) {
        Cursor c = Cursor.of(marked);
        Hover h = hs.hover(c.analysed(), c.pos(), () -> { });
        return h == null ? null : h.getContents().getRight().getValue();
    }

    @Test
    void aUseShowsTheValuesReadAndWrittenAtItsStatementAndTheFinalValue() {
        String h = hover(hovers, COUNTER.replace("      count = count + 1", "      co|unt = count + 1"));
        assertTrue(h.contains("**count** here in the run: read 0, 1 · wrote 1, 2"), h);
        assertTrue(h.contains("`count = 3`"), "the value when the run ended: " + h);
        String other = hover(hovers, COUNTER.replace("    count = count + 1\n  }\n  expect",
                "    count = count + |1\n  }\n  expect"));
        // the caret on a number, not on the variable: no values
        assertFalse(other != null && other.contains("here in the run"), other);
        String b = hover(hovers, COUNTER.replace("    count = count + 1\n  }\n  expect",
                "    count = co|unt + 1\n  }\n  expect"));
        assertTrue(b.contains("read 2 · wrote 3"), b);
    }

    @Test
    void theDeclarationShowsTheValueWhenTheRunEnded() {
        String h = hover(hovers, COUNTER.replace("int count = 0", "int cou|nt = 0"));
        assertTrue(h.contains("when the run ended: `count = 3` (initially 0)"), h);
    }

    @Test
    void aRaceIsOneDiagnosticAtOneAccessWithTheOtherAsRelatedInformation() {
        OssDocument doc = Cursor.analysed(COUNTER);
        List<Diagnostic> races = new DiagnosticService().deep(doc).stream()
                .filter(d -> d.getCode().getLeft().equals("OSS2502") || d.getCode().getLeft().equals("OSS1308")
                        || d.getCode().getLeft().equals("OSS2408"))
                .toList();
        assertEquals(1, races.size(), races.toString());
        Diagnostic race = races.get(0);
        assertEquals(1, race.getRelatedInformation().size(), race.toString());
        int here = race.getRange().getStart().getLine();
        int other = race.getRelatedInformation().get(0).getLocation().getRange().getStart().getLine();
        // a's statement is on line 6 (index 5), b's on line 10 (index 9): one is the squiggle, the other related
        assertEquals(java.util.Set.of(5, 9), java.util.Set.of(here, other), race.toString());
    }

    @Test
    void aStatementOnACounterexampleShowsTheValuesAlongIt() {
        // two tasks add 1 once each; `always count == 2` fails on the interleaving where both load 0
        String once = """
                scenario "once" {
                  int count = 0
                  process a {
                    count = count + 1
                  }
                  process b {
                    count = count + 1
                  }
                  expect always count == 2
                }
                """;
        String h = hover(hovers, once.replace("  process a {\n    count", "  process a {\n    co|unt"));
        assertTrue(h.contains("On the schedule to OSS3001 (9:3, "), h);
        assertTrue(h.contains("a (pid 2): read 0"), h);
        assertTrue(h.contains("a (pid 2): wrote 1"), h);
    }

    @Test
    void elsewhereInAStatementOnACounterexampleTheHoverListsEveryValueItsStepsReadAndWrote() {
        String once = """
                scenario "once" {
                  int count = 0
                  process a {
                    count = count + 1
                  }
                  process b {
                    count = count + 1
                  }
                  expect always count == 2
                }
                """;
        String h = hover(hovers, once.replace("  process a {\n    count = count + 1", "  process a {\n    count = count |+ 1"));
        assertTrue(h.contains("a (pid 2): read count = 0"), h);
        assertTrue(h.contains("a (pid 2): wrote count = 1"), h);
    }
}
