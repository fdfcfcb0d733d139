package oss.ir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * One wall-time and memory budget for every stage of one analysis: parsing, the checks,
 * lowering, the run, the exploration and the rendering. A front end opens it around its
 * work ({@code try (Deadline d = Deadline.start(60, "--max-time")) { ... }}); each stage
 * names itself ({@link #stage}) and its loops call {@link #check()}, which costs a
 * thread-local read and, every few thousand calls, a clock read. When the time is up, or
 * the JVM's old generation is still more than 90 % full after a collection, the check
 * throws {@link OutOfBudget} with a sentence naming the stage, what ran out and how to
 * raise it; the engines that can stop gracefully (the run, the explorer) ask
 * {@link #exhausted()} instead and keep their partial results.
 *
 * <p>This is the only use of the wall clock and of the heap's state in oss: neither
 * changes a result, only whether an analysis finishes.
 */
public final class Deadline implements AutoCloseable {
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();
    /**
     * Heap pools whose usage after a collection says whether memory is running out (the old
     * generation). In a holder: the management beans take about 10 ms to set up, which a short run
     * whose heap stays under half full never needs.
     */
    private static final class OldGeneration {
        static final List<MemoryPoolMXBean> POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported()
                        && p.isCollectionUsageThresholdSupported())
                .toList();
    }
    static final double HEAP_FRACTION = 0.9;

    private final long endNanos;
    private final double seconds;
    private final String timeOption;
    private final Deadline outer;
    private volatile String stage = "compiling";
    private int calls;

    private Deadline(double seconds, String timeOption, Deadline outer) {
        this.seconds = seconds;
        this.timeOption = timeOption;
        this.outer = outer;
        long nanos = seconds >= 1e9 ? Long.MAX_VALUE / 4 : (long) (seconds * 1e9);
        this.endNanos = System.nanoTime() + Math.max(0, nanos);
    }

    /**
     * Opens a budget of {@code seconds} for this thread; {@code timeOption} is how a user raises it:
     * an option ({@code --max-time}, followed by " SECONDS" in the message) or words said as they are.
     */
    public static Deadline start(double seconds, String timeOption) {
        Deadline d = new Deadline(seconds, timeOption, CURRENT.get());
        CURRENT.set(d);
        return d;
    }

    /** The budget open on this thread, or null (then nothing is bounded but the engines' own budgets). */
    public static Deadline current() {
        return CURRENT.get();
    }

    @Override
    public void close() {
        CURRENT.set(outer);
    }

    /** Names the stage now running, for the message. */
    public static void stage(String name) {
        Deadline d = CURRENT.get();
        if (d != null) {
            d.stage = name;
        }
    }

    /** Throws {@link OutOfBudget} when the budget open on this thread has run out; cheap enough for any loop. */
    public static void check() {
        Deadline d = CURRENT.get();
        if (d != null && (++d.calls & 1023) == 0) {
            d.checkNow();
        }
    }

    /** {@link #check()} without the sampling: between stages. */
    public static void checkpoint() {
        Deadline d = CURRENT.get();
        if (d != null) {
            d.checkNow();
        }
    }

    public void checkNow() {
        String why = exhausted();
        if (why != null) {
            throw new OutOfBudget(why);
        }
    }

    /** Seconds left, at least 0. */
    public double remainingSeconds() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1e9);
    }

    /** Null while there is time and memory left, else the sentence that says what ran out. */
    public String exhausted() {
        if (System.nanoTime() - endNanos > 0) {
            return "the analysis ran out of its time budget of " + format(seconds) + " s while " + stage
                    + "; raise it with " + timeOption + (timeOption.startsWith("-") ? " SECONDS" : "");
        }
        // With the collectors' default sizing (serial and parallel: two thirds; G1: all of it) the old
        // generation is at least half the heap, so with less than half the heap in use it cannot be
        // 90 % full.
        Runtime rt = Runtime.getRuntime();
        if (rt.totalMemory() - rt.freeMemory() < rt.maxMemory() / 2) {
            return null;
        }
        for (MemoryPoolMXBean p : OldGeneration.POOLS) {
            MemoryUsage u = p.getCollectionUsage();
            if (u != null && u.getMax() > 0 && u.getUsed() > HEAP_FRACTION * u.getMax()) {
                return "the analysis ran out of memory while " + stage + ": the Java heap (" + (u.getMax() >> 20)
                        + " MiB) was more than 90 % full after a collection; give Java more (for the oss launcher,"
                        + " OSS_JAVA_OPTS=-Xmx4g) or lower the budgets (--max-events, --max-states)";
            }
        }
        return null;
    }

    private static String format(double s) {
        return s == Math.rint(s) && s < 1e15 ? Long.toString((long) s) : Double.toString(s);
    }

    /** The budget ran out; the message names the stage and how to raise it. */
    public static final class OutOfBudget extends RuntimeException {
        public OutOfBudget(String message) {
            super(message, null, false, false);
        }
    }
}
