package oss.runtime.explore;

import java.util.List;
import oss.ir.diag.Code;

/**
 * What an exploration saw. {@code complete} is true only when every
 * reachable state (of the reduced graph, with partial-order reduction) was
 * visited; otherwise {@code stoppedBy} says which budget ran out.
 * {@code properties} holds one verdict per {@code expect always} / {@code expect possible}
 * line of the program's {@link oss.ir.program.SharedData#properties()}, in their order (AT_END
 * ones, about the default run, are left out); {@link #property} finds one by its span.
 * {@code symmetry} names the symmetry group whose orbits were stored one state each ("rotations of
 * phil[0..4] with fork[0..4]"), or is null when none was used.
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
        List<ExploreFinding> findings,
        List<PropertyVerdict> properties,
        String symmetry) {

    /** Without symmetry reduction. */
    public ExploreResult(long states, long transitions, double seconds, long storeBytes, int maxDepth, boolean complete,
            String stoppedBy, boolean por, List<ExploreFinding> findings, List<PropertyVerdict> properties) {
        this(states, transitions, seconds, storeBytes, maxDepth, complete, stoppedBy, por, findings, properties, null);
    }

    /** The verdict on the {@code expect always/possible} line at {@code span}, if there is one. */
    public java.util.Optional<PropertyVerdict> property(oss.ir.program.Span span) {
        return properties.stream().filter(p -> p.span().equals(span)).findFirst();
    }

    /**
     * Some interleaving deadlocks: tasks blocked for good (OSS2401), or spinning for good on each other
     * (OSS2409), the busy-waiting form of the same fact, which {@code expect deadlock} counts too.
     */
    public boolean deadlockFound() {
        return findings.stream().anyMatch(f -> f.code() == Code.DEADLOCK_REACHABLE
                || f.code() == Code.SPIN_FOREVER_REACHABLE);
    }

    private boolean onlySpinning() {
        return findings.stream().noneMatch(f -> f.code() == Code.DEADLOCK_REACHABLE);
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
            return (onlySpinning() ? "deadlock (tasks spinning forever)" : "deadlock") + " found after exploring "
                    + states + " states";
        }
        if (!complete && states == 0 && stoppedBy != null) {
            return "not explored: " + stoppedBy; // refused before any state (signals, too many tasks): no budget ran out
        }
        if (!complete) {
            return "no deadlock found in " + states + " states (budget exhausted: " + stoppedBy + ")";
        }
        return "no deadlock in any interleaving (" + states + " states, " + transitions + " transitions"
                + (por ? ", partial-order reduction on" : "") + (symmetry != null ? ", symmetry reduction on" : "") + ")";
    }

    public double bytesPerState() {
        return states == 0 ? 0 : (double) storeBytes / states;
    }
}
