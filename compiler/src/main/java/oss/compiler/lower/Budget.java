package oss.compiler.lower;

/** The number of lowered ops, across the whole program, against {@link #LIMIT}. */
final class Budget {
    static final int LIMIT = 200_000;
    private long used;
    private boolean exhausted;

    void spend(long n) {
        used += n;
        if (used > LIMIT) {
            exhausted = true;
        }
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
