package oss.analysis;

import oss.compiler.expect.Expectation;

/**
 * How one `expect` line fared.
 *
 * @param actual   what was observed, in the units the line was written in ("10 ms", "[A, B]", "unsafe")
 * @param schedule for {@code expect always C} that fails, the interleaving that ends with C false;
 *                 for {@code expect possible C} that holds, one that ends with C true; else null
 */
public record ExpectationResult(Expectation expectation, Status status, String actual, String message,
        Counterexample schedule) {

    public ExpectationResult(Expectation expectation, Status status, String actual, String message) {
        this(expectation, status, actual, message, null);
    }

    public enum Status {
        PASSED,
        FAILED,
        /** Nothing to judge it on, e.g. `expect safe` without a banker block; reported as a failure. */
        UNDECIDED
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
