package oss.runtime.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import oss.ir.program.Cell;
import oss.ir.program.MutexDecl;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.Span;
import oss.ir.program.Val;

/**
 * Programs with shared data built from IR ops, as the front end lowers them (docs/language.md,
 * "Shared data"): every read of a shared cell is its own Load into a private temporary. Each op
 * sits on a line of its own, so a schedule's steps say which op they are.
 */
final class Ir {
    private Ir() {}

    static Span at(int line) {
        return new Span(line, 5, line, 6);
    }

    static Cell shared(String name, int base) {
        return Cell.scalar(Cell.Scope.SHARED, base, name);
    }

    static Cell element(String name, int base, int length, Val index) {
        return new Cell(Cell.Scope.SHARED, -1, base, length, index, name);
    }

    static Cell group(String name, int slot) {
        return Cell.scalar(Cell.Scope.GROUP, slot, name);
    }

    static Cell local(int slot) {
        return Cell.scalar(Cell.Scope.PRIVATE, slot, "r" + slot);
    }

    /** Process {@code process}'s own slot, as an expectation names it. */
    static Cell of(int process, int slot) {
        return new Cell(Cell.Scope.PRIVATE, process, slot, 1, new Val.Const(0), "r" + slot);
    }

    static Val k(int v) {
        return new Val.Const(v);
    }

    static Val read(Cell c) {
        return new Val.Read(c);
    }

    static Val bin(Val.BinOp op, Val a, Val b) {
        return new Val.Binary(op, a, b);
    }

    static Val eq(Val a, Val b) {
        return bin(Val.BinOp.EQ, a, b);
    }

    static Val and(Val a, Val b) {
        return bin(Val.BinOp.AND, a, b);
    }

    static Val not(Val a) {
        return new Val.Unary(Val.UnOp.NOT, a);
    }

    static Op load(int line, int slot, Cell from) {
        return new Op.Load(slot, from, at(line));
    }

    static Op store(int line, Cell to, Val value) {
        return new Op.Store(to, value, at(line));
    }

    static Op assign(int line, Cell to, Val value) {
        return new Op.Assign(to, value, at(line));
    }

    static Op fetchAdd(int line, int slot, Cell target, int delta) {
        return new Op.Rmw(Op.RmwKind.FETCH_ADD, slot, target, k(delta), null, at(line));
    }

    static Op testAndSet(int line, int slot, Cell target) {
        return new Op.Rmw(Op.RmwKind.TEST_AND_SET, slot, target, k(1), null, at(line));
    }

    static Op cmpxchg(int line, int slot, Cell target, int expected, int replacement) {
        return new Op.Rmw(Op.RmwKind.CMPXCHG, slot, target, k(expected), k(replacement), at(line));
    }

    static Op fence(int line, Op.FenceKind kind) {
        return new Op.Fence(kind, at(line));
    }

    static Op check(int line, Val condition, String text) {
        return new Op.Assert(condition, text, at(line));
    }

    static Op await(int line, Val condition) {
        return new Op.Await(condition, at(line));
    }

    static Op atomic(int line, Op... body) {
        return new Op.Atomic(List.of(body), at(line));
    }

    static Op when(int line, Val condition, List<Op> then, List<Op> otherwise) {
        return new Op.If(condition, then, otherwise, at(line));
    }

    static Op loop(int line, Op... body) {
        return new Op.Loop(List.of(body), at(line));
    }

    static Op leave(int line) {
        return new Op.Break(at(line));
    }

    static Op lock(int line, int mutex) {
        return new Op.Lock(mutex, at(line));
    }

    static Op unlock(int line, int mutex) {
        return new Op.Unlock(mutex, at(line));
    }

    /** A hand-made spinlock: {@code while (test_and_set(l) == 1) { }}, the old value in {@code slot}. */
    static Op spinLock(int line, int slot, Cell l) {
        return loop(line, testAndSet(line + 1, slot, l),
                when(line + 2, eq(read(local(slot)), k(0)), List.of(leave(line + 3)), List.of()));
    }

    static SharedData.VarDecl var(String name, int base, int... initial) {
        int[] values = initial.length == 0 ? new int[1] : initial;
        return new SharedData.VarDecl(name, base, values.length, values, at(1));
    }

    static SharedData.Property always(int line, Val condition, String text) {
        return new SharedData.Property(SharedData.Property.Mode.ALWAYS, condition, text, at(line));
    }

    static SharedData.Property possible(int line, Val condition, String text) {
        return new SharedData.Property(SharedData.Property.Mode.POSSIBLE, condition, text, at(line));
    }

    /** A scenario builder: shared variables, properties, mutexes, and one body per process. */
    static final class Builder {
        private final List<SharedData.VarDecl> vars = new ArrayList<>();
        private final List<SharedData.Property> props = new ArrayList<>();
        private final List<List<Op>> bodies = new ArrayList<>();
        private SharedData.MemoryModel model = SharedData.MemoryModel.SC;
        private int storeBuffer = SharedData.DEFAULT_STORE_BUFFER;
        private int mutexes;
        private int slots = 4;

        Builder model(SharedData.MemoryModel m) {
            model = m;
            return this;
        }

        Builder storeBuffer(int n) {
            storeBuffer = n;
            return this;
        }

        Builder vars(SharedData.VarDecl... v) {
            vars.addAll(Arrays.asList(v));
            return this;
        }

        Builder props(SharedData.Property... p) {
            props.addAll(Arrays.asList(p));
            return this;
        }

        Builder mutexes(int n) {
            mutexes = n;
            return this;
        }

        Builder slots(int n) {
            slots = n;
            return this;
        }

        Builder process(Op... body) {
            bodies.add(List.of(body));
            return this;
        }

        Program build() {
            Program skeleton = ExploreVerdictTest.compile("scenario \"data\" {\n  process p {\n    compute 1 ms\n  }\n}\n");
            List<ProcessDef> processes = new ArrayList<>();
            ProcessDef p0 = skeleton.processes().get(0);
            for (int i = 0; i < bodies.size(); i++) {
                processes.add(new ProcessDef("p" + i, p0.nice(), p0.arrivesNs(), p0.policy(), p0.rtPriority(),
                        p0.tickets(), p0.frames(), bodies.get(i), slots, new Span(100 + i, 3, 100 + i, 4)));
            }
            List<MutexDecl> ms = new ArrayList<>();
            for (int i = 0; i < mutexes; i++) {
                ms.add(new MutexDecl("m" + i, at(2)));
            }
            return new Program("data", skeleton.machine(), skeleton.kernel(), ms, List.of(), List.of(), processes,
                    Optional.empty(), List.of(), List.of(), skeleton.sync(),
                    new SharedData(vars, model, storeBuffer, props));
        }
    }

    static Builder scenario() {
        return new Builder();
    }
}
