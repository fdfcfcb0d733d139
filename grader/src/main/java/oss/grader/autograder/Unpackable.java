package oss.grader.autograder;

/** A package cannot be written (no jar to ship, a name that clashes, an I/O error): a usage error, with why. */
public final class Unpackable extends Exception {
    public Unpackable(String message) {
        super(message, null, false, false);
    }
}
