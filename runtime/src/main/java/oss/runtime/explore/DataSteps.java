package oss.runtime.explore;

import static oss.runtime.explore.Model.*;

import java.util.List;
import oss.ir.diag.Code;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.ir.program.Val;
import oss.ir.program.Vals;

/**
 * What the data steps do to a state, under the three memory models of docs/language.md ("Shared
 * data", "Memory models"): loads, stores, atomic operations and blocks, awaits, barriers, and the
 * flush steps that commit a task's buffered stores. Every value is computed by {@link Vals}.
 *
 * <p>A cell others can see has an id: a shared cell its index in the shared area, a GROUP cell
 * {@code sharedCells + slot} (it lives in the thread group leader's slots). Store buffer entries
 * and the relaxed model's seen bits are by id; only shared cells have a value one store old.
 */
final class DataSteps {
    private final Model m;
    private final View view = new View();

    DataSteps(Model m) {
        this.m = m;
    }

    /** A data step or local statement that cannot go on: a failed assert, a data fault, a loop that never ends. */
    static final class PathCut extends RuntimeException {
        final Code code;
        final Span at;

        PathCut(Code code, Span at, String message) {
            super(message, null, false, false);
            this.code = code;
            this.at = at;
        }
    }

    static PathCut fault(Vals.DataFault f, Span at) {
        return new PathCut(Code.DATA_FAULT_REACHABLE, at, f.getMessage());
    }

    int leaderBase(int[] s, int t) {
        int b = m.base(t);
        return s[b + GROUP] == 0 ? b : m.base(s[b + GROUP] - 1);
    }

    /** Where the value of cell id {@code id} lives in memory, seen from task {@code t}. */
    int location(int[] s, int t, int id) {
        return id < m.sharedCells ? m.sharedBase + id : leaderBase(s, t) + m.slotBase + (id - m.sharedCells);
    }

    private int id(Cell cell, int index) {
        return cell.scope() == Cell.Scope.SHARED ? cell.base() + index : m.sharedCells + cell.base() + index;
    }

    /**
     * Task {@code t}'s reads: its own slots, and for cells others see its newest buffered store to
     * the cell, else memory; under relaxed a read of memory marks the newest value seen.
     */
    private final class View implements Vals.Memory {
        int[] s;
        int t, b;
        boolean markSeen;

        View at(int[] state, int task, boolean mark) {
            s = state;
            t = task;
            b = m.base(task);
            markSeen = mark && m.relaxed;
            return this;
        }

        @Override
        public int read(Cell cell, int index) {
            if (cell.scope() == Cell.Scope.PRIVATE) {
                return s[b + m.slotBase + cell.base() + index];
            }
            int id = id(cell, index);
            int e = newestEntry(s, b, id);
            if (e >= 0) {
                return s[e + E_VALUE];
            }
            if (markSeen && id < m.sharedCells) {
                setSeen(s, b, id);
            }
            return s[location(s, t, id)];
        }
    }

    int eval(int[] s, int t, Val v, Span at) {
        try {
            return Vals.eval(v, view.at(s, t, false));
        } catch (Vals.DataFault f) {
            throw fault(f, at);
        }
    }

    // ---- store buffers -------------------------------------------------------------------------------

    int buffered(int[] s, int t) {
        return m.buffered ? s[m.base(t) + m.bufCount] : 0;
    }

    /** The state index of the newest entry for {@code id} in the buffer of the task at {@code b}, or -1. */
    private int newestEntry(int[] s, int b, int id) {
        if (!m.buffered) {
            return -1;
        }
        for (int i = s[b + m.bufCount] - 1; i >= 0; i--) {
            int e = b + m.entryBase + ENTRY * i;
            if (s[e + E_CELL] == id) {
                return e;
            }
        }
        return -1;
    }

    /**
     * May entry {@code i} be committed now? Under tso only the oldest; under relaxed any entry with
     * no older one to the same cell and no wmb() between it and an older entry.
     */
    private boolean flushable(int[] s, int b, int i) {
        if (i == 0) {
            return true;
        }
        if (!m.relaxed) {
            return false;
        }
        int at = b + m.entryBase;
        int id = s[at + ENTRY * i + E_CELL];
        for (int j = 1; j <= i; j++) {
            if ((s[at + ENTRY * j + E_PC] & WMB_BEFORE) != 0) {
                return false;
            }
        }
        for (int j = 0; j < i; j++) {
            if (s[at + ENTRY * j + E_CELL] == id) {
                return false;
            }
        }
        return true;
    }

    /**
     * Is entry {@code i} offered as a flush step? A schedule names a flush by its store statement,
     * so of the flushable entries made by one statement only the oldest is offered: the one
     * {@code oss run --schedule} commits for {@code flush at} that statement.
     */
    private boolean offered(int[] s, int b, int i) {
        if (!flushable(s, b, i)) {
            return false;
        }
        int at = b + m.entryBase;
        int pc = s[at + ENTRY * i + E_PC] & ~WMB_BEFORE;
        for (int j = 0; j < i; j++) {
            if ((s[at + ENTRY * j + E_PC] & ~WMB_BEFORE) == pc && flushable(s, b, j)) {
                return false;
            }
        }
        return true;
    }

    int flushChoices(int[] s, int t) {
        int b = m.base(t);
        int n = s[b + m.bufCount];
        if (n == 0) {
            return 0;
        }
        if (!m.relaxed) {
            return 1;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += offered(s, b, i) ? 1 : 0;
        }
        return k;
    }

    /** The buffer index of the {@code choice}-th offered entry. */
    int flushEntry(int[] s, int t, int choice) {
        int b = m.base(t);
        int n = s[b + m.bufCount];
        for (int i = 0; i < n; i++) {
            if (offered(s, b, i) && choice-- == 0) {
                return i;
            }
        }
        throw new IllegalStateException("no flush choice " + choice);
    }

    /** The pc of the store statement that made entry {@code i}. */
    int entryPc(int[] s, int t, int i) {
        return s[m.base(t) + m.entryBase + ENTRY * i + E_PC] & ~WMB_BEFORE;
    }

    /** The cell id of entry {@code i}. */
    int entryCell(int[] s, int t, int i) {
        return s[m.base(t) + m.entryBase + ENTRY * i + E_CELL];
    }

    /** Commits entry {@code i} of task {@code t}'s buffer to memory. */
    void flush(int[] s, int t, int i) {
        int b = m.base(t);
        int at = b + m.entryBase;
        int n = s[b + m.bufCount];
        int e = at + ENTRY * i;
        commit(s, t, s[e + E_CELL], s[e + E_VALUE]);
        System.arraycopy(s, e + ENTRY, s, e, ENTRY * (n - 1 - i));
        java.util.Arrays.fill(s, at + ENTRY * (n - 1), at + ENTRY * n, 0);
        n--;
        s[b + m.bufCount] = n;
        if (n > 0) {
            s[at + E_PC] &= ~WMB_BEFORE; // nothing older to be ordered after
        } else {
            s[b + m.wmbPending] = 0;
        }
    }

    /** Commits every buffered store, oldest first: a task that ends has its CPU drain its buffer. */
    void drain(int[] s, int t) {
        while (buffered(s, t) > 0) {
            flush(s, t, 0);
        }
    }

    /** A store reaches memory: under relaxed the old value stays readable to the tasks that have not seen the new one. */
    private void commit(int[] s, int t, int id, int value) {
        int at = location(s, t, id);
        if (m.relaxed && id < m.sharedCells) {
            s[m.oldBase + id] = s[at];
            int word = id >>> 5, bit = 1 << (id & 31);
            for (int u = 0; u < s[0]; u++) {
                s[m.base(u) + m.seenBase + word] &= ~bit;
            }
            setSeen(s, m.base(t), id);
        }
        s[at] = value;
    }

    // ---- relaxed: what a task has seen -----------------------------------------------------------------

    private void setSeen(int[] s, int b, int id) {
        s[b + m.seenBase + (id >>> 5)] |= 1 << (id & 31);
    }

    private boolean seen(int[] s, int b, int id) {
        return (s[b + m.seenBase + (id >>> 5)] & 1 << (id & 31)) != 0;
    }

    /** After rmb(), mb() or any full barrier every newest value counts as seen. */
    void seeAll(int[] s, int t) {
        int b = m.base(t);
        for (int w = 0; w < m.seenWords; w++) {
            s[b + m.seenBase + w] = -1;
        }
    }

    /**
     * Keeps relaxed states canonical: a cell whose old value equals its newest, or that every live
     * task has seen, has nothing older to offer, so its old value is its value and every seen bit set.
     */
    void normalize(int[] s) {
        for (int id = 0; id < m.sharedCells; id++) {
            boolean all = s[m.oldBase + id] == s[m.sharedBase + id];
            if (!all) {
                all = true;
                for (int u = 0; u < s[0] && all; u++) {
                    int ub = m.base(u);
                    all = !Semantics.alive(s, ub) || seen(s, ub, id);
                }
            }
            if (all) {
                s[m.oldBase + id] = s[m.sharedBase + id];
                for (int u = 0; u < s[0]; u++) {
                    int ub = m.base(u);
                    if (Semantics.alive(s, ub)) {
                        setSeen(s, ub, id);
                    }
                }
            }
        }
    }

    // ---- the steps -------------------------------------------------------------------------------------

    /** 2 when a relaxed load may also read the value one store old, else 1. */
    int loadChoices(int[] s, int t, Op.Load op) {
        if (!m.relaxed || op.source().scope() != Cell.Scope.SHARED) {
            return 1;
        }
        int index;
        try {
            index = Vals.index(op.source(), view.at(s, t, false));
        } catch (Vals.DataFault f) {
            return 1; // the step faults
        }
        int id = op.source().base() + index;
        int b = m.base(t);
        return newestEntry(s, b, id) < 0 && !seen(s, b, id) && s[m.oldBase + id] != s[m.sharedBase + id] ? 2 : 1;
    }

    void load(int[] s, int t, Op.Load op, int branch) {
        int b = m.base(t);
        int value;
        try {
            View v = view.at(s, t, true);
            int index = Vals.index(op.source(), v);
            value = branch == 1 ? s[m.oldBase + op.source().base() + index] : v.read(op.source(), index);
        } catch (Vals.DataFault f) {
            throw fault(f, op.span());
        }
        s[b + m.slotBase + op.slot()] = value;
    }

    boolean storeFits(int[] s, int t) {
        return !m.buffered || s[m.base(t) + m.bufCount] < m.storeBuffer;
    }

    void store(int[] s, int t, FlatCode c, int pc) {
        Op.Store op = (Op.Store) c.op[pc];
        int index;
        int value;
        try {
            View v = view.at(s, t, false);
            index = Vals.index(op.target(), v);
            value = Vals.eval(op.value(), v);
        } catch (Vals.DataFault f) {
            throw fault(f, op.span());
        }
        if (op.target().scope() == Cell.Scope.PRIVATE) {
            s[m.base(t) + m.slotBase + op.target().base() + index] = value;
            return;
        }
        int id = id(op.target(), index);
        if (!m.buffered) {
            commit(s, t, id, value);
            return;
        }
        int b = m.base(t);
        int n = s[b + m.bufCount];
        int e = b + m.entryBase + ENTRY * n;
        s[e + E_CELL] = id;
        s[e + E_VALUE] = value;
        s[e + E_PC] = pc | (n > 0 && s[b + m.wmbPending] != 0 ? WMB_BEFORE : 0);
        s[b + m.wmbPending] = 0;
        s[b + m.bufCount] = n + 1;
    }

    void fence(int[] s, int t, Op.FenceKind kind) {
        if (!m.relaxed) {
            return; // sc: nothing to order; tso: mb() waited for an empty buffer, rmb() and wmb() do nothing
        }
        switch (kind) {
            case MB, RMB -> seeAll(s, t);
            case WMB -> {
                int b = m.base(t);
                if (s[b + m.bufCount] > 0) {
                    s[b + m.wmbPending] = 1;
                }
            }
        }
    }

    boolean awaitHolds(int[] s, int t, Op.Await op) {
        try {
            return Vals.truth(op.condition(), view.at(s, t, false));
        } catch (Vals.DataFault f) {
            return true; // enabled: the step itself reports the fault
        }
    }

    void await(int[] s, int t, Op.Await op) {
        try {
            Vals.truth(op.condition(), view.at(s, t, true));
        } catch (Vals.DataFault f) {
            throw fault(f, op.span());
        }
    }

    /** An atomic read-modify-write or atomic block: one step on memory (the buffer is empty: a full barrier). */
    void atomic(int[] s, int t, Op op) {
        new Interpreter(s, t).run(List.of(op));
    }

    /** Runs ops as one step: assignments, stores straight to memory, atomic operations, ifs and asserts. */
    private final class Interpreter extends AtomicBodyVisitor<Boolean> {
        private final int[] s;
        private final int t;
        private int rounds;

        Interpreter(int[] s, int t) {
            this.s = s;
            this.t = t;
        }

        /** False when a break left the innermost loop. */
        boolean run(List<Op> ops) {
            for (Op op : ops) {
                if (!op.accept(this)) {
                    return false;
                }
            }
            return true;
        }

        private int value(Val v, Span at) {
            try {
                return Vals.eval(v, view.at(s, t, true));
            } catch (Vals.DataFault f) {
                throw fault(f, at);
            }
        }

        private int index(Cell cell, Span at) {
            try {
                return Vals.index(cell, view.at(s, t, true));
            } catch (Vals.DataFault f) {
                throw fault(f, at);
            }
        }

        private void write(Cell cell, int index, int value) {
            if (cell.scope() == Cell.Scope.PRIVATE) {
                s[m.base(t) + m.slotBase + cell.base() + index] = value;
            } else {
                commit(s, t, id(cell, index), value);
            }
        }

        @Override
        public Boolean visitAssign(Op.Assign op) {
            write(op.target(), index(op.target(), op.span()), value(op.value(), op.span()));
            return true;
        }

        @Override
        public Boolean visitLoad(Op.Load op) {
            int index = index(op.source(), op.span());
            s[m.base(t) + m.slotBase + op.slot()] = view.at(s, t, true).read(op.source(), index);
            return true;
        }

        @Override
        public Boolean visitStore(Op.Store op) {
            int index = index(op.target(), op.span());
            write(op.target(), index, value(op.value(), op.span()));
            return true;
        }

        @Override
        public Boolean visitRmw(Op.Rmw op) {
            int index = index(op.target(), op.span());
            int old = view.at(s, t, true).read(op.target(), index);
            int operand = value(op.operand(), op.span());
            int now = switch (op.kind()) {
                case FETCH_ADD -> old + operand;
                case XCHG -> operand;
                case CMPXCHG -> old == operand ? value(op.replacement(), op.span()) : old;
                case TEST_AND_SET -> 1;
            };
            write(op.target(), index, now);
            if (op.slot() >= 0) {
                s[m.base(t) + m.slotBase + op.slot()] = old;
            }
            return true;
        }

        @Override
        public Boolean visitAtomic(Op.Atomic op) {
            return run(op.body());
        }

        @Override
        public Boolean visitIf(Op.If op) {
            return run(value(op.condition(), op.span()) != 0 ? op.then() : op.otherwise());
        }

        @Override
        public Boolean visitLoop(Op.Loop op) {
            while (run(op.body())) {
                if (++rounds > Semantics.SETTLE_BUDGET) {
                    throw new PathCut(Code.ENDLESS_LOOP, op.span(), "the loop in this atomic block does not end");
                }
            }
            return true;
        }

        @Override
        public Boolean visitBreak(Op.Break op) {
            return false;
        }

        @Override
        public Boolean visitAssert(Op.Assert op) {
            if (value(op.condition(), op.span()) == 0) {
                throw assertion(op);
            }
            return true;
        }

        @Override
        public Boolean visitAwait(Op.Await op) {
            throw new IllegalStateException("await in an atomic block at " + op.span());
        }

        @Override
        public Boolean visitFence(Op.Fence op) {
            return true; // the block is a full barrier already
        }
    }

    static PathCut assertion(Op.Assert op) {
        return new PathCut(Code.ASSERTION_REACHABLE, op.span(), "assertion `" + op.text() + "` fails");
    }

    /** Local work in settle: a private assignment. */
    void assign(int[] s, int t, Op.Assign op) {
        try {
            View v = view.at(s, t, false);
            int index = Vals.index(op.target(), v);
            int value = Vals.eval(op.value(), v);
            s[m.base(t) + m.slotBase + op.target().base() + index] = value;
        } catch (Vals.DataFault f) {
            throw fault(f, op.span());
        }
    }
}
