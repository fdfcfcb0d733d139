package oss.analysis;

import java.util.List;
import oss.ir.diag.Code;
import oss.ir.program.Span;
import oss.runtime.explore.Schedule;

/**
 * A schedule that leads to a finding (or that decides an {@code expect always}/{@code possible}),
 * replayed in the kernel so that each step says which values it read and wrote: the steps of a
 * lost update read as {@code read count = 0}, {@code read count = 0}, {@code wrote count = 1},
 * {@code wrote count = 1}, which the statements alone do not show.
 *
 * @param code    the finding's code (OSS3001 for an {@code expect always} that fails), null for the
 *                witness of an {@code expect possible} that holds
 * @param at      where the finding (or the expect line) is
 * @param title   what the schedule leads to, one line
 * @param steps   the schedule's steps, with what each did; {@code replayed} false when the kernel
 *                could not follow the schedule (the values are then missing, never invented)
 */
public record Counterexample(Code code, Span at, String title, Schedule schedule, List<Step> steps, boolean replayed) {

    /** One value of one variable: {@code count = 1}, {@code slot[2] = 0}, {@code P.r = 3}. */
    public record Value(String variable, int value) {
        @Override
        public String toString() {
            return variable + " = " + value;
        }
    }

    /**
     * @param who    the task as the report names it, e.g. {@code worker[0] (pid 2)}
     * @param source the statement's text
     */
    public record Step(Schedule.Step step, String who, String source, List<Value> reads, List<Value> writes) {
        /** What the step did with data, e.g. {@code read count = 0; wrote count = 1}, or "". */
        public String values() {
            StringBuilder s = new StringBuilder();
            if (!reads.isEmpty()) {
                s.append("read ").append(join(reads));
            }
            if (!writes.isEmpty()) {
                s.append(s.length() > 0 ? "; " : "").append(step.flush() ? "to memory: " : "wrote ").append(join(writes));
            }
            return s.toString();
        }

        private static String join(List<Value> vs) {
            return String.join(", ", vs.stream().map(Value::toString).toList());
        }
    }

    public Counterexample {
        steps = List.copyOf(steps);
    }

    /** The schedule as {@code oss run --schedule} reads it, on one line. */
    public String replayText() {
        return String.join(", ", schedule.steps().stream().map(Object::toString).toList());
    }

    /**
     * The steps one per line, as the terminal and the editor show them under the finding:
     * number, task, position, statement, then the values.
     */
    public String detail() {
        StringBuilder out = new StringBuilder("shortest schedule (" + oss.runtime.explore.Schedule.count(steps.size())
                + "; replay with oss run --schedule):\n");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String values = s.values();
            if (s.step().device() != null) {
                // no task's step: the device's next delivery arrives (the explorer has no clock)
                out.append(String.format("  %3d. %-22s %-7s its next delivery arrives%n", i + 1, s.who(), "-"));
                continue;
            }
            out.append(String.format("  %3d. %-22s %-7s %s%s%s%n", i + 1, s.who(), s.step().line() + ":" + s.step().column(),
                    s.step().flush() ? "flush " : s.step().signal() > 0 ? "takes " + oss.ir.program.Signal.of(s.step().signal())
                            .map(Enum::name).orElse("?") + " at: " : s.step().sleep() ? "goes to sleep in: " : s.step().alarm()
                            ? "its alarm fires (SIGALRM) at: " : "", s.source(),
                    (s.step().branch() >= 0 ? "  [branch " + s.step().branch() + "]" : "")
                            + (values.isEmpty() ? "" : "   " + values)));
        }
        if (!replayed) {
            out.append("  (values not shown: this schedule was not replayed in the kernel)\n");
        }
        return out.toString();
    }
}
