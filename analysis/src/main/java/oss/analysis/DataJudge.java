package oss.analysis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import oss.analysis.ExpectationResult.Status;
import oss.analysis.data.CellNames;
import oss.compiler.expect.Expectation;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.program.Cell;
import oss.ir.program.Program;
import oss.ir.program.SharedData;
import oss.ir.program.Span;
import oss.ir.program.Vals;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.explore.ExploreResult;
import oss.runtime.explore.PropertyVerdict;
import oss.runtime.explore.Schedule;
import oss.runtime.observe.RunResult;

/**
 * Judges the {@code expect} lines about data (docs/language.md, "Expectations"): a value when the
 * default run ends, a value in the final state of every or of some interleaving, assertions and
 * races. The run decides what one interleaving can decide (a value at its end; that an assertion
 * can fail; that a race exists); the explorer decides the rest, and when its budget runs out
 * first the line is undecided (OSS3003), never passed.
 */
final class DataJudge {
    private final Program program;
    private final Optional<RunResult> run;
    private final Optional<ExploreResult> explore;
    private final List<Diagnostic> checks;
    private final Replays replays;

    DataJudge(Program program, Optional<RunResult> run, Optional<ExploreResult> explore, List<Diagnostic> checks,
            Replays replays) {
        this.program = program;
        this.run = run;
        this.explore = explore;
        this.checks = checks;
        this.replays = replays;
    }

    /** {@code expect C}: C over the values when the default run ended. */
    ExpectationResult atEnd(Expectation e, SharedData.Property p) {
        if (run.isEmpty()) {
            return undecided(e, "there are no processes to run");
        }
        Vals.Memory memory = run.get().data();
        String values = values(p, memory);
        boolean holds;
        try {
            holds = Vals.truth(p.condition(), memory);
        } catch (Vals.DataFault fault) {
            return new ExpectationResult(e, Status.FAILED, values, "at the end of the run " + fault.getMessage());
        }
        return new ExpectationResult(e, holds ? Status.PASSED : Status.FAILED, values, "at the end of the run "
                + values + (holds ? "" : ", so `" + condition(p) + "` is false"));
    }

    /** Any value expectation: when the run ends, or over every or some interleaving. */
    ExpectationResult judge(Expectation e, SharedData.Property p) {
        return switch (p.mode()) {
            case AT_END -> atEnd(e, p);
            case ALWAYS, POSSIBLE -> quantified(e, p);
        };
    }

    /**
     * {@code expect always C} / {@code expect possible C}, from the explorer's verdict on the
     * property; the default run is one interleaving, so when it ended with every task exited it
     * can refute {@code always} or witness {@code possible} on its own.
     */
    ExpectationResult quantified(Expectation e, SharedData.Property p) {
        boolean always = p.mode() == SharedData.Property.Mode.ALWAYS;
        Optional<PropertyVerdict> verdict = explore.flatMap(x -> x.property(p.span()));
        if (verdict.isPresent() && verdict.get().outcome() != PropertyVerdict.Outcome.UNDECIDED) {
            return byExplorer(e, p, verdict.get(), explore.get());
        }
        // the explorer did not decide it: the default run, one interleaving, may still decide one way
        Optional<ExpectationResult> byRun = byRun(e, p, always);
        if (byRun.isPresent()) {
            return byRun.get();
        }
        if (explore.isEmpty()) {
            return undecided(e, "`" + (always ? "always" : "possible") + "` is about every interleaving, and"
                    + " exploration was off; the default run alone does not decide it");
        }
        ExploreResult x = explore.get();
        String seen = always ? "no interleaving that ends makes it false" : "no interleaving that ends makes it true";
        return new ExpectationResult(e, Status.UNDECIDED, "undecided", "undecided: " + seen + " in the " + x.states()
                + " states explored before the budget ran out (" + x.stoppedBy() + "), but not every interleaving was"
                + " tried; " + ExpectationJudge.RAISE_BUDGET);
    }

    /**
     * The explorer's verdict, with the schedule that decided it replayed in the kernel: its final
     * values are what the expectation talks about, so the message gives them.
     */
    private ExpectationResult byExplorer(Expectation e, SharedData.Property p, PropertyVerdict v, ExploreResult x) {
        boolean always = p.mode() == SharedData.Property.Mode.ALWAYS;
        boolean holds = v.outcome() == PropertyVerdict.Outcome.HOLDS;
        if (v.schedule().isEmpty()) {
            String why = always ? "true at the end of every interleaving that ends (" + x.states() + " states)"
                    : "false at the end of every interleaving that ends (" + x.states() + " states)";
            return new ExpectationResult(e, holds ? Status.PASSED : Status.FAILED, holds ? "always" : "never",
                    "`" + condition(p) + "` is " + why);
        }
        Schedule s = v.schedule().get();
        Counterexample cx = replays.of(holds ? null : Code.EXPECTATION_FAILED, p.span(), (holds
                ? "an interleaving that ends with `" : "an interleaving that ends with `!(") + condition(p)
                + (holds ? "`" : ")`"), s, v.who());
        String values = finalValues(p, s).orElse(null);
        String ending = values == null ? "" : " with " + values;
        String message = always
                ? "an interleaving ends" + ending + ", so `" + condition(p) + "` is false there (" + oss.runtime.explore.Schedule.count(s.steps().size())
                        + ", the shortest; replay with oss run --schedule)"
                : "an interleaving ends" + ending + ", where `" + condition(p) + "` holds (" + oss.runtime.explore.Schedule.count(s.steps().size())
                        + ", the shortest; replay with oss run --schedule)";
        return new ExpectationResult(e, holds ? Status.PASSED : Status.FAILED, values == null ? (holds ? "possible"
                : "not always") : values, message, cx);
    }

    /** The values the condition reads at the end of the replayed schedule, when the kernel followed it. */
    private Optional<String> finalValues(SharedData.Property p, Schedule s) {
        Optional<RunResult> end = replays.run(s);
        return end.map(r -> values(p, r.data()));
    }

    /** The default run, when it ended with every task gone, as the one interleaving it is. */
    private Optional<ExpectationResult> byRun(Expectation e, SharedData.Property p, boolean always) {
        if (run.isEmpty() || run.get().deadlocked() || run.get().budgetExhausted()) {
            return Optional.empty();
        }
        Vals.Memory memory = run.get().data();
        boolean holds;
        try {
            holds = Vals.truth(p.condition(), memory);
        } catch (Vals.DataFault fault) {
            return Optional.empty();
        }
        String values = values(p, memory);
        if (always && !holds) {
            return Optional.of(new ExpectationResult(e, Status.FAILED, values, "the default run ended with " + values
                    + ", so `" + condition(p) + "` is false at the end of that interleaving"));
        }
        if (!always && holds) {
            return Optional.of(new ExpectationResult(e, Status.PASSED, values, "the default run ended with " + values
                    + ": an interleaving where it holds"));
        }
        return Optional.empty();
    }

    /** {@code name = value, ...} for every cell the condition reads, in the order it reads them. */
    String values(SharedData.Property p, Vals.Memory memory) {
        Set<String> seen = new LinkedHashSet<>();
        Vals.reads(p.condition(), cell -> {
            try {
                int i = Vals.index(cell, memory);
                seen.add(CellNames.of(program, cell, i) + " = " + memory.read(cell, i));
            } catch (Vals.DataFault fault) {
                seen.add(cell.name() + ": " + fault.getMessage());
            }
        });
        return seen.isEmpty() ? "(no variables)" : String.join(", ", seen);
    }

    /** {@code expect race} ({@code no} false) or {@code expect no race}. */
    ExpectationResult race(Expectation e, boolean no) {
        List<Diagnostic> inRun = run.map(r -> r.findings().stream().filter(d -> d.code() == Code.DATA_RACE).toList())
                .orElse(List.of());
        List<ExploreFinding> explored = explore.map(x -> x.findings().stream()
                .filter(f -> f.code() == Code.RACE_REACHABLE).toList()).orElse(List.of());
        if (!inRun.isEmpty() || !explored.isEmpty()) {
            String where = !inRun.isEmpty() ? "the run had one: " + pair(inRun.get(0).message(), inRun.get(0).span(),
                    inRun.get(0).related())
                    : "an interleaving has one: " + pair(explored.get(0).message(), explored.get(0).at(),
                            explored.get(0).related());
            Counterexample cx = explored.isEmpty() ? null : replays.of(explored.get(0));
            return new ExpectationResult(e, no ? Status.FAILED : Status.PASSED, "race", where, cx);
        }
        String lockset = checks.stream().filter(d -> d.code() == Code.NO_COMMON_LOCK).findFirst()
                .map(d -> " (the lockset check suspects one: " + d.message() + " at " + at(d.span()) + ")").orElse("");
        if (explore.isEmpty()) {
            return new ExpectationResult(e, no ? Status.PASSED : Status.FAILED, "no race",
                    "the default run had no race; exploration was off, so other interleavings were not tried" + lockset);
        }
        ExploreResult x = explore.get();
        if (!x.complete()) {
            return new ExpectationResult(e, Status.UNDECIDED, "undecided", "undecided: no race in the run nor in the "
                    + x.states() + " states explored before the budget ran out (" + x.stoppedBy() + ")" + lockset + "; "
                    + ExpectationJudge.RAISE_BUDGET);
        }
        return new ExpectationResult(e, no ? Status.PASSED : Status.FAILED, "no race",
                "no race in the run or in any interleaving (" + x.states() + " states)");
    }

    /**
     * {@code expect always assert}: no assertion fails in any interleaving. {@code expect possible
     * assert}: one fails in some interleaving (the run is one of them): the bug a scenario shows.
     */
    ExpectationResult assertions(Expectation e, boolean possible) {
        List<Diagnostic> inRun = run.map(r -> r.findings().stream().filter(d -> d.code() == Code.ASSERTION_FAILED)
                .toList()).orElse(List.of());
        List<ExploreFinding> explored = explore.map(x -> x.findings().stream()
                .filter(f -> f.code() == Code.ASSERTION_REACHABLE).toList()).orElse(List.of());
        if (possible) {
            // the bug is the lesson: some interleaving (the run is one) makes an assertion fail
            if (!explored.isEmpty()) {
                return new ExpectationResult(e, Status.PASSED, "fails somewhere", "an assertion fails in some"
                        + " interleaving: " + explored.get(0).message(), replays.of(explored.get(0)));
            }
            if (!inRun.isEmpty()) {
                return new ExpectationResult(e, Status.PASSED, "fails in the run", "an assertion failed in the run: "
                        + inRun.get(0).message() + " at " + at(inRun.get(0).span()));
            }
            if (explore.isEmpty()) {
                return new ExpectationResult(e, Status.UNDECIDED, "undecided", "undecided: no assertion failed in the"
                        + " default run, and exploration was off, so other interleavings were not tried");
            }
            ExploreResult x = explore.get();
            if (!x.complete()) {
                return new ExpectationResult(e, Status.UNDECIDED, "undecided", "undecided: no assertion failed in the"
                        + " run nor in the " + x.states() + " states explored before the budget ran out ("
                        + x.stoppedBy() + "); " + ExpectationJudge.RAISE_BUDGET);
            }
            return new ExpectationResult(e, Status.FAILED, "never fails", "no assertion fails in any interleaving ("
                    + x.states() + " states)");
        }
        if (!inRun.isEmpty() || !explored.isEmpty()) {
            String what = !explored.isEmpty() ? "an assertion fails in some interleaving: " + explored.get(0).message()
                    : "an assertion failed in the run: " + inRun.get(0).message() + " at " + at(inRun.get(0).span());
            Counterexample cx = explored.isEmpty() ? null : replays.of(explored.get(0));
            return new ExpectationResult(e, Status.FAILED, "fails", what, cx);
        }
        if (explore.isEmpty()) {
            return new ExpectationResult(e, Status.PASSED, "holds",
                    "no assertion failed in the default run; exploration was off, so other interleavings were not tried");
        }
        ExploreResult x = explore.get();
        if (!x.complete()) {
            return new ExpectationResult(e, Status.UNDECIDED, "undecided", "undecided: no assertion failed in the run"
                    + " nor in the " + x.states() + " states explored before the budget ran out (" + x.stoppedBy()
                    + "); " + ExpectationJudge.RAISE_BUDGET);
        }
        return new ExpectationResult(e, Status.PASSED, "holds",
                "no assertion fails in any interleaving (" + x.states() + " states)");
    }

    /** The findings {@code expect possible assert} asks for: when it holds, the failure is the lesson. */
    static final Set<Code> ASSERTION_CODES = Set.of(Code.ASSERTION_FAILED, Code.ASSERTION_REACHABLE);

    /** The findings {@code expect race} asks for: when it holds, the race is the lesson, not a mistake. */
    static final Set<Code> RACE_CODES = Set.of(Code.DATA_RACE, Code.RACE_REACHABLE, Code.NO_COMMON_LOCK);

    /** {@code data race on count at 8:7 and 14:15}: the finding's first words and its two sites. */
    private static String pair(String message, Span at, List<oss.ir.diag.Related> related) {
        int colon = message.indexOf(':');
        String what = colon > 0 ? message.substring(0, colon) : "a data race";
        return what + " at " + at(at) + related.stream().limit(1).map(r -> " and " + at(r.span())).reduce("", String::concat);
    }

    /** The condition as written, without {@code expect} and its quantifier. */
    private static String condition(SharedData.Property p) {
        return p.text().replaceFirst("^expect\\s+(always\\s+|possible\\s+)?", "");
    }

    private static String at(Span s) {
        return s.line() + ":" + s.column();
    }

    private static ExpectationResult undecided(Expectation e, String why) {
        return new ExpectationResult(e, Status.UNDECIDED, "-", "cannot be judged: " + why);
    }
}
