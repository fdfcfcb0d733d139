package oss.analysis.grading;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The compiler's sentence about a test's line, turned to the student: "your scenario has no process `P1`". */
final class StudentWords {
    private StudentWords() {}

    private static final Pattern UNKNOWN = Pattern.compile("^unknown ([a-z_ ]+?) `([^`]+)`(.*)$", Pattern.DOTALL);

    static String of(String compilerMessage) {
        Matcher m = UNKNOWN.matcher(compilerMessage);
        if (m.matches()) {
            // "(machine counters are under tlb, ...)" speaks to whoever wrote the line: the assignment's author
            String rest = m.group(3).replaceFirst("\\s*\\(machine counters are under [^)]*\\)", "")
                    .replaceFirst("; a process's own variable is written `[^`]*`", "");
            return "your scenario has no " + m.group(1) + " `" + m.group(2) + "`" + rest;
        }
        return compilerMessage;
    }
}
