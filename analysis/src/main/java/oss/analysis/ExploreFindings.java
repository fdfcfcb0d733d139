package oss.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import oss.ir.diag.Code;
import oss.ir.diag.Diagnostic;
import oss.ir.diag.Severity;
import oss.runtime.explore.ExploreFinding;
import oss.runtime.explore.ExploreResult;
import oss.runtime.observe.RunResult;
import oss.ir.program.Span;

/**
 * The explorer's findings as diagnostics, next to the default run's. What
 * the run already showed is not said twice: a deadlock the run also reached
 * stays as information carrying the shortest schedule, and misuse or a lost
 * signal the run already reported at the same statement is dropped. Each finding's detail is its schedule replayed
 * in the kernel, step by step with the values read and written ({@link Replays}).
 */
final class ExploreFindings {
    private ExploreFindings() {}

    static List<Diagnostic> of(ExploreResult x, Optional<RunResult> run, Replays replays) {
        boolean runDeadlocked = run.map(RunResult::deadlocked).orElse(false);
        Set<Span> runMisuse = run.map(r -> r.findings().stream()
                .filter(d -> d.code() == Code.UNLOCK_BY_NON_OWNER || d.code() == Code.RELEASE_NOT_HELD_RUN)
                .map(Diagnostic::span).collect(Collectors.toSet())).orElse(Set.of());
        Set<Span> runLost = run.map(r -> r.findings().stream().filter(d -> d.code() == Code.SIG_LOST)
                .map(Diagnostic::span).collect(Collectors.toSet())).orElse(Set.of());
        List<Diagnostic> out = new ArrayList<>();
        for (ExploreFinding f : x.findings()) {
            if (f.code() == Code.MISUSE_REACHABLE && runMisuse.contains(f.at())
                    || f.code() == Code.SIG_LOST_REACHABLE && runLost.contains(f.at())) {
                continue;
            }
            // the schedule as the kernel replays it, with the values each step read and wrote
            Diagnostic d = new Diagnostic(f.code(), f.code().severity(), f.message(), f.at(), f.related(),
                    replays.of(f).detail());
            if (f.code() == Code.DEADLOCK_REACHABLE && runDeadlocked) {
                d = new Diagnostic(d.code(), Severity.INFO, "the shortest way to a deadlock: " + d.message(), d.span(),
                        d.related(), d.detail());
            }
            out.add(d);
        }
        if (!x.complete() && !x.deadlockFound() && !out.isEmpty()) {
            // findings exist but the search stopped: say so where they are
            out.add(Diagnostic.of(Code.EXPLORE_BUDGET, out.get(0).span(), x.summary()));
        }
        return out;
    }
}
