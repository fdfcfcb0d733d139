package oss.runtime.explore;

import static oss.runtime.explore.Model.*;

import java.util.BitSet;
import oss.ir.program.Cell;
import oss.ir.program.Op;
import oss.ir.program.Span;
import oss.ir.program.Vals;

/**
 * Data races as Java PathFinder's precise race detector sees them: in a reachable state, two
 * tasks' next steps are both enabled and access the same cell, at least one writing and not both
 * atomic. Nothing can order two accesses that may run in either order from one state, so they
 * race; two accesses some happens-before edge orders are never enabled together.
 */
final class Races {
    private final Model m;
    private final Semantics sem;
    /** Per code and pc, for atomic steps (rmw, atomic blocks, await): the objects touched and written. */
    private final BitSet[][] touched, written;

    /** One side of a race: a plain load or store of one concrete cell. */
    record Access(int task, int object, int leader, boolean write, Span at, String name) {}

    Races(Model m, Semantics sem) {
        this.m = m;
        this.sem = sem;
        touched = new BitSet[m.codes.length][];
        written = new BitSet[m.codes.length][];
        for (FlatCode c : m.codes) {
            touched[c.id] = new BitSet[c.size];
            written[c.id] = new BitSet[c.size];
            for (int pc = 0; pc < c.size; pc++) {
                if (c.kind[pc] == Instr.RMW || c.kind[pc] == Instr.ATOMIC || c.kind[pc] == Instr.AWAIT) {
                    touched[c.id][pc] = new BitSet();
                    written[c.id][pc] = new BitSet();
                    m.accesses(c, pc, touched[c.id][pc], written[c.id][pc]);
                }
            }
        }
    }

    /** Calls {@code out} for each racing pair in {@code s}; {@code enabled[t]}: t's instruction can step. */
    void find(int[] s, boolean[] enabled, java.util.function.BiConsumer<Access, Access> out) {
        int n = s[0];
        for (int u = 0; u < n; u++) {
            Access a = enabled[u] ? plain(s, u) : null;
            if (a == null) {
                continue;
            }
            for (int v = 0; v < n; v++) {
                if (v == u || !enabled[v]) {
                    continue;
                }
                Access b = plain(s, v);
                if (b != null) {
                    if (v > u && b.object == a.object && b.leader == a.leader && (a.write || b.write)) {
                        out.accept(a, b);
                    }
                } else {
                    Access atomic = atomicSide(s, v, a);
                    if (atomic != null) {
                        out.accept(a, atomic);
                    }
                }
            }
        }
    }

    /** Task {@code t}'s next step as a plain access, or null when it is not a plain load or store of a visible cell. */
    private Access plain(int[] s, int t) {
        FlatCode c = sem.code(s, t);
        int pc = sem.pc(s, t);
        Cell cell;
        boolean write;
        switch (c.kind[pc]) {
            case LOAD -> {
                cell = ((Op.Load) c.op[pc]).source();
                write = false;
            }
            case STORE -> {
                cell = ((Op.Store) c.op[pc]).target();
                write = true;
            }
            default -> {
                return null;
            }
        }
        if (!cell.visible()) {
            return null;
        }
        int index;
        try {
            index = Vals.index(cell, (x, i) -> s[m.base(t) + m.slotBase + x.base() + i]);
        } catch (Vals.DataFault f) {
            return null;
        }
        int object = (cell.scope() == Cell.Scope.SHARED ? m.objShared : m.objGroup) + cell.base() + index;
        return new Access(t, object, leader(s, t, cell), write, c.span[pc], cell.name());
    }

    private int leader(int[] s, int t, Cell cell) {
        if (cell.scope() == Cell.Scope.SHARED) {
            return -1;
        }
        int g = s[m.base(t) + GROUP];
        return g == 0 ? t : g - 1;
    }

    /** Task {@code v}'s atomic step as the other side of a race with plain access {@code a}, or null. */
    private Access atomicSide(int[] s, int v, Access a) {
        FlatCode c = sem.code(s, v);
        int pc = sem.pc(s, v);
        BitSet t = touched[c.id][pc];
        if (t == null || !t.get(a.object)) {
            return null;
        }
        boolean write = written[c.id][pc].get(a.object);
        if (!write && !a.write) {
            return null;
        }
        int leader = a.leader < 0 ? -1 : s[m.base(v) + GROUP] == 0 ? v : s[m.base(v) + GROUP] - 1;
        if (leader != a.leader) {
            return null;
        }
        return new Access(v, a.object, leader, write, c.span[pc], a.name);
    }
}
