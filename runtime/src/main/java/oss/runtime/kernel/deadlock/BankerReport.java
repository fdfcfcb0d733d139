package oss.runtime.kernel.deadlock;

import java.util.List;
import java.util.Optional;

/**
 * The banker's algorithm's verdict on a table, with every matrix a student
 * is asked for. Rows follow the table's process order.
 *
 * @param safeSequence the canonical one: after each step the scan starts again from the lowest index;
 *                     empty when the state is unsafe
 * @param request      what the resource-request algorithm made of the table's request, if any
 */
public record BankerReport(
        List<String> resources,
        List<String> processes,
        int[] total,
        int[] available,
        int[][] max,
        int[][] allocation,
        int[][] need,
        boolean safe,
        List<String> safeSequence,
        Optional<RequestOutcome> request) {

    /**
     * @param verdict  GRANTED, or why not
     * @param after    the state with the request pretend-granted (present unless the request
     *                 exceeded need or availability, when it cannot even be pretended)
     */
    public record RequestOutcome(String process, int[] amounts, Verdict verdict, Optional<BankerReport> after) {}

    public enum Verdict {
        GRANTED,
        /** Request &gt; Need: the process broke its own claim (an error). */
        EXCEEDS_NEED,
        /** Request &gt; Available: the process must wait. */
        MUST_WAIT,
        /** Granting would leave the state unsafe: the process must wait. */
        UNSAFE
    }

    /** Is {@code order} a safe sequence of this state (not necessarily the canonical one)? */
    public boolean isSafeSequence(List<String> order) {
        if (order.size() != processes.size()) {
            return false;
        }
        int[] work = available.clone();
        boolean[] done = new boolean[processes.size()];
        for (String name : order) {
            int i = processes.indexOf(name);
            if (i < 0 || done[i]) {
                return false;
            }
            for (int r = 0; r < work.length; r++) {
                if (need[i][r] > work[r]) {
                    return false;
                }
            }
            for (int r = 0; r < work.length; r++) {
                work[r] += allocation[i][r];
            }
            done[i] = true;
        }
        return true;
    }
}
