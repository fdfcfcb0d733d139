package oss.runtime.observe;

import oss.ir.program.Span;

/**
 * One value a statement read or wrote in the run, for hovers ("count was 3 here") and for the
 * values listed along a counterexample.
 *
 * @param span     the statement
 * @param pid      the task that executed it
 * @param timeNs   when
 * @param access   what happened to the variable
 * @param variable the variable as written, with the element for an array: {@code count}, {@code slot[2]}
 * @param value    the value read or written
 */
public record ValueEvent(Span span, int pid, long timeNs, Access access, String variable, int value) {

    public enum Access {
        /** A load, or a read inside an atomic operation, an atomic block or an await. */
        READ,
        /** A store or assignment as the statement made it (under tso and relaxed it may sit in the store buffer). */
        WRITE,
        /** A buffered store reaching memory (tso and relaxed only): from here on other tasks can read it. */
        COMMIT
    }

    @Override
    public String toString() {
        return "pid " + pid + " at " + span + ": " + access.name().toLowerCase(java.util.Locale.ROOT) + " " + variable
                + " = " + value;
    }
}
