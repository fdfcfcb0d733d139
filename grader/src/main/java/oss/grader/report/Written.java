package oss.grader.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import oss.grader.ClassResult;
import oss.grader.StudentResult;

/** Writing an output's text to a file, and the per-student layout of the graders' results. */
final class Written {
    private Written() {}

    /** Writes {@code text} as UTF-8, making the parent directories. */
    static void file(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /**
     * One student: {@code single}. Several: {@code dir/STUDENT/results.json} each, with the
     * names of {@link StudentDirs}. Returns the files written, in the class's order.
     */
    static List<Path> perStudent(ClassResult result, Path single, Path dir, Function<StudentResult, String> text)
            throws IOException {
        List<StudentResult> students = result.students();
        if (students.size() == 1) {
            file(single, text.apply(students.get(0)));
            return List.of(single);
        }
        List<String> names = StudentDirs.of(students);
        Path[] out = new Path[students.size()];
        for (int i = 0; i < students.size(); i++) {
            out[i] = dir.resolve(names.get(i)).resolve("results.json");
            file(out[i], text.apply(students.get(i)));
        }
        return List.of(out);
    }
}
