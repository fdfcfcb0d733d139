package oss.compiler.ast;

import java.util.List;
import java.util.Optional;
import oss.ir.program.Span;

/** One line of a test, as written; the checker turns it into an {@code oss.compiler.assign.Check}. */
public sealed interface CheckNode extends Node {

    /** An {@code expect} line of the language, judged on the submission. */
    record Expect(ExpectNode expect, Span span) implements CheckNode {}

    /**
     * {@code require count semaphore <= starter + 1}, {@code require count process philosopher == 5}:
     * {@code count} is the word as written (the checker wants "count"); {@code bound} may use the
     * name {@code starter}, the starter's count of the same thing.
     */
    record Count(Name count, Name kind, Optional<Name> name, String op, Expr bound, Span span) implements CheckNode {}

    /** {@code require finishes}: a property word. */
    record Require(Name what, Span span) implements CheckNode {}

    /** {@code forbid choose, trylock}: statement or declaration kinds the submission may not use. */
    record Forbid(List<Name> kinds, Span span) implements CheckNode {
        public Forbid {
            kinds = List.copyOf(kinds);
        }
    }

    /** {@code unchanged machine, kernel, process P1}: parts that must be as in the starter. */
    record Unchanged(List<Target> targets, Span span) implements CheckNode {
        public Unchanged {
            targets = List.copyOf(targets);
        }
    }

    /** One part of {@code unchanged}: {@code scenario}, {@code processes}, {@code process P}, ... */
    record Target(Name kind, Optional<Name> name, Span span) implements Node {}

    /** {@code predict P2.response}, {@code predict safe_sequence}: the student must expect it, rightly. */
    record Predict(Ref subject, Optional<Name> metric, Span span) implements CheckNode {}

    /** {@code feedback "..."}: what a student reads when the test fails. */
    record Feedback(Text text, Span span) implements CheckNode {}
}
