package oss.compiler.lockorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static oss.compiler.lockorder.Build.at;
import static oss.compiler.lockorder.Build.decls;
import static oss.compiler.lockorder.Build.proc;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.diag.Severity;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.Span;

class LockOrderTest {
    static Program compiled(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        assertTrue(c.program().isPresent(), () -> "no program: " + c.diagnostics());
        return c.program().get();
    }

    static List<Diagnostic> of(Code code, List<Diagnostic> all) {
        return all.stream().filter(d -> d.code() == code).toList();
    }

    static List<String> relatedMessages(Diagnostic d) {
        return d.related().stream().map(Related::message).toList();
    }

    // ---- OSS1304: cycles ----------------------------------------------------------------------------------

    @Test
    void diningPhilosophersLeftThenRightIsOneCycleOfFive() {
        Program p = compiled("""
                scenario "p" {
                  mutex fork[5]
                  process philosopher[i in 0..4] {
                    lock fork[i]
                    sleep 1 ms
                    lock fork[(i + 1) % 5]
                    compute 2 ms
                    unlock fork[(i + 1) % 5]
                    unlock fork[i]
                  }
                }
                """);
        List<Diagnostic> all = LockOrder.analyze(p);
        assertEquals(1, all.size(), all::toString);
        Diagnostic d = all.get(0);
        assertEquals(Code.LOCK_ORDER_CYCLE, d.code());
        assertEquals(Severity.WARNING, d.severity());
        assertEquals("possible deadlock: fork[0] → fork[1] → fork[2] → fork[3] → fork[4] → fork[0]; "
                + "each lock is taken while holding the previous one", d.message());
        assertEquals(6, d.span().line());
        assertEquals(5, d.span().column());
        assertEquals(5, d.related().size());
        assertEquals(List.of("philosopher[0] takes fork[1] while holding fork[0]",
                "philosopher[1] takes fork[2] while holding fork[1]",
                "philosopher[2] takes fork[3] while holding fork[2]",
                "philosopher[3] takes fork[4] while holding fork[3]",
                "philosopher[4] takes fork[0] while holding fork[4]"), relatedMessages(d));
        assertTrue(d.related().stream().allMatch(r -> r.span().line() == 6));
        assertTrue(d.detail().contains("philosopher[4] holds fork[4] and waits for fork[0]"), d.detail());
    }

    @Test
    void orderedForksHaveNoCycle() {
        Program p = compiled("""
                scenario "p" {
                  mutex fork[5]
                  process philosopher[i in 0..3] {
                    lock fork[i]
                    lock fork[i + 1]
                    unlock fork[i + 1]
                    unlock fork[i]
                  }
                  process last {
                    lock fork[0]
                    lock fork[4]
                    unlock fork[4]
                    unlock fork[0]
                  }
                }
                """);
        assertEquals(List.of(), LockOrder.analyze(p));
    }

    @Test
    void twoLocksInOppositeOrdersInTwoProcessesIsACycleOfTwo() {
        Program p = compiled("""
                scenario "ab" {
                  mutex a
                  mutex b
                  process P {
                    lock a
                    lock b
                    unlock b
                    unlock a
                  }
                  process Q {
                    lock b
                    lock a
                    unlock a
                    unlock b
                  }
                }
                """);
        List<Diagnostic> all = LockOrder.analyze(p);
        assertEquals(1, all.size(), all::toString);
        Diagnostic d = all.get(0);
        assertEquals("possible deadlock: a → b → a; each lock is taken while holding the previous one", d.message());
        assertEquals(new Span(6, 5, 6, 11), d.span());
        assertEquals(List.of("P takes b while holding a", "Q takes a while holding b"), relatedMessages(d));
        assertEquals(List.of(6, 12), d.related().stream().map(r -> r.span().line()).toList());
    }

    @Test
    void oneProcessTakingBothOrdersCannotDeadlockAlone() {
        Program p = compiled("""
                scenario "one" {
                  mutex a
                  mutex b
                  process P {
                    lock a
                    lock b
                    unlock b
                    unlock a
                    lock b
                    lock a
                    unlock a
                    unlock b
                  }
                }
                """);
        assertEquals(List.of(), LockOrder.analyze(p));
    }

    @Test
    void sameOrderTwiceIsNoCycle() {
        Program p = compiled("""
                scenario "twice" {
                  mutex a
                  mutex b
                  process P[i in 0..1] {
                    lock a
                    lock b
                    unlock b
                    unlock a
                    lock a
                    lock b
                    unlock b
                    unlock a
                  }
                }
                """);
        assertEquals(List.of(), LockOrder.analyze(p));
    }

    @Test
    void aForkedChildIsAnotherTask() {
        Program p = compiled("""
                scenario "child" {
                  mutex a
                  mutex b
                  process P {
                    fork {
                      lock b
                      lock a
                      unlock a
                      unlock b
                    }
                    lock a
                    lock b
                    unlock b
                    unlock a
                  }
                }
                """);
        List<Diagnostic> all = LockOrder.analyze(p);
        assertEquals(1, all.size(), all::toString);
        assertEquals(List.of("P takes b while holding a", "child of P at 5:5 takes a while holding b"),
                relatedMessages(all.get(0)));
    }

    @Test
    void aChildStartsHoldingNothing() {
        Program p = compiled("""
                scenario "child" {
                  mutex a
                  mutex b
                  process P {
                    lock a
                    fork {
                      lock b
                      lock a
                      unlock a
                      unlock b
                    }
                    wait any
                    unlock a
                  }
                }
                """);
        // no edge a → b from the child: it does not inherit a; the parent takes nothing under a
        assertEquals(List.of(), of(Code.LOCK_ORDER_CYCLE, LockOrder.analyze(p)));
    }

    @Test
    void aGateLockHeldAtEveryPlaceSuppressesTheCycle() {
        String text = """
                scenario "gate" {
                  mutex waiter
                  mutex fork[5]
                  process philosopher[i in 0..4] {
                    lock waiter
                    lock fork[i]
                    lock fork[(i + 1) % 5]
                    unlock waiter
                    unlock fork[(i + 1) % 5]
                    unlock fork[i]
                  }
                }
                """;
        assertEquals(List.of(), LockOrder.analyze(compiled(text)));
    }

    @Test
    void aGateOnlySomeTasksTakeDoesNotSuppress() {
        Program p = compiled("""
                scenario "gate" {
                  mutex g
                  mutex a
                  mutex b
                  process P {
                    lock g
                    lock a
                    lock b
                    unlock b
                    unlock a
                    unlock g
                  }
                  process Q {
                    lock b
                    lock a
                    unlock a
                    unlock b
                  }
                }
                """);
        List<Diagnostic> all = LockOrder.analyze(p);
        assertEquals(1, all.size(), all::toString);
        assertEquals("possible deadlock: a → b → a; each lock is taken while holding the previous one",
                all.get(0).message());
    }

    @Test
    void trylockSuccessHoldsItsMutexAndOrdersWhatComesInside() {
        Program p = compiled("""
                scenario "try" {
                  mutex a
                  mutex b
                  process P {
                    trylock a {
                      lock b
                      unlock b
                      unlock a
                    } else {
                      compute 1 ms
                    }
                  }
                  process Q {
                    lock b
                    lock a
                    unlock a
                    unlock b
                  }
                }
                """);
        List<Diagnostic> all = LockOrder.analyze(p);
        assertEquals(1, all.size(), all::toString);
        Diagnostic d = all.get(0);
        assertEquals(Code.LOCK_ORDER_CYCLE, d.code());
        assertEquals(List.of("P takes b while holding a", "Q takes a while holding b"), relatedMessages(d));
        assertEquals(6, d.span().line());
    }

    @Test
    void trylockItselfNeverWaitsSoItOrdersNothing() {
        Program p = compiled("""
                scenario "try" {
                  mutex a
                  mutex b
                  process P {
                    lock b
                    trylock a {
                      unlock a
                    }
                    unlock b
                  }
                  process Q {
                    lock a
                    lock b
                    unlock b
                    unlock a
                  }
                }
                """);
        assertEquals(List.of(), LockOrder.analyze(p));
    }

    @Test
    void readOnlyRwlockCycleIsNoDeadlockButOneWriterMakesIt() {
        Build.Decls d = decls().rw("r", "s");
        ProcessDef[] readers = {
            proc("P", 2, new Op.ReadLock(0, at(3)), new Op.ReadLock(1, at(4)), new Op.ReadUnlock(1, at(5)),
                    new Op.ReadUnlock(0, at(6))),
            proc("Q", 7, new Op.ReadLock(1, at(8)), new Op.ReadLock(0, at(9)), new Op.ReadUnlock(0, at(10)),
                    new Op.ReadUnlock(1, at(11))) };
        assertEquals(List.of(), LockOrder.analyze(d.program(readers)));

        ProcessDef writer = proc("Q", 7, new Op.ReadLock(1, at(8)), new Op.WriteLock(0, at(9)),
                new Op.WriteUnlock(0, at(10)), new Op.ReadUnlock(1, at(11)));
        List<Diagnostic> all = LockOrder.analyze(d.program(readers[0], writer));
        assertEquals(1, all.size(), all::toString);
        assertEquals("possible deadlock: r → s → r; each lock is taken while holding the previous one",
                all.get(0).message());
        assertEquals(List.of("P takes s for reading while holding r", "Q takes r while holding s"),
                relatedMessages(all.get(0)));
    }

    @Test
    void spinlocksAndSeqlockWritersAreOrderedToo() {
        Build.Decls d = decls().mutex("m").spin("s").seq("q");
        List<Diagnostic> all = LockOrder.analyze(d.program(
                proc("P", 2, new Op.SpinLock(0, at(3)),
                        new Op.SeqWrite(0, List.of(new Op.Compute(1, at(5))), at(4)),
                        new Op.SpinUnlock(0, at(6))),
                proc("Q", 7, new Op.SeqWrite(0, List.of(new Op.SpinLock(0, at(9)), new Op.SpinUnlock(0, at(10))),
                        at(8)))));
        assertEquals(List.of(Code.LOCK_ORDER_CYCLE, Code.SLEEP_IN_SPINLOCK_STATIC),
                all.stream().map(Diagnostic::code).toList(), all::toString);
        assertEquals("possible deadlock: s → q → s; each lock is taken while holding the previous one",
                all.get(0).message());
        assertEquals(at(4), all.get(0).span());
        // a seqlock writer may wait for another writer: not under a spinlock
        assertEquals(at(4), all.get(1).span());
    }

    @Test
    void condWaitRetakesItsMutexWhileHoldingTheRest() {
        Build.Decls d = decls().mutex("m", "n").cond("c");
        List<Diagnostic> all = LockOrder.analyze(d.program(
                proc("P", 2, new Op.Lock(0, at(3)), new Op.Lock(1, at(4)), new Op.CondWait(0, 0, at(5)),
                        new Op.Unlock(1, at(6)), new Op.Unlock(0, at(7))),
                proc("Q", 8, new Op.Lock(0, at(9)), new Op.Lock(1, at(10)), new Op.CondSignal(0, at(11)),
                        new Op.Unlock(1, at(12)), new Op.Unlock(0, at(13)))));
        assertEquals(1, all.size(), all::toString);
        Diagnostic cyc = all.get(0);
        assertEquals("possible deadlock: m → n → m; each lock is taken while holding the previous one", cyc.message());
        // m → n from both (P at 4, Q at 10), n → m from P's cond_wait at 5
        assertEquals(List.of("P takes n while holding m", "Q takes n while holding m", "P takes m while holding n"),
                relatedMessages(cyc));
        assertEquals(at(5), cyc.related().get(2).span());
    }

    @Test
    void aLockCarriedAroundARepeatOrdersTheNextPass() {
        Build.Decls d = decls().mutex("a", "b");
        // pass 1 ends holding a; pass 2 takes b while holding it
        Op.Repeat loop = new Op.Repeat(3, List.of(new Op.Lock(1, at(4)), new Op.Unlock(0, at(5)),
                new Op.Unlock(1, at(6)), new Op.Lock(0, at(7))), at(3));
        List<Diagnostic> all = LockOrder.analyze(d.program(proc("P", 2, loop),
                proc("Q", 8, new Op.Lock(1, at(9)), new Op.Lock(0, at(10)), new Op.Unlock(0, at(11)),
                        new Op.Unlock(1, at(12)))));
        List<Diagnostic> cycles = of(Code.LOCK_ORDER_CYCLE, all);
        assertEquals(1, cycles.size(), all::toString);
        assertEquals(List.of("P takes b while holding a", "Q takes a while holding b"), relatedMessages(cycles.get(0)));
        assertEquals(at(4), cycles.get(0).span());
        List<Diagnostic> held = of(Code.HELD_AT_EXIT, all);
        assertEquals(1, held.size(), all::toString);
        assertEquals("P still holds a when its body ends; nobody can take it afterwards", held.get(0).message());

        // once around is not enough: no pass starts holding a
        Op.Repeat once = new Op.Repeat(1, loop.body(), at(3));
        assertEquals(List.of(), of(Code.LOCK_ORDER_CYCLE, LockOrder.analyze(d.program(proc("P", 2, once),
                proc("Q", 8, new Op.Lock(1, at(9)), new Op.Lock(0, at(10)), new Op.Unlock(0, at(11)),
                        new Op.Unlock(1, at(12)))))));
    }

    @Test
    void manyCyclesAreCappedAndDeterministic() {
        Build.Decls d = decls();
        for (int i = 0; i < 8; i++) {
            d.mutex("m" + i);
        }
        // every pair in both orders, from different processes: a complete graph
        List<ProcessDef> ps = new java.util.ArrayList<>();
        int line = 2;
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                if (i != j) {
                    ps.add(proc("p" + i + "_" + j, line, new Op.Lock(i, at(line + 1)), new Op.Lock(j, at(line + 2)),
                            new Op.Unlock(j, at(line + 3)), new Op.Unlock(i, at(line + 4))));
                    line += 5;
                }
            }
        }
        Program p = d.program(ps.toArray(ProcessDef[]::new));
        List<Diagnostic> first = LockOrder.analyze(p);
        assertEquals(LockGraph.MAX_CYCLES, first.size());
        assertEquals(first, LockOrder.analyze(p));
        // shortest first: the 28 cycles of two locks come before any longer one
        assertTrue(first.stream().allMatch(x -> x.message().split("→").length == 3), first::toString);
        assertTrue(first.stream().anyMatch(x -> x.message().startsWith("possible deadlock: m0 → m1 → m0;")));
    }

    @Test
    void aForkInALoopStartsManyTasks() {
        Build.Decls d = decls().mutex("a", "b");
        List<Op> either = List.of(new Op.Choose(List.of(
                List.of(new Op.Lock(0, at(5)), new Op.Lock(1, at(6)), new Op.Unlock(1, at(7)), new Op.Unlock(0, at(8))),
                List.of(new Op.Lock(1, at(9)), new Op.Lock(0, at(10)), new Op.Unlock(0, at(11)), new Op.Unlock(1, at(12)))),
                at(4)));
        // one child takes either order: it cannot wait for itself
        assertEquals(List.of(), LockOrder.analyze(d.program(proc("P", 2, new Op.Fork(-1, either, at(3))))));
        // two children from a loop can each take one order
        List<Diagnostic> all = LockOrder.analyze(d.program(proc("P", 2,
                new Op.Repeat(2, List.of(new Op.Fork(-1, either, at(3))), at(13)))));
        assertEquals(1, all.size(), all::toString);
        assertEquals(List.of("child of P at 3:5 takes b while holding a", "child of P at 3:5 takes a while holding b"),
                relatedMessages(all.get(0)));
    }

    @Test
    void deeplyNestedLoopsThatChangeTheLocksetStayCheap() {
        Build.Decls d = decls().rw("r");
        List<Op> body = List.of(new Op.ReadLock(0, at(30)));
        for (int depth = 0; depth < 16; depth++) {
            body = List.of(new Op.Repeat(2, body, at(29 - depth)), new Op.ReadUnlock(0, at(31 + depth)));
        }
        Program p = d.program(proc("P", 2, body.toArray(Op[]::new)));
        long start = System.nanoTime();
        List<Diagnostic> all = LockOrder.analyze(p);
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
        assertEquals(List.of(Code.HELD_AT_EXIT), all.stream().map(Diagnostic::code).toList(), all::toString);
        assertEquals("P may still hold r (for reading) when its body ends; nobody can take it afterwards",
                all.get(0).message());
    }

    @Test
    void execKeepsTheTaskAndWhatItHolds() {
        Build.Decls d = decls().mutex("m");
        List<Diagnostic> all = LockOrder.analyze(d.program(proc("P", 2, new Op.Lock(0, at(3)),
                new Op.Exec("/bin/true", List.of(new Op.Compute(1, at(5))), at(4)),
                new Op.Unlock(0, at(6)))));
        assertEquals(1, all.size(), all::toString);
        assertEquals(Code.HELD_AT_EXIT, all.get(0).code());
        assertEquals(at(4), all.get(0).span());
        assertEquals("P still holds m when the program it execs ends; nobody can take it afterwards",
                all.get(0).message());
    }

    @Test
    void aGateHeldOnlyForReadingLetsEveryoneIn() {
        Build.Decls d = decls().mutex("a", "b").rw("g");
        List<Diagnostic> all = LockOrder.analyze(d.program(
                proc("P", 2, new Op.ReadLock(0, at(3)), new Op.Lock(0, at(4)), new Op.Lock(1, at(5)),
                        new Op.Unlock(1, at(6)), new Op.Unlock(0, at(7)), new Op.ReadUnlock(0, at(8))),
                proc("Q", 9, new Op.ReadLock(0, at(10)), new Op.Lock(1, at(11)), new Op.Lock(0, at(12)),
                        new Op.Unlock(0, at(13)), new Op.Unlock(1, at(14)), new Op.ReadUnlock(0, at(15)))));
        assertEquals(1, all.size(), all::toString);
        assertEquals("possible deadlock: a → b → a; each lock is taken while holding the previous one",
                all.get(0).message());

        // for writing it is a gate
        List<Diagnostic> gated = LockOrder.analyze(d.program(
                proc("P", 2, new Op.WriteLock(0, at(3)), new Op.Lock(0, at(4)), new Op.Lock(1, at(5)),
                        new Op.Unlock(1, at(6)), new Op.Unlock(0, at(7)), new Op.WriteUnlock(0, at(8))),
                proc("Q", 9, new Op.WriteLock(0, at(10)), new Op.Lock(1, at(11)), new Op.Lock(0, at(12)),
                        new Op.Unlock(0, at(13)), new Op.Unlock(1, at(14)), new Op.WriteUnlock(0, at(15)))));
        assertEquals(List.of(), gated);
    }

    @Test
    void aPlaceSeenByTwoPassesOfALoopIsListedOnce() {
        Build.Decls d = decls().mutex("g", "a", "b");
        // pass 1 takes b under a and g; later passes under a only (g is gone): two kinds of place, one statement
        Op.Repeat loop = new Op.Repeat(3, List.of(new Op.Lock(1, at(4)), new Op.Lock(2, at(5)),
                new Op.Unlock(2, at(6)), new Op.Unlock(1, at(7)), new Op.Unlock(0, at(8))), at(3));
        List<Diagnostic> all = LockOrder.analyze(d.program(proc("P", 2, new Op.Lock(0, at(2)), loop),
                proc("Q", 9, new Op.Lock(2, at(10)), new Op.Lock(1, at(11)), new Op.Unlock(1, at(12)),
                        new Op.Unlock(2, at(13)))));
        List<Diagnostic> cycles = of(Code.LOCK_ORDER_CYCLE, all);
        assertEquals(1, cycles.size(), all::toString);
        assertEquals(List.of("P takes b while holding a", "Q takes a while holding b"), relatedMessages(cycles.get(0)));
    }

    // ---- OSS1306 --------------------------------------------------------------------------------------------

    @Test
    void lockingAMutexItHoldsIsASelfDeadlock() {
        Program p = compiled("""
                scenario "self" {
                  mutex m
                  process P {
                    lock m
                    compute 1 ms
                    lock m
                    unlock m
                  }
                }
                """);
        List<Diagnostic> all = LockOrder.analyze(p);
        assertEquals(1, all.size(), all::toString);
        Diagnostic d = all.get(0);
        assertEquals(Code.SELF_DEADLOCK, d.code());
        assertEquals(Severity.ERROR, d.severity());
        assertEquals(6, d.span().line());
        assertEquals("`lock m`: P already holds m here on every path, so it waits for itself forever", d.message());
        assertEquals(1, d.related().size());
        assertEquals(4, d.related().get(0).span().line());
    }

    @Test
    void selfDeadlockOnlyWhenCertain() {
        Program p = compiled("""
                scenario "maybe" {
                  mutex m
                  process P {
                    trylock m
                    lock m
                    unlock m
                  }
                }
                """);
        assertEquals(List.of(), of(Code.SELF_DEADLOCK, LockOrder.analyze(p)));
    }

    @Test
    void aRepeatThatNeverUnlocksDeadlocksOnItsSecondPass() {
        Program p = compiled("""
                scenario "loop" {
                  mutex m
                  process P {
                    repeat 3 {
                      lock m
                    }
                  }
                }
                """);
        List<Diagnostic> all = LockOrder.analyze(p);
        assertEquals(List.of(Code.HELD_AT_EXIT, Code.SELF_DEADLOCK),
                all.stream().map(Diagnostic::code).toList(), all::toString);
        assertEquals(5, of(Code.SELF_DEADLOCK, all).get(0).span().line());
    }

    @Test
    void spinlockAndRwlockSelfDeadlocks() {
        Build.Decls d = decls().spin("s").rw("r");
        List<Diagnostic> all = LockOrder.analyze(d.program(proc("P", 2,
                new Op.SpinLock(0, at(3)), new Op.SpinLock(0, at(4)), new Op.SpinUnlock(0, at(5)),
                new Op.ReadLock(0, at(6)), new Op.ReadLock(0, at(7)), new Op.WriteLock(0, at(8)),
                new Op.WriteUnlock(0, at(9)), new Op.ReadUnlock(0, at(10)), new Op.ReadUnlock(0, at(11)))));
        List<Diagnostic> self = of(Code.SELF_DEADLOCK, all);
        assertEquals(List.of(4, 8), self.stream().map(x -> x.span().line()).toList(), all::toString);
        assertEquals("`write_lock r`: P already holds r here on every path, so it waits for itself forever",
                self.get(1).message());
        assertEquals(2, self.get(1).related().size());
        // read locks nest: two read_locks, two read_unlocks, nothing left
        assertEquals(List.of(), of(Code.HELD_AT_EXIT, all));
        assertEquals(List.of(), of(Code.UNLOCK_NOT_HELD, all));
    }

    // ---- OSS1305 --------------------------------------------------------------------------------------------

    @Test
    void aLockHeldWhenTheBodyEnds() {
        Program p = compiled("""
                scenario "exit" {
                  mutex m
                  process P {
                    lock m
                    compute 1 ms
                  }
                }
                """);
        List<Diagnostic> all = LockOrder.analyze(p);
        assertEquals(1, all.size(), all::toString);
        Diagnostic d = all.get(0);
        assertEquals(Code.HELD_AT_EXIT, d.code());
        assertEquals("P still holds m when its body ends; nobody can take it afterwards", d.message());
        assertEquals(3, d.span().line());
        assertEquals(List.of("m taken here"), relatedMessages(d));
        assertEquals(4, d.related().get(0).span().line());
    }

    @Test
    void anExitOnOneSideHoldingALock() {
        Program p = compiled("""
                scenario "exit" {
                  mutex a
                  mutex b
                  process P {
                    lock a
                    trylock b {
                      exit 1
                    }
                    unlock a
                  }
                }
                """);
        List<Diagnostic> all = LockOrder.analyze(p);
        assertEquals(1, all.size(), all::toString);
        Diagnostic d = all.get(0);
        assertEquals(Code.HELD_AT_EXIT, d.code());
        assertEquals(7, d.span().line());
        assertEquals("P still holds a, b at this exit; nobody can take them afterwards", d.message());
        assertEquals(List.of(5, 6), d.related().stream().map(r -> r.span().line()).toList());
    }

    @Test
    void aLockHeldOnlyOnSomePathsMayStillBeHeld() {
        Build.Decls d = decls().mutex("m");
        List<Diagnostic> all = LockOrder.analyze(d.program(proc("P", 2,
                new Op.Choose(List.of(List.of(new Op.Lock(0, at(4))), List.of(new Op.Compute(1, at(5)))), at(3)))));
        assertEquals(1, all.size(), all::toString);
        assertEquals("P may still hold m when its body ends; nobody can take it afterwards", all.get(0).message());
        assertEquals(new Span(2, 11, 2, 12), all.get(0).span());
    }

    // ---- OSS1307 --------------------------------------------------------------------------------------------

    @Test
    void sleepingInsideASpinlock() {
        Build.Decls d = decls().mutex("m").spin("s");
        List<Diagnostic> all = LockOrder.analyze(d.program(proc("P", 2,
                new Op.SpinLock(0, at(3)), new Op.Compute(10, at(4)), new Op.Sleep(1000, at(5)),
                new Op.Lock(0, at(6)), new Op.Unlock(0, at(7)), new Op.SpinUnlock(0, at(8)),
                new Op.Sleep(1000, at(9)))));
        assertEquals(2, all.size(), all::toString);
        Diagnostic sleep = all.get(0);
        assertEquals(Code.SLEEP_IN_SPINLOCK_STATIC, sleep.code());
        assertEquals(at(5), sleep.span());
        assertEquals("`sleep` can sleep while P holds spinlock s; a spinlock holder must not sleep: "
                + "other CPUs spin until it wakes up", sleep.message());
        assertEquals(List.of(new Related(at(3), "s taken here")), sleep.related());
        assertEquals(at(6), all.get(1).span());
        assertTrue(all.get(1).message().startsWith("`lock m` can sleep while P holds spinlock s"));
    }

    @Test
    void nestedSpinlocksAndTrylockDoNotSleep() {
        Build.Decls d = decls().mutex("m").spin("s", "t");
        List<Diagnostic> all = LockOrder.analyze(d.program(proc("P", 2,
                new Op.SpinLock(0, at(3)), new Op.SpinLock(1, at(4)),
                new Op.TryLock(0, List.of(new Op.Unlock(0, at(6))), List.of(), at(5)),
                new Op.SemPost(0, at(7)), new Op.SpinUnlock(1, at(8)), new Op.SpinUnlock(0, at(9)))));
        assertEquals(List.of(), all);
    }

    @Test
    void maySleepUnderASpinlockHeldOnOnePath() {
        Build.Decls d = decls().spin("s");
        List<Diagnostic> all = LockOrder.analyze(d.program(proc("P", 2,
                new Op.Choose(List.of(List.of(new Op.SpinLock(0, at(4))), List.of()), at(3)),
                new Op.Io(5, at(5)))));
        List<Diagnostic> sleep = of(Code.SLEEP_IN_SPINLOCK_STATIC, all);
        assertEquals(1, sleep.size(), all::toString);
        assertTrue(sleep.get(0).message().startsWith("`io` can sleep while P may hold spinlock s"));
    }

    // ---- speed ------------------------------------------------------------------------------------------------

    @Test
    void aTwoThousandLineScenarioTakesMilliseconds() {
        Build.Decls d = decls();
        for (int i = 0; i < 40; i++) {
            d.mutex("m" + i);
        }
        List<ProcessDef> ps = new java.util.ArrayList<>();
        int line = 1;
        for (int p = 0; p < 20; p++) {
            List<Op> body = new java.util.ArrayList<>();
            for (int k = 0; k < 25; k++) {
                int a = (p + k) % 40;
                int b = (p * 7 + k * 3 + 1) % 40;
                if (a == b) {
                    b = (b + 1) % 40;
                }
                List<Op> inner = List.of(new Op.Lock(a, at(line++)), new Op.Lock(b, at(line++)),
                        new Op.Unlock(b, at(line++)), new Op.Unlock(a, at(line++)));
                body.add(k % 5 == 0 ? new Op.Repeat(4, inner, at(line++)) : new Op.Choose(List.of(inner, List.of()), at(line++)));
            }
            ps.add(proc("p" + p, line++, body.toArray(Op[]::new)));
        }
        Program program = d.program(ps.toArray(ProcessDef[]::new));
        assertTrue(line >= 2000, "lines " + line);
        // the best of a few runs: the first ones pay for class loading and the JIT, a busy machine for the rest
        long best = Long.MAX_VALUE;
        List<Diagnostic> all = List.of();
        for (int run = 0; run < 10; run++) {
            long start = System.nanoTime();
            all = LockOrder.analyze(program);
            best = Math.min(best, System.nanoTime() - start);
        }
        assertTrue(best < 100_000_000L, "took " + best / 1_000_000 + " ms");
        assertTrue(all.size() <= LockGraph.MAX_CYCLES);
    }
}
