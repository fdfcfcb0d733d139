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

    boolean exhausted() {
        return exhausted;
    }
}
