package oss.compiler.lower;

/**
 * What unrolling may cost, across the whole program: at most {@link #LIMIT} lowered ops, and at
 * most {@link #WORK_LIMIT} units of work (one per loop iteration and per statement lowered), so
 * that a loop whose body emits nothing (empty, or every statement an error) is bounded too:
 * {@code for j in 0..2000000000 { }} ran for 50 s and 1.3 GB without a word.
 */
final class Budget {
    static final int LIMIT = 200_000;
    static final long WORK_LIMIT = 2_000_000;
    private long used;
    private long work;
    private boolean exhausted;

    void spend(long n) {
        used += n;
        if (used > LIMIT) {
            exhausted = true;
        }
    }

    void work(long n) {
        work += n;
        if (work > WORK_LIMIT) {
            exhausted = true;
        }
    }

    /** Which limit ran out, for the message. */
    String what() {
        return used > LIMIT ? "more than " + LIMIT + " operations in total"
                : "more than " + WORK_LIMIT + " iterations and statements in total (even when its body produces"
                        + " nothing)";
    }

    private boolean reported;

    /** True the first time only: the budget is reported once, at the loop where it ran out. */
    boolean firstReport() {
        boolean first = !reported;
        reported = true;
        return first;
    }

    boolean exhausted() {
        return exhausted;
    }
}
