package oss.grader.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormaliserTest {
    private static List<String> words(String text) {
        Prepared.Normalised n = Prepared.normalise(text);
        assertTrue(n.tree(), "parses: " + text);
        return n.tokens().stream().map(Token::text).toList();
    }

    @Test
    void namesBecomeTheirKindAndIndex() {
        List<String> w = words("""
                scenario "t" {
                  mutex a
                  process p[i in 0..1] {
                    int x = i
                    lock a
                  }
                }
                """);
        assertEquals(List.of("Declaration", "MUTEX", "mutex0",
                "ProcessNode", "process0", "index0", "#0", "#1", "{",
                "Stmt.Var", "local0", "index0", "Stmt.Lock", "mutex0", "}"), w);
    }

    @Test
    void renamingCommentsLayoutTitleAndTopLevelOrderAreErased() {
        String original = """
                scenario "Two locks" {
                  mutex a
                  mutex b
                  process p { lock a; lock b; compute 2 ms; unlock b; unlock a }
                  process q {
                    lock a
                    compute 1 ms
                    unlock a
                  }
                  expect no deadlock
                }
                """;
        String disguised = """
                // my own work
                scenario "Homework 3" {
                  expect no deadlock   /* checked */
                  process worker2 {
                    lock first
                    compute 1 ms
                    unlock first
                  }
                  mutex second
                  process worker1 {
                    lock first
                    lock second
                    compute 2 ms
                    unlock second
                    unlock first
                  }
                  mutex first
                }
                """;
        assertEquals(words(original), words(disguised));
    }

    @Test
    void statementOrderAndLockIdentityStay() {
        String ab = """
                scenario "t" {
                  mutex a
                  mutex b
                  process p { lock a; lock b; compute 1 ms }
                  process q { lock a; lock b; compute 2 ms }
                }
                """;
        String ba = """
                scenario "t" {
                  mutex a
                  mutex b
                  process p { lock a; lock b; compute 1 ms }
                  process q { lock b; lock a; compute 2 ms }
                }
                """;
        assertNotEquals(words(ab), words(ba));
        String swapped = """
                scenario "t" {
                  mutex a
                  mutex b
                  process p { compute 1 ms; lock a; lock b }
                  process q { lock a; lock b; compute 2 ms }
                }
                """;
        assertNotEquals(words(ab), words(swapped));
    }

    @Test
    void numbersByValueAndSynonymsAsOne() {
        assertEquals(words("scenario \"t\" { semaphore s = 0x10\n process p { P(s); V(s) } }"),
                words("scenario \"t\" { semaphore s = 1_6\n process p { wait s; post s } }"));
        assertNotEquals(words("scenario \"t\" { process p { compute 2 ms } }"),
                words("scenario \"t\" { process p { compute 3 ms } }"));
    }

    @Test
    void aFileWithoutATreeFallsBackToTheLexersTokens() {
        Prepared.Normalised n = Prepared.normalise("process p { lock m // no scenario around it\n compute 0x2 ms }");
        assertFalse(n.tree());
        assertEquals(List.of("process", "id", "{", "lock", "id", "compute", "#2", "id", "}"),
                n.tokens().stream().map(Token::text).toList());
    }

    @Test
    void tokensKeepTheirLines() {
        List<Token> t = Prepared.normalise("scenario \"t\" {\n  mutex m\n\n  process p {\n    lock m\n  }\n}\n").tokens();
        Token lock = t.stream().filter(x -> x.text().equals("Stmt.Lock")).findFirst().orElseThrow();
        assertEquals(5, lock.line());
        assertEquals(2, t.get(0).line()); // the declaration sorts first and is on line 2
    }
}
