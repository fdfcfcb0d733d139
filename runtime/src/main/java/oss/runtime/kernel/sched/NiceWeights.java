package oss.runtime.kernel.sched;

/**
 * The kernel's sched_prio_to_weight[] table (kernel/sched/core.c): each nice
 * level is about 1.25x the CPU share of the next, nice 0 = 1024.
 */
public final class NiceWeights {
    private static final long[] WEIGHT = {
        /* -20 */ 88761, 71755, 56483, 46273, 36291,
        /* -15 */ 29154, 23254, 18705, 14949, 11916,
        /* -10 */ 9548, 7620, 6100, 4904, 3906,
        /*  -5 */ 3121, 2501, 1991, 1586, 1277,
        /*   0 */ 1024, 820, 655, 526, 423,
        /*   5 */ 335, 272, 215, 172, 137,
        /*  10 */ 110, 87, 70, 56, 45,
        /*  15 */ 36, 29, 23, 18, 15,
    };

    private NiceWeights() {}

    /** @param nice -20..19 */
    public static long weight(int nice) {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice " + nice + " outside -20..19");
        }
        return WEIGHT[nice + 20];
    }
}
