package oss.compiler.lockorder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Op;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.Span;

/**
 * Static lock checks over a lowered {@link Program}, without running it:
 *
 * <ul>
 * <li>OSS1304 LOCK_ORDER_CYCLE: a cycle of the lock-order graph (mutexes,
 * spinlocks, rwlocks for reading and writing, seqlock writers) that
 * different tasks could close: circular wait is possible.</li>
 * <li>OSS1305 HELD_AT_EXIT: a lock that may still be held where a task ends
 * (the end of its body, an {@code exit}, the end of an exec'd program).</li>
 * <li>OSS1306 SELF_DEADLOCK: taking a lock the task holds on every path.</li>
 * <li>OSS1307 SLEEP_IN_SPINLOCK_STATIC: a statement that can sleep while a
 * spinlock may be held.</li>
 * <li>OSS1308 NO_COMMON_LOCK: a variable two tasks use, one writing, with no lock
 * held at every plain access ({@link Lockset}).</li>
 * </ul>
 *
 * Pure: the same program gives the same list, sorted by position. Linear in
 * the size of the bodies, except for loops whose body leaves the lockset
 * changed (a few passes each) and the cycle search (bounded, see
 * {@link LockGraph}).
 */
public final class LockOrder {
    /** Instances of one child statement counted at most (a fork in a long repeat). */
    static final int MAX_CAPACITY = 1_000;

    private LockOrder() {}

    public static List<Diagnostic> analyze(Program program) {
        Locks locks = new Locks(program);
        LockGraph graph = new LockGraph(Math.max(1, locks.size));
        Reports reports = new Reports();
        int[] initial = program.semaphores() == null ? new int[0]
                : program.semaphores().stream().mapToInt(oss.ir.program.SemaphoreDecl::initial).toArray();
        Lockset lockset = new Lockset(locks.size, initial);
        Flow flow = new Flow(locks, graph, reports, lockset);
        for (ProcessDef p : program.processes()) {
            flow.task(p.name(), 1, p.body(), endOf(p));
        }
        for (LockGraph.Cycle c : graph.cycles(flow.taskCount(), flow.capacity())) {
            reports.add(cycle(locks, c));
        }
        lockset.findings().forEach(reports::add);
        return reports.sorted();
    }

    /** Where a process's body ends, for messages: its name, else its last statement. */
    private static Span endOf(ProcessDef p) {
        if (p.span() != null && p.span().isKnown()) {
            return p.span();
        }
        List<Op> body = p.body();
        return body.isEmpty() ? Span.NONE : body.get(body.size() - 1).span();
    }

    private static final Comparator<Site> SITE_ORDER = Comparator.comparing(Site::span, Held.POSITION)
            .thenComparingInt(s -> s.task().id);

    private static Diagnostic cycle(Locks locks, LockGraph.Cycle c) {
        StringBuilder names = new StringBuilder("possible deadlock: ");
        for (LockGraph.Edge e : c.edges()) {
            names.append(locks.name(e.from)).append(" → ");
        }
        names.append(locks.name(c.edges().get(0).from))
                .append("; each lock is taken while holding the previous one");
        List<Related> related = new ArrayList<>();
        for (LockGraph.Edge e : c.edges()) {
            List<Site> sites = new ArrayList<>(e.sites);
            sites.sort(SITE_ORDER);
            for (Site s : sites) {
                // the same place seen by two passes of a loop (with different locks around it) is listed once
                Related r = new Related(s.span(), takes(locks, s, e));
                if (!related.contains(r)) {
                    related.add(r);
                }
            }
        }
        StringBuilder detail = new StringBuilder();
        if (!c.witness().isEmpty()) {
            detail.append("one circular wait:");
            for (int i = 0; i < c.edges().size(); i++) {
                LockGraph.Edge e = c.edges().get(i);
                Site s = c.witness().get(i);
                detail.append("\n  ").append(s.task().name).append(" holds ").append(locks.name(e.from))
                        .append(" and waits for ").append(locks.name(e.to)).append(s.read() ? " (to read)" : "")
                        .append(" at ").append(s.span());
            }
        }
        return new Diagnostic(Code.LOCK_ORDER_CYCLE, Code.LOCK_ORDER_CYCLE.severity(), names.toString(),
                LockGraph.firstSpan(c), related, detail.toString());
    }

    private static String takes(Locks locks, Site s, LockGraph.Edge e) {
        return s.task().name + " takes " + locks.name(e.to) + (s.read() ? " for reading" : "") + " while holding "
                + locks.name(e.from);
    }
}
