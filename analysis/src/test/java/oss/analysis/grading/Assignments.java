package oss.analysis.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import oss.compiler.assign.Assignment;
import oss.compiler.assign.Check;
import oss.compiler.assign.GradingBudget;
import oss.compiler.assign.TestSpec;
import oss.compiler.assign.Visibility;
import oss.compiler.expect.CompareOp;
import oss.ir.program.Span;

/** Assignments built as the checker would build them, each check on a line of its own in the assignment file. */
final class Assignments {
    private Assignments() {}

    private static int line = 10;

    static Span at() {
        line++;
        return new Span(line, 5, line, 40);
    }

    static Check.Expect expect(String text) {
        return new Check.Expect(text, text, at());
    }

    static Check.Predict predict(String subject, String metric) {
        return new Check.Predict(subject, Optional.ofNullable(metric), "predict " + subject
                + (metric == null ? "" : "." + metric), at());
    }

    static Check.Count count(String kind, String name, CompareOp op, boolean fromStarter, long offset) {
        return new Check.Count(kind, Optional.ofNullable(name), op, fromStarter, offset, "require count " + kind
                + (name == null ? "" : " " + name) + " " + op.symbol() + " " + (fromStarter ? "starter + " : "") + offset,
                at());
    }

    static Check.Forbid forbid(String... kinds) {
        return new Check.Forbid(List.of(kinds), "forbid " + String.join(", ", kinds), at());
    }

    static Check.Unchanged unchanged(Check.Target... targets) {
        return new Check.Unchanged(List.of(targets), "unchanged ...", at());
    }

    static Check.Target part(Check.TargetKind kind) {
        return new Check.Target(kind, Optional.empty());
    }

    static Check.Target process(String name) {
        return new Check.Target(Check.TargetKind.PROCESS, Optional.of(name));
    }

    static Check.Finishes finishes() {
        return new Check.Finishes("require finishes", at());
    }

    /** One test per check, in order, so that outcome {@code i} is check {@code i}. */
    static Assignment of(Check... checks) {
        return with(GradingBudget.DEFAULT, checks);
    }

    static Assignment with(GradingBudget budget, Check... checks) {
        List<TestSpec> tests = new ArrayList<>();
        for (Check c : checks) {
            tests.add(new TestSpec(tests.size() + 1, "test " + (tests.size() + 1), 1, Visibility.VISIBLE, false,
                    List.of(c), Optional.empty(), c.span()));
        }
        return new Assignment("t", "p.oss", Optional.of("starter.oss"), new Span(2, 3, 2, 30), budget, tests,
                new Span(1, 1, 99, 2));
    }
}
