package oss.grader;

import java.util.List;

/**
 * A whole class graded: every student in order of name, and the summary over them.
 *
 * @param assignment the assignment's title
 * @param source     the assignment file as the grader was given it
 */
public record ClassResult(String assignment, String source, double maxScore, List<StudentResult> students,
                          ClassSummary summary) {
    public ClassResult {
        students = List.copyOf(students);
    }
}
