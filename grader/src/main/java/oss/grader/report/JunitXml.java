package oss.grader.report;

import java.io.IOException;
import java.nio.file.Path;
import oss.grader.ClassResult;
import oss.grader.StudentResult;
import oss.grader.TestResult;

/**
 * {@code oss grade --junit FILE}: the class as JUnit XML, the format every CI shows (GitHub
 * Actions' test reporters, GitLab's test report, Jenkins): one {@code testsuite} per student, one
 * {@code testcase} per test, a {@code failure} holding the feedback. A student's CI is
 * student-facing, so each test is as the student may see it now ({@link TestResult#forStudent()}).
 * A submission that was not graded (does not compile, rejected) fails every test with its message.
 */
public final class JunitXml {
    private JunitXml() {}

    public static void write(ClassResult result, Path file) throws IOException {
        Written.file(file, render(result));
    }

    public static String render(ClassResult result) {
        int tests = 0;
        int failures = 0;
        for (StudentResult s : result.students()) {
            tests += s.tests().size();
            failures += (int) s.tests().stream().filter(t -> !t.passed()).count();
        }
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuites name=\"").append(Xml.attribute(result.assignment())).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" errors=\"0\">\n");
        for (StudentResult s : result.students()) {
            suite(x, s);
        }
        x.append("</testsuites>\n");
        return x.toString();
    }

    private static void suite(StringBuilder x, StudentResult s) {
        long failed = s.tests().stream().filter(t -> !t.passed()).count();
        boolean graded = s.outcome() == StudentResult.Outcome.GRADED;
        x.append("  <testsuite name=\"").append(Xml.attribute(s.student())).append("\" tests=\"")
                .append(s.tests().size()).append("\" failures=\"").append(failed)
                .append("\" errors=\"0\" skipped=\"0\" time=\"").append(Numbers.format(s.executionMillis() / 1000.0, 3))
                .append("\">\n");
        x.append("    <properties>\n");
        property(x, "file", s.file());
        property(x, "outcome", s.outcome().name().toLowerCase(java.util.Locale.ROOT));
        property(x, "score", Numbers.format(s.score(), 4));
        property(x, "max_score", Numbers.format(s.maxScore(), 4));
        x.append("    </properties>\n");
        for (TestResult t : s.tests()) {
            TestResult seen = t.forStudent();
            x.append("    <testcase classname=\"").append(Xml.attribute(s.student())).append("\" name=\"")
                    .append(Xml.attribute(t.number() + ". " + t.name())).append("\" time=\"0\"");
            if (t.passed()) {
                x.append("/>\n");
                continue;
            }
            String text = graded ? seen.output() : s.message();
            String first = text.lines().findFirst().orElse("failed");
            x.append(">\n      <failure message=\"").append(Xml.attribute(Numbers.points(t.score()) + "/"
                    + Numbers.points(t.maxScore()) + " points: " + first)).append("\" type=\"")
                    .append(graded ? "failed" : s.outcome().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
                    .append(Xml.text(text)).append("</failure>\n    </testcase>\n");
        }
        if (!s.message().isEmpty()) {
            x.append("    <system-out>").append(Xml.text(s.message())).append("</system-out>\n");
        }
        x.append("  </testsuite>\n");
    }

    private static void property(StringBuilder x, String name, String value) {
        x.append("      <property name=\"").append(name).append("\" value=\"").append(Xml.attribute(value))
                .append("\"/>\n");
    }
}
