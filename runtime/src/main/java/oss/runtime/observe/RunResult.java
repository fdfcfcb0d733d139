package oss.runtime.observe;

import java.util.List;
import oss.ir.diag.Diagnostic;

/**
 * Everything one deterministic run produced.
 *
 * @param tasks        every task that existed, by pid (init, pid 1, first)
 * @param gantt        who ran when on which CPU, in time order per CPU
 * @param finishOrder  process names in the order they exited (declared processes only)
 * @param findings     runtime findings: deadlocks, misuse, budget
 * @param deadlocked   some tasks ended blocked forever
 * @param events       events processed
 * @param machine      TLB, cache and page-walk counters
 * @param snapshots    what each `snapshot` statement recorded, in time order
 * @param facts        per statement and task, what the run saw there (for hovers)
 * @param scheduleSteps how many steps of a replayed schedule ({@link RunOptions#schedule()}) the run followed
 * @param waits        when each task slept or was blocked (the time off the CPU the Gantt chart does not show)
 * @param data         the shared variables' and each declared process's values at the end (a
 *                     {@code Vals.Memory} for {@code expect count == 4}) and the values read and written on
 *                     the way (for hovers and counterexamples); {@link DataOutcome#NONE} without data
 */
public record RunResult(
        long endNs,
        long events,
        int cpus,
        List<TaskReport> tasks,
        List<GanttSlice> gantt,
        List<String> finishOrder,
        List<Diagnostic> findings,
        boolean deadlocked,
        boolean budgetExhausted,
        MachineStats machine,
        List<SnapshotView> snapshots,
        List<StatementFact> facts,
        int scheduleSteps,
        List<WaitSpan> waits,
        DataOutcome data) {

    public RunResult(long endNs, long events, int cpus, List<TaskReport> tasks, List<GanttSlice> gantt,
            List<String> finishOrder, List<Diagnostic> findings, boolean deadlocked, boolean budgetExhausted,
            MachineStats machine, List<SnapshotView> snapshots, List<StatementFact> facts, int scheduleSteps,
            List<WaitSpan> waits) {
        this(endNs, events, cpus, tasks, gantt, finishOrder, findings, deadlocked, budgetExhausted, machine, snapshots,
                facts, scheduleSteps, waits, DataOutcome.NONE);
    }

    public RunResult(long endNs, long events, int cpus, List<TaskReport> tasks, List<GanttSlice> gantt,
            List<String> finishOrder, List<Diagnostic> findings, boolean deadlocked, boolean budgetExhausted,
            MachineStats machine, List<SnapshotView> snapshots, List<StatementFact> facts, int scheduleSteps) {
        this(endNs, events, cpus, tasks, gantt, finishOrder, findings, deadlocked, budgetExhausted, machine, snapshots,
                facts, scheduleSteps, List.of());
    }

    /** A result of a run that replayed no schedule. */
    public RunResult(long endNs, long events, int cpus, List<TaskReport> tasks, List<GanttSlice> gantt,
            List<String> finishOrder, List<Diagnostic> findings, boolean deadlocked, boolean budgetExhausted,
            MachineStats machine, List<SnapshotView> snapshots, List<StatementFact> facts) {
        this(endNs, events, cpus, tasks, gantt, finishOrder, findings, deadlocked, budgetExhausted, machine, snapshots,
                facts, 0);
    }
}
