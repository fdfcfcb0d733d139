package oss.runtime.explore;

import java.util.List;
import oss.ir.diag.Code;

/**
 * What an exploration saw. {@code complete} is true only when every
 * reachable state (of the reduced graph, with partial-order reduction) was
 * visited; otherwise {@code stoppedBy} says which budget ran out.
 */
public record ExploreResult(
        long states,
        long transitions,
        double seconds,
        long storeBytes,
        int maxDepth,
        boolean complete,
        String stoppedBy,
        boolean por,
        List<ExploreFinding> findings) {

    public boolean deadlockFound() {
        return findings.stream().anyMatch(f -> f.code() == Code.DEADLOCK_REACHABLE);
    }

    /** "deadlock", "no deadlock", or "budget exhausted" (none found, but not everything was seen). */
    public String verdict() {
        if (deadlockFound()) {
            return "deadlock";
        }
        return complete ? "no deadlock" : "budget exhausted";
    }

    /** The verdict in a sentence, never a bare "no deadlock" when a budget ran out. */
    public String summary() {
        if (deadlockFound()) {
            return "deadlock found after exploring " + states + " states";
        }
        if (!complete) {
            return "no deadlock found in " + states + " states (budget exhausted: " + stoppedBy + ")";
        }
        return "no deadlock in any interleaving (" + states + " states, " + transitions + " transitions"
                + (por ? ", partial-order reduction on" : "") + ")";
    }

    public double bytesPerState() {
        return states == 0 ? 0 : (double) storeBytes / states;
    }
}
