package oss.runtime.kernel.mm.replace;

import java.util.random.RandomGenerator;
import oss.ir.program.ReplacementKind;

/** The one place that turns a {@code replacement} setting into a policy, so the kernel never names a policy class. */
public final class ReplacementPolicies {
    private ReplacementPolicies() {}

    /** A fresh policy; {@code rng} is the run's seeded source, used only by random replacement. */
    public static ReplacementPolicy create(ReplacementKind kind, RandomGenerator rng) {
        return switch (kind) {
            case FIFO -> new FifoReplacement();
            case LRU -> new LruReplacement();
            case CLOCK -> new ClockReplacement();
            case OPT -> new OptReplacement();
            case RANDOM -> new RandomReplacement(rng);
        };
    }
}
