package oss.cli;

import java.io.IOException;
import java.io.PrintWriter;
import oss.grader.ClassResult;

/**
 * One of {@code oss grade}'s outputs ({@code --gradescope}, {@code --json}, ...), written from the
 * results after grading: it adds no fact of its own.
 */
interface GradeOutput {
    /** Whether it is printed on stdout instead of the table ({@code --json} or {@code --csv} without FILE). */
    default boolean replacesTable() {
        return false;
    }

    /** Writes the output; {@code out} is stdout, for those that replace the table. */
    void write(ClassResult result, PrintWriter out) throws IOException;
}
