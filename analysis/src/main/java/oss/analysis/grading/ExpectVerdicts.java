package oss.analysis.grading;

import java.util.List;
import java.util.Optional;
import oss.analysis.Analysis;
import oss.analysis.Counterexample;
import oss.analysis.ExpectationResult;
import oss.analysis.grading.CheckOutcome.Status;
import oss.compiler.assign.Check;
import oss.compiler.expect.Expectation;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Related;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.explore.Schedule;

/**
 * A test's {@code expect} line, judged in the submission's analysis, as a check's outcome in the
 * student's terms: the deadlock's cycle at their lines with the shortest schedule and the
 * {@code oss run --schedule} line that replays it, the value expected and the value computed, or
 * which budget left it open.
 */
final class ExpectVerdicts {
    /** Lines of a cycle shown at most; the rest are counted. */
    static final int MAX_CYCLE_LINES = 8;

    private final Analysis an;
    private final String file;
    private final boolean exploring;

    /** {@code exploring}: the options asked for the exploration of every interleaving. */
    ExpectVerdicts(Analysis an, String file, boolean exploring) {
        this.an = an;
        this.file = file;
        this.exploring = exploring;
    }

    CheckOutcome judge(Check check, ExpectationResult r) {
        String line = "`" + r.expectation().text() + "`";
        if (exploring && an.explore().isEmpty() && everyInterleaving(r.expectation())) {
            // the default run is one interleaving: it cannot stand in for all of them when the exploration failed
            String why = an.diagnostics().stream().filter(d -> d.code() == Code.INTERNAL).map(Diagnostic::message)
                    .findFirst().orElse("the exploration of every interleaving did not run");
            return new CheckOutcome(check, Status.UNDECIDED, "oss could not decide " + line + ": " + why,
                    Optional.empty());
        }
        switch (r.status()) {
            case PASSED -> {
                return new CheckOutcome(check, Status.HELD, line + " holds: " + r.message(), Optional.empty());
            }
            case UNDECIDED -> {
                if (r.message().startsWith("undecided") && an.explore().isPresent() && !an.explore().get().complete()) {
                    return new CheckOutcome(check, Status.UNDECIDED, "oss could not decide " + line + " within the"
                            + " grading budget: " + Budgets.exploreStop(an.explore().get()) + " (" + seen(r) + ")",
                            Optional.empty());
                }
                // nothing in the submission to judge it on (no banker table, no processes): it does not hold
                return new CheckOutcome(check, Status.FAILED, line + " " + r.message()
                        .replaceFirst("^cannot be judged: ", "cannot be judged on your scenario: "), Optional.empty());
            }
            default -> {
                return failed(check, r, line);
            }
        }
    }

    /** Whether the line speaks of every interleaving (or of some), which only the exploration decides. */
    static boolean everyInterleaving(Expectation e) {
        return e instanceof Expectation.Flag f && f.name().equals("deadlock") || e instanceof Expectation.Race
                || e instanceof Expectation.Assertions || e instanceof Expectation.Value v
                && v.property().mode() != oss.ir.program.SharedData.Property.Mode.AT_END;
    }

    /** What the explorer saw before it stopped, from the judge's sentence: "no deadlock in the 200000 states explored". */
    private static String seen(ExpectationResult r) {
        String m = r.message().replaceFirst("^undecided: ", "");
        int cut = m.indexOf(" before the budget ran out");
        return cut > 0 ? m.substring(0, cut) : m;
    }

    private CheckOutcome failed(Check check, ExpectationResult r, String line) {
        Expectation e = r.expectation();
        if (e instanceof Expectation.Flag f && f.name().equals("deadlock") && f.negated()) {
            Optional<CheckOutcome> story = deadlock(check, line + " does not hold: ");
            if (story.isPresent()) {
                return story.get();
            }
        }
        Counterexample cx = r.schedule();
        if (cx != null) {
            return new CheckOutcome(check, Status.FAILED, line + " does not hold: " + r.message() + "\n"
                    + cx.detail().stripTrailing(), Optional.of(replay(file, cx.replayText())));
        }
        return new CheckOutcome(check, Status.FAILED, line + " does not hold: " + r.message(), Optional.empty());
    }

    /**
     * The deadlock the explorer found first (the shortest way there, breadth first): who waits for
     * what, held by whom, at the student's lines, then the schedule step by step.
     */
    Optional<CheckOutcome> deadlock(Check check, String lead) {
        Optional<ExploreFinding> found = an.explore().flatMap(x -> x.findings().stream()
                .filter(f -> f.code() == Code.DEADLOCK_REACHABLE || f.code() == Code.SPIN_FOREVER_REACHABLE)
                .findFirst());
        if (found.isPresent()) {
            ExploreFinding f = found.get();
            Optional<Counterexample> cx = an.counterexamples().stream()
                    .filter(c -> c.code() == f.code() && c.at().equals(f.at()) && c.schedule().equals(f.schedule()))
                    .findFirst();
            String head = headline(f.message());
            if (!f.related().isEmpty()) {
                head = head.replaceFirst(" \\([^()]*(\\([^()]*\\)[^()]*)*\\)$", ""); // the tasks: each has its line below
            }
            StringBuilder m = new StringBuilder(at(f.at().line(), f.at().column()) + lead + head);
            cycle(m, f.related());
            String steps = cx.map(Counterexample::detail)
                    .orElseGet(() -> f.diagnostic((l, c) -> "").detail());
            if (!f.schedule().steps().isEmpty()) {
                m.append('\n').append(steps.stripTrailing());
            }
            return Optional.of(new CheckOutcome(check, Status.FAILED, m.toString(), f.schedule().steps().isEmpty()
                    ? Optional.empty() : Optional.of(replay(file, replayText(f.schedule())))));
        }
        // exploration off or it failed: the default run's deadlock, without a schedule
        Optional<Diagnostic> run = an.run().flatMap(r -> r.findings().stream()
                .filter(d -> d.code() == Code.DEADLOCK).findFirst());
        return run.map(d -> {
            StringBuilder m = new StringBuilder(at(d.span().line(), d.span().column()) + lead + d.message());
            if (!d.detail().isBlank()) {
                m.append('\n').append(d.detail().stripTrailing());
            }
            return new CheckOutcome(check, Status.FAILED, m.toString(), Optional.empty());
        });
    }

    /** The finding's message without the schedule, which follows on lines of its own. */
    private static String headline(String message) {
        int cut = message.indexOf("; reached after ");
        return cut > 0 ? message.substring(0, cut) : message;
    }

    private void cycle(StringBuilder m, List<Related> related) {
        int shown = Math.min(MAX_CYCLE_LINES, related.size());
        for (int i = 0; i < shown; i++) {
            Related r = related.get(i);
            m.append("\n  ").append(at(r.span().line(), r.span().column())).append(r.message());
        }
        if (related.size() > shown) {
            m.append("\n  ... and ").append(related.size() - shown).append(" more");
        }
        if (related.size() > 1) {
            m.append("\n  (").append(related.size()).append(" tasks blocked for good)");
        }
    }

    private String at(int line, int column) {
        return line > 0 ? file + ":" + line + ":" + column + ": " : "";
    }

    static String replayText(Schedule s) {
        return String.join(", ", s.steps().stream().map(Object::toString).toList());
    }

    /** The command that replays the schedule on the student's file. */
    static String replay(String file, String steps) {
        return "oss run " + shellWord(file) + " --schedule \"" + steps + "\"";
    }

    private static String shellWord(String s) {
        return s.matches("[A-Za-z0-9._/+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
