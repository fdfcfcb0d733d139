package oss.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.expect.Expectation;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.Val;
import oss.ir.program.Vals;

/** The lowering rules of docs/language.md "Shared data", checked op by op against sequences written by hand. */
class DataLoweringTest {
    private static Program program(String text) {
        return LoweringTest.program(text);
    }

    private static List<Op> body(String text) {
        return program(text).processes().get(0).body();
    }

    private static Cell shared(int base, String name) {
        return Cell.scalar(Cell.Scope.SHARED, base, name);
    }

    private static Val read(Cell c) {
        return new Val.Read(c);
    }

    private static Val.Const k(int v) {
        return new Val.Const(v);
    }

    /** Ops without their spans, so a test compares what they do. */
    private static String shape(List<Op> ops) {
        return ops.stream().map(DataLoweringTest::shape).toList().toString();
    }

    private static String shape(Op op) {
        return op.toString().replaceAll("(, )?span=(\\d+:\\d+|null)", "");
    }

    @Test
    void sharedDeclarationsBecomeCellsWithTheirInitialValues() {
        Program p = program("""
                scenario "d" {
                  int count = 3
                  int slot[4]
                  int flag[2] = {0, 1}
                  process A { compute 1 ms }
                }
                """);
        SharedData d = p.data();
        assertEquals(List.of("count", "slot", "flag"), d.variables().stream().map(SharedData.VarDecl::name).toList());
        assertEquals(0, d.variables().get(0).base());
        assertEquals(1, d.variables().get(1).base());
        assertEquals(4, d.variables().get(1).length());
        assertEquals(5, d.variables().get(2).base());
        assertArrayEquals(new int[] {3, 0, 0, 0, 0, 0, 1}, d.initialCells());
        assertEquals(SharedData.MemoryModel.SC, d.model());
    }

    @Test
    void anIncrementOfASharedVariableIsALoadThenAStore() {
        List<Op> ops = body("""
                scenario "c" {
                  int count = 0
                  process A { count = count + 1 }
                }
                """);
        assertEquals(2, ops.size(), ops.toString());
        Op.Load load = assertInstanceOf(Op.Load.class, ops.get(0));
        assertEquals(shared(0, "count"), load.source());
        Op.Store store = assertInstanceOf(Op.Store.class, ops.get(1));
        assertEquals(shared(0, "count"), store.target());
        Cell temp = Cell.scalar(Cell.Scope.PRIVATE, load.slot(), "count");
        assertEquals(new Val.Binary(Val.BinOp.ADD, read(temp), k(1)), store.value());
    }

    @Test
    void plusPlusIsTheSameLoadAndStore() {
        List<Op> ops = body("""
                scenario "c" {
                  int count = 0
                  process A { count++ }
                }
                """);
        Op.Load load = assertInstanceOf(Op.Load.class, ops.get(0));
        Op.Store store = assertInstanceOf(Op.Store.class, ops.get(1));
        assertEquals(new Val.Binary(Val.BinOp.ADD, read(Cell.scalar(Cell.Scope.PRIVATE, load.slot(), "count")), k(1)),
                store.value());
        assertEquals(2, ops.size());
    }

    private static Cell slot(int n, String name) {
        return Cell.scalar(Cell.Scope.PRIVATE, n, name);
    }

    @Test
    void andWhoseRightSideLoadsShortCircuitsThroughAnIf() {
        List<Op> ops = body("""
                scenario "s" {
                  int a = 0
                  int b = 0
                  process A {
                    if (a == 1 && b == 2) { a = 3 }
                  }
                }
                """);
        // by hand: load a; r = (a == 1) != 0; if r { load b; r = (b == 2) != 0 }; if r { a = 3 }
        Cell r = slot(2, "a == 1 && b == 2");
        Val zero = k(0);
        List<Op> expected = List.of(
                new Op.Load(0, shared(0, "a"), null),
                new Op.Assign(r, new Val.Binary(Val.BinOp.NE, new Val.Binary(Val.BinOp.EQ, read(slot(0, "a")), k(1)),
                        zero), null),
                new Op.If(read(r), List.of(
                        new Op.Load(1, shared(1, "b"), null),
                        new Op.Assign(r, new Val.Binary(Val.BinOp.NE, new Val.Binary(Val.BinOp.EQ, read(slot(1, "b")),
                                k(2)), zero), null)), List.of(), null),
                new Op.If(read(r), List.of(new Op.Store(shared(0, "a"), k(3), null)), List.of(), null));
        assertEquals(shape(expected), shape(ops));
    }

    @Test
    void orWithAPrivateRightSideStaysOneValue() {
        List<Op> ops = body("""
                scenario "s" {
                  int a = 0
                  process A {
                    int mine = 1
                    if (a == 1 || mine == 2) { mine = 3 }
                  }
                }
                """);
        Cell mine = slot(0, "mine");
        List<Op> expected = List.of(
                new Op.Assign(mine, k(1), null),
                new Op.Load(1, shared(0, "a"), null),
                new Op.If(new Val.Binary(Val.BinOp.OR, new Val.Binary(Val.BinOp.EQ, read(slot(1, "a")), k(1)),
                        new Val.Binary(Val.BinOp.EQ, read(mine), k(2))),
                        List.of(new Op.Assign(mine, k(3), null)), List.of(), null));
        assertEquals(shape(expected), shape(ops));
    }

    @Test
    void whileIsALoopThatLoadsItsConditionEachRoundAndBreaksWhenFalse() {
        List<Op> ops = body("""
                scenario "w" {
                  int x = 0
                  process A {
                    while (x < 3) { x++ }
                  }
                }
                """);
        Cell x = shared(0, "x");
        Cell t = slot(0, "x");
        List<Op> expected = List.of(new Op.Loop(List.of(
                new Op.Load(0, x, null),
                new Op.If(new Val.Unary(Val.UnOp.NOT, new Val.Binary(Val.BinOp.LT, read(t), k(3))),
                        List.of(new Op.Break(null)), List.of(), null),
                new Op.Load(0, x, null),
                new Op.Store(x, new Val.Binary(Val.BinOp.ADD, read(t), k(1)), null)), null));
        assertEquals(shape(expected), shape(ops));
        assertEquals(1, program("""
                scenario "w" {
                  int x = 0
                  process A {
                    while (x < 3) { x++ }
                  }
                }
                """).processes().get(0).slots(), "one temporary, reused by the statements of the body");
    }

    @Test
    void whileOneHasNoTestAndBreakLeavesIt() {
        List<Op> ops = body("""
                scenario "w" {
                  int x = 0
                  process A {
                    while (1) {
                      if (x == 2) { break }
                      x = 2
                    }
                  }
                }
                """);
        Op.Loop loop = assertInstanceOf(Op.Loop.class, ops.get(0));
        assertInstanceOf(Op.Load.class, loop.body().get(0));
        Op.If test = assertInstanceOf(Op.If.class, loop.body().get(1));
        assertInstanceOf(Op.Break.class, test.then().get(0));
        assertInstanceOf(Op.Store.class, loop.body().get(2));
        assertEquals(3, loop.body().size());
    }

    @Test
    void atomicOperationsAreOneRmwEachInWritingOrder() {
        List<Op> ops = body("""
                scenario "a" {
                  int count = 0
                  int lock = 0
                  process A {
                    int r = fetch_add(count, 2) + xchg(lock, 1)
                    atomic_inc(count)
                    atomic_dec(count)
                    r = cmpxchg(lock, 1, 0)
                    r = test_and_set(lock)
                  }
                }
                """);
        Cell count = shared(0, "count");
        Cell lock = shared(1, "lock");
        Cell r = slot(2, "r");
        List<Op> expected = List.of(
                new Op.Rmw(Op.RmwKind.FETCH_ADD, 0, count, k(2), null, null),
                new Op.Rmw(Op.RmwKind.XCHG, 1, lock, k(1), null, null),
                new Op.Assign(r, new Val.Binary(Val.BinOp.ADD, read(slot(0, "fetch_add(count)")),
                        read(slot(1, "xchg(lock)"))), null),
                new Op.Rmw(Op.RmwKind.FETCH_ADD, -1, count, k(1), null, null),
                new Op.Rmw(Op.RmwKind.FETCH_ADD, -1, count, k(-1), null, null),
                new Op.Rmw(Op.RmwKind.CMPXCHG, 0, lock, k(1), k(0), null),
                new Op.Assign(r, read(slot(0, "cmpxchg(lock)")), null),
                new Op.Rmw(Op.RmwKind.TEST_AND_SET, 0, lock, k(1), null, null),
                new Op.Assign(r, read(slot(0, "test_and_set(lock)")), null));
        assertEquals(shape(expected), shape(ops));
    }

    @Test
    void aProcessWithThreadsKeepsItsVariablesInTheGroupAndAThreadsOwnArePrivate() {
        Program p = program("""
                scenario "g" {
                  process A {
                    int n = 0
                    t = thread {
                      int mine = 2
                      n = n + mine
                    }
                    join t
                  }
                  process B {
                    int n = 0
                    n = n + 1
                  }
                }
                """);
        List<Op> a = p.processes().get(0).body();
        Op.Assign declared = assertInstanceOf(Op.Assign.class, a.get(0));
        assertEquals(Cell.Scope.GROUP, declared.target().scope());
        Op.Thread thread = assertInstanceOf(Op.Thread.class, a.get(1));
        Op.Assign mine = assertInstanceOf(Op.Assign.class, thread.body().get(0));
        assertEquals(Cell.Scope.PRIVATE, mine.target().scope());
        Op.Load load = assertInstanceOf(Op.Load.class, thread.body().get(1));
        assertEquals(Cell.Scope.GROUP, load.source().scope());
        assertEquals(declared.target().base(), load.source().base());
        Op.Store store = assertInstanceOf(Op.Store.class, thread.body().get(2));
        assertEquals(Cell.Scope.GROUP, store.target().scope());
        assertTrue(p.processes().get(0).slots() >= 4, "n, t, mine and a temporary");

        // without threads the process's variable is its own: plain assignments, no steps
        List<Op> b = p.processes().get(1).body();
        assertEquals(2, b.size(), b.toString());
        Op.Assign inc = assertInstanceOf(Op.Assign.class, b.get(1));
        assertEquals(Cell.Scope.PRIVATE, inc.target().scope());
        assertEquals(new Val.Binary(Val.BinOp.ADD, read(inc.target()), k(1)), inc.value());
    }

    @Test
    void anElementWhoseIndexIsSharedLoadsTheIndexFirst() {
        List<Op> ops = body("""
                scenario "e" {
                  int i = 1
                  int slot[4] = {5, 6}
                  process A {
                    slot[i] = slot[0] + 1
                  }
                }
                """);
        Cell index = slot(0, "i");
        Cell element = new Cell(Cell.Scope.SHARED, -1, 1, 4, read(index), "slot");
        List<Op> expected = List.of(
                new Op.Load(0, shared(0, "i"), null),
                new Op.Load(1, new Cell(Cell.Scope.SHARED, -1, 1, 4, k(0), "slot"), null),
                new Op.Store(element, new Val.Binary(Val.BinOp.ADD, read(slot(1, "slot")), k(1)), null));
        assertEquals(shape(expected), shape(ops));
        assertArrayEquals(new int[] {1, 5, 6, 0, 0}, program("""
                scenario "e" {
                  int i = 1
                  int slot[4] = {5, 6}
                  process A { compute 1 ms }
                }
                """).data().initialCells());
    }

    @Test
    void awaitAndAtomicReadSharedCellsDirectly() {
        List<Op> ops = body("""
                scenario "w" {
                  int flag = 0
                  int x = 0
                  process A {
                    await flag == 1 && x > 0
                    atomic {
                      x = x + 1
                      if (x > 2) { flag = 0 }
                    }
                    assert x >= 0
                    mb()
                    smp_wmb()
                    rmb()
                  }
                }
                """);
        Cell flag = shared(0, "flag");
        Cell x = shared(1, "x");
        List<Op> expected = List.of(
                new Op.Await(new Val.Binary(Val.BinOp.AND, new Val.Binary(Val.BinOp.EQ, read(flag), k(1)),
                        new Val.Binary(Val.BinOp.GT, read(x), k(0))), null),
                new Op.Atomic(List.of(
                        new Op.Store(x, new Val.Binary(Val.BinOp.ADD, read(x), k(1)), null),
                        new Op.If(new Val.Binary(Val.BinOp.GT, read(x), k(2)), List.of(new Op.Store(flag, k(0), null)),
                                List.of(), null)), null),
                new Op.Load(0, x, null),
                new Op.Assert(new Val.Binary(Val.BinOp.GE, read(slot(0, "x")), k(0)), "x >= 0", null),
                new Op.Fence(Op.FenceKind.MB, null),
                new Op.Fence(Op.FenceKind.WMB, null),
                new Op.Fence(Op.FenceKind.RMB, null));
        assertEquals(shape(expected), shape(ops));
    }

    @Test
    void theMemoryModelAndStoreBufferAreKernelSettings() {
        Program p = program("""
                scenario "m" {
                  kernel {
                    memory_model tso
                    store_buffer 2
                  }
                  int x = 0
                  process A { x = 1 }
                }
                """);
        assertEquals(SharedData.MemoryModel.TSO, p.data().model());
        assertEquals(2, p.data().storeBuffer());
    }

    @Test
    void valueExpectationsBecomePropertiesOverTheFinalCells() {
        Compilation c = Compiler.compile("v.oss", """
                scenario "v" {
                  int count = 0
                  process P {
                    int r0 = 0
                    r0 = count
                  }
                  process q[i in 0..1] {
                    int r = i
                  }
                  expect count == 4
                  expect always count <= 4 && P.r0 != 1
                  expect possible q[1].r == 1
                  expect P.r0 == 0
                  expect always assert
                  expect possible assert
                  expect no race
                  expect race
                  expect P.exit == 0
                }
                """);
        assertTrue(c.program().isPresent(), c.diagnostics().toString());
        List<SharedData.Property> props = c.program().get().data().properties();
        assertEquals(4, props.size());
        assertEquals(SharedData.Property.Mode.AT_END, props.get(0).mode());
        assertEquals(new Val.Binary(Val.BinOp.EQ, read(shared(0, "count")), k(4)), props.get(0).condition());
        assertEquals(SharedData.Property.Mode.ALWAYS, props.get(1).mode());
        Cell r0 = new Cell(Cell.Scope.PRIVATE, 0, 0, 1, k(0), "P.r0");
        assertEquals(new Val.Binary(Val.BinOp.AND, new Val.Binary(Val.BinOp.LE, read(shared(0, "count")), k(4)),
                new Val.Binary(Val.BinOp.NE, read(r0), k(1))), props.get(1).condition());
        assertEquals(SharedData.Property.Mode.POSSIBLE, props.get(2).mode());
        Cell r = new Cell(Cell.Scope.PRIVATE, 2, 0, 1, k(0), "q[1].r");
        assertEquals(new Val.Binary(Val.BinOp.EQ, read(r), k(1)), props.get(2).condition());
        assertEquals(new Val.Binary(Val.BinOp.EQ, read(r0), k(0)), props.get(3).condition());
        assertEquals("count == 4", props.get(0).text().replace("expect ", ""));

        List<Expectation> e = c.expectations();
        assertEquals(9, e.size(), e.toString());
        assertInstanceOf(Expectation.Value.class, e.get(0));
        assertEquals(props.get(3), ((Expectation.Value) e.get(3)).property());
        assertEquals(false, ((Expectation.Assertions) e.get(4)).possible());
        assertEquals(true, ((Expectation.Assertions) e.get(5)).possible());
        assertEquals(true, ((Expectation.Race) e.get(6)).negated());
        assertEquals(false, ((Expectation.Race) e.get(7)).negated());
        assertInstanceOf(Expectation.Metric.class, e.get(8));
    }

    @Test
    void theFinalValueOfALocalIsReadInTheProcessSlotsAndEvaluates() {
        Program p = program("""
                scenario "v" {
                  int count = 7
                  process P { int r = 0 }
                  expect count - 1 == 6
                }
                """);
        Val c = p.data().properties().get(0).condition();
        assertEquals(1, Vals.eval(c, (cell, i) -> p.data().initialCells()[cell.base() + i]));
        assertNull(null);
    }

    @Test
    void aDeclarationInAnUnrolledLoopKeepsOneSlot() {
        ProcessDef a = program("""
                scenario "f" {
                  int sum = 0
                  process A {
                    for j in 0..9 {
                      int t = j * 2
                      sum = sum + t
                    }
                  }
                }
                """).processes().get(0);
        // t and one temporary, not ten of each
        assertEquals(2, a.slots());
        Op.Assign last = assertInstanceOf(Op.Assign.class, a.body().get(27));
        assertEquals(new Op.Assign(Cell.scalar(Cell.Scope.PRIVATE, 0, "t"), k(18), last.span()), last);
    }

    @Test
    void anIfOnAProcessIndexKeepsOnlyTheBranchTaken() {
        Program p = program("""
                scenario "i" {
                  int x = 0
                  mutex m
                  process p[i in 0..1] {
                    if (i == 0) { lock m; x = 1; unlock m } else { x = 2 }
                  }
                }
                """);
        assertEquals(3, p.processes().get(0).body().size());
        assertInstanceOf(Op.Lock.class, p.processes().get(0).body().get(0));
        List<Op> second = p.processes().get(1).body();
        assertEquals(List.of(new Op.Store(shared(0, "x"), k(2), second.get(0).span())), second);
    }
}
