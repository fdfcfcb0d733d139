package oss.runtime.explore;

import static oss.runtime.explore.Instr.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import oss.ir.program.Span;
import oss.runtime.explore.Symmetry.Perm;

/**
 * Reads a scenario's symmetry group off its flat code, for {@link Symmetry}: for each process
 * array, every order of its instances when their codes are equal, or the rotations of a ring when
 * each instance's code is the previous one's with mutex, semaphore or spinlock arrays moved on by
 * one step. What qualifies and why is {@link Symmetry}'s class comment.
 */
final class SymmetryGroup {
    private SymmetryGroup() {}

    /** The symmetry the settled initial state {@code init} and the code have, or null when there is none to use. */
    static Symmetry detect(Model m, StateStore store, int[] init) {
        if (!qualifies(m)) {
            return null;
        }
        var program = m.program;
        Arrays3 objects = new Arrays3(
                spansArrays(program.mutexes().stream().map(d -> d.span()).toList()),
                spansArrays(program.semaphores().stream().map(d -> d.span()).toList()),
                spansArrays(program.sync().spinlocks().stream().map(d -> d.span()).toList()));
        List<int[]> full = new ArrayList<>();
        List<Perm> generators = new ArrayList<>();
        List<Integer> orders = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> ringWords = new ArrayList<>();
        boolean[] rotating = new boolean[m.mutexes + m.sems + m.spins];
        for (int[] set : processArrays(m)) {
            Perm identity = new Perm(null, null, null, null);
            boolean same = true;
            for (int j = 1; j < set.length && same; j++) {
                same = sameCode(m.codes[set[0]], m.codes[set[j]], identity);
            }
            if (same) {
                full.add(set);
                words.add("any order of " + range(m, set));
                continue;
            }
            Perm g = ring(m, set, objects, rotating);
            if (g != null) {
                generators.add(g);
                orders.add(set.length);
                ringWords.add("rotations of " + range(m, set) + " with " + objects.names(m, g));
            }
        }
        if (full.isEmpty() && generators.isEmpty()) {
            return null;
        }
        List<Perm> elements = new ArrayList<>();
        elements.add(new Perm(null, null, null, null));
        long size = 1;
        for (int i = 0; i < generators.size(); i++) {
            if (size * orders.get(i) > MAX_ROTATIONS) {
                continue; // left out: the product of the rings grows too large to try each element
            }
            size *= orders.get(i);
            words.add(ringWords.get(i));
            List<Perm> next = new ArrayList<>();
            for (Perm e : elements) {
                Perm p = e;
                for (int r = 0; r < orders.get(i); r++) {
                    next.add(p);
                    p = compose(m, p, generators.get(i));
                }
            }
            elements = next;
        }
        Symmetry sym = new Symmetry(m, store, elements.toArray(Perm[]::new), full.toArray(int[][]::new),
                String.join("; ", words));
        return sym.fixes(init) ? sym : null;
    }

    /** Products of rings beyond this many elements keep only the first rings: each state tries every element. */
    private static final int MAX_ROTATIONS = 4096;

    /** No fork, exec, wait, signal, descriptor, queue or device: nothing in the state names a task or code that {@link #permute} does not remap. */
    private static boolean qualifies(Model m) {
        if (m.unexplored != null || m.codes.length != m.processes || m.pipes > 0 || m.files.size > 0
                || m.queues.size > 0 || m.signals != null || m.std || m.epollInstances > 0 || !m.aioOps.isEmpty()
                || m.devices || m.keepEndedSlots || m.processes > m.maxTasks) {
            return false;
        }
        for (FlatCode c : m.codes) {
            for (int pc = 0; pc < c.size; pc++) {
                switch (c.kind[pc]) {
                    case FORK, THREAD, VFORK, EXEC, WAIT_CHILD, WAIT_ANY, MSG, SIG, SIGRETURN, EPOLL, FD_PIPE, FD_MKFIFO,
                            FD_OPEN, FD_READ, FD_WRITE, FD_CLOSE, FD_LSEEK, FD_DUP, FD_DUP2, FD_PATH, FD_FSTAT, FD_FSYNC -> {
                        return false;
                    }
                    default -> { }
                }
            }
        }
        return true;
    }

    /** Declared processes grouped by declaration (an array's instances share its span), two or more each. */
    private static List<int[]> processArrays(Model m) {
        List<int[]> out = new ArrayList<>();
        var ps = m.program.processes();
        int from = 0;
        for (int i = 1; i <= ps.size(); i++) {
            if (i == ps.size() || !ps.get(i).span().equals(ps.get(from).span())) {
                if (i - from >= 2) {
                    int[] set = new int[i - from];
                    for (int j = 0; j < set.length; j++) {
                        set[j] = from + j;
                    }
                    out.add(set);
                }
                from = i;
            }
        }
        return out;
    }

    /** "phil[0..4]": an array's first and last instance. */
    private static String range(Model m, int[] set) {
        String first = m.program.processes().get(set[0]).name();
        String last = m.program.processes().get(set[set.length - 1]).name();
        int bracket = first.lastIndexOf('[');
        return bracket < 0 ? first + ".." + last
                : first.substring(0, first.length() - 1) + ".." + last.substring(last.lastIndexOf('[') + 1);
    }

    /** Objects of one kind grouped by declaration: per object its array's first index and length. */
    private record ObjArrays(int[] start, int[] length) {
        int elem(int k) {
            return k - start[k];
        }
    }

    private static ObjArrays spansArrays(List<Span> spans) {
        int[] start = new int[spans.size()];
        int[] length = new int[spans.size()];
        int from = 0;
        for (int i = 1; i <= spans.size(); i++) {
            if (i == spans.size() || !spans.get(i).equals(spans.get(from))) {
                for (int j = from; j < i; j++) {
                    start[j] = from;
                    length[j] = i - from;
                }
                from = i;
            }
        }
        return new ObjArrays(start, length);
    }

    /** Mutexes, semaphores and spinlocks: the three kinds a ring may rotate. */
    private record Arrays3(ObjArrays mutex, ObjArrays sem, ObjArrays spin) {
        ObjArrays of(int kind) {
            return kind == 0 ? mutex : kind == 1 ? sem : spin;
        }

        /** "fork[0..4]" for each array g moves. */
        String names(Model m, Perm g) {
            List<String> out = new ArrayList<>();
            var p = m.program;
            for (int kind = 0; kind < 3; kind++) {
                int[] map = kind == 0 ? g.mutex() : kind == 1 ? g.sem() : g.spin();
                ObjArrays a = of(kind);
                for (int k = 0; map != null && k < map.length; k++) {
                    if (map[k] != k && a.start[k] == k) {
                        String first = kind == 0 ? p.mutexes().get(k).name() : kind == 1 ? p.semaphores().get(k).name()
                                : p.sync().spinlocks().get(k).name();
                        int bracket = first.lastIndexOf('[');
                        out.add((bracket < 0 ? first : first.substring(0, bracket)) + "[0.." + (a.length[k] - 1) + "]");
                    }
                }
            }
            return String.join(", ", out);
        }
    }

    /** The object kind (0 mutex, 1 semaphore, 2 spinlock) of an instruction's {@code a} operand, or -1. */
    private static int kindOfA(Instr k) {
        return switch (k) {
            case LOCK, UNLOCK, TRYLOCK -> 0;
            case P, V -> 1;
            case SPIN_LOCK, SPIN_UNLOCK -> 2;
            default -> -1;
        };
    }

    /**
     * The rotation generator of process array {@code set}: instance j to j + 1, and each object array
     * of the ring's length that the instances name differently moved on by the step instance 0 and 1
     * show. Null when the code is not a ring's, or another process names a moved object.
     */
    private static Perm ring(Model m, int[] set, Arrays3 objects, boolean[] rotating) {
        int n = set.length;
        FlatCode c0 = m.codes[set[0]];
        FlatCode c1 = m.codes[set[1]];
        if (c0.size != c1.size) {
            return null;
        }
        int[][] maps = {identity(m.mutexes), identity(m.sems), identity(m.spins)};
        boolean any = false;
        for (int pc = 0; pc < c0.size; pc++) {
            int kind = kindOfA(c0.kind[pc]);
            int x = c0.a[pc], y = c1.a[pc];
            if (c0.kind[pc] == COND_WAIT) {
                kind = 0;
                x = c0.b[pc];
                y = c1.b[pc];
            }
            if (kind < 0 || x == y || c0.kind[pc] != c1.kind[pc]) {
                continue;
            }
            ObjArrays a = objects.of(kind);
            if (a.start[x] != a.start[y] || a.length[x] != n) {
                return null; // a different object, not the same array's next element
            }
            int step = Math.floorMod(a.elem(y) - a.elem(x), n);
            int base = a.start[x];
            int[] map = maps[kind];
            if (map[base] != base && Math.floorMod(map[base] - base, n) != step) {
                return null; // one array moved by two different steps
            }
            for (int e = 0; e < n; e++) {
                map[base + e] = base + (e + step) % n;
            }
            any = true;
        }
        if (!any) {
            return null;
        }
        int[] task = identity(m.processes);
        for (int j = 0; j < n; j++) {
            task[set[j]] = set[(j + 1) % n];
        }
        Perm g = new Perm(task, maps[0], maps[1], maps[2]);
        for (int j = 0; j < n; j++) {
            if (!sameCode(m.codes[set[j]], m.codes[set[(j + 1) % n]], g)) {
                return null;
            }
        }
        // the moved objects belong to this ring alone: another process naming one is not moved with it
        boolean[] mine = new boolean[m.processes];
        for (int t : set) {
            mine[t] = true;
        }
        int[] offset = {0, m.mutexes, m.mutexes + m.sems};
        for (int kind = 0; kind < 3; kind++) {
            for (int k = 0; k < maps[kind].length; k++) {
                if (maps[kind][k] != k && rotating[offset[kind] + k]) {
                    return null; // already another ring's
                }
            }
        }
        for (FlatCode c : m.codes) {
            if (mine[c.id]) {
                continue;
            }
            for (int pc = 0; pc < c.size; pc++) {
                int kind = c.kind[pc] == COND_WAIT ? 0 : kindOfA(c.kind[pc]);
                int x = c.kind[pc] == COND_WAIT ? c.b[pc] : c.a[pc];
                if (kind >= 0 && maps[kind][x] != x) {
                    return null;
                }
            }
        }
        for (int kind = 0; kind < 3; kind++) {
            for (int k = 0; k < maps[kind].length; k++) {
                rotating[offset[kind] + k] |= maps[kind][k] != k;
            }
        }
        return g;
    }

    /** Is {@code y} the code {@code x} becomes under {@code g}'s object maps? Spans, jumps and data must be equal. */
    private static boolean sameCode(FlatCode x, FlatCode y, Perm g) {
        if (x.size != y.size || x.depth != y.depth || x.handler != y.handler || !x.endSpan.equals(y.endSpan)) {
            return false;
        }
        for (int pc = 0; pc < x.size; pc++) {
            Instr k = x.kind[pc];
            if (k != y.kind[pc] || x.target[pc] != y.target[pc] || !Arrays.equals(x.branches[pc], y.branches[pc])
                    || !Objects.equals(x.span[pc], y.span[pc])) {
                return false;
            }
            int kind = kindOfA(k);
            int a = kind < 0 ? x.a[pc] : map(kind == 0 ? g.mutex() : kind == 1 ? g.sem() : g.spin(), x.a[pc]);
            int b = k == COND_WAIT ? map(g.mutex(), x.b[pc]) : x.b[pc];
            if (a != y.a[pc] || b != y.b[pc]) {
                return false;
            }
            // the ops the steps read (data, semop, banker's calls) must be equal; a lock's op is its operand
            boolean readsOp = Model.isData(k) || k == SEMOP || k == CLAIM || k == REQUEST || k == RELEASE;
            if (readsOp && !Objects.equals(x.op[pc], y.op[pc])) {
                return false;
            }
        }
        return true;
    }

    private static int map(int[] map, int k) {
        return map == null ? k : map[k];
    }

    static int[] identity(int n) {
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
        }
        return id;
    }

    /** First {@code f}, then {@code g}. */
    private static Perm compose(Model m, Perm f, Perm g) {
        return new Perm(then(f.task(), g.task(), m.processes), then(f.mutex(), g.mutex(), m.mutexes),
                then(f.sem(), g.sem(), m.sems), then(f.spin(), g.spin(), m.spins));
    }

    private static int[] then(int[] f, int[] g, int n) {
        if (f == null) {
            return g;
        }
        if (g == null) {
            return f;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = g[f[i]];
        }
        return out;
    }
}
