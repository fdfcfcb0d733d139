package oss.runtime.kernel;

import static oss.runtime.kernel.Scenario.at;

import java.util.List;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.Val;

/** Data ops as the front end lowers them, written by hand for tests that do not go through the compiler. */
final class DataOps {
    private DataOps() {}

    /** Private slot {@code slot} of the executing task, named {@code name}. */
    static Cell local(String name, int slot) {
        return Cell.scalar(Cell.Scope.PRIVATE, slot, name);
    }

    /** Private slot {@code slot} of declared process {@code process}, as an expectation names it. */
    static Cell of(int process, String name, int slot) {
        return new Cell(Cell.Scope.PRIVATE, process, slot, 1, new Val.Const(0), name);
    }

    /** Element {@code index} (a value over private cells) of array {@code array}. */
    static Cell element(Cell array, Val index) {
        return new Cell(array.scope(), array.process(), array.base(), array.length(), index, array.name());
    }

    static Val c(int v) {
        return new Val.Const(v);
    }

    static Val read(Cell cell) {
        return new Val.Read(cell);
    }

    static Val bin(Val.BinOp op, Val a, Val b) {
        return new Val.Binary(op, a, b);
    }

    static Val plus(Cell cell, int n) {
        return bin(Val.BinOp.ADD, read(cell), c(n));
    }

    static Op load(int slot, Cell from, int line) {
        return new Op.Load(slot, from, at(line));
    }

    static Op store(Cell to, Val value, int line) {
        return new Op.Store(to, value, at(line));
    }

    static Op assign(Cell to, Val value, int line) {
        return new Op.Assign(to, value, at(line));
    }

    /** {@code x = x + 1} lowered: a load into private slot {@code slot}, then the store. */
    static Op[] increment(Cell x, int slot, int line) {
        return new Op[] {load(slot, x, line), store(x, plus(local("t", slot), 1), line)};
    }

    static Op repeat(long n, Op... body) {
        return new Op.Repeat(n, List.of(body), at(99));
    }

    static Op fetchAdd(Cell x, int n, int line) {
        return new Op.Rmw(Op.RmwKind.FETCH_ADD, -1, x, c(n), null, at(line));
    }

    /** {@code while (x == 0) { }} lowered: load, leave when it is not 0. */
    static Op spinWhileZero(Cell x, int slot, int line) {
        return new Op.Loop(List.of(load(slot, x, line),
                new Op.If(bin(Val.BinOp.NE, read(local("t", slot)), c(0)), List.of(new Op.Break(at(line))), List.of(),
                        at(line))), at(line));
    }

    static Op fence(Op.FenceKind kind, int line) {
        return new Op.Fence(kind, at(line));
    }
}
