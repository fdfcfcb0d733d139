package oss.runtime.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static oss.runtime.explore.Ir.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.Program;
import oss.ir.program.SharedData.MemoryModel;
import oss.ir.program.Val;

/**
 * Partial-order reduction must not change a verdict: on random small programs over two shared
 * variables (plain and atomic accesses, locks, barriers, branches, bounded and spinning loops,
 * awaits and asserts), under each memory model, the reduced and the full exploration agree on
 * every expect line and on which kinds of finding exist. A wrong access set, a missed buffered
 * store or a missing cycle proviso shows up here as a disagreement.
 */
public class ReductionAgreementTest {
    static final Cell X = shared("x", 0), Y = shared("y", 1);
    static final int PROGRAMS = 120;

    @TestFactory
    Stream<DynamicTest> reducedAndFullExplorationsAgree() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int seed = 1; seed <= PROGRAMS; seed++) {
            MemoryModel model = MemoryModel.values()[seed % 3];
            Program p = random(new Random(seed), model);
            int s = seed;
            tests.add(DynamicTest.dynamicTest("seed " + seed + " " + model, () -> {
                ExploreResult on = DataExploreTest.explore(p, true);
                ExploreResult off = DataExploreTest.explore(p, false);
                String why = "seed " + s + ": " + p.processes().stream().map(d -> d.body().toString()).toList();
                assertEquals(DataExploreTest.outcomes(off), DataExploreTest.outcomes(on), why);
                assertEquals(DataExploreTest.codes(off), DataExploreTest.codes(on), why);
            }));
        }
        return tests.stream();
    }

    static Program random(Random r, MemoryModel model) {
        Builder b = scenario().model(model).storeBuffer(2).mutexes(1).vars(var("x", 0), var("y", 1))
                .props(possible(200, eq(read(X), k(0)), "x == 0"), possible(201, eq(read(X), k(1)), "x == 1"),
                        possible(202, eq(read(X), k(2)), "x == 2"), always(203, bin(Val.BinOp.LE, read(Y), k(1)), "y <= 1"),
                        possible(204, eq(read(of(0, 0)), k(1)), "p0.r0 == 1"),
                        always(205, eq(read(of(1, 1)), k(0)), "p1.r1 == 0"));
        int processes = 2 + r.nextInt(2);
        for (int i = 0; i < processes; i++) {
            List<Op> body = new ArrayList<>();
            int n = 2 + r.nextInt(3);
            int line = 10 + 20 * i;
            for (int j = 0; j < n; j++) {
                body.addAll(op(r, line));
                line += 3;
            }
            b.process(body.toArray(Op[]::new));
        }
        return b.build();
    }

    static List<Op> op(Random r, int line) {
        Cell v = r.nextBoolean() ? X : Y;
        int slot = r.nextInt(2);
        Val plusOne = bin(Val.BinOp.ADD, read(local(slot)), k(1));
        return switch (r.nextInt(12)) {
            case 0, 1 -> List.of(load(line, slot, v));
            case 2 -> List.of(store(line, v, plusOne));
            case 3 -> List.of(store(line, v, k(1 + r.nextInt(2))));
            case 4 -> List.of(fetchAdd(line, slot, v, 1));
            case 5 -> List.of(atomic(line, load(line, slot, v), store(line, v, plusOne)));
            case 6 -> List.of(lock(line, 0), load(line + 1, slot, v), store(line + 2, v, plusOne), unlock(line + 2, 0));
            case 7 -> List.of(fence(line, Op.FenceKind.values()[r.nextInt(3)]));
            case 8 -> List.of(when(line, eq(read(local(slot)), k(1)), List.of(store(line + 1, v, k(2))), List.of()));
            case 9 -> List.of(await(line, bin(Val.BinOp.GE, read(v), k(1))));
            case 10 -> List.of(check(line, bin(Val.BinOp.LE, read(local(slot)), k(1)), "r <= 1"));
            default -> List.of(loop(line, load(line + 1, slot, v),
                    when(line + 2, bin(Val.BinOp.GE, read(local(slot)), k(1)), List.of(leave(line + 2)), List.of())));
        };
    }
}
