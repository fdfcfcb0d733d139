package oss.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.expect.Expectation;
import oss.ir.Deadline;
import oss.runtime.Simulator;
import oss.runtime.explore.ExploreResult;
import oss.runtime.explore.Explorer;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Severity;
import oss.runtime.kernel.deadlock.Banker;
import oss.runtime.kernel.deadlock.BankerReport;
import oss.runtime.kernel.deadlock.BankerReport.Verdict;
import oss.runtime.observe.RunResult;
import oss.ir.program.Program;
import oss.ir.program.Span;

/**
 * The one facade both front ends use: compile, run, judge the banker table,
 * judge every expectation, and return all findings in one sorted list.
 *
 * <p>Call {@link #analyze} with the document's text (or its compilation); it never throws for any
 * input (a failure inside oss becomes an OSS9001 diagnostic) and is bounded
 * by the budgets in {@link AnalyzeOptions}.
 */
public final class Analyzer {
    private Analyzer() {}

    public static Analysis analyze(String sourceName, String text, AnalyzeOptions options) {
        Compilation compilation;
        try {
            compilation = Compiler.compile(sourceName, text);
        } catch (Deadline.OutOfBudget e) {
            Compilation stopped = new Compilation(sourceName, Optional.empty(), Optional.empty(), List.of(),
                    List.of(Diagnostic.of(Code.ANALYSIS_BUDGET, new Span(1, 1, 1, 1), e.getMessage())));
            return new Analysis(stopped, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    stopped.diagnostics());
        } catch (RuntimeException | StackOverflowError e) {
            Compilation failed = new Compilation(sourceName, Optional.empty(), Optional.empty(), List.of(),
                    List.of(internal("compiling", e, Span.NONE)));
            return new Analysis(failed, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    failed.diagnostics());
        }
        return analyze(compilation, text, options);
    }

    /**
     * The analysis of a document already compiled from {@code text}: the language server's deep
     * tier takes the fast tier's compilation of the same version rather than compiling it again.
     */
    public static Analysis analyze(Compilation compilation, String text, AnalyzeOptions options) {
        List<Diagnostic> all = new ArrayList<>(compilation.diagnostics());
        if (compilation.program().isEmpty()) {
            all.sort(Diagnostic.BY_POSITION);
            return new Analysis(compilation, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    List.copyOf(all));
        }
        Program program = compilation.program().get();

        Optional<RunResult> run = Optional.empty();
        if (!program.processes().isEmpty()) {
            try {
                Deadline.stage("running the simulation");
                run = Optional.of(Simulator.run(program, options.run()));
            } catch (RuntimeException | StackOverflowError e) {
                all.add(internal("running", e, program.processes().get(0).span()));
            }
        }
        Optional<ExploreResult> explore = Optional.empty();
        if (!program.processes().isEmpty() && options.explore() != null) {
            try {
                Deadline.stage("exploring interleavings");
                explore = Optional.of(Explorer.explore(program, options.explore()));
                Deadline budget = Deadline.current();
                String why = budget == null ? null : budget.exhausted();
                if (why != null && why.equals(explore.get().stoppedBy())) {
                    all.add(Diagnostic.of(Code.ANALYSIS_BUDGET, program.processes().get(0).span(), why
                            + " (the exploration stopped after " + explore.get().states() + " states)"));
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                all.add(internal("exploring interleavings", e, program.processes().get(0).span()));
            }
        }
        Optional<BankerReport> banker = Optional.empty();
        if (program.banker().isPresent()) {
            try {
                banker = Optional.of(Banker.analyse(program.banker().get()));
            } catch (RuntimeException e) {
                all.add(internal("running the banker's algorithm", e, program.banker().get().span()));
            }
        }

        List<Diagnostic> runFindings = new ArrayList<>(run.map(RunResult::findings).orElse(List.of()));
        List<Diagnostic> bankerFindings = new ArrayList<>(banker.map(b -> bankerFindings(program, b)).orElse(List.of()));

        final Optional<RunResult> theRun = run;
        final Optional<ExploreResult> explored = explore;
        Replays replays = new Replays(program, options.run(), text);
        List<Diagnostic> exploreFindings = new ArrayList<>(
                explored.map(x -> ExploreFindings.of(x, theRun, replays)).orElse(List.of()));
        ExpectationJudge judge = new ExpectationJudge(run, banker, explore,
                new DataJudge(program, run, explore, compilation.diagnostics(), replays));
        List<ExpectationResult> results = new ArrayList<>();
        for (Expectation e : compilation.expectations()) {
            ExpectationResult r = judge.judge(e);
            results.add(r);
            boolean everyInterleaving = e instanceof Expectation.Race
                    || e instanceof Expectation.Assertions a && !a.possible();
            if (everyInterleaving && explore.isEmpty()) {
                all.add(Diagnostic.of(Code.DECIDED_ON_DEFAULT_RUN, e.span(),
                        "`" + e.text() + "` was decided on the default run only: exploration was off"));
            }
            if (e instanceof Expectation.Flag f && f.name().equals("deadlock")) {
                explore.ifPresent(x -> all.add(Diagnostic.of(x.complete() ? Code.EXPLORED : Code.EXPLORE_BUDGET, e.span(),
                        x.summary())));
                if (explore.isEmpty()) {
                    all.add(Diagnostic.of(Code.DECIDED_ON_DEFAULT_RUN, e.span(),
                            "`" + e.text() + "` was decided on the default run only: exploration was off"));
                }
            }
            if (r.status() == ExpectationResult.Status.UNDECIDED) {
                all.add(Diagnostic.of(Code.EXPECTATION_UNDECIDED, e.span(), "`" + e.text() + "` is " + r.message()
                        .replaceFirst("^undecided: ", "undecided: ").replaceFirst("^cannot be judged: ",
                                "undecided: it cannot be judged: ")));
            } else if (!r.passed()) {
                Diagnostic failed = Diagnostic.of(Code.EXPECTATION_FAILED, e.span(), "`" + e.text() + "` does not hold: "
                        + r.message());
                all.add(r.schedule() == null ? failed : failed.withDetail(r.schedule().detail()));
            } else if (!expectedCodes(e).isEmpty()) {
                // The author asked for this finding; it is the lesson, not a mistake.
                java.util.Set<Code> codes = expectedCodes(e);
                runFindings.replaceAll(d -> markExpected(d, codes));
                bankerFindings.replaceAll(d -> markExpected(d, codes));
                exploreFindings.replaceAll(d -> markExpected(d, codes));
                all.replaceAll(d -> markExpected(d, codes)); // the compiler's lock-order cycle
            }
        }
        all.addAll(runFindings);
        all.addAll(bankerFindings);
        all.addAll(exploreFindings);
        if (explored.isPresent() && explored.get().complete() && !explored.get().deadlockFound()) {
            // the lock-order graph only says "possible"; every interleaving has now been tried
            String proof = explored.get().summary();
            all.replaceAll(d -> d.code() == Code.LOCK_ORDER_CYCLE && d.severity() != Severity.INFO
                    ? new Diagnostic(d.code(), Severity.INFO, d.message() + " (but no interleaving deadlocks: "
                            + proof + ")", d.span(), d.related(), d.detail())
                    : d);
        }
        all.sort(Diagnostic.BY_POSITION);
        return new Analysis(compilation, run, banker, explore, List.copyOf(results),
                List.copyOf(FindingGroups.group(all)), List.copyOf(all), replays.all());
    }

    /** The finding codes an expectation asks for when it holds: `expect deadlock` asks for the deadlock. */
    private static java.util.Set<Code> expectedCodes(Expectation e) {
        if (e instanceof Expectation.Signal sig && sig.signal() != null && sig.op() == oss.compiler.expect.CompareOp.EQ) {
            return java.util.Set.of(Code.SEGFAULT, Code.OUT_OF_MEMORY, Code.BUS_ERROR);
        }
        if (e instanceof Expectation.Variable v && v.value() == 0 && v.op() == oss.compiler.expect.CompareOp.EQ) {
            return java.util.Set.of(Code.SYSCALL_ENOMEM); // `expect P.p == NULL`: the failed malloc is the lesson
        }
        if (e instanceof Expectation.Race r && !r.negated()) {
            return DataJudge.RACE_CODES;
        }
        if (e instanceof Expectation.Assertions a && a.possible()) {
            return DataJudge.ASSERTION_CODES;
        }
        if (e instanceof Expectation.Flag f && !f.negated()) {
            return switch (f.name()) {
                // spinning forever is the busy-waiting form of a deadlock (docs/language.md, "Loops that do not end"):
                // the explorer's OSS2409, and the run's OSS2503 when its tasks spin on each other
                case "deadlock" -> java.util.Set.of(Code.DEADLOCK, Code.BLOCKED_FOREVER, Code.DEADLOCK_REACHABLE,
                        Code.LOCK_ORDER_CYCLE, Code.SPIN_FOREVER_REACHABLE, Code.ENDLESS_LOOP, Code.EPOLL_ET_STARVED);
                case "unsafe", "denied" -> java.util.Set.of(Code.BANKER_UNSAFE, Code.UNSAFE_REACHABLE);
                case "leaks" -> java.util.Set.of(Code.LEAK);
                default -> java.util.Set.of();
            };
        }
        return java.util.Set.of();
    }

    /** A finding an expectation that held was asking for: shown as information, not as a mistake. */
    private static Diagnostic markExpected(Diagnostic d, java.util.Set<Code> expected) {
        if (!expected.contains(d.code()) || d.severity() == Severity.INFO) {
            return d;
        }
        return new Diagnostic(d.code(), Severity.INFO, d.message() + " (as expected)", d.span(), d.related(), d.detail());
    }

    private static List<Diagnostic> bankerFindings(Program program, BankerReport report) {
        var table = program.banker().get();
        List<Diagnostic> out = new ArrayList<>();
        String before = table.request().isPresent() ? "before the request, " : "";
        String summary = report.safe()
                ? before + "the state is safe; safe sequence <" + String.join(", ", report.safeSequence()) + ">"
                : before + "the state is unsafe: no order lets every process finish";
        Optional<BankerReport.RequestOutcome> request = report.request();
        Span requestSpan = table.request().map(r -> r.span()).orElse(table.span());
        // the report marks the request line when there is one, else the word `banker`: never the whole
        // block, which an editor would underline from top to bottom
        Span keyword = new Span(table.span().line(), table.span().column(), table.span().line(),
                table.span().column() + "banker".length());
        out.add(Diagnostic.of(Code.BANKER_REPORT, table.request().isPresent() ? requestSpan : keyword, summary)
                .withDetail(Banker.format(report)));
        boolean judgedSafe = request.flatMap(BankerReport.RequestOutcome::after).map(BankerReport::safe).orElse(report.safe());
        if (request.isEmpty() && !report.safe()) {
            out.add(Diagnostic.of(Code.BANKER_UNSAFE, table.span(), "unsafe state: no process order lets everyone finish"));
        }
        if (request.isPresent()) {
            BankerReport.RequestOutcome r = request.get();
            if (r.verdict() == Verdict.EXCEEDS_NEED) {
                out.add(Diagnostic.of(Code.REQUEST_EXCEEDS_NEED, requestSpan, ExpectationJudge.describe(r)));
            } else if (r.verdict() != Verdict.GRANTED) {
                // denied because granting it would be unsafe: one fact, said once, as the unsafe finding
                out.add(Diagnostic.of(judgedSafe ? Code.BANKER_DENIED : Code.BANKER_UNSAFE, requestSpan,
                        ExpectationJudge.describe(r)));
            }
        }
        return out;
    }

    private static Diagnostic internal(String doing, Throwable e, Span span) {
        return Diagnostic.of(Code.INTERNAL, span, "oss failed while " + doing + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); this is a bug in oss, not in your scenario");
    }
}
