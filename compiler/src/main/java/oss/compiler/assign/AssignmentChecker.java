package oss.compiler.assign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import oss.compiler.ast.AssignmentItem;
import oss.compiler.ast.AssignmentNode;
import oss.compiler.check.Diags;
import oss.ir.diag.Code;
import oss.ir.program.Span;

/**
 * An assignment's syntax tree to the checked {@link Assignment} (docs/grading.md): exactly one
 * {@code submission}, at most one {@code starter} and one {@code budget}, tests with distinct
 * names. What is wrong is reported to {@code diags} (OSS1601; OSS1604 for what scores nothing);
 * the assignment is still built as far as it goes, and the caller keeps it only without errors.
 * The starter itself is not read here: the compiler reads no file (the language server and the
 * grader do, and apply the tests to it).
 */
public final class AssignmentChecker {
    private final Diags diags;
    private final SourceSlice source;

    private final boolean complete;

    private AssignmentChecker(Diags diags, String text, boolean complete) {
        this.diags = diags;
        this.source = new SourceSlice(text);
        this.complete = complete;
    }

    /**
     * {@code text} is the file {@code node} was parsed from (an {@code expect} check keeps its line as
     * written). {@code complete} says the parse had no error: otherwise what is missing (a submission,
     * a test, a check) may be a line the parser dropped, already reported, and is not reported again.
     */
    public static Assignment check(AssignmentNode node, String text, boolean complete, Diags diags) {
        return new AssignmentChecker(diags, text, complete).check(node);
    }

    private Assignment check(AssignmentNode node) {
        Span header = node.title().span().isKnown() ? node.title().span() : node.span();
        AssignmentItem.Submission submission = null;
        AssignmentItem.Starter starter = null;
        AssignmentItem.Budget budget = null;
        List<AssignmentItem.Test> tests = new ArrayList<>();
        for (AssignmentItem item : node.items()) {
            if (item instanceof AssignmentItem.Submission s) {
                submission = once(submission, s, "submission", "a student hands in one file");
                checkSubmission(s);
            } else if (item instanceof AssignmentItem.Starter s) {
                starter = once(starter, s, "starter", "students start from one file");
                if (s.path().value().isBlank()) {
                    diags.report(Code.BAD_ASSIGNMENT, s.path().span(), "the starter's file name is empty");
                }
            } else if (item instanceof AssignmentItem.Budget b) {
                budget = once(budget, b, "budget", "write every limit in one `budget { }`");
            } else if (item instanceof AssignmentItem.Test t) {
                tests.add(t);
            }
        }
        if (submission == null && complete) {
            diags.report(Code.BAD_ASSIGNMENT, header, "an assignment needs the file students hand in: add "
                    + "`submission \"NAME.oss\"`");
        }
        BudgetReader limits = new BudgetReader(diags);
        if (budget != null) {
            limits.read(budget.settings());
        }
        TestReader reader = new TestReader(diags, new CheckReader(diags, source, starter != null), complete);
        List<TestSpec> specs = new ArrayList<>();
        Map<String, Span> names = new HashMap<>();
        for (AssignmentItem.Test t : tests) {
            Span first = names.putIfAbsent(t.name().value(), t.name().span());
            if (first != null) {
                diags.report(Code.BAD_ASSIGNMENT, t.name().span(), "two tests are named \"" + t.name().value()
                        + "\": each result is reported by its test's name", first, "the first one");
            }
            specs.add(reader.read(t, specs.size() + 1));
        }
        if (tests.isEmpty() && complete) {
            diags.report(Code.EMPTY_TEST, header, "this assignment has no test, so every submission scores 0: add "
                    + "`test \"NAME\" points N { ... }`");
        }
        return new Assignment(node.title().value(), submission == null ? "" : submission.path().value(),
                starter == null ? Optional.empty() : Optional.of(starter.path().value()),
                starter == null ? Span.NONE : starter.span(), limits.budget(), specs, node.span());
    }

    /** {@code item}, unless one came before: then the first is kept and the second reported. */
    private <T extends AssignmentItem> T once(T before, T item, String word, String why) {
        if (before == null) {
            return item;
        }
        diags.report(Code.BAD_ASSIGNMENT, item.span(), "a second `" + word + "`: " + why, before.span(),
                "the first `" + word + "`");
        return before;
    }

    private void checkSubmission(AssignmentItem.Submission s) {
        String name = s.path().value();
        if (name.contains("/") || name.contains("\\")) {
            diags.report(Code.BAD_ASSIGNMENT, s.path().span(), "the submission is a file name, not a path: "
                    + "the grader looks for it in each student's directory");
        } else if (!name.endsWith(".oss") || name.length() == ".oss".length()) {
            diags.report(Code.BAD_ASSIGNMENT, s.path().span(), "a submission is an oss file: its name ends in `.oss`,"
                    + " as in `submission \"philosophers.oss\"`");
        }
    }
}
