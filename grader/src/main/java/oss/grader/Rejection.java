package oss.grader;

/**
 * Why a submission is not graded at all (OSS4001): missing, too large, not text, or a link or zip
 * entry leading outside the student's directory. The message is one sentence about the student's
 * file, without the file's name (the result carries it).
 */
public final class Rejection extends Exception {
    public Rejection(String message) {
        super(message, null, false, false);
    }
}
