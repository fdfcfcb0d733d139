package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

class NavigationServiceTest {
    static final String SRC = """
            scenario "x" {
              mutex fork[2]
              semaphore room = 1
              process a {
                P(room)
                lock fork[0]
                x = mmap 16 KiB anon private rw
                write x[0]
                unlock fo|rk[0]
                V(room)
              }
              process b {
                x = malloc 64
                free x
              }
            }
            """;
    final NavigationService nav = new NavigationService();

    @Test
    void definitionOfALockUseIsItsDeclaration() {
        Cursor c = Cursor.of(SRC);
        List<Location> defs = nav.definition(c.doc(), c.pos(), () -> { });
        assertEquals(1, defs.size());
        assertEquals(1, defs.get(0).getRange().getStart().getLine());
        assertEquals(8, defs.get(0).getRange().getStart().getCharacter());
    }

    @Test
    void definitionOfAKillTargetIsTheChildOrTheProcess() {
        String src = """
                scenario "k" {
                  process server { compute 1 ms }
                  process shell {
                    c = fork { compute 5 ms }
                    kill |c SIGTERM
                    kill server SIGUSR1
                  }
                }
                """;
        Cursor child = Cursor.of(src);
        List<Location> defs = nav.definition(child.doc(), child.pos(), () -> { });
        assertEquals(1, defs.size());
        assertEquals(3, defs.get(0).getRange().getStart().getLine());
        Cursor process = Cursor.of(src.replace("kill |c", "kill c").replace("kill server", "kill ser|ver"));
        List<Location> p = nav.definition(process.doc(), process.pos(), () -> { });
        assertEquals(1, p.size());
        assertEquals(1, p.get(0).getRange().getStart().getLine());
    }

    @Test
    void aPipesEndsLeadToItsNameAndRenameFollowsThem() {
        String src = """
                scenario "p" {
                  int n = 0
                  process w {
                    p = pipe
                    c = fork {
                      close p.write
                      n = read |p.read 4 KiB
                    }
                    close p.read
                    write p.write 1 KiB
                  }
                }
                """;
        Cursor c = Cursor.of(src);
        List<Location> defs = nav.definition(c.doc(), c.pos(), () -> { });
        assertEquals(1, defs.size());
        assertEquals(3, defs.get(0).getRange().getStart().getLine());
        WorkspaceEdit e = nav.rename(c.doc(), c.pos(), "chan", () -> { });
        assertEquals(5, e.getChanges().get(Cursor.URI).size(), "p = pipe and its four uses");
        // `n = read` uses the variable n declared above, it does not make a new one
        Cursor n = Cursor.of(src.replace("read |p.read", "read p.read").replace("n = read", "|n = read"));
        List<Location> nDefs = nav.definition(n.doc(), n.pos(), () -> { });
        assertEquals(1, nDefs.size());
        assertEquals(1, nDefs.get(0).getRange().getStart().getLine());
    }

    @Test
    void referencesWithAndWithoutTheDeclaration() {
        Cursor c = Cursor.of(SRC);
        assertEquals(3, nav.references(c.doc(), c.pos(), true, () -> { }).size());
        assertEquals(2, nav.references(c.doc(), c.pos(), false, () -> { }).size());
    }

    @Test
    void localVariablesStayInTheirProcess() {
        Cursor c = Cursor.of(SRC.replace("fo|rk[0]\n    V", "fork[0]\n    V").replace("write x[0]", "write |x[0]"));
        List<DocumentHighlight> hs = nav.highlights(c.doc(), c.pos(), () -> { });
        assertEquals(2, hs.size());
        assertEquals(DocumentHighlightKind.Write, hs.get(0).getKind());
        assertEquals(6, hs.get(0).getRange().getStart().getLine());
        assertEquals(7, hs.get(1).getRange().getStart().getLine());
    }

    @Test
    void renameEditsEveryOccurrence() {
        Cursor c = Cursor.of(SRC);
        WorkspaceEdit e = nav.rename(c.doc(), c.pos(), "chopstick", () -> { });
        List<TextEdit> edits = e.getChanges().get(Cursor.URI);
        assertEquals(3, edits.size());
        assertEquals("chopstick", edits.get(0).getNewText());
        assertEquals(c.pos().getLine(), nav.prepareRename(c.doc(), c.pos(), () -> { }).getStart().getLine());
    }

    @Test
    void aVariableIsFoundInItsProcessAndInTheExpectationsThatNameIt() {
        Cursor c = Cursor.of("""
                scenario "v" {
                  int count = 0
                  process p {
                    int r|0 = 0
                    r0 = count + r0
                  }
                  process q {
                    int r0 = 1
                  }
                  expect p.r0 == 1
                  expect always p.r0 + count >= 1
                }
                """);
        // the declaration, two uses in p's body and two in the expectations; not q's r0
        assertEquals(5, nav.references(c.doc(), c.pos(), true, () -> { }).size());
        WorkspaceEdit e = nav.rename(c.doc(), c.pos(), "seen", () -> { });
        assertEquals(5, e.getChanges().get(Cursor.URI).size());
        Cursor shared = Cursor.of("""
                scenario "v" {
                  int co|unt = 0
                  process p { count = count + 1 }
                  expect count == 1
                }
                """);
        assertEquals(4, nav.references(shared.doc(), shared.pos(), true, () -> { }).size());
    }

    @Test
    void renameRefusesKeywordsAndBadNames() {
        Cursor c = Cursor.of(SRC);
        assertThrows(ResponseErrorException.class, () -> nav.rename(c.doc(), c.pos(), "any", () -> { }));
        assertThrows(ResponseErrorException.class, () -> nav.rename(c.doc(), c.pos(), "in", () -> { }));
        assertThrows(ResponseErrorException.class, () -> nav.rename(c.doc(), c.pos(), "9lives", () -> { }));
        assertThrows(ResponseErrorException.class, () -> nav.rename(c.doc(), c.pos(), "room", () -> { }));
    }

    @Test
    void aTextbookNameThatIsAKeywordIsAName() {
        // keywords are names: `semaphore mutex = 1`, and renaming a lock to `lock` is fine
        Cursor c = Cursor.of(SRC);
        WorkspaceEdit e = nav.rename(c.doc(), c.pos(), "lock", () -> { });
        assertEquals(3, e.getChanges().get(Cursor.URI).size());
        String buffer = """
                scenario "b" {
                  semaphore mutex = 1
                  process p {
                    wait mu|tex
                    post mutex
                  }
                }
                """;
        Cursor m = Cursor.of(buffer);
        List<Location> defs = nav.definition(m.doc(), m.pos(), () -> { });
        assertEquals(1, defs.size());
        assertEquals(1, defs.get(0).getRange().getStart().getLine());
        assertEquals(3, nav.references(m.doc(), m.pos(), true, () -> { }).size());
        String hover = new HoverService().hover(m.doc(), m.pos(), () -> { }).getContents().getRight().getValue();
        org.junit.jupiter.api.Assertions.assertTrue(hover.contains("semaphore mutex"), hover);
    }

    @Test
    void nothingRenameableOnAKeyword() {
        Cursor c = Cursor.of(SRC.replace("fo|rk[0]\n    V", "fork[0]\n    V").replace("    lock fork", "    lo|ck fork"));
        assertNull(nav.prepareRename(c.doc(), c.pos(), () -> { }));
        assertNull(nav.rename(c.doc(), c.pos(), "z", () -> { }));
    }
}
