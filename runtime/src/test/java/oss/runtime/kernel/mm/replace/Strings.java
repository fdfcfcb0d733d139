package oss.runtime.kernel.mm.replace;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** The reference strings the tests work by hand. */
final class Strings {
    private Strings() {}

    /** Silberschatz's reference string (Operating System Concepts, page-replacement section), used with 3 frames. */
    static final long[] SILBERSCHATZ = {7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1};

    /** The string that shows Belady's anomaly under FIFO. */
    static final long[] BELADY = {1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5};

    static ReferenceStringSimulator.Result run(int frames, ReplacementPolicy policy, long[] refs) {
        return ReferenceStringSimulator.run(frames, policy, refs);
    }

    static RandomGenerator seeded(long seed) {
        return new SplittableRandom(seed);
    }
}
