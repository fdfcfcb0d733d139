package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeKind;
import org.junit.jupiter.api.Test;

class StructureAndTokensTest {
    static final String SRC = """
            // a first comment
            // spanning two lines
            scenario "s" {
              machine {
                cpus 2
              }
              mutex m
              semaphore room = 3
              process a {
                x = mmap 16 KiB anon private rw
                c = fork {
                  lock m
                  unlock m
                }
                wait c
              }
              expect no deadlock
            }
            """;

    @Test
    void outlineHasTheScenarioItsSectionsAndBindings() {
        List<DocumentSymbol> syms = new StructureService().symbols(Cursor.doc(SRC), () -> { });
        assertEquals(1, syms.size());
        DocumentSymbol scenario = syms.get(0);
        assertEquals("s", scenario.getName());
        List<String> names = scenario.getChildren().stream().map(DocumentSymbol::getName).toList();
        assertEquals(List.of("machine", "m", "room", "a", "expect no deadlock"), names);
        assertEquals("semaphore room — initial value 3", scenario.getChildren().get(2).getDetail());
        DocumentSymbol a = scenario.getChildren().get(3);
        assertEquals(List.of("x", "c"), a.getChildren().stream().map(DocumentSymbol::getName).toList());
        assertEquals("cpus", scenario.getChildren().get(0).getChildren().get(0).getName());
    }

    @Test
    void foldingCoversBlocksAndCommentRuns() {
        List<FoldingRange> fs = new StructureService().folding(Cursor.doc(SRC), () -> { });
        assertTrue(fs.stream().anyMatch(f -> f.getStartLine() == 0 && f.getEndLine() == 1
                && FoldingRangeKind.Comment.equals(f.getKind())), fs.toString());
        assertTrue(fs.stream().anyMatch(f -> f.getStartLine() == 2 && f.getEndLine() == 17), "scenario");
        assertTrue(fs.stream().anyMatch(f -> f.getStartLine() == 8 && f.getEndLine() == 15), "process");
        assertTrue(fs.stream().anyMatch(f -> f.getStartLine() == 10 && f.getEndLine() == 13), "fork block");
        assertTrue(fs.stream().anyMatch(f -> f.getStartLine() == 3 && f.getEndLine() == 5), "machine");
    }

    @Test
    void tokensClassifyNamesByKind() {
        List<Integer> data = new SemanticTokensService().full(Cursor.doc(SRC), () -> { }).getData();
        List<String> decoded = decode(SRC, data);
        assertTrue(decoded.contains("0:0 comment"), decoded.toString());
        assertTrue(decoded.contains("2:0 keyword scenario"), decoded.toString());
        assertTrue(decoded.contains("4:4 property cpus"), decoded.toString());
        assertTrue(decoded.contains("6:8 type m +decl"), decoded.toString());
        assertTrue(decoded.contains("11:11 type m"), decoded.toString());
        assertTrue(decoded.contains("8:10 function a +decl"), decoded.toString());
        assertTrue(decoded.contains("9:13 number 16"), decoded.toString());
        assertTrue(decoded.contains("9:16 enumMember KiB"), decoded.toString());
        assertTrue(decoded.contains("14:9 variable c"), decoded.toString());
        assertTrue(decoded.contains("7:17 operator ="), decoded.toString());
        assertTrue(decoded.contains("16:12 enumMember deadlock"), decoded.toString());
    }

    static final String DATA = """
            scenario "d" {
              int count = 0
              int flag[2] = {0, 1}
              process a {
                int r = 0
                while (count < 3) {
                  count++
                }
                r = fetch_add(count, 1)
              }
              expect always count <= 4
            }
            """;

    @Test
    void dataHasItsOutlineFoldsAndTokens() {
        DocumentSymbol scenario = new StructureService().symbols(Cursor.doc(DATA), () -> { }).get(0);
        assertEquals(List.of("count", "flag", "a", "expect always count <= 4"),
                scenario.getChildren().stream().map(DocumentSymbol::getName).toList());
        assertEquals("int flag[2] — shared by every task; initial value {0, 1}", scenario.getChildren().get(1).getDetail());
        assertEquals(List.of("r"), scenario.getChildren().get(2).getChildren().stream().map(DocumentSymbol::getName).toList());
        List<FoldingRange> fs = new StructureService().folding(Cursor.doc(DATA), () -> { });
        assertTrue(fs.stream().anyMatch(f -> f.getStartLine() == 5 && f.getEndLine() == 7), "while block: " + fs);
        List<String> decoded = decode(DATA, new SemanticTokensService().full(Cursor.doc(DATA), () -> { }).getData());
        assertTrue(decoded.contains("1:6 variable count +decl"), decoded.toString());
        assertTrue(decoded.contains("5:4 keyword while"), decoded.toString());
        assertTrue(decoded.contains("5:11 variable count"), decoded.toString());
        assertTrue(decoded.contains("4:8 variable r +decl"), decoded.toString());
        assertTrue(decoded.contains("8:8 keyword fetch_add"), decoded.toString());
        assertTrue(decoded.contains("10:16 variable count"), decoded.toString());
    }

    @Test
    void signalNamesAndFlagsAreConstantsNotVariables() {
        // As "variable" they outranked the grammar's constant.language.signal.oss in VS Code (seen in code-server).
        String src = """
                scenario "s" {
                  process w {
                    f = open "x" O_RDONLY
                    s = shmget 1 4 KiB
                    shmctl s IPC_RMID
                    kill w SIGUSR1
                  }
                }
                """;
        List<String> decoded = decode(src, new SemanticTokensService().full(Cursor.doc(src), () -> { }).getData());
        assertTrue(decoded.contains("2:17 enumMember O_RDONLY"), decoded.toString());
        assertTrue(decoded.contains("4:13 enumMember IPC_RMID"), decoded.toString());
        assertTrue(decoded.contains("5:11 enumMember SIGUSR1"), decoded.toString());
        assertTrue(decoded.contains("5:9 function w"), decoded.toString());
    }

    /** Turns the relative encoding back into "line:col type text" entries. */
    static List<String> decode(String text, List<Integer> data) {
        List<String> lines = Texts.lines(text);
        List<String> out = new ArrayList<>();
        int line = 0;
        int col = 0;
        for (int i = 0; i < data.size(); i += 5) {
            line += data.get(i);
            col = data.get(i) == 0 ? col + data.get(i + 1) : data.get(i + 1);
            String type = SemanticTokensService.TYPES.get(data.get(i + 3));
            String word = type.equals("comment") ? "" : " " + lines.get(line).substring(col, col + data.get(i + 2));
            out.add(line + ":" + col + " " + type + word + ((data.get(i + 4) & 1) != 0 ? " +decl" : ""));
        }
        return out;
    }
}
