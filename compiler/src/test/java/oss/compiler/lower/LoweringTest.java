package oss.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.expect.CompareOp;
import oss.compiler.expect.Expectation;
import oss.ir.program.BankerTable;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.SchedPolicy;

class LoweringTest {
    static Program program(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "no program: " + c.diagnostics());
        return c.program().get();
    }

    @Test
    void philosophersArrayBecomesFiveProcessesWithFoldedForkIndexes() {
        Program p = program("""
                scenario "p" {
                  mutex fork[5]
                  process philosopher[i in 0..4] {
                    lock fork[i]
                    lock fork[(i + 1) % 5]
                    unlock fork[(i + 1) % 5]
                    unlock fork[i]
                  }
                }
                """);
        assertEquals(List.of("fork[0]", "fork[1]", "fork[2]", "fork[3]", "fork[4]"),
                p.mutexes().stream().map(m -> m.name()).toList());
        assertEquals(5, p.processes().size());
        for (int i = 0; i < 5; i++) {
            ProcessDef d = p.processes().get(i);
            assertEquals("philosopher[" + i + "]", d.name());
            assertEquals(i, ((Op.Lock) d.body().get(0)).mutex());
            assertEquals((i + 1) % 5, ((Op.Lock) d.body().get(1)).mutex());
            assertEquals((i + 1) % 5, ((Op.Unlock) d.body().get(2)).mutex());
            assertEquals(i, ((Op.Unlock) d.body().get(3)).mutex());
        }
        assertEquals(3, p.processes().get(2).body().get(0).span().line() - 1);
    }

    @Test
    void forIsUnrolledAndRepeatKept() {
        Program p = program("""
                scenario "f" {
                  mutex m[3]
                  process A {
                    for j in 0..2 {
                      lock m[j]
                      compute (j + 1) * 2 ms
                    }
                    repeat 4 { sleep 500 us }
                    compute 1.5 ms
                    compute 100 cycles
                  }
                }
                """);
        List<Op> body = p.processes().get(0).body();
        assertEquals(9, body.size());
        for (int j = 0; j < 3; j++) {
            assertEquals(j, ((Op.Lock) body.get(2 * j)).mutex());
            assertEquals((j + 1) * 2_000_000L, ((Op.Compute) body.get(2 * j + 1)).ns());
        }
        Op.Repeat r = (Op.Repeat) body.get(6);
        assertEquals(4, r.count());
        assertEquals(500_000L, ((Op.Sleep) r.body().get(0)).ns());
        assertEquals(1_500_000L, ((Op.Compute) body.get(7)).ns());
        assertEquals(50L, ((Op.Compute) body.get(8)).ns());
    }

    @Test
    void forkVariablesGetSlotsAndWaitTellsChildFromSemaphore() {
        Program p = program("""
                scenario "k" {
                  semaphore s = 0
                  process shell {
                    a = fork {
                      V(s)
                      exit 3
                    }
                    b = fork { post s }
                    fork { compute 1 ms }
                    wait s
                    P(s)
                    wait b
                    wait a
                    wait any
                    exit 1
                  }
                }
                """);
        ProcessDef d = p.processes().get(0);
        assertEquals(2, d.slots());
        List<Op> body = d.body();
        Op.Fork a = (Op.Fork) body.get(0);
        assertEquals(0, a.slot());
        assertEquals(0, ((Op.SemPost) a.body().get(0)).sem());
        assertEquals(3, ((Op.Exit) a.body().get(1)).status());
        assertEquals(1, ((Op.Fork) body.get(1)).slot());
        assertEquals(-1, ((Op.Fork) body.get(2)).slot());
        assertEquals(0, ((Op.SemWait) body.get(3)).sem());
        assertEquals(0, ((Op.SemWait) body.get(4)).sem());
        assertEquals(1, ((Op.WaitChild) body.get(5)).slot());
        assertEquals(0, ((Op.WaitChild) body.get(6)).slot());
        assertInstanceOf(Op.WaitAny.class, body.get(7));
        assertEquals(1, ((Op.Exit) body.get(8)).status());
    }

    @Test
    void resourcesBecomeVectorsAndAttributesAreRead() {
        Program p = program("""
                scenario "r" {
                  resource printer 3
                  resource tape
                  process A nice -5 arrives 2 ms tickets 300 frames 4 {
                    claim printer 2, tape
                    request printer 1, tape 1
                    release printer 1, tape 1
                  }
                  process B policy rr priority 10 { compute 1 ms }
                  process C policy fifo priority 99 { compute 1 ms }
                }
                """);
        assertEquals(3, p.resources().get(0).instances());
        assertEquals(1, p.resources().get(1).instances());
        ProcessDef a = p.processes().get(0);
        assertEquals(-5, a.nice());
        assertEquals(2_000_000L, a.arrivesNs());
        assertEquals(300, a.tickets());
        assertEquals(4, a.frames());
        assertEquals(SchedPolicy.NORMAL, a.policy());
        assertArrayEquals(new int[] {2, 1}, ((Op.Claim) a.body().get(0)).max());
        assertArrayEquals(new int[] {1, 1}, ((Op.Request) a.body().get(1)).amounts());
        assertArrayEquals(new int[] {1, 1}, ((Op.Release) a.body().get(2)).amounts());
        assertEquals(SchedPolicy.RR, p.processes().get(1).policy());
        assertEquals(10, p.processes().get(1).rtPriority());
        assertEquals(SchedPolicy.FIFO, p.processes().get(2).policy());
        assertEquals(ProcessDef.DEFAULT_TICKETS, p.processes().get(1).tickets());
        assertEquals(ProcessDef.NO_FRAME_LIMIT, p.processes().get(1).frames());
    }

    @Test
    void trylockKeepsBothBranches() {
        Program p = program("""
                scenario "t" {
                  mutex m
                  process A {
                    trylock m {
                      unlock m
                    } else {
                      sleep 1 ms
                    }
                    trylock m
                  }
                }
                """);
        Op.TryLock t = (Op.TryLock) p.processes().get(0).body().get(0);
        assertEquals(1, t.onSuccess().size());
        assertEquals(1, t.onFailure().size());
        Op.TryLock bare = (Op.TryLock) p.processes().get(0).body().get(1);
        assertTrue(bare.onSuccess().isEmpty() && bare.onFailure().isEmpty());
    }

    @Test
    void bankerAvailableFormAndNeedRows() {
        Program p = program("""
                scenario "b" {
                  banker {
                    resources A B C
                    available 3 3 2
                    P0 alloc 0 1 0 max 7 5 3
                    P1 need 1 2 2 alloc 2 0 0
                    request P1 1 0 2
                  }
                  expect granted
                  expect safe_sequence [P1, P0]
                }
                """);
        BankerTable b = p.banker().orElseThrow();
        assertEquals(List.of("A", "B", "C"), b.resources());
        assertArrayEquals(new int[] {5, 4, 2}, b.total());
        assertArrayEquals(new int[] {3, 2, 2}, b.rows().get(1).max());
        assertArrayEquals(new int[] {2, 0, 0}, b.rows().get(1).alloc());
        assertEquals(1, b.request().orElseThrow().row());
        assertArrayEquals(new int[] {1, 0, 2}, b.request().get().amounts());
    }

    @Test
    void expectationsCarryValuesInBaseUnitsAndTheirText() {
        Compilation c = Compiler.compile("e.oss", """
                scenario "e" {
                  process job[i in 0..2] { compute 1 ms }
                  expect job[1].turnaround <= 2.5 ms
                  expect job[0].exit == 0
                  expect no zombies
                  expect finish_order [job[0], job[2]]
                }
                """);
        assertTrue(c.program().isPresent(), c.diagnostics().toString());
        List<Expectation> e = c.expectations();
        Expectation.Metric m = (Expectation.Metric) e.get(0);
        assertEquals("job[1]", m.process());
        assertEquals("turnaround", m.metric());
        assertEquals(CompareOp.LE, m.op());
        assertEquals(2_500_000L, m.value());
        assertTrue(m.isTime());
        assertEquals("expect job[1].turnaround <= 2.5 ms", m.text());
        assertEquals(false, ((Expectation.Metric) e.get(1)).isTime());
        assertEquals(new Expectation.Flag("zombies", true, "expect no zombies", e.get(2).span()), e.get(2));
        assertEquals(List.of("job[0]", "job[2]"), ((Expectation.NameList) e.get(3)).names());
    }

    @Test
    void spinTimeIsATimeAndSeqRetriesACount() {
        Compilation c = Compiler.compile("e.oss", """
                scenario "e" {
                  spinlock s
                  process P { spin_lock s; compute 1 ms; spin_unlock s }
                  expect P.spin_time == 3 ms
                  expect P.seq_retries == 2
                }
                """);
        assertTrue(c.program().isPresent(), c.diagnostics().toString());
        Expectation.Metric spin = (Expectation.Metric) c.expectations().get(0);
        assertEquals(List.of("P", "spin_time", 3_000_000L, true),
                List.of(spin.process(), spin.metric(), spin.value(), spin.isTime()));
        Expectation.Metric retries = (Expectation.Metric) c.expectations().get(1);
        assertEquals(List.of("P", "seq_retries", 2L, false),
                List.of(retries.process(), retries.metric(), retries.value(), retries.isTime()));
        // a time needs its unit, a count takes none
        Compilation bad = Compiler.compile("e.oss", """
                scenario "e" {
                  process P { compute 1 ms }
                  expect P.spin_time == 3
                  expect P.seq_retries == 2 ms
                }
                """);
        assertEquals(List.of("MISSING_UNIT", "WRONG_UNIT"),
                bad.diagnostics().stream().map(d -> d.code().name()).toList());
    }

    @Test
    void tooManyUnrolledOpsIsOneDiagnostic() {
        Compilation c = Compiler.compile("big.oss", """
                scenario "big" {
                  process A {
                    for i in 0..999 { for j in 0..999 { compute 1 ms } }
                  }
                }
                """);
        assertTrue(c.program().isEmpty());
        assertEquals(1, c.diagnostics().stream().filter(d -> d.code().name().equals("TOO_LARGE")).count(),
                c.diagnostics().toString());
    }
}
