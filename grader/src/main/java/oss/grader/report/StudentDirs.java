package oss.grader.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import oss.grader.StudentResult;

/**
 * One directory name per student for the outputs written per student ({@code DIR/STUDENT/results.json}).
 * A name comes from a directory or a Gradescope export's metadata, so it can hold anything:
 * everything but letters, digits and {@code . _ - ,} and space becomes {@code _}, a leading dot
 * is dropped (no {@code ..}, no hidden directory), and Windows' device names get a {@code _}.
 * Two students whose names end up the same (also when differing only in case, since macOS and
 * Windows file systems fold case) get {@code -2}, {@code -3}, ... in the order of the class, which
 * is sorted, so the same class always gets the same names.
 */
public final class StudentDirs {
    /** File systems allow 255 bytes; a name of at most this many characters stays under it in UTF-8. */
    static final int MAX_LENGTH = 60;
    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}._\\-, ]");
    private static final Pattern DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

    private StudentDirs() {}

    /** The directory name of each student, in the class's order. */
    public static List<String> of(List<StudentResult> students) {
        List<String> out = new ArrayList<>(students.size());
        Set<String> taken = new HashSet<>();
        for (StudentResult s : students) {
            String base = safe(s.student());
            String name = base;
            for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
                name = base + "-" + n;
            }
            out.add(name);
        }
        return out;
    }

    /** One name made safe as a single path element. */
    static String safe(String student) {
        String s = UNSAFE.matcher(student == null ? "" : student).replaceAll("_").strip();
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        if (s.length() > MAX_LENGTH) {
            int cut = Character.isHighSurrogate(s.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            s = s.substring(0, cut).strip();
        }
        // Windows drops a trailing dot or space, which would merge two names
        while (s.endsWith(".") || s.endsWith(" ")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            return "student";
        }
        return DEVICE.matcher(s).matches() ? s + "_" : s;
    }
}
