package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.runtime.Simulator;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.runtime.observe.TaskState;
import oss.runtime.observe.GanttSlice;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;

/**
 * Scenario-level tests of the engine's semantics. Every expected number is
 * worked out by hand from the textbook rule (and the tie rules of
 * docs/language.md, "Scheduling semantics"); the working is in the comment
 * next to it. Times in comments are in ms unless said otherwise.
 */
class RunSemanticsTest {
    static final long MS = 1_000_000L;

    // ---- helpers ----------------------------------------------------------------------------------

    static RunResult run(String text) {
        return run(text, RunOptions.defaults());
    }

    static RunResult run(String text, RunOptions options) {
        Compilation c = Compiler.compile("test.oss", text);
        List<Diagnostic> compileErrors = c.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertTrue(compileErrors.isEmpty(), () -> "does not compile:\n" + describe(compileErrors));
        assertTrue(c.program().isPresent(), "no program");
        return Simulator.run(c.program().get(), options);
    }

    static String describe(List<Diagnostic> ds) {
        return ds.stream().map(d -> d.span() + " " + d.code().id() + " " + d.message()).collect(Collectors.joining("\n"));
    }

    /** The declared (not forked) process of that name. */
    static TaskReport task(RunResult r, String process) {
        return r.tasks().stream().filter(t -> !t.forked() && t.process().equals(process)).findFirst()
                .orElseThrow(() -> new AssertionError("no process " + process));
    }

    static TaskReport pid(RunResult r, int pid) {
        return r.tasks().stream().filter(t -> t.pid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("no pid " + pid));
    }

    /** CPU {@code cpu}'s Gantt chart as "pid:start-end ..." in ms (pid 0 is context-switch time). */
    static String gantt(RunResult r, int cpu) {
        return r.gantt().stream().filter(s -> s.cpu() == cpu)
                .map(s -> s.pid() + ":" + ms(s.startNs()) + "-" + ms(s.endNs()))
                .collect(Collectors.joining(" "));
    }

    static String ms(long ns) {
        return ns % MS == 0 ? Long.toString(ns / MS) : Double.toString(ns / (double) MS);
    }

    static List<Diagnostic> findings(RunResult r, Code code) {
        return r.findings().stream().filter(d -> d.code() == code).toList();
    }

    static Diagnostic only(RunResult r, Code code) {
        List<Diagnostic> ds = findings(r, code);
        assertEquals(1, ds.size(), () -> "expected one " + code.id() + ", got:\n" + describe(r.findings()));
        return ds.get(0);
    }

    /** The 1-based line of the text holding {@code marker} (a comment put there for the purpose). */
    static int line(String text, String marker) {
        String[] lines = text.split("\n", -1);
        int found = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                assertEquals(-1, found, "marker " + marker + " is not unique");
                found = i + 1;
            }
        }
        assertTrue(found > 0, "no marker " + marker);
        return found;
    }

    static void assertTimes(RunResult r, String process, long finishMs, long waitingMs) {
        TaskReport t = task(r, process);
        assertEquals(finishMs * MS, t.finishNs(), process + ".finish");
        assertEquals(waitingMs * MS, t.waitingNs(), process + ".waiting");
    }

    // ---- 1. textbook policies on one CPU ----------------------------------------------------------------

    @Test
    void fifoWithArrivals() {
        RunResult r = run("""
                scenario "fifo" {
                  machine { cpus 1 }
                  kernel { scheduler fifo }
                  process P1 { compute 8 ms }
                  process P2 arrives 1 ms { compute 4 ms }
                  process P3 arrives 2 ms { compute 9 ms }
                  process P4 arrives 3 ms { compute 5 ms }
                }
                """);
        // In arrival order, never preempted: P1 0-8, P2 8-12, P3 12-21, P4 21-26.
        // Waiting = start - arrival: P1 0, P2 8-1 = 7, P3 12-2 = 10, P4 21-3 = 18.
        assertEquals("2:0-8 3:8-12 4:12-21 5:21-26", gantt(r, 0));
        assertTimes(r, "P1", 8, 0);
        assertTimes(r, "P2", 12, 7);
        assertTimes(r, "P3", 21, 10);
        assertTimes(r, "P4", 26, 18);
        assertEquals(List.of("P1", "P2", "P3", "P4"), r.finishOrder());
        for (TaskReport t : r.tasks().subList(1, r.tasks().size())) {
            assertEquals(0, t.involuntarySwitches(), t.process());
        }
    }

    @Test
    void sjfTextbook() {
        RunResult r = run("""
                scenario "sjf" {
                  machine { cpus 1 }
                  kernel { scheduler sjf }
                  process P1 { compute 6 ms }
                  process P2 { compute 8 ms }
                  process P3 { compute 7 ms }
                  process P4 { compute 3 ms }
                }
                """);
        // Shortest burst first: P4 (3) 0-3, P1 (6) 3-9, P3 (7) 9-16, P2 (8) 16-24.
        // Waiting: P1 3, P2 16, P3 9, P4 0 (average 7).
        assertEquals("5:0-3 2:3-9 4:9-16 3:16-24", gantt(r, 0));
        assertTimes(r, "P1", 9, 3);
        assertTimes(r, "P2", 24, 16);
        assertTimes(r, "P3", 16, 9);
        assertTimes(r, "P4", 3, 0);
        assertEquals(List.of("P4", "P1", "P3", "P2"), r.finishOrder());
    }

    @Test
    void roundRobinQuantum4Textbook() {
        RunResult r = run("""
                scenario "rr" {
                  machine { cpus 1 }
                  kernel { scheduler rr quantum 4 ms }
                  process P1 { compute 24 ms }
                  process P2 { compute 3 ms }
                  process P3 { compute 3 ms }
                }
                """);
        // P1 0-4 (quantum over, P2 and P3 queued: to the tail), P2 4-7, P3 7-10, then P1
        // alone 10-30: its quantum keeps ending with nobody queued, which is no switch.
        // Waiting: P1 10-4 = 6, P2 4, P3 7.
        assertEquals("2:0-4 3:4-7 4:7-10 2:10-30", gantt(r, 0));
        assertTimes(r, "P1", 30, 6);
        assertTimes(r, "P2", 7, 4);
        assertTimes(r, "P3", 10, 7);
        assertEquals(1, task(r, "P1").involuntarySwitches());
        // A burst that ends before (P2 at 3 of 4) its quantum is no preemption.
        assertEquals(0, task(r, "P2").involuntarySwitches());
        assertEquals(0, task(r, "P3").involuntarySwitches());
    }

    @Test
    void roundRobinQuantum2WithArrivals() {
        RunResult r = run("""
                scenario "rr2" {
                  machine { cpus 1 }
                  kernel { scheduler rr quantum 2 ms }
                  process P1 { compute 5 ms }
                  process P2 arrives 1 ms { compute 3 ms }
                  process P3 arrives 3 ms { compute 1 ms }
                }
                """);
        // 0-2 P1 (P2 arrives at 1: queue [P2]); at 2 P1 to the tail: [P2 P1].
        // 2-4 P2 (P3 arrives at 3: [P1 P3]); at 4 P2 (1 left) to the tail: [P1 P3 P2].
        // 4-6 P1 (1 left) -> [P3 P2 P1]; 6-7 P3 done; 7-8 P2 done; 8-9 P1 done.
        // Turnaround P1 9, P2 8-1 = 7, P3 7-3 = 4; waiting = turnaround - burst: 4, 4, 3.
        // Response: P1 0, P2 2-1 = 1, P3 6-3 = 3.
        assertEquals("2:0-2 3:2-4 2:4-6 4:6-7 3:7-8 2:8-9", gantt(r, 0));
        assertTimes(r, "P1", 9, 4);
        assertTimes(r, "P2", 8, 4);
        assertTimes(r, "P3", 7, 3);
        assertEquals(0, task(r, "P1").responseNs());
        assertEquals(1 * MS, task(r, "P2").responseNs());
        assertEquals(3 * MS, task(r, "P3").responseNs());
        assertEquals(2, task(r, "P1").involuntarySwitches()); // at 2 and at 6
        assertEquals(1, task(r, "P2").involuntarySwitches()); // at 4
        assertEquals(0, task(r, "P3").involuntarySwitches());
    }

    @Test
    void arrivalAndQuantumExpiryAtTheSameInstantArrivalQueuesFirst() {
        RunResult r = run("""
                scenario "tie" {
                  machine { cpus 1 }
                  kernel { scheduler rr quantum 2 ms }
                  process P1 { compute 4 ms }
                  process P2 arrives 2 ms { compute 2 ms }
                }
                """);
        // At 2 P2 arrives and P1's quantum ends: the arrival is queued first, so
        // the queue is [P2 P1] and P2 runs 2-4 (it would be P1 again if the
        // expiry went first). P2's burst ends exactly with its quantum: not a
        // preemption. P1 resumes 4-6.
        assertEquals("2:0-2 3:2-4 2:4-6", gantt(r, 0));
        assertTimes(r, "P1", 6, 2);
        assertTimes(r, "P2", 4, 0);
        assertEquals(1, task(r, "P1").involuntarySwitches());
        assertEquals(0, task(r, "P2").involuntarySwitches());
    }

    @Test
    void stcfPreemptsForShorterArrivals() {
        RunResult r = run("""
                scenario "stcf" {
                  machine { cpus 1 }
                  kernel { scheduler stcf }
                  process A { compute 100 ms }
                  process B arrives 10 ms { compute 10 ms }
                  process C arrives 10 ms { compute 10 ms }
                }
                """);
        // OSTEP's example: A 0-10; at 10 B and C (10 left each) beat A (90 left).
        // B and C tie; B became runnable first (declared first), so B 10-20, C 20-30, A 30-120.
        // Turnaround A 120, B 10, C 20; waiting A 20, B 0, C 10.
        assertEquals("2:0-10 3:10-20 4:20-30 2:30-120", gantt(r, 0));
        assertTimes(r, "A", 120, 20);
        assertTimes(r, "B", 20, 0);
        assertTimes(r, "C", 30, 10);
        assertEquals(1, task(r, "A").involuntarySwitches());
        assertEquals(List.of("B", "C", "A"), r.finishOrder());
    }

    // ---- 2. two CPUs ----------------------------------------------------------------------------------

    @Test
    void twoCpusFourEqualFifoJobs() {
        RunResult r = run("""
                scenario "smp" {
                  machine { cpus 2 }
                  kernel { scheduler fifo }
                  process J1 { compute 10 ms }
                  process J2 { compute 10 ms }
                  process J3 { compute 10 ms }
                  process J4 { compute 10 ms }
                }
                """);
        // One shared queue [J1 J2 J3 J4]; idle CPUs pick in CPU order: CPU0 J1, CPU1 J2
        // at 0; both end at T = 10 and CPU0 takes J3, CPU1 J4, ending at 2T = 20.
        assertEquals("2:0-10 4:10-20", gantt(r, 0));
        assertEquals("3:0-10 5:10-20", gantt(r, 1));
        assertTimes(r, "J1", 10, 0);
        assertTimes(r, "J2", 10, 0);
        assertTimes(r, "J3", 20, 10);
        assertTimes(r, "J4", 20, 10);
        assertEquals(List.of("J1", "J2", "J3", "J4"), r.finishOrder());
        assertEquals(20 * MS, r.endNs());
    }

    // ---- 3. context switch cost ---------------------------------------------------------------------

    @Test
    void contextSwitchCostWithRoundRobin() {
        String body = """
                  machine { cpus 1 }
                  process P1 { compute 10 ms }
                  process P2 { compute 6 ms }
                }
                """;
        RunResult free = run("scenario \"cs0\" {\n  kernel { scheduler rr quantum 4 ms }\n" + body);
        RunResult paid = run("scenario \"cs1\" {\n  kernel {\n    scheduler rr quantum 4 ms\n    context_switch 1 ms\n  }\n" + body);
        // Without cost: P1 0-4, P2 4-8, P1 8-12, P2 12-14 (done), P1 14-16 (done).
        assertEquals("2:0-4 3:4-8 2:8-12 3:12-14 2:14-16", gantt(free, 0));
        assertEquals(14 * MS, task(free, "P2").finishNs());
        assertEquals(16 * MS, task(free, "P1").finishNs());
        // With 1 ms per switch to a different task (none for the very first dispatch):
        // P1 0-4, switch 4-5, P2 5-9, switch 9-10, P1 10-14, switch 14-15, P2 15-17 (done),
        // switch 17-18, P1 18-20 (done). Four switches: P1 ends 16 + 4 x 1 = 20;
        // P2 has three switches before its end: 14 + 3 = 17.
        assertEquals("2:0-4 0:4-5 3:5-9 0:9-10 2:10-14 0:14-15 3:15-17 0:17-18 2:18-20", gantt(paid, 0));
        assertEquals(17 * MS, task(paid, "P2").finishNs());
        assertEquals(20 * MS, task(paid, "P1").finishNs());
        long switching = paid.gantt().stream().filter(s -> s.pid() == 0).mapToLong(s -> s.endNs() - s.startNs()).sum();
        assertEquals(4 * MS, switching);
        // The switch is the CPU's time, not the task's.
        assertEquals(10 * MS, task(paid, "P1").cpuNs());
        assertEquals(6 * MS, task(paid, "P2").cpuNs());
    }

    @Test
    void preemptionDuringAContextSwitchChartsOnlyTheTimeSpent() {
        RunResult r = run("""
                scenario "cs preempted" {
                  machine { cpus 1 }
                  kernel {
                    scheduler rr quantum 4 ms
                    context_switch 2 ms
                  }
                  process P1 { compute 6 ms }
                  process P2 { compute 6 ms }
                  process rt policy fifo priority 10 arrives 5 ms { compute 1 ms }
                }
                """);
        // P1 0-4; its quantum ends and the switch to P2 starts at 4. rt arrives at 5 and
        // preempts at once: the switch to P2 is abandoned after 1 ms (4-5), and P2 has
        // not run. Switch to rt 5-7, rt 7-8; queue [P1 (since 4), P2 (since 5)]:
        // switch 8-10, P1 10-12 (its last 2), switch 12-14, P2 14-20.
        // Switch time 1 + 2 + 2 + 2 = 7, work 13: the CPU is busy until 20.
        assertEquals("2:0-4 0:4-7 4:7-8 0:8-10 2:10-12 0:12-14 3:14-20", gantt(r, 0));
        List<GanttSlice> cpu0 = r.gantt().stream().filter(s -> s.cpu() == 0).toList();
        for (int i = 1; i < cpu0.size(); i++) {
            assertTrue(cpu0.get(i - 1).endNs() <= cpu0.get(i).startNs(), "overlap: " + cpu0);
        }
        assertEquals(14 * MS, task(r, "P2").firstRunNs()); // not 6: it never ran then
        assertEquals(14 * MS, task(r, "P2").responseNs());
        assertEquals(2 * MS, task(r, "rt").responseNs());
        assertEquals(12 * MS, task(r, "P1").finishNs());
        assertEquals(20 * MS, task(r, "P2").finishNs());
        assertEquals(8 * MS, task(r, "rt").finishNs());
    }

    // ---- 4. mutex handoff ---------------------------------------------------------------------------

    @Test
    void mutexIsHandedOverInArrivalOrder() {
        RunResult r = run("""
                scenario "handoff" {
                  machine { cpus 1 }
                  kernel { scheduler fifo }
                  mutex m
                  process A {
                    lock m
                    sleep 10 ms
                    unlock m
                  }
                  process late arrives 3 ms {
                    lock m
                    compute 1 ms
                    unlock m
                  }
                  process mid arrives 2 ms {
                    lock m
                    compute 1 ms
                    unlock m
                  }
                  process early arrives 1 ms {
                    lock m
                    compute 1 ms
                    unlock m
                  }
                }
                """);
        // A holds m and sleeps 0-10. early (1), mid (2), late (3) each run at once on the
        // idle CPU and block on m: wait queue [early mid late] (declaration order is the
        // reverse). At 10 A unlocks: m goes straight to early, A exits at 10; early 10-11
        // hands to mid, mid 11-12 to late, late 12-13.
        assertEquals(List.of("A", "early", "mid", "late"), r.finishOrder());
        assertTimes(r, "A", 10, 0);
        assertTimes(r, "early", 11, 0);
        assertTimes(r, "mid", 12, 0);
        assertTimes(r, "late", 13, 0);
        // One voluntary switch each: A's sleep, the others' blocking lock.
        for (String p : List.of("A", "early", "mid", "late")) {
            assertEquals(1, task(r, p).voluntarySwitches(), p + " voluntary");
            assertEquals(0, task(r, p).involuntarySwitches(), p + " involuntary");
        }
        assertFalse(r.deadlocked());
        assertTrue(r.findings().isEmpty(), () -> describe(r.findings()));
    }

    // ---- 5. semaphores ---------------------------------------------------------------------------

    @Test
    void semaphoreZeroOneVPerP() {
        RunResult r = run("""
                scenario "sem" {
                  machine { cpus 1 }
                  kernel { scheduler fifo }
                  semaphore s = 0
                  process consumer {
                    P(s)
                    compute 1 ms
                    P(s)
                    compute 1 ms
                  }
                  process producer {
                    compute 2 ms
                    V(s)
                    compute 2 ms
                    V(s)
                  }
                }
                """);
        // consumer blocks at 0 on s = 0. producer 0-2, V wakes the consumer (queued at 2),
        // producer goes on 2-4 (FIFO: no preemption), its second V finds no waiter: s = 1;
        // producer exits at 4. consumer 4-5, P takes s (1 -> 0) without blocking, 5-6.
        // (consumer's first turn, 0-0, takes no time and is no slice.)
        assertEquals("3:0-4 2:4-6", gantt(r, 0));
        assertTimes(r, "producer", 4, 0);
        assertTimes(r, "consumer", 6, 2);
        assertEquals(1, task(r, "consumer").voluntarySwitches());
        assertEquals(List.of("producer", "consumer"), r.finishOrder());
        assertFalse(r.deadlocked());
    }

    @Test
    void semaphorePingPongAlternates() {
        RunResult r = run("""
                scenario "pingpong" {
                  machine { cpus 1 }
                  kernel { scheduler fifo }
                  semaphore ping = 0
                  semaphore pong = 0
                  process A {
                    repeat 3 {
                      compute 1 ms
                      V(ping)
                      P(pong)
                    }
                  }
                  process B {
                    repeat 3 {
                      P(ping)
                      compute 1 ms
                      V(pong)
                    }
                  }
                }
                """);
        // 0-1 A, V(ping) (B not waiting yet: ping = 1), A blocks on pong.
        // 1-2 B (takes ping), V(pong) wakes A, B blocks on ping. 2-3 A, V(ping) wakes B,
        // A blocks. 3-4 B, wakes A, blocks. 4-5 A, wakes B, blocks on its third P(pong).
        // 5-6 B, V(pong) wakes A, B is done at 6. A's third P returns: A is done at 6.
        assertEquals("2:0-1 3:1-2 2:2-3 3:3-4 2:4-5 3:5-6", gantt(r, 0));
        assertEquals(List.of("B", "A"), r.finishOrder());
        assertEquals(6 * MS, task(r, "A").finishNs());
        assertEquals(6 * MS, task(r, "B").finishNs());
        assertEquals(3, task(r, "A").voluntarySwitches()); // blocks at 1, 3, 5
        assertEquals(2, task(r, "B").voluntarySwitches()); // blocks at 2, 4
    }

    @Test
    void unmatchedPIsBlockedForever() {
        String text = """
                scenario "unmatched" {
                  machine { cpus 1 }
                  semaphore s = 0
                  process A {
                    P(s)
                    P(s) // the second P
                    compute 1 ms
                  }
                  process B {
                    compute 1 ms
                    V(s)
                  }
                }
                """;
        RunResult r = run(text);
        // One V for two Ps: A's first P is matched at 1 ms, its second never; no task
        // could post s any more (B is gone), so it is no cycle: blocked forever.
        Diagnostic d = only(r, Code.BLOCKED_FOREVER);
        assertEquals(line(text, "// the second P"), d.span().line());
        assertTrue(findings(r, Code.DEADLOCK).isEmpty());
        assertTrue(r.deadlocked());
        assertEquals(TaskState.SLEEPING, task(r, "A").state());
        assertEquals(-1, task(r, "A").finishNs());
        assertEquals(1 * MS, task(r, "B").finishNs());
    }

    @Test
    void aSleepersOwnLaterVDoesNotCountAsAWayOut() {
        String text = """
                scenario "self" {
                  semaphore s = 0
                  process A {
                    P(s) // never posted by anyone else
                    V(s)
                  }
                }
                """;
        RunResult r = run(text);
        // A sleeps in P(s); the V after it can never run while A sleeps, and nobody else
        // posts s: blocked forever, not "A waits for itself".
        Diagnostic d = only(r, Code.BLOCKED_FOREVER);
        assertEquals(line(text, "// never posted"), d.span().line());
        assertTrue(findings(r, Code.DEADLOCK).isEmpty());
    }

    // ---- 6. lock deadlock --------------------------------------------------------------------------

    @Test
    void abBaDeadlock() {
        String text = """
                scenario "ab-ba" {
                  mutex a
                  mutex b
                  process X {
                    lock a
                    sleep 1 ms
                    lock b // X blocks
                    unlock b
                    unlock a
                  }
                  process Y {
                    lock b
                    sleep 1 ms
                    lock a // Y blocks
                    unlock a
                    unlock b
                  }
                }
                """;
        RunResult r = run(text);
        // X holds a, Y holds b (2 CPUs, both at 0); at 1 X waits for b (Y) and Y for a (X).
        Diagnostic d = only(r, Code.DEADLOCK);
        assertEquals(line(text, "// X blocks"), d.span().line());
        assertEquals(List.of(line(text, "// Y blocks")), d.related().stream().map(rel -> rel.span().line()).toList());
        assertTrue(r.deadlocked());
        assertTrue(findings(r, Code.BLOCKED_FOREVER).isEmpty());
        assertEquals(line(text, "// X blocks"), task(r, "X").blockedAt().line());
        assertEquals(line(text, "// Y blocks"), task(r, "Y").blockedAt().line());
        assertTrue(r.finishOrder().isEmpty());
    }

    // ---- 7. semaphore deadlock ------------------------------------------------------------------------

    @Test
    void boundedBufferWithGuardFirstDeadlocks() {
        String text = """
                scenario "bad buffer" {
                  machine { cpus 1 }
                  kernel { scheduler fifo }
                  semaphore guard = 1
                  semaphore empty = 1
                  semaphore full = 0
                  process producer {
                    repeat 3 {
                      P(guard)
                      P(empty) // producer sleeps here holding guard
                      compute 1 ms
                      V(guard)
                      V(full)
                    }
                  }
                  process consumer {
                    repeat 3 {
                      P(guard) // consumer sleeps here
                      P(full)
                      compute 1 ms
                      V(guard)
                      V(empty)
                    }
                  }
                }
                """;
        RunResult r = run(text);
        // producer: P(guard) 1->0, P(empty) 1->0, 0-1, V(guard), V(full) = 1; second round
        // P(guard) 1->0, P(empty) = 0: sleeps at 1 holding guard. consumer: P(guard) = 0:
        // sleeps. producer waits for the consumer (the only one left to post empty), the
        // consumer for the producer (who would post guard): a cycle.
        Diagnostic d = only(r, Code.DEADLOCK);
        Set<Integer> lines = new HashSet<>();
        lines.add(d.span().line());
        d.related().forEach(rel -> lines.add(rel.span().line()));
        assertEquals(Set.of(line(text, "// producer sleeps"), line(text, "// consumer sleeps")), lines);
        assertEquals(line(text, "// producer sleeps"), d.span().line()); // the lower pid first
        assertTrue(r.deadlocked());
        assertEquals(1 * MS, task(r, "producer").cpuNs());
        assertEquals(0, task(r, "consumer").cpuNs());
    }

    // ---- 8. fork, exit, wait ------------------------------------------------------------------------

    static final String FORK = """
            scenario "fork" {
              machine { cpus 2 }
              process shell {
                child = fork {
                  compute 2 ms
                  exit 3
                }
                compute 5 ms
                wait child
                compute 1 ms
              }
            }
            """;

    @Test
    void forkChildExitStatusAndReaping() {
        RunResult r = run(FORK);
        // shell is pid 2 (the only declared process), its child pid 3. CPU0 shell 0-5,
        // CPU1 child 0-2 then exit 3: a zombie 2-5, reaped by `wait child` at 5 (no sleep:
        // it is already a zombie); shell computes 5-6.
        TaskReport child = pid(r, 3);
        assertTrue(child.forked());
        assertEquals(2, child.ppid());
        assertEquals(3, child.exitStatus());
        assertEquals(2 * MS, child.finishNs());
        assertEquals(TaskState.DEAD, child.state());
        TaskReport shell = task(r, "shell");
        assertEquals(2, shell.pid());
        assertEquals(1, shell.ppid());
        assertEquals(6 * MS, shell.finishNs());
        assertEquals(0, shell.voluntarySwitches()); // the wait did not sleep
        assertEquals(0, shell.exitStatus());
        assertTrue(findings(r, Code.ZOMBIE_LEFT).isEmpty());
        assertEquals("2:0-6", gantt(r, 0));
        assertEquals("3:0-2", gantt(r, 1));
    }

    @Test
    void zombieVisibleBeforeTheParentWaits() {
        RunResult r = run(FORK, RunOptions.defaults().withUntil(4 * MS));
        // At 4 the child has exited (2) and the shell is still computing (until 5).
        TaskReport child = pid(r, 3);
        assertEquals(TaskState.ZOMBIE, child.state());
        assertEquals(3, child.exitStatus());
        assertEquals(2, child.ppid());
        assertEquals(TaskState.RUNNING, task(r, "shell").state());
        assertEquals(4 * MS, r.endNs());
        // A cut-short run decides nothing about zombies or deadlocks.
        assertTrue(findings(r, Code.ZOMBIE_LEFT).isEmpty());
        assertFalse(r.deadlocked());
    }

    static final String ORPHAN = """
            scenario "orphan" {
              machine { cpus 2 }
              process parent {
                kid = fork {
                  sleep 10 ms
                  compute 1 ms
                }
                compute 1 ms
              }
            }
            """;

    @Test
    void orphanIsAdoptedByInitAndReaped() {
        // parent 0-1 and exits; the kid (pid 3) sleeps 0-10, computes 10-11.
        RunResult mid = run(ORPHAN, RunOptions.defaults().withUntil(5 * MS));
        TaskReport kid = pid(mid, 3);
        assertEquals(1, kid.ppid()); // re-parented at 1, when the parent exited
        assertEquals(TaskState.SLEEPING, kid.state());
        assertEquals(TaskState.DEAD, task(mid, "parent").state()); // reaped by init, its parent

        RunResult end = run(ORPHAN);
        kid = pid(end, 3);
        assertEquals(1, kid.ppid());
        assertEquals(TaskState.DEAD, kid.state()); // init reaped it
        assertEquals(11 * MS, kid.finishNs());
        assertEquals(1 * MS, task(end, "parent").finishNs());
        assertTrue(findings(end, Code.ZOMBIE_LEFT).isEmpty());
        assertFalse(end.deadlocked());
    }

    @Test
    void waitAnyReturnsForTheFirstChildToExit() {
        RunResult r = run("""
                scenario "wait any" {
                  machine { cpus 4 }
                  process p {
                    slow = fork {
                      compute 3 ms
                      exit 1
                    }
                    fast = fork {
                      compute 1 ms
                      exit 2
                    }
                    wait any
                    compute 1 ms
                    wait any
                  }
                }
                """);
        // p forks slow (pid 3) and fast (pid 4), both on CPUs of their own, and sleeps in
        // wait any at 0. fast exits at 1 -> p wakes, computes 1-2, waits again; slow exits
        // at 3 -> p wakes and ends at 3. (Had the first wait returned only at 3, p would
        // end at 4.)
        assertEquals(3 * MS, task(r, "p").finishNs());
        assertEquals(2, task(r, "p").voluntarySwitches());
        assertEquals(1, pid(r, 3).exitStatus());
        assertEquals(2, pid(r, 4).exitStatus());
        assertEquals(TaskState.DEAD, pid(r, 3).state());
        assertEquals(TaskState.DEAD, pid(r, 4).state());
        assertEquals(1 * MS, pid(r, 4).finishNs());
        assertTrue(findings(r, Code.WAIT_NO_CHILD).isEmpty());
    }

    @Test
    void waitWithoutAChildIsEchild() {
        String text = """
                scenario "echild" {
                  machine { cpus 2 }
                  process lonely {
                    wait any // no children at all
                    compute 1 ms
                  }
                  process twice {
                    c = fork { compute 1 ms }
                    wait c
                    wait c // already reaped
                  }
                }
                """;
        RunResult r = run(text);
        // Both waits return at once with ECHILD: lonely computes 0-1 and ends at 1.
        List<Diagnostic> ds = findings(r, Code.WAIT_NO_CHILD);
        assertEquals(Set.of(line(text, "// no children"), line(text, "// already reaped")),
                ds.stream().map(d -> d.span().line()).collect(Collectors.toSet()));
        assertEquals(2, ds.size());
        assertEquals(1 * MS, task(r, "lonely").finishNs());
        assertEquals(0, task(r, "lonely").voluntarySwitches());
        // twice (CPU1) forks c and sleeps in `wait c` at 0; c takes CPU1, computes 0-1 and
        // exits; twice is woken having reaped it, and its second wait returns ECHILD: done at 1.
        assertEquals(1 * MS, task(r, "twice").finishNs());
        assertEquals(1, task(r, "twice").voluntarySwitches());
        assertFalse(r.deadlocked());
    }

    @Test
    void zombieNeverReaped() {
        String text = """
                scenario "zombie" {
                  machine { cpus 2 }
                  semaphore never = 0
                  process p {
                    k = fork { exit 4 } // the zombie's fork
                    P(never) // p sleeps forever
                  }
                }
                """;
        RunResult r = run(text);
        // The child exits at once with 4; its parent is alive but asleep forever and never
        // waits: the child stays a zombie to the end (OSS2006 at its fork), and p is blocked
        // forever (nobody can post `never`).
        TaskReport child = pid(r, 3);
        assertEquals(TaskState.ZOMBIE, child.state());
        assertEquals(4, child.exitStatus());
        assertEquals(line(text, "// the zombie's fork"), only(r, Code.ZOMBIE_LEFT).span().line());
        assertEquals(line(text, "// p sleeps forever"), only(r, Code.BLOCKED_FOREVER).span().line());
    }

    // ---- 9. real-time classes -------------------------------------------------------------------------

    @Test
    void realTimeFifoPreemptsCfsAtArrival() {
        RunResult r = run("""
                scenario "rt" {
                  machine { cpus 1 }
                  process batch { compute 20 ms }
                  process audio policy fifo priority 50 arrives 5 ms { compute 3 ms }
                }
                """);
        // batch 0-5; audio takes the CPU at its arrival, 5-8; batch 8-23.
        assertEquals("2:0-5 3:5-8 2:8-23", gantt(r, 0));
        assertEquals(0, task(r, "audio").responseNs());
        assertTimes(r, "audio", 8, 0);
        assertTimes(r, "batch", 23, 3);
        assertEquals(1, task(r, "batch").involuntarySwitches());
    }

    @Test
    void higherRealTimePriorityWinsAndNormalWaits() {
        RunResult r = run("""
                scenario "rt prio" {
                  machine { cpus 1 }
                  process norm { compute 1 ms }
                  process lo policy fifo priority 10 { compute 10 ms }
                  process hi policy fifo priority 20 arrives 2 ms { compute 3 ms }
                }
                """);
        // At 0 norm and lo arrive: real time first, lo 0-2; hi (20 > 10) preempts at 2,
        // runs 2-5; lo resumes 5-13 (the front of its list); norm only then, 13-14.
        assertEquals("3:0-2 4:2-5 3:5-13 2:13-14", gantt(r, 0));
        assertTimes(r, "hi", 5, 0);
        assertTimes(r, "lo", 13, 3);
        assertTimes(r, "norm", 14, 13);
        assertEquals(1, task(r, "lo").involuntarySwitches());
        assertEquals(List.of("hi", "lo", "norm"), r.finishOrder());
    }

    @Test
    void schedRrRotatesEqualPrioritiesEvery100ms() {
        RunResult r = run("""
                scenario "sched_rr" {
                  machine { cpus 1 }
                  process r1 policy rr priority 10 { compute 250 ms }
                  process r2 policy rr priority 10 { compute 150 ms }
                }
                """);
        // 100 ms slices: r1 0-100, r2 100-200, r1 200-300, r2 300-350 (done), r1 350-400.
        assertEquals("2:0-100 3:100-200 2:200-300 3:300-350 2:350-400", gantt(r, 0));
        assertTimes(r, "r2", 350, 200);
        assertTimes(r, "r1", 400, 150);
        assertEquals(2, task(r, "r1").involuntarySwitches()); // at 100 and 300
        assertEquals(1, task(r, "r2").involuntarySwitches()); // at 200
    }

    @Test
    void preemptedSchedFifoTaskResumesFirstInItsPriority() {
        RunResult r = run("""
                scenario "rt front" {
                  machine { cpus 1 }
                  process f1 policy fifo priority 10 { compute 10 ms }
                  process f2 policy fifo priority 10 { compute 10 ms }
                  process hi policy fifo priority 20 arrives 3 ms { compute 1 ms }
                }
                """);
        // f1 0-3; hi preempts 3-4; f1 was preempted, not done, so it goes back to the
        // FRONT of the priority-10 list, ahead of f2: f1 4-11, f2 11-21.
        assertEquals("2:0-3 4:3-4 2:4-11 3:11-21", gantt(r, 0));
        assertTimes(r, "f1", 11, 1);
        assertTimes(r, "f2", 21, 11);
        assertTimes(r, "hi", 4, 0);
    }

    @Test
    void realTimeArrivalOnTwoBusyCpusPreemptsOne() {
        RunResult r = run("""
                scenario "smp rt" {
                  machine { cpus 2 }
                  process a { compute 10 ms }
                  process b { compute 10 ms }
                  process rt policy fifo priority 5 arrives 2 ms { compute 1 ms }
                }
                """);
        // a and b each have a CPU from 0. rt takes one of them at 2 (which one is a
        // tie; only that it is one of them is the rule), runs 2-3; that task ends at 11,
        // the other at 10.
        assertTimes(r, "rt", 3, 0);
        long a = task(r, "a").finishNs();
        long b = task(r, "b").finishNs();
        assertEquals(Set.of(10 * MS, 11 * MS), Set.of(a, b));
        assertEquals(1, task(r, "a").involuntarySwitches() + task(r, "b").involuntarySwitches());
    }

    // ---- 10. CFS ---------------------------------------------------------------------------------

    @Test
    void cfsTwoEqualTasksShareFairly() {
        RunResult r = run("""
                scenario "cfs" {
                  machine { cpus 1 }
                  kernel { scheduler cfs latency 20 ms min_granularity 1 ms }
                  process A { compute 100 ms }
                  process B { compute 100 ms }
                }
                """);
        // Each slice is latency x 1024 / 2048 = 10 ms. The CPU never idles, so the
        // last one ends at 100 + 100 = 200. Their vruntimes stay within one slice of
        // each other, so when the first is done the other has at most 10 ms left:
        // 190 <= first finish <= 200.
        long a = task(r, "A").finishNs();
        long b = task(r, "B").finishNs();
        assertEquals(200 * MS, Math.max(a, b));
        assertTrue(Math.min(a, b) >= 190 * MS, () -> "first finish " + ms(Math.min(a, b)));
        for (GanttSlice s : r.gantt()) {
            assertTrue(s.endNs() - s.startNs() <= 10 * MS, "slice longer than 10 ms: " + s);
        }
        assertEquals(100 * MS, task(r, "A").cpuNs());
        assertEquals(100 * MS, task(r, "B").cpuNs());
    }

    @Test
    void cfsNiceZeroVersusNiceFive() {
        RunResult r = run("""
                scenario "cfs nice" {
                  machine { cpus 1 }
                  kernel { scheduler cfs latency 20 ms min_granularity 1 ms }
                  process A nice 0 { compute 100 ms }
                  process B nice 5 { compute 100 ms }
                }
                """);
        // Weights 1024 and 335: while both run A gets 1024/1359 of the CPU, so A has had
        // 100 ms after 100 x 1359/1024 = 132.7 ms. Slices: A 20 x 1024/1359 = 15.07 ms,
        // B 20 x 335/1359 = 4.93 ms; both advance vruntime by 15.07 ms per slice, so at
        // A's end (vruntime 100) B's vruntime is within 100 +- 15.07, i.e. B has run
        // (84.93 .. 115.07) x 335/1024 = 27.8 .. 37.6 ms: A ends in [127.8, 137.6].
        // B then runs alone; the CPU never idles, so B ends at 200.
        long a = task(r, "A").finishNs();
        assertTrue(a >= 127 * MS && a <= 138 * MS, () -> "A.finish " + ms(a));
        assertEquals(200 * MS, task(r, "B").finishNs());
        assertEquals(List.of("A", "B"), r.finishOrder());
    }

    // ---- 11. MLFQ --------------------------------------------------------------------------------

    @Test
    void mlfqDemotesCpuBoundAndKeepsInteractiveOnTop() {
        RunResult r = run("""
                scenario "mlfq" {
                  machine { cpus 1 }
                  kernel { scheduler mlfq queues 3 quantum 10 ms 20 ms 40 ms boost 100 ms }
                  process long { compute 60 ms }
                  process inter {
                    repeat 5 {
                      compute 1 ms
                      sleep 9 ms
                    }
                  }
                }
                """);
        // Both start at level 0; long (first) 0-10 uses its allotment: down to level 1,
        // and inter runs 10-11, sleeps to 20. long 11-20 at level 1 (9 of 20 used).
        // inter wakes at 20 at level 0 (it has used 1 of its 10) and preempts: 20-21.
        // long 21-30 (18 used), inter 30-31 (3 used), long 31-33 uses up level 1: level 2,
        // nobody queued so it runs on; inter preempts at 40 (41), 50 (51) and at 60 it
        // wakes only to exit. inter used 5 ms < 10: it never left the top.
        // long: 10+9+9+9+9+9 = 55 by 60, the last 5 ms 60-65.
        assertEquals("2:0-10 3:10-11 2:11-20 3:20-21 2:21-30 3:30-31 2:31-40 3:40-41 2:41-50 3:50-51 2:51-65",
                gantt(r, 0));
        assertTimes(r, "inter", 60, 10); // it only ever waited at the start, 0-10
        assertTimes(r, "long", 65, 5);   // queued at 10-11, 20-21, 30-31, 40-41, 50-51
        assertEquals(6, task(r, "long").involuntarySwitches()); // at 10, 20, 30, 40, 50, 60
        assertEquals(5, task(r, "inter").voluntarySwitches());
    }

    @Test
    void mlfqBoostLiftsEveryoneBackToTheTop() {
        RunResult r = run("""
                scenario "mlfq boost" {
                  machine { cpus 1 }
                  kernel { scheduler mlfq queues 3 quantum 10 ms 20 ms 40 ms boost 90 ms }
                  process A { compute 100 ms }
                  process B { compute 100 ms }
                }
                """);
        // A 0-10 (-> level 1), B 10-20 (-> 1), A 20-40 (-> 2), B 40-60 (-> 2), A 60-.. at
        // level 2 with 40 ms. The boost at 90 puts both at the top with fresh allotments;
        // A (30 used at level 2, not counted any more) keeps the CPU with a level-0
        // quantum: at 100 it has used 10 -> level 1 and B (level 0) takes over: B 100-110
        // (-> 1), A 110-130 (-> 2; A has 10+20+40+20 = 90), B 130-150 (-> 2; B has 60),
        // A 150-160 done, B 160-200 done. (Without the boost A would have run on at level 2
        // until 100 and then B 100-140, A 140-170, B 170-180.)
        assertEquals("2:0-10 3:10-20 2:20-40 3:40-60 2:60-100 3:100-110 2:110-130 3:130-150 2:150-160 3:160-200",
                gantt(r, 0));
        assertEquals(160 * MS, task(r, "A").finishNs());
        assertEquals(200 * MS, task(r, "B").finishNs());
    }

    // ---- 12. resources -------------------------------------------------------------------------------

    static final String PRINTERS = """
            scenario "printers" {
              machine { cpus 1 }
              kernel {
                scheduler fifo
                deadlock POLICY
              }
              resource printer 3
              process A {
                claim printer 2
                request printer 1
                sleep 3 ms
                request printer 1 // A's second
                compute 1 ms
                release printer 2
              }
              process B {
                claim printer 2
                request printer 1
                sleep 1 ms
                request printer 1 // B's second
                compute 1 ms
                release printer 2
              }
              process C {
                claim printer 2
                request printer 1 // C's first
                sleep 1 ms
                request printer 1 // C's second
                compute 1 ms
                release printer 2
              }
            }
            """;

    @Test
    void bankerMakesAnUnsafeRequestWait() {
        RunResult r = run(PRINTERS.replace("POLICY", "avoid"));
        // 3 printers, every claim 2. At 0: A gets 1 (Available 2: safe), B gets 1 (Available
        // 1; A and B each need 1: A, B, C can finish in turn: safe). C's request would leave
        // Available 0 with A, B, C each needing 1: unsafe, so C waits.
        // At 1 B asks again: Available 0 afterwards but B needs 0, finishes, then A, then C:
        // safe, granted. B 1-2, releases 2 at 2: Available 2; C's waiting request leaves 1
        // with A and C needing 1 each: safe, granted; B exits at 2. C sleeps 2-3.
        // At 3 A and C wake (A's timer was set first): A gets its second (Available 0, A
        // needs 0: safe), computes 3-4, releases at 4. C (queued at 3) runs at 4, gets its
        // second, computes 4-5.
        assertFalse(r.deadlocked());
        assertTrue(r.findings().isEmpty(), () -> describe(r.findings()));
        assertEquals(List.of("B", "A", "C"), r.finishOrder());
        assertTimes(r, "B", 2, 0);
        assertTimes(r, "A", 4, 0);
        assertTimes(r, "C", 5, 1);
        assertEquals(2, task(r, "C").voluntarySwitches()); // the refused request and the sleep
    }

    @Test
    void withoutAvoidanceTheSameProcessesDeadlock() {
        String text = PRINTERS.replace("POLICY", "detect");
        RunResult r = run(text);
        // Everyone's first request is granted (Available 0); then B (1), C (1) and A (3)
        // each ask for the last printer that nobody has: Available 0, Allocation 1 1 1,
        // Request 1 1 1: deadlocked.
        Diagnostic d = only(r, Code.DEADLOCK);
        assertTrue(r.deadlocked());
        Set<Integer> lines = new HashSet<>();
        lines.add(d.span().line());
        d.related().forEach(rel -> lines.add(rel.span().line()));
        // The detection algorithm marks all three (Request 1 > Work 0 for each), so all three
        // blocking requests are named, not just one cycle of them.
        assertEquals(Set.of(line(text, "// A's second"), line(text, "// B's second"), line(text, "// C's second")),
                lines);
        assertEquals(line(text, "// A's second"), d.span().line()); // the lowest pid first
        assertTrue(d.message().contains("A, B and C"), d.message());
        assertTrue(d.detail().contains("Available: (printer 0)"), d.detail());
        assertTrue(r.finishOrder().isEmpty());
    }

    @Test
    void twoTapesDeadlockUnderDetection() {
        String text = """
                scenario "tapes" {
                  kernel { deadlock detect }
                  resource tape 2
                  process A {
                    request tape 1
                    sleep 1 ms
                    request tape 1 // A waits
                    release tape 2
                  }
                  process B {
                    request tape 1
                    sleep 1 ms
                    request tape 1 // B waits
                    release tape 2
                  }
                }
                """;
        RunResult r = run(text);
        Diagnostic d = only(r, Code.DEADLOCK);
        assertEquals(line(text, "// A waits"), d.span().line());
        assertEquals(List.of(line(text, "// B waits")), d.related().stream().map(Related::span).map(s -> s.line()).toList());
        assertTrue(r.deadlocked());
    }

    @Test
    void requestAboveClaimAtRunTime() {
        String text = """
                scenario "above claim" {
                  resource tape 3
                  process A {
                    claim tape 2
                    repeat 3 {
                      request tape 1 // the third goes over
                    }
                    release tape 2
                  }
                }
                """;
        RunResult r = run(text);
        // Each request is 1 <= claim 2 (nothing to see statically), but the third would make
        // 3 > 2: refused at run time, and A goes on.
        Diagnostic d = only(r, Code.REQUEST_ABOVE_CLAIM_RUN);
        assertEquals(line(text, "// the third"), d.span().line());
        assertEquals(0, task(r, "A").finishNs());
        assertFalse(r.deadlocked());
        assertTrue(findings(r, Code.RELEASE_NOT_HELD_RUN).isEmpty()); // it held 2 and gives back 2
    }

    @Test
    void releaseNotHeldAtRunTime() {
        String text = """
                scenario "release" {
                  machine { cpus 2 }
                  mutex m
                  resource tape 3
                  process A {
                    lock m
                    sleep 2 ms
                    unlock m
                  }
                  process B arrives 1 ms {
                    trylock m {
                      request tape 1
                      unlock m
                    }
                    release tape 1 // holds nothing when the trylock failed
                  }
                }
                """;
        RunResult r = run(text);
        // Statically B may hold 1 tape at the release (the trylock branch), so only the run
        // can tell: at 1 A holds m, the trylock fails, B releases a tape it does not hold.
        Diagnostic d = only(r, Code.RELEASE_NOT_HELD_RUN);
        assertEquals(line(text, "// holds nothing"), d.span().line());
        assertEquals(1 * MS, task(r, "B").finishNs());
        assertEquals(2 * MS, task(r, "A").finishNs());
    }

    // ---- 13. misuse ----------------------------------------------------------------------------------

    @Test
    void unlockByNonOwner() {
        String text = """
                scenario "non-owner" {
                  machine { cpus 2 }
                  mutex m
                  process A {
                    lock m
                    sleep 5 ms
                    unlock m
                  }
                  process B arrives 1 ms {
                    trylock m {
                      compute 1 ms
                    }
                    unlock m // B does not hold m
                  }
                }
                """;
        RunResult r = run(text);
        // At 1 A holds m: B's trylock fails, and its unlock is by a non-owner (ignored):
        // A still owns m and unlocks it at 5 without complaint.
        Diagnostic d = only(r, Code.UNLOCK_BY_NON_OWNER);
        assertEquals(line(text, "// B does not hold m"), d.span().line());
        assertEquals(5 * MS, task(r, "A").finishNs());
        assertEquals(1 * MS, task(r, "B").finishNs());
        assertTrue(findings(r, Code.EXIT_HOLDING_LOCK).isEmpty());
        assertFalse(r.deadlocked());
    }

    @Test
    void exitHoldingALock() {
        String text = """
                scenario "exit holding" {
                  mutex m
                  process A {
                    lock m // locked here
                    compute 1 ms
                    exit 1 // exits holding m
                  }
                  process B arrives 2 ms {
                    lock m // sleeps forever
                  }
                }
                """;
        RunResult r = run(text);
        Diagnostic d = only(r, Code.EXIT_HOLDING_LOCK);
        assertEquals(line(text, "// exits holding m"), d.span().line());
        assertEquals(List.of(line(text, "// locked here")), d.related().stream().map(rel -> rel.span().line()).toList());
        assertEquals(1, task(r, "A").exitStatus());
        // B waits for a lock whose owner is gone: no cycle, blocked forever.
        Diagnostic stuck = only(r, Code.BLOCKED_FOREVER);
        assertEquals(line(text, "// sleeps forever"), stuck.span().line());
    }

    @Test
    void runawayLoopHitsTheEventBudgetQuickly() {
        String text = """
                scenario "runaway" {
                  process spin {
                    repeat 100000000 {
                      compute 1 ns
                    }
                  }
                }
                """;
        RunResult r = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> run(text, RunOptions.defaults().withMaxEvents(10_000)));
        assertTrue(r.budgetExhausted());
        only(r, Code.BUDGET_EXHAUSTED);
        assertFalse(r.deadlocked());
        assertTrue(r.events() <= 10_001, "events " + r.events());
        assertEquals(-1, task(r, "spin").finishNs());
    }

    // ---- 14. determinism ---------------------------------------------------------------------------

    static final String LOTTERY = """
            scenario "lottery" {
              machine { cpus 1 }
              kernel { scheduler lottery quantum 1 ms }
              process A tickets 100 { compute 20 ms }
              process B tickets 300 { compute 20 ms }
              process C tickets 50 { compute 20 ms }
            }
            """;

    @Test
    void lotteryIsDeterministicPerSeed() {
        RunResult first = run(LOTTERY, RunOptions.defaults().withSeed(7));
        RunResult second = run(LOTTERY, RunOptions.defaults().withSeed(7));
        assertEquals(first.gantt(), second.gantt());
        assertEquals(first, second);

        Set<List<GanttSlice>> distinct = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            RunResult r = run(LOTTERY, RunOptions.defaults().withSeed(seed));
            distinct.add(r.gantt());
            // Whatever the draws: 60 ms of work on one CPU that never idles ends at 60;
            // everyone gets exactly its 20 ms; slices start and end on whole quanta.
            assertEquals(60 * MS, r.tasks().stream().mapToLong(TaskReport::finishNs).max().getAsLong());
            for (String p : List.of("A", "B", "C")) {
                assertEquals(20 * MS, task(r, p).cpuNs());
            }
            for (GanttSlice s : r.gantt()) {
                assertEquals(0, s.startNs() % MS, s.toString());
                assertEquals(0, s.endNs() % MS, s.toString());
            }
        }
        // Different seeds draw differently; with 60 draws over three tasks five seeds
        // giving one identical schedule is practically impossible (and deterministic).
        assertNotEquals(1, distinct.size());
    }
}
