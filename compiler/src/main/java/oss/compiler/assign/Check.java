package oss.compiler.assign;

import java.util.List;
import java.util.Optional;
import oss.compiler.expect.CompareOp;
import oss.ir.program.Span;

/** One checked line of a test; {@code span} is its place in the assignment file. */
public sealed interface Check {
    Span span();

    /** The line as written in the assignment, for messages. */
    String text();

    /** An {@code expect} line judged on the submission; {@code expect} is its text, as written. */
    record Expect(String expect, String text, Span span) implements Check {}

    /**
     * {@code require count KIND [NAME] OP BOUND}: how many KIND (see {@link Kinds#COUNTABLE}) the
     * submission has, NAME only; the bound is {@code offset}, plus the starter's count when
     * {@code fromStarter}.
     */
    record Count(String kind, Optional<String> name, CompareOp op, boolean fromStarter, long offset, String text,
                 Span span) implements Check {}

    /** {@code require finishes}: every task of the default run exits by itself (none blocked, killed or cut off). */
    record Finishes(String text, Span span) implements Check {}

    /** {@code forbid KIND, ...}: no statement or declaration of these kinds (see {@link Kinds#FORBIDDABLE}). */
    record Forbid(List<String> kinds, String text, Span span) implements Check {
        public Forbid {
            kinds = List.copyOf(kinds);
        }
    }

    /** {@code unchanged T, ...}: these parts as in the starter, layout and comments aside. */
    record Unchanged(List<Target> targets, String text, Span span) implements Check {
        public Unchanged {
            targets = List.copyOf(targets);
        }
    }

    /**
     * A part of the starter: {@code SCENARIO} is everything but {@code expect} lines; {@code PROCESS}
     * names one process (or process array); {@code PROCESSES} every process of the starter;
     * {@code DECLARATIONS} every declaration of the starter (new ones may be added).
     */
    record Target(TargetKind kind, Optional<String> name) {}

    enum TargetKind { SCENARIO, MACHINE, KERNEL, BANKER, DECLARATIONS, PROCESSES, PROCESS }

    /**
     * {@code predict SUBJECT[.METRIC]}: the submission has an {@code expect} about this subject
     * ({@code P2.response}, {@code safe_sequence}, {@code granted}, {@code tlb.misses}, {@code count}),
     * and it holds.
     */
    record Predict(String subject, Optional<String> metric, String text, Span span) implements Check {}
}
