package oss.grader;

/**
 * One student's file, found but not yet read: reading happens on the worker that grades it, so a
 * class of hundreds never sits in memory at once.
 *
 * @param student  who handed it in: the directory's name, the file's name without {@code .oss}, or
 *                 the names in a Gradescope export's metadata. Never contains {@code /} or
 *                 {@code \}, and is never {@code .} or {@code ..}: outputs may use it as a directory name
 * @param file     where it is, as the instructor would find it ({@code class/alice/philosophers.oss},
 *                 {@code export.zip!/submission_1/philosophers.oss}); empty when none was found
 * @param fileName the name inside the student's own directory ({@code philosophers.oss}): the name
 *                 their feedback uses, so that {@code FILE:LINE:COL} is theirs
 */
public record Submission(String student, String file, String fileName, Source source) {

    /** The text of a submission, or why it cannot be graded. */
    @FunctionalInterface
    public interface Source {
        String read() throws Rejection;

        static Source text(String text) {
            return () -> text;
        }

        static Source rejected(String why) {
            return () -> {
                throw new Rejection(why);
            };
        }
    }

    /** The text, or the {@link Rejection} that says why it is not graded. */
    public String read() throws Rejection {
        return source.read();
    }

    /** A student's name safe to use as a directory name: separators and dot-names replaced. */
    static String safeName(String name) {
        String s = name.replace('/', '_').replace('\\', '_').replace('\0', '_').strip();
        return s.isEmpty() || s.equals(".") || s.equals("..") ? "_" + s : s;
    }
}
