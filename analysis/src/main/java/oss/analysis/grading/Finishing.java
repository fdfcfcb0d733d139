package oss.analysis.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.analysis.Analysis;
import oss.analysis.grading.CheckOutcome.Status;
import oss.compiler.assign.Check;
import oss.ir.program.ProcessDef;
import oss.ir.program.Program;
import oss.ir.program.Span;
import oss.runtime.observe.RunOptions;
import oss.runtime.observe.RunResult;
import oss.runtime.observe.TaskReport;
import oss.runtime.observe.TaskState;

/**
 * {@code require finishes}: every task of the default run exited by itself: none blocked at the
 * end, none killed by a signal, none still running when the step budget stopped the run.
 */
final class Finishing {
    /** Tasks named at most; the rest are counted. */
    static final int MAX_NAMED = 8;

    private Finishing() {}

    static CheckOutcome judge(Check c, Analysis an, String file, RunOptions options) {
        if (an.run().isEmpty()) {
            boolean none = an.compilation().program().map(p -> p.processes().isEmpty()).orElse(true);
            return new CheckOutcome(c, none ? Status.FAILED : Status.UNDECIDED, none ? "your scenario has no process,"
                    + " so nothing runs to finish" : "oss could not run your scenario", Optional.empty());
        }
        RunResult run = an.run().get();
        Program program = an.compilation().program().orElse(null);
        List<String> stuck = new ArrayList<>();
        int tasks = 0;
        for (TaskReport t : run.tasks()) {
            if (t.pid() == 1) {
                continue; // init, the kernel's, not the student's
            }
            tasks++;
            String why = why(t, run, options);
            if (why != null) {
                stuck.add(where(program, t, file) + t.process() + " (pid " + t.pid() + ")" + (t.forked() ? ", a child,"
                        : "") + " " + why);
            }
        }
        if (stuck.isEmpty()) {
            return new CheckOutcome(c, Status.HELD, "every task exited by itself (" + tasks
                    + (tasks == 1 ? " task" : " tasks") + ")", Optional.empty());
        }
        StringBuilder m = new StringBuilder(stuck.size() == 1 ? "a task did not finish:" : stuck.size()
                + " tasks did not finish:");
        for (int i = 0; i < Math.min(MAX_NAMED, stuck.size()); i++) {
            m.append("\n  ").append(stuck.get(i));
        }
        if (stuck.size() > MAX_NAMED) {
            m.append("\n  ... and ").append(stuck.size() - MAX_NAMED).append(" more");
        }
        if (run.budgetExhausted()) {
            m.append("\n").append(Budgets.runStop(run, options));
        }
        return new CheckOutcome(c, Status.FAILED, m.toString(), Optional.empty());
    }

    /** Why {@code t} did not exit by itself, or null when it did. */
    static String why(TaskReport t, RunResult run, RunOptions options) {
        String signal = t.memory() == null ? null : t.memory().signal();
        if (signal != null) {
            Span at = t.memory().signalAt();
            return "was killed by " + signal + (at != null && at.isKnown() ? " at " + at : "");
        }
        if (t.state() == TaskState.ZOMBIE || t.state() == TaskState.DEAD) {
            return null;
        }
        if (t.blockedAt() != null && t.blockedAt().isKnown()) {
            return "is blocked at " + t.blockedAt() + (t.blockedOn() == null || t.blockedOn().isBlank() ? ""
                    : ", waiting for " + t.blockedOn());
        }
        if (run.budgetExhausted()) {
            return "was still running when " + Budgets.runBudget(run, options) + " ran out";
        }
        if (t.state() == TaskState.NEW) {
            return "never arrived before the run ended";
        }
        return "had not exited when the run ended";
    }

    private static String where(Program program, TaskReport t, String file) {
        if (program == null) {
            return "";
        }
        for (ProcessDef p : program.processes()) {
            if (p.name().equals(t.process()) && p.span().isKnown()) {
                return file + ":" + p.span().line() + ":" + p.span().column() + ": ";
            }
        }
        return "";
    }
}
