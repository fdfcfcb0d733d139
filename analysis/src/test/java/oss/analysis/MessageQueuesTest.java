package oss.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * System V and POSIX message queues in a run, each behaviour as its man page states it
 * (msgsnd(2), msgrcv(2), msgctl(2), mq_overview(7)), and their lowering's diagnostics.
 */
class MessageQueuesTest {
    private static String two(String a, String b) {
        return "scenario \"q\" {\n  machine {\n    cpus 2\n  }\n  process A {\n" + a + "  }\n  process B arrives 1 ms {\n"
                + b + "  }\n}\n";
    }

    private static boolean found(RunResult r, Code code, String part) {
        return r.findings().stream().anyMatch(d -> d.code() == code && d.message().contains(part));
    }

    private static long slot(RunResult r, String process, int index) {
        return Runs.task(r, process).variables().get(index);
    }

    private static List<Diagnostic> compile(String text) {
        return Analyzer.analyze("t.oss", text, new AnalyzeOptions(RunOptions.defaults())).compilation().diagnostics();
    }

    @Test
    void aNegativeTypeTakesTheLowestTypeFirstAndZeroTheOldest() {
        RunResult r = Runs.run(two("""
                    q = msgget 1
                    msgsnd q type 3 30
                    msgsnd q type 2 20
                    msgsnd q type 2 21
                """, """
                    int x = 0
                    int y = 0
                    q = msgget 1
                    msgrcv q type -3 into x
                    msgrcv q type 0 into y
                """));
        assertEquals(20, slot(r, "B", 0), r.tasks().toString());
        assertEquals(30, slot(r, "B", 1));
        assertTrue(found(r, Code.QUEUE_LEFT, "1 message, 4 B: type 2 (21)"), r.findings().toString());
    }

    @Test
    void aReceiverAsleepGetsTheMessageAtTheSend() {
        // B sleeps in msgrcv from 0 ms; A sends at 1 ms: B wakes with it and ends at 1 ms
        RunResult r = Runs.run("""
                scenario "q" {
                  machine {
                    cpus 2
                  }
                  process A arrives 1 ms {
                    q = msgget 5
                    msgsnd q type 7 99
                  }
                  process B {
                    int v = 0
                    q = msgget 5
                    msgrcv q type 7 into v
                    msgctl q IPC_RMID
                  }
                }
                """);
        assertEquals(99, slot(r, "B", 0));
        assertEquals(1_000_000L, Runs.task(r, "B").finishNs());
        assertTrue(r.findings().stream().noneMatch(d -> d.code() == Code.QUEUE_LEFT), r.findings().toString());
    }

    @Test
    void nowaitGivesMinusOneAndTooLargeIsEinval() {
        RunResult r = Runs.run(two("""
                    int n = 5
                    int m = 5
                    int k = 5
                    q = msgget 3
                    n = msgrcv q type 1 nowait
                    m = msgsnd q type 1 9 KiB
                    k = msgsnd q type 1 4 KiB
                    msgctl q IPC_RMID
                """, "    compute 1 ms\n"));
        assertEquals(-1, slot(r, "A", 0));
        assertEquals(-1, slot(r, "A", 1));
        assertEquals(0, slot(r, "A", 2));
        assertTrue(found(r, Code.MSG_TOO_LARGE, "msgmax = 8192 B"), r.findings().toString());
    }

    @Test
    void removingTheQueueWakesItsSleepersWithMinusOne() {
        RunResult r = Runs.run(two("""
                    int n = 5
                    q = msgget 9
                    n = msgrcv q type 4
                """, """
                    q = msgget 9
                    msgctl q IPC_RMID
                    msgsnd q type 1 8 B
                """));
        assertEquals(-1, slot(r, "A", 0));
        assertTrue(!r.deadlocked(), r.findings().toString());
        assertTrue(found(r, Code.QUEUE_REMOVED, "EINVAL"), r.findings().toString());
    }

    @Test
    void aSenderPastMsgmnbSleepsAndTheReportNamesTheQueue() {
        RunResult r = Runs.run(two("""
                    q = msgget 11
                    msgsnd q type 1 8 KiB
                    msgsnd q type 1 8 KiB
                    msgsnd q type 1 1 B
                """, "    compute 1 ms\n"));
        assertTrue(r.deadlocked());
        assertTrue(found(r, Code.BLOCKED_FOREVER, "room for 1 B in msgsnd on queue q (key 11, msqid 0) (16384 of 16384"
                + " B used)"), r.findings().toString());
    }

    @Test
    void aKeyMadeAgainAfterRemovalHasANewId() {
        RunResult r = Runs.run(two("""
                    q = msgget 4
                    msgctl q IPC_RMID
                    r = msgget 4
                    s = msgget 0
                """, "    compute 1 ms\n"));
        // ipc_idr_alloc: index 0 again with sequence 1, then index 1 with sequence 2
        assertEquals(0, slot(r, "A", 0));
        assertEquals(32768, slot(r, "A", 1));
        assertEquals(65537, slot(r, "A", 2));
    }

    @Test
    void theLoweringSaysWhatIsWrong() {
        List<Diagnostic> ds = compile(two("""
                    q = msgget 1
                    m = mq_open "/a"
                    mq_send q 1
                    msgsnd m type 1 1
                    msgrcv z type 1
                    msgsnd q type 0 1
                    x = mq_open "bad"
                """, "    compute 1 ms\n"));
        String all = Runs.describe(ds);
        assertTrue(ds.stream().anyMatch(d -> d.code() == Code.WRONG_KIND && d.message().contains(
                "`q` is a System V message queue (msgget), not a POSIX message queue")), all);
        assertTrue(ds.stream().anyMatch(d -> d.code() == Code.WRONG_KIND && d.message().contains("`m` is a POSIX")), all);
        assertTrue(ds.stream().anyMatch(d -> d.code() == Code.UNKNOWN_NAME && d.message().contains("`z`")), all);
        assertTrue(ds.stream().anyMatch(d -> d.code() == Code.VALUE_OUT_OF_RANGE && d.message().contains("mtype")), all);
        assertTrue(ds.stream().anyMatch(d -> d.code() == Code.VALUE_OUT_OF_RANGE && d.message().contains("/somename")),
                all);
        assertTrue(ds.stream().noneMatch(d -> d.code() == Code.NOT_SIMULATED_YET), all);
    }

    @Test
    void ipcsListsTheQueuesLeftAndTheSemaphoreSets() {
        RunResult r = Runs.run("""
                scenario "q" {
                  semset s = [1, 0, 2]
                  process A {
                    q = msgget 42
                    msgsnd q type 1 100 B
                    msgsnd q type 2 28 B
                    r = msgget 43
                    msgctl r IPC_RMID
                  }
                }
                """);
        String ipcs = r.snapshots().get(r.snapshots().size() - 1).views().get("ipcs");
        assertTrue(ipcs.contains("0x0000002a 0          A                128          2\n"), ipcs);
        assertTrue(!ipcs.contains("0x0000002b"), ipcs);
        assertTrue(ipcs.contains("0x00000000 0          s                3\n"), ipcs);
    }

    @Test
    void aReceiveOfATypeNobodySendsIsSaidOnlyWhenCertain() {
        String sure = two("""
                    q = msgget 5
                    msgsnd q type 1 8 B
                    msgsnd q type 2 8 B
                """, """
                    q = msgget 5
                    msgrcv q type 3
                    msgrcv q type -2
                    msgrcv q type 3 nowait
                """);
        List<Diagnostic> ds = compile(sure);
        List<Diagnostic> said = ds.stream().filter(d -> d.code() == Code.MSG_TYPE_NEVER_SENT).toList();
        assertEquals(1, said.size(), Runs.describe(ds));
        assertEquals(12, said.get(0).span().line());
        assertTrue(said.get(0).message().contains("sends only types 1, 2"), said.get(0).message());
        // a send on a queue whose key depends on the path taken: nothing is certain any more
        String unsure = sure.replace("    msgsnd q type 2 8 B\n", "    int c = 0\n    r = msgget 6\n    if (c > 0) {\n      r = msgget 5\n"
                + "    }\n    msgsnd r type 3 8 B\n");
        assertTrue(compile(unsure).stream().noneMatch(d -> d.code() == Code.MSG_TYPE_NEVER_SENT),
                Runs.describe(compile(unsure)));
        List<Diagnostic> mq = compile(two("    m = mq_open \"/a\"\n    mq_send m 1\n",
                "    m = mq_open \"/b\"\n    mq_receive m\n"));
        assertEquals(1, mq.stream().filter(d -> d.code() == Code.MQ_NEVER_SENT).count(), Runs.describe(mq));
    }

    @Test
    void aHandledSignalEndsMsgrcvWithEintrAndRestartsMqReceive() {
        RunResult r = Runs.run("""
                scenario "q" {
                  machine {
                    cpus 2
                  }
                  process A {
                    int n = 5
                    int k = 5
                    signal SIGUSR1 {
                      compute 1 ms
                    }
                    q = msgget 8
                    n = msgrcv q type 1
                    m = mq_open "/x"
                    k = mq_receive m
                  }
                  process B arrives 1 ms {
                    m = mq_open "/x"
                    kill A SIGUSR1
                    sleep 5 ms
                    kill A SIGUSR1
                    sleep 5 ms
                    mq_send m 7
                  }
                }
                """);
        assertEquals(-1, slot(r, "A", 0), r.findings().toString());
        assertEquals(4, slot(r, "A", 1), r.findings().toString());
        assertTrue(!r.deadlocked(), r.findings().toString());
    }
}
