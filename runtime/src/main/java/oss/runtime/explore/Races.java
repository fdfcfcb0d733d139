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

    /** Per task of the current state: its plain access's object (-1: none), whether it writes, its group leader. */
    private int[] object = new int[0], leader = new int[0];
    private boolean[] writes = new boolean[0];

    /** Calls {@code out} for each racing pair in {@code s}; {@code enabled[t]}: t's instruction can step. */
    void find(int[] s, boolean[] enabled, java.util.function.BiConsumer<Access, Access> out) {
        int n = s[0];
        if (object.length < n) {
            object = new int[n];
            leader = new int[n];
            writes = new boolean[n];
        }
        int plain = 0;
        for (int u = 0; u < n; u++) {
            object[u] = enabled[u] ? plain(s, u) : -1;
            plain += object[u] >= 0 ? 1 : 0;
        }
        if (plain == 0) {
            return; // races need a plain access: most states of a correct program stop here
        }
        for (int u = 0; u < n; u++) {
            if (object[u] < 0) {
                continue;
            }
            for (int v = 0; v < n; v++) {
                if (v == u || !enabled[v]) {
                    continue;
                }
                if (object[v] >= 0) {
                    if (v > u && object[v] == object[u] && leader[v] == leader[u] && (writes[u] || writes[v])) {
                        out.accept(access(s, u), access(s, v));
                    }
                } else {
                    Access a = atomicSide(s, v, u);
                    if (a != null) {
                        out.accept(access(s, u), a);
                    }
                }
            }
        }
    }

    private Access access(int[] s, int t) {
        FlatCode c = sem.code(s, t);
        int pc = sem.pc(s, t);
        Cell cell = c.kind[pc] == Instr.LOAD ? ((Op.Load) c.op[pc]).source() : ((Op.Store) c.op[pc]).target();
        return new Access(t, object[t], leader[t], writes[t], c.span[pc], cell.name());
    }

    /** Task {@code t}'s next step as a plain access of a visible cell: its object, or -1 when it is none. */
    private int plain(int[] s, int t) {
        FlatCode c = sem.code(s, t);
        int pc = sem.pc(s, t);
        Cell cell;
        switch (c.kind[pc]) {
            case LOAD -> {
                cell = ((Op.Load) c.op[pc]).source();
                writes[t] = false;
            }
            case STORE -> {
                cell = ((Op.Store) c.op[pc]).target();
                writes[t] = true;
            }
            default -> {
                return -1;
            }
        }
        if (!cell.visible()) {
            return -1;
        }
        int index;
        try {
            index = Vals.index(cell, (x, i) -> s[m.base(t) + m.slotBase + x.base() + i]);
        } catch (Vals.DataFault f) {
            return -1;
        }
        leader[t] = leader(s, t, cell);
        return (cell.scope() == Cell.Scope.SHARED ? m.objShared : m.objGroup) + cell.base() + index;
    }

    private int leader(int[] s, int t, Cell cell) {
        if (cell.scope() == Cell.Scope.SHARED) {
            return -1;
        }
        int g = s[m.base(t) + GROUP];
        return g == 0 ? t : g - 1;
    }

    /** Task {@code v}'s atomic step as the other side of a race with task {@code u}'s plain access, or null. */
    private Access atomicSide(int[] s, int v, int u) {
        FlatCode c = sem.code(s, v);
        int pc = sem.pc(s, v);
        BitSet t = touched[c.id][pc];
        if (t == null || !t.get(object[u])) {
            return null;
        }
        boolean write = written[c.id][pc].get(object[u]);
        if (!write && !writes[u]) {
            return null;
        }
        int group = leader[u] < 0 ? -1 : s[m.base(v) + GROUP] == 0 ? v : s[m.base(v) + GROUP] - 1;
        if (group != leader[u]) {
            return null;
        }
        return new Access(v, object[u], group, write, c.span[pc], access(s, u).name());
    }
}
