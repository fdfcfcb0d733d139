package oss.compiler.lockorder;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import oss.ir.program.Span;

/**
 * The lock-order graph: an edge A → B for every place a task takes B while
 * it may hold A, with all those places. Its elementary cycles are found
 * shortest first, each once, starting at its lowest lock; a cycle is
 * kept only if some choice of one place per edge could really wait in a
 * circle: the places belong to as many different tasks as the cycle has
 * edges, at least one of them takes its lock exclusively (readers do not
 * wait for readers), and no single lock outside the cycle is held
 * exclusively at all of them (a gate lock lets only one task in).
 */
final class LockGraph {
    /** Cycles kept (reported) at most. */
    static final int MAX_CYCLES = 20;
    /** Cycles looked at at most, kept or not. */
    static final int MAX_EXAMINED = 1_000;
    /** Steps of the cycle search at most. */
    static final long MAX_STEPS = 500_000;
    /** Steps of the place-choosing search for one cycle at most; above it the cycle is kept. */
    static final int MAX_CHOICE_STEPS = 5_000;

    /** The edges of one cycle, in order from its lowest lock, and a choice of places that can wait in a circle. */
    record Cycle(List<Edge> edges, List<Site> witness) {}

    static final class Edge {
        final int from;
        final int to;
        final Set<Site> sites = new LinkedHashSet<>();

        Edge(int from, int to) {
            this.from = from;
            this.to = to;
        }
    }

    private final int size;
    private final Map<Long, Edge> edges = new HashMap<>();
    private final Map<Integer, TreeSet<Integer>> successors = new HashMap<>();

    LockGraph(int size) {
        this.size = size;
    }

    void add(int from, int to, Site site) {
        if (from == to) {
            return;
        }
        Edge e = edges.computeIfAbsent((long) from * size + to, k -> new Edge(from, to));
        e.sites.add(site);
        successors.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
    }

    Edge edge(int from, int to) {
        return edges.get((long) from * size + to);
    }

    // ---- cycles -----------------------------------------------------------------------------------------

    /**
     * The cycles kept, shortest first, then by lowest lock, then by the locks
     * along them; {@code capacity} is how many tasks there can be at once
     * (no cycle is longer).
     */
    List<Cycle> cycles(int taskCount, long capacity) {
        Search search = new Search(taskCount);
        List<Integer> starts = new ArrayList<>(new TreeSet<>(successors.keySet()));
        long longest = Math.min(starts.size(), capacity);
        for (int length = 2; length <= longest && !search.done(); length++) {
            boolean longer = false;
            for (int s : starts) {
                oss.ir.Deadline.check();
                if (search.done()) {
                    break;
                }
                longer |= search.from(s, length);
            }
            if (!longer) {
                break;
            }
        }
        return search.kept;
    }

    /**
     * Iterative deepening: the elementary cycles of exactly {@code length}
     * edges whose lowest lock is {@code start}, each found once. A path goes
     * on only through locks above the start that can still get back to it in
     * the edges left.
     */
    private final class Search {
        final List<Cycle> kept = new ArrayList<>();
        final int taskCount;
        int examined;
        long steps;
        int start;
        int length;
        Map<Integer, Integer> back;
        final Map<Integer, Map<Integer, Integer>> backByStart = new HashMap<>();
        final List<Integer> path = new ArrayList<>();
        final BitSet onPath = new BitSet();
        boolean cut;

        Search(int taskCount) {
            this.taskCount = taskCount;
        }

        boolean done() {
            return kept.size() >= MAX_CYCLES || examined >= MAX_EXAMINED || steps >= MAX_STEPS;
        }

        /** Returns whether some path from {@code s} was cut for being too short (longer cycles may exist). */
        boolean from(int s, int len) {
            start = s;
            length = len;
            back = backByStart.computeIfAbsent(s, this::distancesBack);
            if (back.size() < 2) {
                return false;
            }
            cut = false;
            path.clear();
            onPath.clear();
            walk(s);
            return cut;
        }

        /** For each lock ≥ s that can get back to s through locks ≥ s, the fewest edges it takes. */
        private Map<Integer, Integer> distancesBack(int s) {
            Map<Integer, Integer> dist = new HashMap<>();
            dist.put(s, 0);
            java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(s));
            while (!queue.isEmpty()) {
                int v = queue.poll();
                for (int u : predecessors(v)) {
                    steps++;
                    if (u > s && !dist.containsKey(u)) {
                        dist.put(u, dist.get(v) + 1);
                        queue.add(u);
                    }
                }
            }
            return dist;
        }

        private void walk(int v) {
            path.add(v);
            onPath.set(v);
            int left = length - path.size(); // edges after the next one
            for (int w : successors.getOrDefault(v, EMPTY)) {
                if (done()) {
                    break;
                }
                steps++;
                if (w == start) {
                    if (left == 0) {
                        examine(path);
                    }
                    continue;
                }
                Integer d = back.get(w);
                if (d == null || w < start || onPath.get(w)) {
                    continue;
                }
                if (d > left) {
                    cut = true; // a longer cycle may go this way
                    continue;
                }
                walk(w);
            }
            onPath.clear(v);
            path.remove(path.size() - 1);
        }

        private void examine(List<Integer> cycle) {
            examined++;
            List<Edge> on = new ArrayList<>(cycle.size());
            for (int i = 0; i < cycle.size(); i++) {
                on.add(edge(cycle.get(i), cycle.get((i + 1) % cycle.size())));
            }
            List<Site> witness = new Witness(on, taskCount).find();
            if (witness != null) {
                kept.add(new Cycle(List.copyOf(on), witness));
            }
        }
    }

    private static final TreeSet<Integer> EMPTY = new TreeSet<>();

    private Map<Integer, List<Integer>> predecessors;

    private List<Integer> predecessors(int v) {
        if (predecessors == null) {
            predecessors = new HashMap<>();
            for (Edge e : edges.values()) {
                predecessors.computeIfAbsent(e.to, k -> new ArrayList<>()).add(e.from);
            }
        }
        return predecessors.getOrDefault(v, List.of());
    }

    /**
     * Chooses one place per edge of a cycle so that the cycle can really wait
     * in a circle (see the class comment); null when no choice can. Cheap
     * tests first: some place takes its lock exclusively; no gate lock is
     * held at every place of every edge; the edges can go to different
     * tasks at all (a matching). Only when the first matching found has a
     * common gate or only readers, a bounded search tries other choices.
     */
    private static final class Witness {
        private final List<List<Site>> choices = new ArrayList<>();
        private final BitSet onCycle = new BitSet();
        private final int[] used;
        private final Site[] chosen;
        private int steps;

        Witness(List<Edge> edges, int taskCount) {
            for (Edge e : edges) {
                onCycle.set(e.from);
            }
            for (Edge e : edges) {
                // places that differ only in where they are make the same choice
                Map<List<Object>, Site> distinct = new LinkedHashMap<>();
                for (Site s : e.sites) {
                    distinct.putIfAbsent(List.of(s.task().id, s.read(), outside(s.gates())), s);
                }
                List<Site> options = new ArrayList<>(distinct.values());
                options.sort(Comparator.comparing((Site s) -> !outside(s.gates()).isEmpty())
                        .thenComparing(Site::read)
                        .thenComparingInt(s -> s.task().id));
                choices.add(options);
            }
            used = new int[taskCount];
            chosen = new Site[edges.size()];
        }

        private BitSet outside(BitSet gates) {
            BitSet g = (BitSet) gates.clone();
            g.andNot(onCycle);
            return g;
        }

        List<Site> find() {
            boolean exclusive = false;
            BitSet alwaysGated = null;
            for (List<Site> options : choices) {
                BitSet edgeGates = null;
                for (Site s : options) {
                    exclusive |= !s.read();
                    BitSet g = outside(s.gates());
                    if (edgeGates == null) {
                        edgeGates = g;
                    } else {
                        edgeGates.and(g);
                    }
                }
                if (alwaysGated == null) {
                    alwaysGated = edgeGates;
                } else {
                    alwaysGated.and(edgeGates);
                }
            }
            if (!exclusive || (alwaysGated != null && !alwaysGated.isEmpty())) {
                return null;
            }
            if (!match()) {
                return null;
            }
            if (fits()) {
                return List.of(chosen);
            }
            java.util.Arrays.fill(used, 0);
            if (choose(0, null, false)) {
                return List.of(chosen);
            }
            // undecided within the budget: keep the cycle, without a witness
            return steps > MAX_CHOICE_STEPS ? List.of() : null;
        }

        /** Whether the chosen places wait in a circle: one takes its lock exclusively and no gate is common. */
        private boolean fits() {
            boolean exclusive = false;
            BitSet common = null;
            for (Site s : chosen) {
                exclusive |= !s.read();
                BitSet g = outside(s.gates());
                if (common == null) {
                    common = g;
                } else {
                    common.and(g);
                }
            }
            return exclusive && common != null && common.isEmpty();
        }

        // ---- one place per edge, different tasks: a bipartite matching with task capacities ----

        private List<List<Integer>> holders;

        private boolean match() {
            holders = new ArrayList<>();
            for (int i = 0; i < used.length; i++) {
                holders.add(null);
            }
            for (int i = 0; i < chosen.length; i++) {
                if (!augment(i, new BitSet())) {
                    return false;
                }
            }
            return true;
        }

        /** Finds edge {@code i} a place whose task has room, moving other edges to other places if needed. */
        private boolean augment(int i, BitSet visited) {
            for (Site s : choices.get(i)) {
                int t = s.task().id;
                if (visited.get(t)) {
                    continue;
                }
                visited.set(t);
                List<Integer> taking = holders.get(t);
                if (taking == null) {
                    taking = new ArrayList<>();
                    holders.set(t, taking);
                }
                if (taking.size() < s.task().capacity) {
                    taking.add(i);
                    chosen[i] = s;
                    return true;
                }
                for (int k = 0; k < taking.size(); k++) {
                    int other = taking.get(k);
                    if (augment(other, visited)) {
                        taking.set(k, i);
                        chosen[i] = s;
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean choose(int i, BitSet common, boolean exclusive) {
            if (++steps > MAX_CHOICE_STEPS) {
                return false;
            }
            if (i == chosen.length) {
                return exclusive && common != null && common.isEmpty();
            }
            for (Site s : choices.get(i)) {
                Task t = s.task();
                if (used[t.id] >= t.capacity) {
                    continue;
                }
                used[t.id]++;
                BitSet next = outside(s.gates());
                if (common != null) {
                    next.and(common);
                }
                chosen[i] = s;
                boolean ok = choose(i + 1, next, exclusive || !s.read());
                used[t.id]--;
                if (ok) {
                    return true;
                }
                if (steps > MAX_CHOICE_STEPS) {
                    return false;
                }
            }
            return false;
        }
    }

    static Span firstSpan(Cycle c) {
        Span best = null;
        for (Edge e : c.edges()) {
            for (Site s : e.sites) {
                if (best == null || Held.POSITION.compare(s.span(), best) < 0) {
                    best = s.span();
                }
            }
        }
        return best == null ? Span.NONE : best;
    }
}
