package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.junit.jupiter.api.Test;

/** Completion inside pipes, queue and signal calls, with a | caret. */
class TalkCompletionTest {
    static final String SRC = """
            scenario "talk" {
              mutex m
              int got = 0
              process server {
                p = pipe
                q = msgget 42
                c = fork {
                  @C
                }
                @B
              }
              process client {
                compute 1 ms
              }
            }
            """;

    private static List<String> labels(String body) {
        String text = body.startsWith("@C") ? SRC.replace("@C", body.substring(2)).replace("@B", "")
                : SRC.replace("@B", body).replace("@C", "");
        Cursor c = Cursor.of(text);
        return new CompletionService().complete(c.doc(), c.pos(), () -> { }).stream().map(CompletionItem::getLabel)
                .toList();
    }

    @Test
    void theCallsAreStatements() {
        List<String> l = labels("|");
        assertTrue(l.containsAll(List.of("pipe", "close", "msgsnd", "kill", "sigaction", "shmat", "alarm")), l.toString());
    }

    @Test
    void signalNamesWhereASignalGoes() {
        for (String at : List.of("raise |", "kill client |", "kill c |", "sigaction |", "sigprocmask block |",
                "sigprocmask block SIGINT, |", "sigsuspend |")) {
            List<String> l = labels(at);
            assertTrue(l.containsAll(List.of("SIGINT", "SIGCHLD", "SIGUSR1", "SIGKILL")), at + " -> " + l);
            assertEquals(31, l.size(), at + " -> " + l);
        }
    }

    @Test
    void theWordsEachCallTakesNext() {
        assertEquals(List.of("block", "unblock", "setmask"), labels("sigprocmask |"));
        assertEquals(List.of("ignore", "default"), labels("signal SIGINT |"));
        assertEquals(List.of("restart", "resethand", "nodefer", "ignore", "default"), labels("sigaction SIGCHLD |"));
        assertEquals(List.of("O_RDONLY", "O_WRONLY", "O_RDWR", "O_NONBLOCK"), labels("f = open \"chan\" |"));
        assertEquals(List.of("IPC_RMID"), labels("msgctl q |"));
        assertEquals(List.of("type"), labels("msgsnd q |"));
        assertEquals(List.of("read", "write"), labels("close p.|"));
    }

    @Test
    void namesOfTheRightKind() {
        List<String> kill = labels("kill |");
        assertTrue(kill.containsAll(List.of("server", "client", "c", "parent")), kill.toString());
        assertFalse(kill.contains("m"), kill.toString());
        assertEquals(List.of("p"), labels("close |"));
        assertTrue(labels("msgsnd |").contains("q"));
        assertEquals(List.of("got"), labels("read p.read into |"));
    }

    @Test
    void signalTakesAConditionVariableOrASignal() {
        List<String> l = SRC.contains("condvar") ? List.of() : labels("signal |");
        assertTrue(l.contains("SIGINT"), l.toString());
        String withCond = SRC.replace("mutex m", "mutex m\n  condvar ready").replace("@B", "signal |").replace("@C", "");
        Cursor c = Cursor.of(withCond);
        List<String> both = new CompletionService().complete(c.doc(), c.pos(), () -> { }).stream()
                .map(CompletionItem::getLabel).toList();
        assertEquals("ready", both.get(0), both.toString());
        assertTrue(both.contains("SIGCHLD"), both.toString());
    }
}
