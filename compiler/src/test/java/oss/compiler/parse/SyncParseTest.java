package oss.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.ast.Declaration;
import oss.compiler.ast.Expr;
import oss.compiler.ast.ExpectNode;
import oss.compiler.ast.ProcessNode;
import oss.compiler.ast.Scenario;
import oss.compiler.ast.SemOpItem;
import oss.compiler.ast.Stmt;
import oss.ir.program.Span;

/** The syntax of the synchronisation primitives beyond mutexes and semaphores, as parsed into the AST. */
class SyncParseTest {
    static Scenario parse(String text) {
        ParseResult r = OssParsing.parse(text);
        assertTrue(r.clean(), () -> "not clean: " + r.diagnostics());
        return r.ast().orElseThrow();
    }

    static List<Stmt> body(Scenario s, int section) {
        return ((ProcessNode) s.sections().get(section)).body().statements();
    }

    @Test
    void declarationsKeepTheirKindsArraysAndValues() {
        Scenario s = parse("""
                scenario "d" {
                  spinlock s
                  spinlock lanes[4]
                  rwlock table
                  rwlock config writer_preferring
                  seqlock clock
                  condvar not_empty
                  barrier gate 3
                  barrier rounds[2] 1 + 1
                  semset sems = [1, 0, 2]
                }
                """);
        List<Declaration> d = s.sections().stream().map(Declaration.class::cast).toList();
        assertEquals(List.of(Declaration.Kind.SPINLOCK, Declaration.Kind.SPINLOCK, Declaration.Kind.RWLOCK,
                Declaration.Kind.RWLOCK, Declaration.Kind.SEQLOCK, Declaration.Kind.CONDVAR, Declaration.Kind.BARRIER,
                Declaration.Kind.BARRIER, Declaration.Kind.SEMSET), d.stream().map(Declaration::kind).toList());
        assertTrue(d.get(0).arraySize().isEmpty());
        assertEquals("4", ((Expr.Number) d.get(1).arraySize().orElseThrow()).text());
        assertFalse(d.get(2).writerPreferring());
        assertTrue(d.get(3).writerPreferring());
        assertEquals("3", ((Expr.Number) d.get(6).value().orElseThrow()).text());
        assertEquals("2", ((Expr.Number) d.get(7).arraySize().orElseThrow()).text());
        assertInstanceOf(Expr.Binary.class, d.get(7).value().orElseThrow());
        assertEquals(List.of("1", "0", "2"), d.get(8).initial().stream().map(e -> ((Expr.Number) e).text()).toList());
        assertTrue(d.get(8).arraySize().isEmpty(), "a semaphore set is not an array");
        assertEquals(new Span(10, 3, 10, 26), d.get(8).span());
    }

    @Test
    void statementsBecomeTheirOwnRecords() {
        Scenario s = parse("""
                scenario "s" {
                  process A {
                    spin_lock s[i]
                    spin_unlock s
                    read_lock r; read_unlock r
                    write_lock r; write_unlock r
                    cond_wait c[1] m
                    signal c
                    broadcast c
                    barrier b
                    seq_write q { compute 1 ms }
                    seq_read q
                    {
                      compute 1 ms
                    }
                  }
                }
                """);
        List<Stmt> b = body(s, 0);
        assertEquals(List.of(Stmt.SpinLock.class, Stmt.SpinUnlock.class, Stmt.ReadLock.class, Stmt.ReadUnlock.class,
                Stmt.WriteLock.class, Stmt.WriteUnlock.class, Stmt.CondWait.class, Stmt.Signal.class,
                Stmt.Broadcast.class, Stmt.BarrierWait.class, Stmt.SeqWrite.class, Stmt.SeqRead.class),
                b.stream().map(Object::getClass).toList());
        Stmt.SpinLock lock = (Stmt.SpinLock) b.get(0);
        assertEquals("s", lock.lock().name().text());
        assertInstanceOf(Expr.NameRef.class, lock.lock().index().orElseThrow());
        Stmt.CondWait w = (Stmt.CondWait) b.get(6);
        assertEquals("c", w.cond().name().text());
        assertTrue(w.cond().index().isPresent());
        assertEquals("m", w.mutex().name().text());
        assertEquals(1, ((Stmt.SeqWrite) b.get(10)).body().statements().size());
        assertEquals(1, ((Stmt.SeqRead) b.get(11)).body().statements().size());
    }

    @Test
    void semopItemsKeepTheirSigns() {
        Scenario s = parse("""
                scenario "s" {
                  process A {
                    semop s[0] -1, s[2] +1, s[1] 0, s[i] 2
                  }
                }
                """);
        List<SemOpItem> items = ((Stmt.SemOp) body(s, 0).get(0)).items();
        assertEquals(4, items.size());
        assertInstanceOf(Expr.Negate.class, items.get(0).delta());
        assertFalse(items.get(0).plus());
        assertTrue(items.get(1).plus());
        assertEquals("1", ((Expr.Number) items.get(1).delta()).text());
        assertEquals("0", ((Expr.Number) items.get(2).delta()).text());
        assertFalse(items.get(3).plus());
        assertEquals(new Span(3, 20, 3, 27), items.get(1).span());
    }

    @Test
    void chooseTakesEveryOrBranchAcrossLines() {
        Scenario s = parse("""
                scenario "c" {
                  process A {
                    choose { compute 1 ms } or { sleep 1 ms }
                    choose {
                      compute 1 ms
                    }
                    or
                    {
                      io 1 ms
                    } or { }
                    compute 2 ms
                  }
                }
                """);
        List<Stmt> b = body(s, 0);
        assertEquals(3, b.size());
        assertEquals(2, ((Stmt.Choose) b.get(0)).branches().size());
        Stmt.Choose second = (Stmt.Choose) b.get(1);
        assertEquals(3, second.branches().size());
        assertInstanceOf(Stmt.Io.class, second.branches().get(1).statements().get(0));
        assertTrue(second.branches().get(2).statements().isEmpty());
        assertInstanceOf(Stmt.Compute.class, b.get(2));
    }

    @Test
    void everydayKeywordsStayUsableAsNames() {
        Scenario s = parse("""
                scenario "names" {
                  mutex signal
                  mutex barrier[2]
                  semaphore or = 1
                  resource broadcast 2
                  spinlock choose
                  process writer_preferring {
                    lock signal
                    barrier = thread { compute 1 ms }
                    join barrier
                    P(or)
                    spin_lock choose
                  }
                  expect writer_preferring.signal == SIGSEGV
                }
                """);
        assertEquals("signal", ((Declaration) s.sections().get(0)).name().text());
        assertEquals("barrier", ((Declaration) s.sections().get(1)).name().text());
        List<Stmt> b = body(s, 5);
        assertEquals("signal", ((Stmt.Lock) b.get(0)).mutex().name().text());
        assertInstanceOf(Stmt.Thread.class, b.get(1));
        assertEquals("choose", ((Stmt.SpinLock) b.get(4)).lock().name().text());
        ExpectNode.Metric m = (ExpectNode.Metric) s.sections().get(6);
        assertEquals("signal", m.metric().text());
    }

    @Test
    void syntaxErrorsSayWhatWasDue() {
        assertEquals(List.of("3:14 expected the name of a spinlock after `spin_lock`"), messages("spin_lock"));
        assertEquals(List.of("3:16 expected the mutex to release while waiting, as in `cond_wait c m` after `c`"),
                messages("cond_wait c"));
        assertEquals(List.of("3:15 expected a change such as `-1`, `+1` or `0` after `]`"), messages("semop s[0]"));
        assertEquals(List.of("3:17 missing `{` after `seq_write q`"), messages("seq_write q compute 1 ms"));
        assertEquals(List.of("3:5 `semopp` is not a statement; did you mean `semop`?"), messages("semopp s[0] -1"));
    }

    private static List<String> messages(String statement) {
        ParseResult r = OssParsing.parse("scenario \"t\" {\n  process A {\n    " + statement + "\n  }\n}\n");
        return r.diagnostics().stream().map(d -> d.span().line() + ":" + d.span().column() + " " + d.message()).toList();
    }
}
