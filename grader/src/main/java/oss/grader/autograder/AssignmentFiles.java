package oss.grader.autograder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files a package carries so that {@code oss grade} finds them as the instructor's machine
 * did: the assignment and its starter, at the same places relative to each other. A starter named
 * {@code ../starters/s.oss} keeps the assignment's own directory in the package
 * ({@code a1/assignment.oss}, {@code starters/s.oss}), so that the path in the assignment still
 * leads to it.
 *
 * @param assignment the assignment's path inside the package, with {@code /}
 * @param files      every file, the assignment first, then the starter
 */
public record AssignmentFiles(String assignment, List<File> files) {
    public AssignmentFiles {
        files = List.copyOf(files);
    }

    /** The starter's path inside the package, when there is one. */
    public Optional<String> starter() {
        return files.size() > 1 ? Optional.of(files.get(1).path()) : Optional.empty();
    }

    /** One file of the package: its path inside it, with {@code /}, and its bytes. */
    public record File(String path, byte[] content) {}

    /**
     * @param path        the assignment file as it was read
     * @param text        its text, as checked
     * @param starterName the starter as the assignment names it, relative to the assignment
     * @param starterText the starter's text, as checked
     */
    public static AssignmentFiles of(Path path, String text, Optional<String> starterName,
                                     Optional<String> starterText) throws Unpackable {
        String name = path.getFileName() == null ? "assignment.oss" : path.getFileName().toString();
        if (starterName.isEmpty() || starterText.isEmpty()) {
            return new AssignmentFiles(name, List.of(new File(name, utf8(text))));
        }
        Path starter = Path.of(starterName.get()).normalize();
        if (starter.isAbsolute()) {
            throw new Unpackable("the starter is named by an absolute path (" + starterName.get() + "): name it"
                    + " relative to the assignment, so that it can travel with it");
        }
        int up = 0;
        while (up < starter.getNameCount() && starter.getName(up).toString().equals("..")) {
            up++;
        }
        if (up == starter.getNameCount()) {
            throw new Unpackable("the starter " + starterName.get() + " is not a file");
        }
        Path dir = path.toAbsolutePath().normalize().getParent();
        if (dir == null || dir.getNameCount() < up) {
            throw new Unpackable("the starter " + starterName.get() + " is outside every directory of "
                    + path.toAbsolutePath().normalize());
        }
        List<String> kept = new ArrayList<>();
        for (int i = dir.getNameCount() - up; i < dir.getNameCount(); i++) {
            kept.add(dir.getName(i).toString());
        }
        kept.add(name);
        String assignment = String.join("/", kept);
        String starterPath = slashes(starter.subpath(up, starter.getNameCount()));
        if (starterPath.equals(assignment)) {
            throw new Unpackable("the starter " + starterName.get() + " is the assignment itself");
        }
        return new AssignmentFiles(assignment, List.of(new File(assignment, utf8(text)),
                new File(starterPath, utf8(starterText.get()))));
    }

    private static String slashes(Path p) {
        List<String> names = new ArrayList<>();
        for (Path n : p) {
            names.add(n.toString());
        }
        return String.join("/", names);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
