package oss.compiler.lockorder;

import java.util.List;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.Val;
import oss.ir.program.Vals;

/**
 * A spinlock built by hand, as the kernel's first ones were: {@code while (test_and_set(l)) { }}
 * (or {@code xchg(l, 1)}, or {@code cmpxchg(l, 0, 1)}) takes it, a plain {@code l = 0} releases it.
 * The loop is recognised in its lowered form, {@code Loop[Rmw into t; If(c(t), [Break]); clears]}
 * where {@code c} holds when the old value was 0 and not when it was what a taker writes: the only
 * way out is having set {@code l} from 0, so the task holds it after the loop. (Takers that write
 * different values and loops that test for one of them only would fool it; oss's examples do not.)
 */
final class HandLock {
    private HandLock() {}

    /** The lock variable {@code body} (a while loop's) spins on to take, or null when it is no such loop. */
    static Cell acquires(List<Op> body) {
        if (body.size() < 2 || !(body.get(0) instanceof Op.Rmw r) || r.slot() < 0 || !lockCell(r.target())) {
            return null;
        }
        boolean takes = switch (r.kind()) {
            case TEST_AND_SET -> true;
            case XCHG -> nonZero(r.operand());
            // cmpxchg(owner, 0, i + 1): the lock word may say who holds it
            case CMPXCHG -> isConst(r.operand(), 0) && nonZero(r.replacement());
            case FETCH_ADD -> false;
        };
        if (!takes || !(body.get(1) instanceof Op.If f) || !f.otherwise().isEmpty() || f.then().size() != 1
                || !(f.then().get(0) instanceof Op.Break)) {
            return null;
        }
        for (Op rest : body.subList(2, body.size())) {
            // nothing else but private resets to 0, which change nothing the lock depends on
            if (!(rest instanceof Op.Assign a) || a.target().visible() || !isConst(a.value(), 0)) {
                return null;
            }
        }
        Integer free = leaves(f.condition(), r.slot(), 0);
        if (free == null || free == 0) {
            return null;
        }
        // held, the lock holds what its taker wrote (1 for test_and_set): the loop must go on then
        int written = r.kind() == Op.RmwKind.TEST_AND_SET ? 1
                : ((Val.Const) (r.kind() == Op.RmwKind.CMPXCHG ? r.replacement() : r.operand())).value();
        for (int old : new int[] {1, written}) {
            Integer stays = leaves(f.condition(), r.slot(), old);
            if (stays == null || stays != 0) {
                return null;
            }
        }
        return r.target();
    }

    /** A release of the lock in {@code op}: {@code l = 0} or {@code xchg(l, 0)}. */
    static boolean releases(Op op) {
        if (op instanceof Op.Store st) {
            return isConst(st.value(), 0);
        }
        return op instanceof Op.Rmw r && r.kind() == Op.RmwKind.XCHG && isConst(r.operand(), 0);
    }

    /** Whether an atomic operation may set the lock: the kinds that take it (only a recognised loop does). */
    static boolean mayTake(Op.Rmw r) {
        return switch (r.kind()) {
            case TEST_AND_SET -> true;
            case XCHG -> nonZero(r.operand());
            case CMPXCHG -> isConst(r.operand(), 0) && nonZero(r.replacement());
            case FETCH_ADD -> false;
        };
    }

    private static boolean nonZero(Val v) {
        return v instanceof Val.Const c && c.value() != 0;
    }

    /** A shared scalar or an element at a constant index: one place all tasks agree on. */
    static boolean lockCell(Cell c) {
        return c.scope() == Cell.Scope.SHARED && c.index() instanceof Val.Const;
    }

    /** The value of {@code condition} when temporary {@code slot} holds {@code old}; null if it reads anything else. */
    private static Integer leaves(Val condition, int slot, int old) {
        try {
            return Vals.eval(condition, (cell, i) -> {
                if (cell.scope() != Cell.Scope.PRIVATE || cell.base() != slot) {
                    throw new IllegalArgumentException("reads more than the old value");
                }
                return old;
            });
        } catch (IllegalArgumentException | Vals.DataFault e) {
            return null;
        }
    }

    private static boolean isConst(Val v, int k) {
        return v instanceof Val.Const c && c.value() == k;
    }
}
