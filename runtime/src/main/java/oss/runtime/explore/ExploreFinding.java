package oss.runtime.explore;

import java.util.List;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.ir.program.Span;

/** Something the explorer found, with the shortest schedule it knows that leads there. */
public record ExploreFinding(Code code, Span at, String message, List<Related> related, Schedule schedule,
        List<String> who) {

    /**
     * As a diagnostic whose detail lists the schedule, one step per line;
     * {@code statement} gives the source text at a line:column (or "").
     */
    public Diagnostic diagnostic(java.util.function.BiFunction<Integer, Integer, String> statement) {
        StringBuilder detail = new StringBuilder("shortest schedule (" + Schedule.count(schedule.steps().size())
                + "; replay with oss run --schedule):\n");
        for (int i = 0; i < schedule.steps().size(); i++) {
            Schedule.Step s = schedule.steps().get(i);
            // the branch as --schedule reads it: 0 is the first
            // a delivery or a sleep is not the statement's own step: say which it is before the statement
            String kind = s.signal() > 0 ? "takes " + oss.ir.program.Signal.of(s.signal()).map(Enum::name).orElse("?")
                    + " at: " : s.sleep() ? "goes to sleep in: " : s.alarm() ? "its alarm fires (SIGALRM) at: " : "";
            detail.append(String.format("  %3d. %-22s %d:%d  %s%s%s%n", i + 1, who.get(i), s.line(), s.column(), kind,
                    statement.apply(s.line(), s.column()), s.branch() >= 0 ? "  [branch " + s.branch() + "]" : ""));
        }
        return new Diagnostic(code, code.severity(), message, at, related, detail.toString());
    }
}
