package oss.analysis.grading;

import java.util.Optional;
import oss.compiler.assign.Check;

/**
 * How one check of a test fared on one submission.
 *
 * @param status   {@link Status#UNDECIDED} when a budget stopped oss before it could tell (it then
 *                 earns nothing, and the message says which budget)
 * @param message  why, in the student's terms, starting with {@code FILE:LINE:COL: } when a place in
 *                 their file says it best: "philosophers.oss:12:5: philosopher[4] waits for fork[0]
 *                 held by philosopher[0] ... (a cycle of 5)"; "you predicted 4 ms; the simulator
 *                 computed 8 ms"; "the starter has `compute 24 ms` here, yours `compute 20 ms`".
 *                 For a check that held, one short line saying what was checked
 * @param schedule the {@code oss run FILE --schedule "..."} line that replays the interleaving the
 *                 message is about, when there is one
 */
public record CheckOutcome(Check check, Status status, String message, Optional<String> schedule) {

    public enum Status { HELD, FAILED, UNDECIDED }

    public boolean held() {
        return status == Status.HELD;
    }
}
