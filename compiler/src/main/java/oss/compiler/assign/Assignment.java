package oss.compiler.assign;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/**
 * A checked assignment (docs/grading.md): what the grader needs and nothing of the text.
 *
 * @param title      the assignment's title
 * @param submission the file name a student hands in ({@code philosophers.oss})
 * @param starter    the starter's path as written, relative to the assignment file; empty without one
 * @param starterSpan where the starter is named, for a diagnostic when it cannot be read
 * @param budget     what each submission may use
 * @param tests      in the order written, numbered from 1
 */
public record Assignment(String title, String submission, Optional<String> starter, Span starterSpan,
                         GradingBudget budget, List<TestSpec> tests, Span span) {
    public Assignment {
        tests = List.copyOf(tests);
    }

    /** The points of every test together. */
    public double maxScore() {
        return tests.stream().mapToDouble(TestSpec::points).sum();
    }
}
