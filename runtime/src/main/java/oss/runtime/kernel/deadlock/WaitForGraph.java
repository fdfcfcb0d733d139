package oss.runtime.kernel.deadlock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A wait-for graph over pids (an edge P -&gt; Q: P waits for a resource Q
 * holds). Cycle search is deterministic: start nodes ascending, successors
 * ascending.
 */
public final class WaitForGraph {

    private final TreeMap<Integer, TreeSet<Integer>> successors = new TreeMap<>();

    public WaitForGraph() {}

    /** Adds a node with no edges (harmless if already present). */
    public void addNode(int node) {
        successors.computeIfAbsent(node, k -> new TreeSet<>());
    }

    /** {@code from} waits for {@code to}. Parallel edges collapse into one. */
    public void addEdge(int from, int to) {
        successors.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
        addNode(to);
    }

    /** The nodes, ascending. */
    public List<Integer> nodes() {
        return List.copyOf(successors.keySet());
    }

    /** The successors of {@code node}, ascending. */
    public List<Integer> successors(int node) {
        TreeSet<Integer> s = successors.get(node);
        return s == null ? List.of() : List.copyOf(s);
    }

    /**
     * The first cycle met by a depth-first search that tries start nodes in
     * ascending order and follows successors in ascending order, rotated to
     * begin at its smallest node; the first node is not repeated at the end.
     */
    public Optional<List<Integer>> findCycle() {
        // 0 = unseen, 1 = on the current path, 2 = done (no cycle reachable from it)
        Map<Integer, Integer> colour = new HashMap<>();
        for (int start : successors.keySet()) {
            if (colour.getOrDefault(start, 0) != 0) {
                continue;
            }
            List<Integer> path = new ArrayList<>();
            Deque<Iterator<Integer>> stack = new ArrayDeque<>();
            path.add(start);
            colour.put(start, 1);
            stack.push(successors.get(start).iterator());
            while (!stack.isEmpty()) {
                Iterator<Integer> it = stack.peek();
                if (!it.hasNext()) {
                    stack.pop();
                    colour.put(path.remove(path.size() - 1), 2);
                    continue;
                }
                int next = it.next();
                int c = colour.getOrDefault(next, 0);
                if (c == 1) {
                    List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                    return Optional.of(rotate(cycle));
                }
                if (c == 0) {
                    colour.put(next, 1);
                    path.add(next);
                    stack.push(successors.getOrDefault(next, new TreeSet<>()).iterator());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every elementary cycle, at most {@code limit} of them, each starting at
     * its smallest node; ordered by that node, then lexicographically by the
     * search order. The search is also bounded in steps, so a huge dense graph
     * may yield fewer than {@code limit} cycles rather than hang.
     */
    public List<List<Integer>> allCycles(int limit) {
        List<List<Integer>> out = new ArrayList<>();
        long[] budget = {1_000_000L};
        for (int start : successors.keySet()) {
            if (out.size() >= limit || budget[0] <= 0) {
                break;
            }
            List<Integer> path = new ArrayList<>();
            path.add(start);
            TreeSet<Integer> onPath = new TreeSet<>();
            onPath.add(start);
            extend(start, start, path, onPath, out, limit, budget);
        }
        return out;
    }

    private void extend(int start, int node, List<Integer> path, TreeSet<Integer> onPath,
                        List<List<Integer>> out, int limit, long[] budget) {
        NavigableSet<Integer> next = successors.getOrDefault(node, new TreeSet<>()).tailSet(start, true);
        for (int v : next) {
            if (out.size() >= limit || --budget[0] <= 0) {
                return;
            }
            if (v == start) {
                out.add(List.copyOf(path));
            } else if (!onPath.contains(v)) {
                path.add(v);
                onPath.add(v);
                extend(start, v, path, onPath, out, limit, budget);
                onPath.remove(v);
                path.remove(path.size() - 1);
            }
        }
    }

    private static List<Integer> rotate(List<Integer> cycle) {
        int smallest = cycle.indexOf(Collections.min(cycle));
        List<Integer> out = new ArrayList<>(cycle.subList(smallest, cycle.size()));
        out.addAll(cycle.subList(0, smallest));
        return List.copyOf(out);
    }
}
