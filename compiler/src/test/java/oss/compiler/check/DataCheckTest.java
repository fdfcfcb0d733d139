package oss.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;

/** The checks on data (docs/language.md, "Shared data"), each at the line and column it points at. */
class DataCheckTest {
    /** The diagnostics as "line:column code", in order. */
    private static List<String> where(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        return c.diagnostics().stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.code().id()).toList();
    }

    private static Diagnostic only(String text, Code code) {
        Compilation c = Compiler.compile("t.oss", text);
        List<Diagnostic> found = c.diagnostics().stream().filter(d -> d.code() == code).toList();
        assertEquals(1, found.size(), c.diagnostics().toString());
        return found.get(0);
    }

    /** A scenario with shared `int count`, `int slot[4]`, `mutex m`, and {@code body} as process A's body (line 6 on). */
    private static String body(String body) {
        return "scenario \"t\" {\n  int count = 0\n  int slot[4]\n  mutex m\n  process A {\n" + body + "\n  }\n}\n";
    }

    @Test
    void namesAreCheckedWhereTheyAreWritten() {
        assertEquals(List.of("6:5 OSS1101"), where(body("    cuont = 1")));
        assertEquals(List.of("6:13 OSS1101"), where(body("    count = x + 1")));
        assertEquals(List.of("6:5 OSS1103"), where(body("    m = 1")));
        assertEquals(List.of("6:13 OSS1103"), where(body("    count = m")));
        assertEquals(List.of("7:9 OSS1102"), where(body("    int r = 0\n    int r = 1")));
        assertEquals(List.of("6:9 OSS1102"), where(body("    int count = 1")));
        assertEquals(List.of("6:9 OSS1102"), where(body("    int m = 1")));
        assertEquals(List.of("7:5 OSS1103"), where(body("    c = fork { compute 1 ms }\n    c = 1")));
    }

    @Test
    void aLocalIsSeenOnlyInsideItsBlock() {
        assertEquals(List.of("7:5 OSS1101"), where(body("    if (count == 0) { int r = 1 }\n    r = 2")));
    }

    @Test
    void aLoopIndexIsAConstantNotAVariable() {
        assertEquals(List.of("6:21 OSS1103"), where(body("    for i in 0..1 { i = 2 }")));
        assertTrue(where(body("    for i in 0..3 { slot[i] = i * 2 }")).isEmpty());
    }

    @Test
    void arraysAndTheirConstantIndexes() {
        assertEquals(List.of("6:10 OSS1204"), where(body("    slot[4] = 1")));
        assertEquals(List.of("6:18 OSS1204"), where(body("    count = slot[-1]")));
        assertEquals(List.of("6:5 OSS1106"), where(body("    slot = 1")));
        assertEquals(List.of("6:5 OSS1106"), where(body("    count[0] = 1")));
        assertEquals(List.of("2:24 OSS1204"), where("scenario \"t\" {\n  int pair[2] = {1, 2, 3}\n  process A { compute 1 ms }\n}\n"));
    }

    @Test
    void divisionByAConstantZero() {
        assertEquals(List.of("6:21 OSS1206"), where(body("    count = count / 0")));
        assertEquals(List.of("6:21 OSS1206"), where(body("    count = count % (2 - 2)")));
    }

    @Test
    void aVariableWhereACompileTimeNumberIsNeeded() {
        Diagnostic d = only(body("    repeat count { compute 1 ms }"), Code.WRONG_KIND);
        assertEquals("6:12", d.span().line() + ":" + d.span().column());
        assertTrue(d.message().contains("not known when the file is compiled"), d.message());
        assertEquals(List.of("6:13 OSS1103"), where(body("    compute slot[1] ms")));
        assertEquals(List.of("7:13 OSS1103"), where(body("    int n = 2\n    compute n ms")));
    }

    @Test
    void breakOutsideAWhileLoop() {
        assertEquals(List.of("6:5 OSS1309"), where(body("    break")));
        assertEquals(List.of("6:36 OSS1309"), where(body("    while (count < 3) { repeat 2 { break } }")));
        assertTrue(where(body("    while (count < 3) { if (count == 2) { break } }")).stream().noneMatch(s -> s.endsWith("OSS1309")));
    }

    @Test
    void onlyAssignmentsIfAndAtomicOperationsInsideAtomic() {
        assertEquals(List.of("6:14 OSS1309"), where(body("    atomic { lock m }")));
        assertEquals(List.of("6:14 OSS1309"), where(body("    atomic { while (count < 1) { count++ } }")));
        assertEquals(List.of("6:14 OSS1309"), where(body("    atomic { mb() }")));
        assertTrue(where(body("    atomic { int t = count\n      count = t + 1\n      if (t > 2) { atomic_inc(count) } }")).isEmpty());
    }

    @Test
    void atomicOperationsTakeTheirOperands() {
        assertEquals(List.of("6:5 OSS1001"), where(body("    atomic_add(count)")));
        assertEquals(List.of("6:13 OSS1001"), where(body("    count = cmpxchg(count, 1)")));
        assertEquals(List.of("6:13 OSS1103"), where(body("    count = atomic_inc(count)")));
        assertEquals(List.of("6:11 OSS1309"), where(body("    await fetch_add(count, 1) == 0")));
    }

    @Test
    void theMemoryModelIsOneOfThree() {
        assertEquals(List.of("2:25 OSS1502"), where("scenario \"t\" {\n  kernel { memory_model arm }\n  process A { compute 1 ms }\n}\n"));
        assertEquals(List.of("2:25 OSS1203"), where("scenario \"t\" {\n  kernel { store_buffer 0 }\n  process A { compute 1 ms }\n}\n"));
    }

    @Test
    void expectationsNameDeclaredVariables() {
        assertEquals(List.of("3:10 OSS1101"), where("scenario \"t\" {\n  process P { int r = 0 }\n  expect cuont == 1\n}\n"));
        assertEquals(List.of("3:12 OSS1101"), where("scenario \"t\" {\n  process P { int r = 0 }\n  expect P.q + 1 == 1\n}\n"));
        assertEquals(List.of("3:10 OSS1101"), where("scenario \"t\" {\n  process P { int r = 0 }\n  expect Q.r + 1 == 1\n}\n"));
        // a forked child's variable is the child's, not one of P's at its end
        assertEquals(List.of("3:12 OSS1101"), where("scenario \"t\" {\n  process P { fork { int c = 1 } }\n  expect P.c + 1 == 2\n}\n"));
    }

    @Test
    void keywordsOfDataAreStillNames() {
        assertTrue(where("""
                scenario "k" {
                  mutex atomic
                  semaphore if = 1
                  process while {
                    lock atomic
                    P(if)
                    V(if)
                    unlock atomic
                  }
                  expect while.exit == 0
                }
                """).isEmpty());
    }

    // ------------------------------------------------------------ Eraser's lockset (OSS1308)

    @Test
    void aCounterIncrementedByTwoProcessesWithoutALockIsReportedOnce() {
        Diagnostic d = only("""
                scenario "l" {
                  int count = 0
                  process A { count = count + 1 }
                  process B { count = count + 1 }
                }
                """, Code.NO_COMMON_LOCK);
        assertEquals("3:15", d.span().line() + ":" + d.span().column());
        assertTrue(d.message().startsWith("`count` is used by A, B"), d.message());
        assertTrue(d.related().stream().anyMatch(r -> r.span().line() == 4), d.related().toString());
    }

    @Test
    void oneMutexAroundEveryAccessIsEnough() {
        assertTrue(where("""
                scenario "l" {
                  int count = 0
                  mutex m
                  process A { lock m; count = count + 1; unlock m }
                  process B { lock m; count = count + 1; unlock m }
                }
                """).isEmpty());
    }

    @Test
    void differentLocksOrOneUnprotectedAccessAreReported() {
        Diagnostic d = only("""
                scenario "l" {
                  int count = 0
                  mutex m
                  mutex n
                  process A { lock m; count = count + 1; unlock m }
                  process B { lock n; count = count + 1; unlock n }
                }
                """, Code.NO_COMMON_LOCK);
        assertEquals(5, d.span().line());
        assertEquals(3, only("""
                scenario "l" {
                  int count = 0
                  mutex m
                  process A { lock m; count = count + 1; unlock m }
                  process B { compute 1 ms
                    count = 2 }
                }
                """, Code.NO_COMMON_LOCK).span().line() - 3);
    }

    @Test
    void atomicsReadersAndPrivateVariablesNeedNoLock() {
        assertTrue(where("""
                scenario "l" {
                  int count = 0
                  int seen = 5
                  process A { atomic_inc(count); int r = seen; atomic { count = count + r } }
                  process B { r = fetch_add(count, 1); int x = seen }
                  process C { int mine = 0; mine = mine + 1 }
                }
                """.replace("process B { r =", "process B { int r = 0; r =")).isEmpty());
    }

    @Test
    void aSpinlockBuiltFromTestAndSetOrCmpxchgIsALock() {
        for (String take : List.of("while (test_and_set(l)) { }", "while (test_and_set(l) == 1) { }",
                "while (xchg(l, 1) != 0) { }", "while (cmpxchg(l, 0, 1) != 0) { }",
                "while (cmpxchg(l, 0, i + 1) != 0) { }")) {
            String text = """
                    scenario "s" {
                      int l = 0
                      int count = 0
                      process p[i in 0..1] {
                        TAKE
                        count = count + 1
                        l = 0
                      }
                    }
                    """.replace("TAKE", take);
            assertTrue(where(text).isEmpty(), take + ": " + where(text));
        }
        // released with xchg(l, 0) as well
        assertTrue(where("""
                scenario "s" {
                  int l = 0
                  int count = 0
                  process p[i in 0..1] {
                    while (cmpxchg(l, 0, i + 1) != 0) { }
                    count = count + 1
                    xchg(l, 0)
                  }
                }
                """).isEmpty());
        // a loop that leaves when the lock was held takes nothing; nor does a release by a task that did not take
        // it; a lock released before the access protects nothing
        for (String take : List.of("while (test_and_set(l) == 0) { }", "l = 0\n    while (test_and_set(l)) { }",
                "while (test_and_set(l)) { }\n    atomic_inc(l)", "while (test_and_set(l)) { }\n    xchg(l, 0)")) {
            String text = """
                    scenario "s" {
                      int l = 0
                      int count = 0
                      process p[i in 0..1] {
                        TAKE
                        count = count + 1
                        l = 0
                      }
                    }
                    """.replace("TAKE", take);
            assertTrue(where(text).stream().anyMatch(w -> w.endsWith("OSS1308")), take + ": " + where(text));
        }
    }

    @Test
    void accessesInsideAtomicBlocksNeedNoLock() {
        assertTrue(where("""
                scenario "a" {
                  int count = 0
                  process A { atomic { count = count + 1 } }
                  process B { atomic { if (count > 0) { count = count - 1 } } }
                }
                """).isEmpty());
    }

    @Test
    void threadsOfOneProcessShareItsVariableAndAreCheckedToo() {
        Diagnostic d = only("""
                scenario "l" {
                  process A {
                    int n = 0
                    t = thread { n = n + 1 }
                    u = thread { n = n + 1 }
                    join t
                    join u
                  }
                }
                """, Code.NO_COMMON_LOCK);
        assertEquals(4, d.span().line());
    }

    @Test
    void aLockHeldWhenALoopBreaksIsStillHeldAfterIt() {
        List<String> w = where("""
                scenario "b" {
                  int count = 0
                  mutex m
                  process A {
                    while (1) {
                      lock m
                      if (count > 0) { break }
                      unlock m
                    }
                    count = count - 1
                    unlock m
                  }
                  process B { lock m; count = count + 1; unlock m }
                }
                """);
        assertTrue(w.isEmpty(), w.toString());
    }

    @Test
    void theLockChecksFollowLoopsBreaksAndBranches() {
        // A takes m then n inside a loop, B n then m behind an if: a cycle
        assertTrue(where("""
                scenario "o" {
                  int go = 1
                  mutex m
                  mutex n
                  process A { while (go == 1) { lock m; lock n; unlock n; unlock m; go = 0 } }
                  process B { if (go == 1) { lock n; lock m; unlock m; unlock n } }
                }
                """).contains("5:41 OSS1304"));
        // leaving the loop at the break with m held, and never unlocking it
        List<String> held = where("""
                scenario "h" {
                  int x = 0
                  mutex m
                  process A {
                    while (1) {
                      lock m
                      if (x == 0) { break }
                      unlock m
                    }
                  }
                }
                """);
        assertTrue(held.contains("4:11 OSS1305"), held.toString());
        // an unlock on the break path only is no error: m may be held there
        assertTrue(where("""
                scenario "u" {
                  int x = 0
                  mutex m
                  process A {
                    while (x < 2) {
                      lock m
                      x = x + 1
                      if (x == 2) { unlock m; break }
                      unlock m
                    }
                  }
                }
                """).stream().noneMatch(w -> w.endsWith("OSS1301") || w.endsWith("OSS1305")));
    }

    @Test
    void aBinarySemaphoreTakenAndPostedByEachTaskIsALock() {
        // the textbook bounded buffer: `mutex` (initially 1) around count, empty and full only count slots
        assertTrue(where("""
                scenario "b" {
                  int count = 0
                  semaphore mutex = 1
                  semaphore empty = 2
                  semaphore full = 0
                  process producer { P(empty); P(mutex); count = count + 1; V(mutex); V(full) }
                  process consumer { P(full); P(mutex); count = count - 1; V(mutex); V(empty) }
                }
                """).isEmpty());
        // a semaphore of 1 that one task posts without taking it signals; it protects nothing
        assertEquals(1, where("""
                scenario "b" {
                  int count = 0
                  semaphore s = 1
                  process A { P(s); count = count + 1; V(s) }
                  process B { count = count + 1; V(s) }
                }
                """).stream().filter(w -> w.endsWith("OSS1308")).count());
        // nor does a counting semaphore
        assertEquals(1, where("""
                scenario "b" {
                  int count = 0
                  semaphore s = 2
                  process A { P(s); count = count + 1; V(s) }
                  process B { P(s); count = count + 1; V(s) }
                }
                """).stream().filter(w -> w.endsWith("OSS1308")).count());
    }

    @Test
    void whatAProcessDoesBeforeItsThreadsStartAndAfterItJoinsThemNeedsNoLock() {
        // the canonical example: two threads add under a mutex, main checks the sum after joining both
        assertTrue(where("""
                scenario "t" {
                  int total = 0
                  mutex m
                  process main {
                    int n = 0
                    total = 5
                    t1 = thread { lock m; n = n + 1; total = total + 1; unlock m }
                    t2 = thread { lock m; n = n + 1; total = total + 1; unlock m }
                    join t1
                    join t2
                    assert n == 2 && total == 7
                  }
                }
                """).isEmpty());
        // reading before the second join: t2 may still be running
        assertEquals(List.of("8:12 OSS1308"), where("""
                scenario "t" {
                  mutex m
                  process main {
                    int n = 0
                    t1 = thread { lock m; n = n + 1; unlock m }
                    t2 = thread { lock m; n = n + 1; unlock m }
                    join t1
                    assert n >= 1
                    join t2
                  }
                }
                """));
        // another process touches the shared variable: main's own accesses count again
        assertEquals(1, where("""
                scenario "t" {
                  int total = 0
                  mutex m
                  process main {
                    t1 = thread { lock m; total = total + 1; unlock m }
                    join t1
                    total = 0
                  }
                  process other { lock m; total = total + 1; unlock m }
                }
                """).stream().filter(w -> w.endsWith("OSS1308")).count());
    }
}
