package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;
import oss.runtime.observe.TaskState;

/** Signals in a run, each case checked against signal(7), sigaction(2), wait(2) rather than a past output. */
class SignalRunTest {
    private static final long MS = 1_000_000L;

    private static RunResult run(String body) {
        return Scenario.onFourCpus(body);
    }

    private static TaskReport task(RunResult r, String name) {
        return Scenario.task(r, name);
    }

    @Test
    void aDefaultActionEndsTheProcessWithStatus128PlusTheNumber() {
        RunResult r = run("""
                process victim { compute 10 ms }
                process killer { compute 1 ms
                  kill victim SIGTERM }""");
        assertEquals(143, task(r, "victim").exitStatus());
        assertEquals(1 * MS, task(r, "victim").finishNs());
    }

    @Test
    void aHandlerInterruptsAComputeWhoseRestRunsAfterIt() {
        RunResult r = run("""
                process worker {
                  signal SIGUSR1 { compute 1 ms }
                  compute 10 ms }
                process boss { compute 2 ms
                  kill worker SIGUSR1 }""");
        assertEquals(0, task(r, "worker").exitStatus());
        assertEquals(11 * MS, task(r, "worker").finishNs(), "10 ms of work and the handler's 1 ms");
    }

    @Test
    void aBlockedSignalThenIgnoredIsLost() {
        RunResult r = run("""
                process p {
                  sigprocmask block SIGUSR1
                  compute 2 ms
                  signal SIGUSR1 ignore
                  sigprocmask unblock SIGUSR1
                  compute 1 ms }
                process q { compute 1 ms
                  kill p SIGUSR1 }""");
        assertEquals(0, task(r, "p").exitStatus(), "ignored, it does not end p");
        assertEquals(1, Scenario.findings(r, Code.SIG_LOST).size(), () -> r.findings().toString());
    }

    @Test
    void aSecondSignalWhilePendingIsMerged() {
        RunResult r = run("""
                process p {
                  signal SIGUSR1 { compute 1 ms }
                  sigprocmask block SIGUSR1
                  compute 3 ms
                  sigprocmask unblock SIGUSR1 }
                process q { compute 1 ms
                  kill p SIGUSR1
                  compute 1 ms
                  kill p SIGUSR1 }""");
        assertEquals(4 * MS, task(r, "p").finishNs(), "the handler runs once, not twice");
        assertEquals(1, Scenario.findings(r, Code.SIG_LOST).size());
    }

    @Test
    void theHoverSaysWhatIsPendingAndBlockedAfterAKill() {
        RunResult r = run("""
                process p {
                  signal SIGUSR1 { compute 1 ms }
                  sigprocmask block SIGUSR1
                  compute 3 ms
                  sigprocmask unblock SIGUSR1 }
                process q { compute 1 ms
                  kill p SIGUSR1 }""");
        var sent = r.facts().stream().filter(f -> f.kind().equals("signal") && f.summary().contains("sent")).toList();
        assertEquals(1, sent.size(), () -> r.facts().toString());
        assertEquals("SIGUSR1 sent to p (pid 2); pending SIGUSR1, blocked SIGUSR1", sent.get(0).summary());
        var delivered = r.facts().stream().filter(f -> f.summary().startsWith("SIGUSR1 → p (pid 2)")).toList();
        assertEquals(1, delivered.size());
        assertEquals(3 * MS, delivered.get(0).timeNs(), "delivered when unblocked, at 3 ms");
    }

    /** Two SIGCHLDs interrupt the same `compute`: both deliveries are reported, at 2 ms and 4 ms. */
    @Test
    void everyDeliveryIsReportedEvenAtTheSameStatement() {
        RunResult r = run("""
                process shell {
                  signal SIGCHLD { wait any }
                  a = fork { compute 2 ms }
                  b = fork { compute 4 ms }
                  compute 6 ms }""");
        var delivered = r.facts().stream().filter(f -> f.summary().startsWith("SIGCHLD → shell (pid 2)")).toList();
        assertEquals(List.of(2 * MS, 4 * MS), delivered.stream().map(f -> f.timeNs()).toList(), () -> r.facts().toString());
    }

    @Test
    void aPauseNobodyEndsSleepsForever() {
        RunResult r = run("""
                process p {
                  signal SIGUSR1 { compute 1 ms }
                  pause }""");
        assertEquals(TaskState.SLEEPING, task(r, "p").state());
    }

    @Test
    void killOfAProcessThatDoesNotExistIsEsrch() {
        RunResult r = run("""
                process p { kill 99 SIGTERM }""");
        assertEquals(1, Scenario.findings(r, Code.SIG_NO_TASK).size());
        assertEquals(0, task(r, "p").exitStatus());
    }

    @Test
    void sigchldIgnoredMeansNoZombie() {
        RunResult r = run("""
                process p {
                  signal SIGCHLD ignore
                  c = fork { compute 1 ms }
                  compute 5 ms
                  snapshot "now" }""");
        String ps = r.snapshots().get(0).views().get("ps");
        assertTrue(!ps.contains(" Z "), ps);
        RunResult zombie = run("""
                process p {
                  c = fork { compute 1 ms }
                  compute 5 ms
                  snapshot "now" }""");
        assertTrue(zombie.snapshots().get(0).views().get("ps").contains(" Z "),
                zombie.snapshots().get(0).views().get("ps"));
    }

    @Test
    void sigsuspendWaitsWithItsMaskAndPutsTheOldOneBack() {
        RunResult r = run("""
                process p {
                  signal SIGUSR1 { compute 1 ms }
                  sigprocmask block SIGUSR1
                  sigsuspend
                  raise SIGUSR1
                  compute 1 ms }
                process q { compute 2 ms
                  kill p SIGUSR1 }""");
        // woken at 2 ms, handler 2-3 ms; SIGUSR1 blocked again after it, so the raise stays pending
        assertEquals(4 * MS, task(r, "p").finishNs());
        assertEquals(0, task(r, "p").exitStatus());
    }

    @Test
    void sigkillEndsAStoppedProcess() {
        RunResult r = run("""
                process job { compute 10 ms }
                process shell { compute 1 ms
                  kill job SIGSTOP
                  compute 1 ms
                  kill job SIGKILL }""");
        assertEquals(128 + 9, task(r, "job").exitStatus());
        assertEquals(2 * MS, task(r, "job").finishNs());
    }

    @Test
    void killOfAnUndeclaredProcessNameDoesNotCompile() {
        Compilation c = Compiler.compile("t.oss", "scenario \"t\" {\n process server { compute 1 ms }\n"
                + " process p {\n  kill sevrer SIGTERM\n }\n}\n");
        var d = c.diagnostics().stream().filter(x -> x.code() == Code.UNKNOWN_NAME).toList();
        assertEquals(1, d.size(), () -> c.diagnostics().toString());
        assertEquals(4, d.get(0).span().line());
        assertEquals(8, d.get(0).span().column(), "at the name, after `kill `");
        assertTrue(d.get(0).message().contains("did you mean `server`"), d.get(0).message());
    }

    @Test
    void aHandlerForSigkillDoesNotCompile() {
        Compilation c = Compiler.compile("t.oss", "scenario \"t\" {\n process p {\n  signal SIGKILL { compute 1 ms }\n"
                + "  sigprocmask block SIGSTOP\n }\n}\n");
        assertEquals(2, c.diagnostics().stream().filter(d -> d.code() == Code.SIG_UNCATCHABLE).count(),
                () -> c.diagnostics().toString());
    }

    /** A raise is said, as a kill is; sigprocmask's fact is the state alone (the hover names the task). */
    @Test
    void raiseAndSigprocmaskSayWhatChanged() {
        RunResult r = run("""
                process f {
                  sigprocmask block SIGTERM
                  raise SIGTERM
                  sigprocmask unblock SIGTERM }""");
        var raised = r.facts().stream().filter(f -> f.kind().equals("signal") && f.summary().contains("raised")).toList();
        assertEquals(List.of("SIGTERM raised by f (pid 2); pending SIGTERM, blocked SIGTERM"),
                raised.stream().map(f -> f.summary()).toList());
        var masks = r.facts().stream().filter(f -> f.kind().equals("sigmask")).map(f -> f.summary()).toList();
        assertEquals("pending -, blocked SIGTERM", masks.get(0));
    }
}
