package oss.analysis.report.html;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import oss.analysis.Analysis;
import oss.ir.diag.Code;
import oss.ir.diag.Related;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;

/**
 * The resource-allocation / wait-for graph of a deadlock: tasks and the
 * locks or resources they wait for, "waits" edges from a task to what it
 * waits for and "held by" edges from a resource to its holder, with the
 * circular wait marked. Taken from the default run when it deadlocked (each
 * blocked task's report), else from the explorer's deadlock finding (the
 * state it reached, one related note per blocked task).
 */
public final class WaitGraph {
    public enum Kind { TASK, RESOURCE }

    public record Node(String id, Kind kind, String label) {}

    /** {@code label} is "waits" or "held by". */
    public record Edge(String from, String to, String label) {}

    private static final Pattern TASK = Pattern.compile("^(.+?) \\(pid (\\d+)\\) waits (?:here )?(?:forever )?for (.+)$");
    private static final Pattern HOLDER = Pattern.compile("held by (?:writer )?(.+?) \\(pid (\\d+)\\)");

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<String> cycle;
    private final String source;

    private WaitGraph(String source) {
        this.source = source;
        this.cycle = new ArrayList<>();
    }

    /** The graph of the run's deadlock, or else the explorer's; empty when neither deadlocked. */
    public static Optional<WaitGraph> of(Analysis a) {
        Optional<RunResult> run = a.run();
        if (run.isPresent() && run.get().deadlocked()) {
            WaitGraph g = new WaitGraph("the default run deadlocked: every blocked task at the end");
            for (TaskReport t : run.get().tasks()) {
                if (t.pid() > 1 && t.blockedOn() != null && t.finishNs() < 0) {
                    g.add(t.process() + (t.forked() ? "*" : ""), t.pid(), t.blockedOn());
                }
            }
            if (!g.edges.isEmpty()) {
                g.findCycle();
                return Optional.of(g);
            }
        }
        if (a.explore().isPresent()) {
            for (ExploreFinding f : a.explore().get().findings()) {
                if (f.code() != Code.DEADLOCK_REACHABLE) {
                    continue;
                }
                WaitGraph g = new WaitGraph("the explorer's deadlock, reached after "
                        + oss.runtime.explore.Schedule.count(f.schedule().steps().size()) + " (see the counterexample schedule)");
                for (Related r : f.related()) {
                    Matcher m = TASK.matcher(r.message());
                    if (m.matches()) {
                        g.add(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
                    }
                }
                if (!g.edges.isEmpty()) {
                    g.findCycle();
                    return Optional.of(g);
                }
            }
        }
        return Optional.empty();
    }

    private void add(String task, int pid, String blockedOn) {
        String t = taskNode(task, pid);
        String[] w = blockedOn.split("\\s+");
        String kind = w[0];
        String name = w.length > 1 ? w[1].replaceAll("[,;:]+$", "") : "";
        String label = (kind + " " + name).strip();
        String rid = "r_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        nodes.putIfAbsent(rid, new Node(rid, Kind.RESOURCE, label));
        edges.add(new Edge(t, rid, "waits"));
        Matcher h = HOLDER.matcher(blockedOn);
        if (h.find()) {
            String holder = taskNode(h.group(1), Integer.parseInt(h.group(2)));
            Edge held = new Edge(rid, holder, "held by");
            if (!edges.contains(held)) {
                edges.add(held);
            }
        }
    }

    private String taskNode(String name, int pid) {
        String id = "t" + pid;
        nodes.putIfAbsent(id, new Node(id, Kind.TASK, name + " (pid " + pid + ")"));
        return id;
    }

    /** The first directed cycle (depth-first, in insertion order): the circular wait. */
    private void findCycle() {
        Map<String, Integer> state = new LinkedHashMap<>();
        for (String start : nodes.keySet()) {
            List<String> path = new ArrayList<>();
            if (dfs(start, state, path)) {
                return;
            }
        }
    }

    private boolean dfs(String n, Map<String, Integer> state, List<String> path) {
        Integer st = state.get(n);
        if (st != null && st == 1) {
            cycle.addAll(path.subList(path.indexOf(n), path.size()));
            return true;
        }
        if (st != null) {
            return false;
        }
        state.put(n, 1);
        path.add(n);
        for (Edge e : edges) {
            if (e.from().equals(n) && dfs(e.to(), state, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        state.put(n, 2);
        return false;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    public List<Edge> edges() {
        return List.copyOf(edges);
    }

    /** Node ids of the circular wait in order (tasks and resources alternate), empty if none. */
    public List<String> cycle() {
        return List.copyOf(cycle);
    }

    public String source() {
        return source;
    }

    public boolean inCycle(Edge e) {
        for (int i = 0; i < cycle.size(); i++) {
            if (cycle.get(i).equals(e.from()) && cycle.get((i + 1) % cycle.size()).equals(e.to())) {
                return true;
            }
        }
        return false;
    }

    /** Graphviz DOT: tasks as ellipses, resources as boxes, the cycle red and bold. */
    public String toDot() {
        Set<String> inCycle = new HashSet<>(cycle);
        StringBuilder out = new StringBuilder("digraph wait_for {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        out.append("  label=\"").append(Esc.dot(source)).append("\";\n");
        for (Node n : nodes.values()) {
            out.append("  \"").append(n.id()).append("\" [label=\"").append(Esc.dot(n.label())).append("\", shape=")
                    .append(n.kind() == Kind.TASK ? "ellipse" : "box")
                    .append(inCycle.contains(n.id()) ? ", color=red, fontcolor=red, penwidth=2" : "").append("];\n");
        }
        for (Edge e : edges) {
            out.append("  \"").append(e.from()).append("\" -> \"").append(e.to()).append("\" [label=\"")
                    .append(Esc.dot(e.label())).append("\"")
                    .append(e.label().equals("waits") ? ", style=dashed" : "")
                    .append(inCycle(e) ? ", color=red, fontcolor=red, penwidth=2" : "").append("];\n");
        }
        return out.append("}\n").toString();
    }

    /** An SVG drawing: the nodes on a circle, the cycle's first and in order, edges as arrows. */
    public String toSvg() {
        List<String> order = new ArrayList<>(cycle);
        for (String id : nodes.keySet()) {
            if (!order.contains(id)) {
                order.add(id);
            }
        }
        int n = order.size();
        double r = Math.max(110, n * 34);
        double cx = r + 110;
        double cy = r + 40;
        int w = (int) (2 * cx);
        int h = (int) (2 * cy);
        Map<String, double[]> pos = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            double a = -Math.PI / 2 + 2 * Math.PI * i / n;
            pos.put(order.get(i), new double[] {cx + r * Math.cos(a), cy + r * Math.sin(a)});
        }
        Set<String> inCycle = new HashSet<>(cycle);
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"waitgraph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"")
                .append(h).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" role=\"img\">\n");
        s.append("<defs><marker id=\"arr\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                + "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker>"
                + "<marker id=\"arr-red\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                + "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#d11\"/></marker></defs>\n");
        for (Edge e : edges) {
            double[] a = pos.get(e.from());
            double[] b = pos.get(e.to());
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double len = Math.max(1, Math.hypot(dx, dy));
            double shrink = 34;
            double x1 = a[0] + dx / len * shrink;
            double y1 = a[1] + dy / len * shrink * 0.6;
            double x2 = b[0] - dx / len * shrink;
            double y2 = b[1] - dy / len * shrink * 0.6;
            boolean red = inCycle(e);
            s.append("<g class=\"edge").append(red ? " cycle" : "").append("\"><title>")
                    .append(Esc.html(nodes.get(e.from()).label() + " " + e.label() + " " + nodes.get(e.to()).label()))
                    .append("</title><line x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1)).append("\" x2=\"")
                    .append(f(x2)).append("\" y2=\"").append(f(y2)).append("\" stroke=\"").append(red ? "#d11" : "#555")
                    .append("\" stroke-width=\"").append(red ? 2.5 : 1.2).append('"')
                    .append(e.label().equals("waits") ? " stroke-dasharray=\"6 4\"" : "")
                    .append(" marker-end=\"url(#").append(red ? "arr-red" : "arr").append(")\"/>")
                    .append("<text x=\"").append(f((x1 + x2) / 2)).append("\" y=\"").append(f((y1 + y2) / 2 - 4))
                    .append("\" class=\"elabel\">").append(Esc.html(e.label())).append("</text></g>\n");
        }
        for (String id : order) {
            Node nd = nodes.get(id);
            double[] p = pos.get(id);
            boolean red = inCycle.contains(id);
            String stroke = red ? "#d11" : "#444";
            s.append("<g class=\"node ").append(nd.kind() == Kind.TASK ? "task" : "resource").append(red ? " cycle" : "")
                    .append("\" data-id=\"").append(Esc.html(id)).append("\"><title>").append(Esc.html(nd.label()))
                    .append(red ? " (in the circular wait)" : "").append("</title>");
            double tw = Math.max(60, nd.label().length() * 6.6 + 16);
            if (nd.kind() == Kind.TASK) {
                s.append("<ellipse cx=\"").append(f(p[0])).append("\" cy=\"").append(f(p[1])).append("\" rx=\"")
                        .append(f(tw / 2)).append("\" ry=\"18\" fill=\"").append(red ? "#fde8e8" : "#eef3fb")
                        .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(red ? 2.5 : 1).append("\"/>");
            } else {
                s.append("<rect x=\"").append(f(p[0] - tw / 2)).append("\" y=\"").append(f(p[1] - 15)).append("\" width=\"")
                        .append(f(tw)).append("\" height=\"30\" rx=\"3\" fill=\"").append(red ? "#fde8e8" : "#f6f6f0")
                        .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(red ? 2.5 : 1).append("\"/>");
            }
            s.append("<text x=\"").append(f(p[0])).append("\" y=\"").append(f(p[1] + 4))
                    .append("\" text-anchor=\"middle\" class=\"nlabel\"").append(red ? " fill=\"#a00\"" : "").append('>')
                    .append(Esc.html(nd.label())).append("</text></g>\n");
        }
        return s.append("</svg>\n").toString();
    }

    private static String f(double v) {
        return String.format(Locale.US, "%.1f", v);
    }
}
