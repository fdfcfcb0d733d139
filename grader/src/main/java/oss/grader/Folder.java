package oss.grader;

import java.util.List;

/**
 * A directory as {@link Submissions} sees it, on disk ({@link DirFolder}) or inside a zip
 * ({@link ZipFolder}): the same layouts are recognised in both, by one piece of code.
 */
interface Folder {
    String name();

    /** Where it is, for the instructor: {@code class/alice}, {@code export.zip!/submission_1}. */
    String display();

    /** Subfolders that are not hidden ({@code .git}, {@code __MACOSX}), sorted by name. */
    List<Folder> folders();

    /** Files that are not hidden, sorted by name. */
    List<Entry> files();

    /**
     * Why the folder may not be read as a student's at all: it is a link that leads outside the
     * folder above it. Empty when it may.
     */
    List<String> refusals();

    /** The same folder, as the boundary no link or entry in it may leave. */
    Folder asStudent();

    /** A file of a folder; reading it checks its size, its text and where it leads. */
    interface Entry {
        String name();

        String display();

        /** The text of at most {@code limit} bytes, or why not. */
        String read(long limit) throws Rejection;
    }

    static boolean hidden(String name) {
        return name.startsWith(".") || name.equals("__MACOSX");
    }
}
