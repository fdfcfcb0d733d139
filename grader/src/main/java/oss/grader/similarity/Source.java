package oss.grader.similarity;

/**
 * One submission to compare, read when it is compared (on a worker, like the grader reads it), so
 * that a class of large files never sits in memory at once.
 *
 * @param student who handed it in (pairs and the report name them so)
 * @param file    where it is, as the instructor would find it ({@code class/ada/philosophers.oss}):
 *                the matching regions are shown under this name
 * @param reader  its text; read once to fingerprint it, and again only if it is in a listed pair
 */
public record Source(String student, String file, Reader reader) {
    public Source {
        student = student == null ? "" : student;
        file = file == null || file.isEmpty() ? student : file;
    }

    /** A submission whose text is at hand. */
    public Source(String student, String file, String text) {
        this(student, file, () -> text == null ? "" : text);
    }

    @FunctionalInterface
    public interface Reader {
        String read() throws Unreadable;
    }

    /** Why a submission cannot be read: it is listed as not compared, with this message. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
