package oss.lsp.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** A queue's uses lead to its msgget or mq_open; a call's result and `into` are the int variable's uses. */
class QueueNavigationTest {
    static final String SRC = """
            scenario "x" {
              process a {
                int n = 0
                int y = 0
                q = msgget 42
                msgsnd q| type 1 8 B
                n = msgrcv q type -2 into y
                msgctl q IPC_RMID
                m = mq_open "/jobs"
                mq_send m 5 prio 2
                mq_receive m into y
              }
            }
            """;
    final NavigationService nav = new NavigationService();

    @Test
    void aQueuesUsesLeadToItsMsgget() {
        Cursor c = Cursor.of(SRC);
        List<Location> defs = nav.definition(c.doc(), c.pos(), () -> { });
        assertEquals(1, defs.size());
        assertEquals(4, defs.get(0).getRange().getStart().getLine());
        List<TextEdit> edits = nav.rename(c.doc(), c.pos(), "jobs", () -> { }).getChanges().get(Cursor.URI);
        assertEquals(4, edits.size());
    }

    @Test
    void theResultAndTheReceivedValueAreTheVariablesOwn() {
        Cursor c = Cursor.of(SRC.replace("msgsnd q|", "msgsnd q").replace("into y\n    msgctl", "into |y\n    msgctl"));
        assertEquals(3, nav.references(c.doc(), c.pos(), true, () -> { }).size());
        Cursor n = Cursor.of(SRC.replace("msgsnd q|", "msgsnd q").replace("n = msgrcv", "|n = msgrcv"));
        List<Location> defs = nav.definition(n.doc(), n.pos(), () -> { });
        assertEquals(2, defs.get(0).getRange().getStart().getLine());
    }

    @Test
    void aPosixQueueIsFoundInSendAndReceive() {
        Cursor c = Cursor.of(SRC.replace("msgsnd q|", "msgsnd q").replace("mq_send m", "mq_send |m"));
        assertEquals(3, nav.references(c.doc(), c.pos(), true, () -> { }).size());
    }
}
