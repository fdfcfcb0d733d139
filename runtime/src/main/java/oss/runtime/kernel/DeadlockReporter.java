package oss.runtime.kernel;

import java.util.ArrayList;
import java.util.List;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Findings;
import oss.ir.diag.Related;
import oss.runtime.kernel.deadlock.DeadlockDetection;
import oss.runtime.kernel.deadlock.ResourceTable;
import oss.runtime.kernel.deadlock.WaitForGraph;
import oss.runtime.kernel.locking.Mutex;
import oss.runtime.kernel.locking.Semaphore;

/**
 * At the end of a run that stopped because nothing could happen any more,
 * explains the tasks still asleep: a cycle in the wait-for graph is a
 * deadlock (with each member's blocking statement), anything else is
 * "blocked forever" (a semaphore nobody will post, a lock whose owner exited).
 * Resources are judged first by the detection algorithm, which names every
 * deadlocked process, not just one cycle of them.
 *
 * <p>Edges: a mutex waiter waits for the owner; a semaphore waiter for every
 * live task whose remaining code could still post it; a resource request
 * for every task holding instances of a class the request cannot get; a
 * parent in wait for its child.
 */
final class DeadlockReporter {
    private final List<Task> tasks;
    private final Mutex[] mutexes;
    private final Semaphore[] semaphores;
    private final ResourceTable resources;
    /** Who ends a wait on the other primitives (spinlocks, rwlocks, condition variables...). */
    private final java.util.function.Function<Task, List<Integer>> otherWaits;

    DeadlockReporter(List<Task> tasks, Mutex[] mutexes, Semaphore[] semaphores, ResourceTable resources,
            java.util.function.Function<Task, List<Integer>> otherWaits) {
        this.otherWaits = otherWaits;
        this.tasks = tasks;
        this.mutexes = mutexes;
        this.semaphores = semaphores;
        this.resources = resources;
    }

    /** Adds the findings; true when some task sleeps forever. */
    boolean report(Findings findings) {
        List<Task> blocked = new ArrayList<>();
        for (int pid = 2; pid < tasks.size(); pid++) {
            Task t = tasks.get(pid);
            // a task parked in a busy-wait loop is an endless loop (OSS2503), not a sleeper
            // and a task stopped for good is as stuck as a sleeper
            if (t.alive() && (t.blocker != Task.Blocker.NONE && t.blocker != Task.Blocker.DATA_SPIN
                    || t.state == oss.runtime.observe.TaskState.STOPPED)) {
                blocked.add(t);
            }
        }
        if (blocked.isEmpty()) {
            return false;
        }
        List<Task> resourceDeadlock = resourceDeadlock();
        if (!resourceDeadlock.isEmpty()) {
            findings.add(resourceFinding(resourceDeadlock));
            blocked.removeAll(resourceDeadlock);
            if (blocked.isEmpty()) {
                return true;
            }
        }
        WaitForGraph graph = new WaitForGraph();
        for (Task t : blocked) {
            graph.addNode(t.pid);
            for (int other : waitsFor(t)) {
                graph.addEdge(t.pid, other);
            }
        }
        var cycle = graph.findCycle();
        if (cycle.isPresent()) {
            findings.add(cycleFinding(cycle.get()));
        } else {
            // lead with a sleeper nothing else can end (a reader on its own write end), not with whoever waits for it
            Task first = blocked.get(0);
            for (Task t : blocked) {
                if (graph.successors(t.pid).isEmpty()) {
                    first = t;
                    break;
                }
            }
            List<Related> related = new ArrayList<>();
            StringBuilder detail = new StringBuilder();
            for (Task t : blocked) {
                detail.append(t).append(" waits for ").append(t.blockedOn).append('\n');
                if (t != first) {
                    related.add(new Related(t.blockedAt, t + " waits here forever for " + t.blockedOn));
                }
            }
            String message = blocked.size() == 1
                    ? first + " waits forever for " + first.blockedOn + ": nothing left can wake it"
                    : blocked.size() + " tasks wait forever with nothing left to wake them; " + first + " for " + first.blockedOn;
            findings.add(new Diagnostic(Code.BLOCKED_FOREVER, Code.BLOCKED_FOREVER.severity(), message, first.blockedAt,
                    related, detail.toString().strip()));
        }
        return true;
    }

    private List<Integer> waitsFor(Task t) {
        List<Integer> out = new ArrayList<>();
        switch (t.blocker) {
            case MUTEX -> {
                // a mutex's only way out is its owner
                int owner = mutexes[t.blockerIndex].owner;
                if (owner > 0 && tasks.get(owner).alive()) {
                    out.add(owner);
                }
            }
            case SEMAPHORE -> {
                for (int pid = 2; pid < tasks.size(); pid++) {
                    Task o = tasks.get(pid);
                    // a sleeper cannot post while it sleeps, so its own later V does not count
                    if (o != t && o.alive() && o.mayPost(t.blockerIndex)) {
                        out.add(pid);
                    }
                }
            }
            case RESOURCE -> {
                int[] wanted = resources.row(t.pid).request;
                int[] available = resources.available();
                for (ResourceTable.Row row : resources.rows()) {
                    if (row.pid == t.pid || !tasks.get(row.pid).alive()) {
                        continue;
                    }
                    for (int r = 0; wanted != null && r < wanted.length; r++) {
                        if (wanted[r] > available[r] && row.allocation[r] > 0) {
                            out.add(row.pid);
                            break;
                        }
                    }
                }
            }
            case CHILD, VFORK -> out.add(t.blockerIndex);
            case ANY_CHILD -> out.addAll(t.children);
            default -> out.addAll(otherWaits.apply(t));
        }
        return out;
    }

    private Diagnostic cycleFinding(List<Integer> cycle) {
        StringBuilder chain = new StringBuilder();
        StringBuilder detail = new StringBuilder("circular wait:\n");
        List<Related> related = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            Task t = tasks.get(cycle.get(i));
            Task next = tasks.get(cycle.get((i + 1) % cycle.size()));
            String edge = t + " waits for " + t.blockedOn + switch (t.blocker) {
                case RESOURCE -> ", held by " + next;
                case SEMAPHORE -> "; " + next + " could post it, but sleeps too";
                default -> "";
            };
            detail.append("  ").append(edge).append('\n');
            chain.append(i == 0 ? "" : " → ").append(label(t, cycle));
            if (i > 0) {
                related.add(new Related(t.blockedAt, t + " waits here for " + t.blockedOn));
            }
        }
        chain.append(" → ").append(label(tasks.get(cycle.get(0)), cycle));
        Task first = tasks.get(cycle.get(0));
        String message = cycle.size() == 1
                ? "deadlock: " + first + " waits for itself (" + first.blockedOn + ")"
                : "deadlock: " + chain + "; each holds what the next one waits for";
        return new Diagnostic(Code.DEADLOCK, Code.DEADLOCK.severity(), message, first.blockedAt, related,
                detail.toString().strip());
    }

    /** The process name, with the pid when a forked child shares it with another member. */
    private String label(Task t, List<Integer> members) {
        long same = members.stream().filter(pid -> tasks.get(pid).process.equals(t.process)).count();
        return same > 1 ? t.process + " (pid " + t.pid + ")" : t.process;
    }

    /**
     * The detection algorithm for several instances per class (Silberschatz
     * 8.7.2) over every live task's row: Request is what a sleeping request
     * asks for, zero for everyone else, who is assumed able to finish.
     */
    private List<Task> resourceDeadlock() {
        List<ResourceTable.Row> rows = new ArrayList<>();
        boolean anyWaiting = false;
        for (ResourceTable.Row row : resources.rows()) {
            Task t = tasks.get(row.pid);
            if (t.alive()) {
                rows.add(row);
                anyWaiting |= t.blocker == Task.Blocker.RESOURCE && row.request != null;
            }
        }
        if (!anyWaiting) {
            return List.of();
        }
        int n = rows.size();
        int[][] allocation = new int[n][];
        int[][] request = new int[n][];
        for (int i = 0; i < n; i++) {
            ResourceTable.Row row = rows.get(i);
            allocation[i] = row.allocation.clone();
            boolean waiting = tasks.get(row.pid).blocker == Task.Blocker.RESOURCE && row.request != null;
            request[i] = waiting ? row.request.clone() : new int[resources.kinds()];
        }
        boolean[] dead = DeadlockDetection.deadlocked(resources.available(), allocation, request);
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dead[i]) {
                out.add(tasks.get(rows.get(i).pid));
            }
        }
        return out;
    }

    private Diagnostic resourceFinding(List<Task> dead) {
        Task first = dead.get(0);
        List<Related> related = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < dead.size(); i++) {
            Task t = dead.get(i);
            names.append(i == 0 ? "" : i == dead.size() - 1 ? " and " : ", ").append(t.process);
            if (i > 0) {
                related.add(new Related(t.blockedAt, t + " waits here for " + t.blockedOn));
            }
        }
        StringBuilder detail = new StringBuilder("detection algorithm (several instances per resource):\n");
        detail.append("  Available: ").append(vector(resources.available())).append('\n');
        for (ResourceTable.Row row : resources.rows()) {
            Task t = tasks.get(row.pid);
            if (!t.alive()) {
                continue;
            }
            boolean waiting = t.blocker == Task.Blocker.RESOURCE && row.request != null;
            detail.append("  ").append(t).append(": Allocation ").append(vector(row.allocation))
                    .append(", Request ").append(vector(waiting ? row.request : new int[resources.kinds()]))
                    .append(dead.contains(t) ? "  deadlocked" : "  can finish").append('\n');
        }
        String message = "deadlock: " + names + " each wait for resource instances that only the others hold;"
                + " no order of finishing frees enough for any of them";
        return new Diagnostic(Code.DEADLOCK, Code.DEADLOCK.severity(), message, first.blockedAt, related,
                detail.toString().strip());
    }

    private String vector(int[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int r = 0; r < v.length; r++) {
            sb.append(r == 0 ? "" : ", ").append(resources.name(r)).append(' ').append(v[r]);
        }
        return sb.append(')').toString();
    }
}
