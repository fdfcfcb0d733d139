package oss.grader.similarity;

/**
 * One submission to compare.
 *
 * @param student who handed it in (pairs and the report name them so)
 * @param file    where it is, as the instructor would find it ({@code class/ada/philosophers.oss}):
 *                the matching regions are shown under this name
 * @param text    its text
 */
public record Source(String student, String file, String text) {
    public Source {
        student = student == null ? "" : student;
        file = file == null || file.isEmpty() ? student : file;
        text = text == null ? "" : text;
    }
}
