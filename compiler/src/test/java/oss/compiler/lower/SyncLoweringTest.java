package oss.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.ir.program.Op;
import oss.ir.program.Program;
import oss.ir.program.SyncObjects;

/** Spinlocks, rwlocks, seqlocks, condvars, barriers, semaphore sets and choose, lowered to the program model. */
class SyncLoweringTest {
    static Program program(String text) {
        return LoweringTest.program(text);
    }

    static List<String> diagnostics(String text) {
        Compilation c = Compiler.compile("t.oss", text);
        return c.diagnostics().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code().id() + " " + d.message()).toList();
    }

    @Test
    void declarationsFillTheSyncObjectsWithArraysFlattened() {
        Program p = program("""
                scenario "d" {
                  spinlock s
                  spinlock lanes[3]
                  rwlock table
                  rwlock config writer_preferring
                  seqlock clock
                  condvar c[2]
                  barrier gate 3
                  barrier rounds[2] 1 + 1
                  semset sems = [1, 0, 2]
                  semset one = [5]
                }
                """);
        SyncObjects sync = p.sync();
        assertEquals(List.of("s", "lanes[0]", "lanes[1]", "lanes[2]"),
                sync.spinlocks().stream().map(SyncObjects.SpinlockDecl::name).toList());
        assertEquals(List.of("table", "config"), sync.rwlocks().stream().map(SyncObjects.RwLockDecl::name).toList());
        assertEquals(List.of(false, true), sync.rwlocks().stream().map(SyncObjects.RwLockDecl::writerPreferring).toList());
        assertEquals(List.of("clock"), sync.seqlocks().stream().map(SyncObjects.SeqlockDecl::name).toList());
        assertEquals(List.of("c[0]", "c[1]"), sync.condvars().stream().map(SyncObjects.CondvarDecl::name).toList());
        assertEquals(List.of("gate", "rounds[0]", "rounds[1]"),
                sync.barriers().stream().map(SyncObjects.BarrierDecl::name).toList());
        assertEquals(List.of(3, 2, 2), sync.barriers().stream().map(SyncObjects.BarrierDecl::parties).toList());
        assertEquals(2, sync.semsets().size());
        assertEquals("sems", sync.semsets().get(0).name());
        assertArrayEquals(new int[] {1, 0, 2}, sync.semsets().get(0).initial());
        assertArrayEquals(new int[] {5}, sync.semsets().get(1).initial());
        assertEquals(10, sync.semsets().get(0).span().line());
        assertTrue(p.mutexes().isEmpty(), "no mutex was declared");
    }

    @Test
    void statementsResolveToIndexesPerKindWithLoopsUnrolled() {
        Program p = program("""
                scenario "s" {
                  mutex m
                  spinlock s
                  spinlock lanes[3]
                  rwlock a
                  rwlock b
                  condvar x
                  condvar y[2]
                  barrier first 2
                  barrier gate[2] 2
                  process w[i in 0..1] {
                    for j in 0..2 {
                      spin_lock lanes[j]
                      spin_unlock lanes[j]
                    }
                    spin_lock s
                    spin_unlock s
                    read_lock b
                    read_unlock b
                    write_lock a
                    write_unlock a
                    lock m
                    cond_wait y[1 - i] m
                    unlock m
                    signal x
                    broadcast y[i]
                    barrier gate[i]
                  }
                }
                """);
        for (int i = 0; i < 2; i++) {
            List<Op> body = p.processes().get(i).body();
            assertEquals(18, body.size());
            for (int j = 0; j < 3; j++) {
                assertEquals(1 + j, ((Op.SpinLock) body.get(2 * j)).lock());
                assertEquals(1 + j, ((Op.SpinUnlock) body.get(2 * j + 1)).lock());
            }
            assertEquals(0, ((Op.SpinLock) body.get(6)).lock());
            assertEquals(0, ((Op.SpinUnlock) body.get(7)).lock());
            assertEquals(1, ((Op.ReadLock) body.get(8)).rwlock());
            assertEquals(1, ((Op.ReadUnlock) body.get(9)).rwlock());
            assertEquals(0, ((Op.WriteLock) body.get(10)).rwlock());
            assertEquals(0, ((Op.WriteUnlock) body.get(11)).rwlock());
            Op.CondWait w = (Op.CondWait) body.get(13);
            assertEquals(1 + (1 - i), w.cond());
            assertEquals(0, w.mutex());
            assertEquals(0, ((Op.CondSignal) body.get(15)).cond());
            assertEquals(1 + i, ((Op.CondBroadcast) body.get(16)).cond());
            assertEquals(1 + i, ((Op.BarrierWait) body.get(17)).barrier());
            assertEquals(27, body.get(17).span().line());
        }
    }

    @Test
    void seqlockBlocksKeepTheirBodies() {
        Program p = program("""
                scenario "q" {
                  seqlock a
                  seqlock clock
                  mutex m
                  process W {
                    seq_write clock {
                      for j in 1..2 { compute j ms }
                    }
                    seq_read a {
                      lock m
                      unlock m
                    }
                  }
                }
                """);
        List<Op> body = p.processes().get(0).body();
        Op.SeqWrite w = (Op.SeqWrite) body.get(0);
        assertEquals(1, w.seqlock());
        assertEquals(List.of(1_000_000L, 2_000_000L), w.body().stream().map(o -> ((Op.Compute) o).ns()).toList());
        Op.SeqRead r = (Op.SeqRead) body.get(1);
        assertEquals(0, r.seqlock());
        assertInstanceOf(Op.Lock.class, r.body().get(0));
        assertInstanceOf(Op.Unlock.class, r.body().get(1));
    }

    @Test
    void semopCarriesTheSetAndParallelIndexAndDeltaArrays() {
        Program p = program("""
                scenario "sv" {
                  semset other = [1]
                  semset sems = [1, 0, 2]
                  process P[i in 0..1] {
                    semop sems[0] -1, sems[2] +1, sems[1] 0
                    semop sems[i + 1] 2 * 3
                  }
                }
                """);
        for (int i = 0; i < 2; i++) {
            List<Op> body = p.processes().get(i).body();
            Op.SemOp a = (Op.SemOp) body.get(0);
            assertEquals(1, a.set());
            assertArrayEquals(new int[] {0, 2, 1}, a.index());
            assertArrayEquals(new int[] {-1, 1, 0}, a.delta());
            Op.SemOp b = (Op.SemOp) body.get(1);
            assertArrayEquals(new int[] {i + 1}, b.index());
            assertArrayEquals(new int[] {6}, b.delta());
        }
    }

    @Test
    void chooseKeepsEveryBranchInOrder() {
        Program p = program("""
                scenario "c" {
                  mutex m[2]
                  process A {
                    choose {
                      lock m[0]
                    } or {
                      for j in 0..1 { lock m[j] }
                    } or {
                    }
                    compute 1 ms
                  }
                }
                """);
        List<Op> body = p.processes().get(0).body();
        assertEquals(2, body.size());
        Op.Choose c = (Op.Choose) body.get(0);
        assertEquals(3, c.branches().size());
        assertEquals(List.of(0), c.branches().get(0).stream().map(o -> ((Op.Lock) o).mutex()).toList());
        assertEquals(List.of(0, 1), c.branches().get(1).stream().map(o -> ((Op.Lock) o).mutex()).toList());
        assertTrue(c.branches().get(2).isEmpty());
    }

    @Test
    void namesSetInOneBranchAreCheckedAsAfterTrylock() {
        // `x` is a mapping in one branch and a malloc'ed block in the other: after choose it is neither for sure
        List<String> d = diagnostics("""
                scenario "c" {
                  process A {
                    choose {
                      c = fork { compute 1 ms }
                    } or {
                      compute 1 ms
                    }
                    x = malloc 64 B
                    choose { free x } or { compute 1 ms }
                    free x
                  }
                }
                """);
        assertEquals(List.of(), d);
    }

    @Test
    void staticFlowFollowsSeqlockAndChooseBodies() {
        // locked in a seq_write body and unlocked after it: held on that path
        assertEquals(List.of(), diagnostics("""
                scenario "f" {
                  mutex m
                  seqlock q
                  process A {
                    seq_write q { lock m }
                    unlock m
                    choose { lock m } or { compute 1 ms }
                    unlock m
                  }
                }
                """));
        // a spinlock released in only one branch of choose is not released for sure
        assertEquals(List.of("8:5 OSS1301 `s` is not held here: no `spin_lock s` comes before this `spin_unlock` on any path"),
                diagnostics("""
                scenario "f" {
                  spinlock s
                  process A {
                    spin_lock s
                    spin_unlock s
                    choose { compute 1 ms } or { compute 2 ms }
                    compute 1 ms
                    spin_unlock s
                  }
                }
                """));
        // a seq_write body runs once, in place
        assertEquals(List.of("7:5 OSS1406 release of 3 `r` is more than this process can hold here (at most 1, from the requests before it)"),
                diagnostics("""
                scenario "f" {
                  resource r 5
                  seqlock q
                  process A {
                    request r 2
                    seq_write q { release r 1 }
                    release r 3
                  }
                }
                """));
        // a seq_read body may run again and again, as a repeat's: its requests add up without bound
        assertEquals(List.of(), diagnostics("""
                scenario "f" {
                  resource r 5
                  seqlock q
                  process A {
                    seq_read q { request r 1 }
                    release r 4
                  }
                }
                """));
    }

    @Test
    void sleepingWithASpinlockHeldIsFound() {
        // the messages themselves are LockOrderTest's business; here: where, and which code
        String decls = "scenario \"f\" {\n  spinlock s\n  mutex m\n  condvar c\n  barrier b 2\n  process A {\n";
        assertEquals(List.of("8:5 OSS1307"), codes(decls + "    spin_lock s\n    sleep 1 ms\n    spin_unlock s\n  }\n}\n"));
        assertEquals(List.of("9:7 OSS1307"), codes(decls + "    spin_lock s\n    choose { compute 1 ms } or {\n"
                + "      barrier b\n    }\n    spin_unlock s\n  }\n}\n"));
        // released before it sleeps, or held by another task: nothing
        assertEquals(List.of(), codes(decls + "    spin_lock s\n    compute 1 ms\n    spin_unlock s\n"
                + "    lock m\n    cond_wait c m\n    unlock m\n  }\n}\n"));
        assertEquals(List.of(), codes(decls + "    spin_lock s\n    t = thread { sleep 1 ms }\n    spin_unlock s\n"
                + "    join t\n  }\n}\n"));
        assertEquals(List.of(), codes(decls + "    spin_lock s\n    repeat 3 {\n      spin_unlock s\n"
                + "      sleep 1 ms\n      spin_lock s\n    }\n    spin_unlock s\n  }\n}\n"));
        // held on one path only: it may still be held at the sleep, and at the end of the body
        assertEquals(List.of("6:11 OSS1305", "8:5 OSS1307"),
                codes(decls + "    choose { spin_lock s } or { compute 1 ms }\n    sleep 1 ms\n  }\n}\n"));
    }

    static List<String> codes(String text) {
        return Compiler.compile("t.oss", text).diagnostics().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code().id()).toList();
    }
}
