package oss.runtime.kernel.sched;

/**
 * The load average, as kernel/sched/loadavg.c computes it: every LOAD_FREQ (5 s and one tick) the
 * number of active tasks (running, runnable, or asleep in D) is folded into three exponentially
 * decaying averages in 11-bit fixed point, with the 1, 5 and 15 minute factors EXP_1, EXP_5 and
 * EXP_15 (calc_load). A run shorter than 5 s never samples, so its load average is 0.00, as a
 * machine's is in its first 5 seconds after boot.
 */
public final class LoadAvg {
    private static final int FSHIFT = 11;
    private static final long FIXED_1 = 1L << FSHIFT;
    private static final long[] EXP = {1884, 2014, 2037};
    private final long freqNs;
    private long next;
    private final long[] avenrun = new long[3];

    /** {@code hz}: the kernel's timer frequency; LOAD_FREQ is 5 * HZ + 1 ticks. */
    public LoadAvg(int hz) {
        long tick = 1_000_000_000L / Math.max(1, hz);
        this.freqNs = 5 * 1_000_000_000L + tick;
        this.next = freqNs;
    }

    /** Whether a sample falls at or before {@code now}: the caller then counts the active tasks. */
    public boolean due(long now) {
        return now >= next;
    }

    /** Folds in {@code active} tasks for every sample point up to {@code now} (the count held since the last event). */
    public void sample(long now, int active) {
        for (int guard = 0; now >= next && guard < 1_000_000; guard++) {
            for (int i = 0; i < 3; i++) {
                avenrun[i] = calcLoad(avenrun[i], EXP[i], active * FIXED_1);
            }
            next += freqNs;
        }
        if (now >= next) {
            // a long idle stretch: the averages have decayed to what a constant count gives
            next = (now / freqNs + 1) * freqNs;
        }
    }

    /** calc_load: load * exp + active * (1 - exp), rounded up while the load rises. */
    static long calcLoad(long load, long exp, long active) {
        long newload = load * exp + active * (FIXED_1 - exp);
        if (active >= load) {
            newload += FIXED_1 - 1;
        }
        return newload / FIXED_1;
    }

    /** "0.00, 0.00, 0.00", as /proc/loadavg and top print it (get_avenrun adds FIXED_1/200 to round). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            long x = avenrun[i] + FIXED_1 / 200;
            sb.append(i == 0 ? "" : ", ").append(x >> FSHIFT).append('.')
                    .append(String.format(java.util.Locale.US, "%02d", ((x & (FIXED_1 - 1)) * 100) >> FSHIFT));
        }
        return sb.toString();
    }
}
