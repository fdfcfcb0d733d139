package oss.compiler.assign;

import java.util.List;

/** The words of an assignment file beyond the scenario's (docs/grading.md): for the checker, completion and hovers. */
public final class AssignmentWords {
    private AssignmentWords() {}

    /** What may start a line of the assignment's block. */
    public static final List<String> ITEMS = List.of("submission", "starter", "budget", "test");

    /** What may start a line of a test. */
    public static final List<String> CHECKS = List.of("expect", "require", "forbid", "unchanged", "predict", "feedback");

    /** The keys of a {@code budget} block. */
    public static final List<String> BUDGET = List.of("time", "states", "steps", "memory", "size");

    /** The words after {@code test "name"} besides {@code points N}: a visibility or {@code partial}. */
    public static final List<String> TEST_WORDS = List.of("visible", "hidden", "after_due_date", "after_published",
            "partial");

    /** What may follow {@code require}. */
    public static final List<String> REQUIRE = List.of("count", "finishes");

    /** The parts {@code unchanged} compares (an {@link Check.TargetKind} each, in lower case). */
    public static final List<String> PARTS = List.of("scenario", "machine", "kernel", "banker", "declarations",
            "processes", "process");
}
