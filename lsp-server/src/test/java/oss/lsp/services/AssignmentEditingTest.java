package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import oss.compiler.Compiler;

/** An assignment file in the editor: completion of its words, and its tests checked against the starter. */
class AssignmentEditingTest {
    private static final String ASSIGNMENT = """
            assignment "Philosophers" {
              submission "philosophers.oss"
              starter "starter.oss"
              budget {
                @B
              }
              test "no deadlock" points 4 @A{
                @T
              }
            }
            """;

    private static List<String> labels(String marked) {
        String text = ASSIGNMENT;
        for (String m : new String[] {"@B", "@A", "@T"}) {
            text = text.replace(m, marked.startsWith(m) ? marked.substring(2) : "");
        }
        Cursor c = Cursor.of(text);
        return new CompletionService().complete(c.doc(), c.pos(), () -> { }).stream().map(CompletionItem::getLabel)
                .toList();
    }

    @Test
    void aTestTakesChecksAndEachCheckItsWords() {
        assertEquals(CompletionService.CHECKS, labels("@T|"));
        assertEquals(List.of("finishes", "count"), labels("@Trequire |"));
        assertTrue(labels("@Trequire count |").containsAll(List.of("process", "semaphore", "mutex")));
        assertTrue(labels("@Tforbid choose, |").contains("trylock"));
        assertEquals(CompletionService.PARTS, labels("@Tunchanged machine, |"));
        assertTrue(labels("@Texpect |").contains("deadlock"), "a test's expect lines are the language's own");
    }

    @Test
    void theBudgetTakesItsKeysAndATestLineItsAttributes() {
        assertEquals(CompletionService.BUDGET_KEYS, labels("@B|"));
        assertTrue(labels("@Btime 10 |").contains("s"), "a unit after a number");
        assertEquals(CompletionService.TEST_WORDS, labels("@A| "));
    }

    @Test
    void theStarterIsReadNextToTheAssignment(@TempDir Path dir) throws Exception {
        String text = """
                assignment "Philosophers" {
                  submission "philosophers.oss"
                  starter "starter.oss"
                  test "no deadlock" points 4 {
                    expect philosoper[0].exit == 0
                  }
                }
                """;
        Path file = dir.resolve("assignment.oss");
        String uri = file.toUri().toString();
        OssDocument doc = new OssDocument(uri, 1, text, Compiler.compile("assignment.oss", text));
        List<Diagnostic> missing = new DiagnosticService().fast(doc);
        assertEquals(1, missing.size(), missing.toString());
        assertEquals("OSS1602", missing.get(0).getCode().getLeft());
        assertEquals(2, missing.get(0).getRange().getStart().getLine());

        Files.writeString(dir.resolve("starter.oss"), """
                scenario "table" {
                  mutex fork[5]
                  process philosopher[i in 0..4] {
                    lock fork[i]
                    lock fork[(i + 1) % 5]
                    unlock fork[(i + 1) % 5]
                    unlock fork[i]
                  }
                }
                """);
        List<Diagnostic> wrong = new DiagnosticService().fast(doc);
        assertEquals(1, wrong.size(), wrong.toString());
        assertEquals("OSS1603", wrong.get(0).getCode().getLeft());
        assertEquals(4, wrong.get(0).getRange().getStart().getLine(), "at the test's expect line");
        assertTrue(wrong.get(0).getMessage().contains("philosopher"), wrong.get(0).getMessage());
    }
}
