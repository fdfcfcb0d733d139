package oss.runtime.explore;

import java.util.List;
import java.util.Optional;
import oss.ir.program.SharedData;
import oss.ir.program.Span;

/**
 * The explorer's verdict on one {@code expect always} / {@code expect possible} line
 * ({@link SharedData.Property} with mode ALWAYS or POSSIBLE), judged over the final states of
 * the interleavings that end (every task exited: a zombie or reaped).
 *
 * <ul>
 *   <li>ALWAYS: {@link Outcome#FAILS} with the shortest schedule (breadth first; among the
 *       explored interleavings when partial-order reduction is on) to a final state where the
 *       condition is false; {@link Outcome#HOLDS} when the exploration completed and no final
 *       state falsifies it; else {@link Outcome#UNDECIDED}.
 *   <li>POSSIBLE: {@link Outcome#HOLDS} with the shortest schedule to a final state where the
 *       condition is true; {@link Outcome#FAILS} when the exploration completed without one;
 *       else {@link Outcome#UNDECIDED}.
 * </ul>
 *
 * A condition whose evaluation faults (a division by zero, an index out of bounds) counts as
 * false in that state.
 *
 * @param span     the expect line, as {@link SharedData.Property#span()}
 * @param mode     ALWAYS or POSSIBLE
 * @param text     the condition as written
 * @param outcome  the verdict
 * @param schedule the counterexample (ALWAYS fails) or witness (POSSIBLE holds); empty otherwise.
 *                 {@code oss run --schedule} replays it to that final state.
 * @param who      the task name of each schedule step, as in {@link ExploreFinding#who()}
 */
public record PropertyVerdict(Span span, SharedData.Property.Mode mode, String text, Outcome outcome,
        Optional<Schedule> schedule, List<String> who) {

    public enum Outcome {
        HOLDS, FAILS, UNDECIDED
    }
}
