package oss.grader.autograder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code oss grade --autograder-zip OUT.zip ASSIGNMENT} (docs/grading.md, "Gradescope"): the zip
 * Gradescope builds an autograder image from. At its root, as Gradescope's specification wants,
 * {@code setup.sh} (a Java runtime from apt) and {@code run_autograder} (grades
 * {@code /autograder/submission} into {@code /autograder/results/results.json}), then oss.jar
 * and the assignment with its starter. Gradescope then runs each submission in a container of its
 * own: the fleet is theirs. The same inputs give the same bytes.
 */
public final class GradescopeAutograder {
    static final String SETUP = "setup.sh";
    static final String RUN = "run_autograder";
    static final String JAR = "oss.jar";
    /** Names the package itself uses, which an assignment or starter cannot take. */
    static final Set<String> RESERVED = Set.of(SETUP, RUN, JAR, "oss.jsa");

    private GradescopeAutograder() {}

    /** What was written: the file, its entries in order, its size. */
    public record Written(Path file, List<String> entries, long bytes) {}

    /**
     * @param submission the assignment's {@code submission} file name, for the message a student
     *                   reads when they handed in something else
     */
    public static Written write(AssignmentFiles files, String submission, Path jar, Path out) throws Unpackable {
        for (AssignmentFiles.File f : files.files()) {
            if (RESERVED.contains(f.path())) {
                throw new Unpackable("the package needs the name " + f.path() + " for itself: rename that file");
            }
        }
        Scripts.Fallback messages = fallback(submission);
        String run = Scripts.render(RUN, files.assignment(), messages, Scripts.Format.GRADESCOPE);
        String setup = Scripts.renderSetup(SETUP, files, submission);
        byte[] jarBytes;
        try {
            jarBytes = Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new Unpackable(jar + ": cannot be read (" + e.getMessage() + ")");
        }
        List<String> entries = new ArrayList<>();
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".autograder-", ".zip.part");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                ZipWriter z = new ZipWriter(o);
                z.add(SETUP, setup.getBytes(StandardCharsets.UTF_8), ZipWriter.EXECUTABLE, true);
                entries.add(SETUP);
                z.add(RUN, run.getBytes(StandardCharsets.UTF_8), ZipWriter.EXECUTABLE, true);
                entries.add(RUN);
                z.add(JAR, jarBytes, ZipWriter.REGULAR, false);
                entries.add(JAR);
                for (AssignmentFiles.File f : files.files()) {
                    z.add(f.path(), f.content(), ZipWriter.REGULAR, true);
                    entries.add(f.path());
                }
                z.finish();
            }
            Packages.replace(tmp, out);
            tmp = null;
            return new Written(out, entries, Files.size(out));
        } catch (IOException e) {
            throw new Unpackable(out + ": cannot be written (" + e.getMessage() + ")");
        } finally {
            Packages.deleteQuietly(tmp);
        }
    }

    static Scripts.Fallback fallback(String submission) {
        return new Scripts.Fallback(
                "oss did not find exactly one submission in what you handed in, so nothing was graded: hand in"
                        + " your " + submission + " alone (folders of folders are read as several students).",
                "This autograder's assignment has an error, so nothing was graded; it is not your submission."
                        + " Your instructor sees the error in the autograder's output; submit again once it is"
                        + " fixed.",
                "oss stopped (exit code @STATUS@) before it wrote your results: this is not a verdict on your"
                        + " submission. Your instructor sees the details in the autograder's output and can"
                        + " regrade it.");
    }
}
