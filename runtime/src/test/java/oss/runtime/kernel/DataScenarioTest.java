package oss.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.Vals;
import oss.runtime.Simulator;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;

/**
 * Shared data written as .oss text, run, and its {@code expect} lines about values judged the way
 * the analysis judges them: each property's condition evaluated over {@link RunResult#data()}.
 */
class DataScenarioTest {

    private static Program compile(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "does not compile: " + c.diagnostics());
        return c.program().get();
    }

    /** The run's result and every `expect` about values that does not hold at its end. */
    private static List<String> failing(Program p, RunResult r) {
        List<String> out = new ArrayList<>();
        for (SharedData.Property prop : p.data().properties()) {
            if (prop.mode() == SharedData.Property.Mode.AT_END && !Vals.truth(prop.condition(), r.data())) {
                out.add(prop.text());
            }
        }
        return out;
    }

    private static void holds(String text) {
        Program p = compile(text);
        RunResult r = Simulator.run(p, RunOptions.defaults());
        assertTrue(p.data().properties().size() > 0, "the scenario has expectations about values");
        assertEquals(List.of(), failing(p, r), r.findings().toString());
    }

    @Test
    void threadsShareTheirProcesssVariableAndAForkedChildGetsACopy() {
        holds("""
                scenario "g" {
                  machine { cpus 1 }
                  process A {
                    int n = 0
                    t = thread { n = n + 2 }
                    join t
                    n = n + 1
                  }
                  process B {
                    int n = 5
                    c = fork { n = n + 100 }
                    wait c
                    n = n + 1
                  }
                  expect A.n == 3
                  expect B.n == 6
                }
                """);
    }

    @Test
    void theConditionVariableIdiomWithAWhileLoop() {
        // a consumer that arrives first waits in the loop until the producer has put two items
        holds("""
                scenario "cv" {
                  machine { cpus 2 }
                  int count = 0
                  int taken = 0
                  mutex m
                  condvar more
                  process consumer {
                    lock m
                    while (count < 2) { cond_wait more m }
                    taken = count
                    count = 0
                    unlock m
                  }
                  process producer {
                    compute 1 ms
                    lock m
                    count = count + 1
                    unlock m
                    compute 1 ms
                    lock m
                    count = count + 1
                    signal more
                    unlock m
                  }
                  expect taken == 2
                  expect count == 0
                }
                """);
    }

    @Test
    void aSpinlockBuiltFromTestAndSetExcludesAndTheWaiterSpins() {
        String text = """
                scenario "tas" {
                  machine { cpus 2 }
                  kernel { scheduler fifo }
                  int lock = 0
                  int inside = 0
                  int most = 0
                  process first {
                    while (test_and_set(lock) == 1) { }
                    inside = inside + 1
                    if (inside > most) { most = inside }
                    compute 1 ms
                    inside = inside - 1
                    lock = 0
                  }
                  process second {
                    compute 1 us
                    while (test_and_set(lock) == 1) { }
                    inside = inside + 1
                    if (inside > most) { most = inside }
                    compute 1 ms
                    inside = inside - 1
                    lock = 0
                  }
                  expect most == 1
                  expect inside == 0
                  expect lock == 0
                }
                """;
        holds(text);
        RunResult r = Simulator.run(compile(text), RunOptions.defaults());
        long spin = r.tasks().stream().filter(t -> t.process().equals("second")).findFirst().orElseThrow().spinNs();
        // second asks at 1 us and gets the lock a few ns after first's 1 ms critical section ends
        assertTrue(spin > 990_000 && spin < 1_000_100, "second spun for " + spin + " ns");
        assertTrue(r.events() < 1000, r.events() + " events");
        assertTrue(r.findings().stream().noneMatch(d -> d.code() == Code.ENDLESS_LOOP), r.findings().toString());
    }

    @Test
    void petersonBreaksUnderTsoInAPlainRunAndHoldsWithMb() {
        String peterson = """
                scenario "peterson" {
                  machine { cpus 2 }
                  kernel { scheduler fifo ; memory_model tso }
                  int flag[2]
                  int turn = 0
                  int inside = 0
                  int most = 0
                  process p[i in 0..1] {
                    flag[i] = 1
                    turn = 1 - i
                    %s
                    while (flag[1 - i] == 1 && turn == 1 - i) { }
                    atomic_inc(inside)
                    atomic { if (inside > most) { most = inside } }
                    compute 1 ms
                    atomic_dec(inside)
                    flag[i] = 0
                  }
                  expect most == %d
                }
                """;
        // without a barrier each reads the other's flag as 0 while its own store is still buffered
        holds(peterson.formatted("", 2));
        holds(peterson.formatted("mb()", 1));
    }

    private static long races(String text) {
        RunResult r = Simulator.run(compile(text), RunOptions.defaults());
        return r.findings().stream().filter(d -> d.code() == Code.DATA_RACE).count();
    }

    @Test
    void aSemaphoreABarrierAndASignalOrderWhatIsDoneBeforeThem() {
        // each hand-over below is a happens-before edge: no race
        assertEquals(0, races("""
                scenario "post" {
                  machine { cpus 2 }
                  semaphore ready = 0
                  int item
                  process producer { compute 1 ms
                    item = 42
                    post ready }
                  process consumer { int r
                    wait ready
                    r = item }
                }
                """));
        assertEquals(0, races("""
                scenario "barrier" {
                  machine { cpus 2 }
                  barrier b 2
                  int x
                  process a { x = 1
                    barrier b }
                  process c { int r
                    barrier b
                    r = x }
                }
                """));
        assertEquals(0, races("""
                scenario "signal" {
                  machine { cpus 2 }
                  mutex m
                  condvar c
                  int x
                  process waiter { lock m
                    cond_wait c m
                    unlock m
                    int r = x }
                  process signaller { compute 1 ms
                    x = 5
                    signal c }
                }
                """));
        // the same without the edge: the consumer does not wait
        assertEquals(1, races("""
                scenario "nopost" {
                  machine { cpus 2 }
                  int item
                  process producer { compute 1 ms
                    item = 42 }
                  process consumer { int r
                    compute 2 ms
                    r = item }
                }
                """));
    }

    @Test
    void anAssertInsideAnAtomicBlockAbortsBeforeTheRestOfTheBlock() {
        String text = """
                scenario "a" {
                  int count = 3
                  int after = 0
                  process p {
                    atomic {
                      count = count + 1
                      assert count == 5
                      after = 1
                    }
                  }
                  expect count == 4
                  expect after == 0
                }
                """;
        Program p = compile(text);
        RunResult r = Simulator.run(p, RunOptions.defaults());
        assertEquals(List.of(), failing(p, r), "the increment before the assert stays, the store after it never happens");
        assertEquals(134, r.tasks().stream().filter(t -> t.process().equals("p")).findFirst().orElseThrow().exitStatus());
        assertEquals(1, r.findings().stream().filter(d -> d.code() == Code.ASSERTION_FAILED).count(), r.findings().toString());
    }

    @Test
    void threadsOfOneProcessRaceOnItsVariableUntilJoined() {
        String racing = """
                scenario "t" {
                  machine { cpus 2 }
                  process A {
                    int n = 0
                    t = thread { n = n + 1 }
                    %s
                    n = n + 1
                  }
                }
                """;
        assertTrue(races(racing.formatted("")) > 0, "the thread and its creator both update n");
        assertEquals(0, races(racing.formatted("join t")));
    }

    @Test
    void aTrylockThatFailsOrdersNothing() {
        // p's write and unlock come before holder takes m; q's trylock fails while holder has it,
        // so nothing orders p's write before q's read. Had it succeeded, the unlock would.
        String text = """
                scenario "try" {
                  machine { cpus 3 }
                  mutex m
                  int x
                  process p { x = 1
                    lock m
                    unlock m }
                  process holder { compute 1 us
                    %s }
                  process q { int r
                    compute 1 ms
                    trylock m { r = x
                      unlock m } else { r = x } }
                }
                """;
        assertEquals(1, races(text.formatted("lock m\n compute 2 ms\n unlock m")));
        // holder leaving m alone, q's trylock gets it after p's unlock: p's write is ordered before the read
        String free = text.formatted("");
        assertEquals(0, races(free));
    }
}
