package oss.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import oss.compiler.assign.Visibility;
import oss.grader.ClassResult;
import oss.grader.ClassSummary;
import oss.grader.StudentResult;
import oss.grader.TestResult;
import org.junit.jupiter.api.Test;

/** The table and the feedback sections, laid out by hand for a class of three. */
class GradeTableTest {
    static TestResult test(int n, double score, double max, Visibility v, String output) {
        return new TestResult(n, "t" + n, score, max, v, score == max, output, score == max ? 1 : 0, 1, List.of());
    }

    static final ClassResult CLASS = new ClassResult("Locks", "a.oss", 5, List.of(
            new StudentResult("ann", "c/ann/l.oss", StudentResult.Outcome.GRADED, 5, 5, "", List.of(
                    test(1, 3, 3, Visibility.VISIBLE, "held"), test(2, 2, 2, Visibility.HIDDEN, "held too")), 10),
            new StudentResult("bob", "c/bob/l.oss", StudentResult.Outcome.GRADED, 1.5, 5, "", List.of(
                    test(1, 0, 3, Visibility.VISIBLE, "l.oss:4:3: a cycle\nTake the locks in one order."),
                    test(2, 1.5, 2, Visibility.HIDDEN, "l.oss:2:1: secret")), 10),
            new StudentResult("cy", "c/cy", StudentResult.Outcome.REJECTED, 0, 5,
                    "c/cy: error[OSS4001]: not a text file", List.of(test(1, 0, 3, Visibility.VISIBLE, "not judged"),
                    test(2, 0, 2, Visibility.HIDDEN, "not judged")), 1)),
            new ClassSummary(3, 6.5 / 3, 1.5, 0, 5, List.of(1, 0, 0, 1, 0, 0, 0, 0, 0, 1), List.of(
                    new ClassSummary.TestRate(1, "t1", 3, 1, 3), new ClassSummary.TestRate(2, "t2", 2, 1, 3))));

    @Test
    void theTableAndTheSummary() {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        new GradeTable(Style.plain()).print(out, CLASS, false);
        out.flush();
        assertEquals("""
                Locks (a.oss, 5 points)
                student  score  1  2    reason
                ann      5/5    ✓  ✓
                bob      1.5/5  ✗  1.5  test 1: l.oss:4:3: a cycle
                cy       0/5    -  -    rejected: not a text file

                  1 = t1 (3)
                  2 = t2 (2)

                3 students: mean 2.17, median 1.5, min 0, max 5 of 5
                  0-10 %    ██████████████████████████████ 1
                  10-20 %
                  20-30 %
                  30-40 %   ██████████████████████████████ 1
                  40-50 %
                  50-60 %
                  60-70 %
                  70-80 %
                  80-90 %
                  90-100 %  ██████████████████████████████ 1
                pass rates:
                  1 t1  1/3 (33 %)
                  2 t2  1/3 (33 %)
                """, s.toString());
    }

    @Test
    void theStudentViewHidesAHiddenTestsDetails() {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        new GradeTable(Style.plain()).feedback(out, new ClassResult("Locks", "a.oss", 5,
                List.of(CLASS.students().get(1)), CLASS.summary()), true);
        out.flush();
        assertEquals("""

                == bob: 1.5/5 (c/bob/l.oss)
                  ✗ 1 t1 (0/3)
                      l.oss:4:3: a cycle
                      Take the locks in one order.
                  ✗ 2 t2 (1.5/2)
                      failed (a hidden test: its details are not shown)
                """, s.toString());
        StringWriter all = new StringWriter();
        PrintWriter o2 = new PrintWriter(all);
        new GradeTable(Style.plain()).feedback(o2, new ClassResult("Locks", "a.oss", 5,
                List.of(CLASS.students().get(2)), CLASS.summary()), false);
        o2.flush();
        assertEquals("""

                == cy: 0/5 (c/cy)
                  c/cy: error[OSS4001]: not a text file
                  ✗ 1 t1 (0/3)
                      not judged
                  ✗ 2 t2 (0/2)
                      not judged
                """, all.toString());
    }

    @Test
    void aPartialTestsReasonIsItsFirstFailureNotItsCount() {
        StudentResult fay = new StudentResult("fay", "f.oss", StudentResult.Outcome.GRADED, 4, 5, "", List.of(
                test(1, 3, 3, Visibility.VISIBLE, "held"),
                test(2, 1, 2, Visibility.VISIBLE, "1 of 2 checks held\nf.oss:5:3: you have 4 processes")), 1);
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        new GradeTable(Style.plain()).print(out, new ClassResult("Locks", "a.oss", 5, List.of(fay),
                CLASS.summary()), false);
        out.flush();
        assertEquals("fay      4/5    ✓  1  test 2: f.oss:5:3: you have 4 processes", s.toString().lines().toList().get(2));
    }

    @Test
    void theStudentViewsReasonColumnHidesAHiddenTestsDetails() {
        StudentResult ida = new StudentResult("ida", "i.oss", StudentResult.Outcome.GRADED, 3, 5, "", List.of(
                test(1, 3, 3, Visibility.VISIBLE, "held"),
                test(2, 0, 2, Visibility.HIDDEN, "i.oss:3:3: you have 2 semaphores")), 1);
        ClassResult one = new ClassResult("Locks", "a.oss", 5, List.of(ida), CLASS.summary());
        StringWriter student = new StringWriter();
        new GradeTable(Style.plain()).print(new PrintWriter(student, true), one, true);
        String row = student.toString().lines().toList().get(2);
        assertEquals("ida      3/5    ✓  ✗  test 2: failed (a hidden test: its details are not shown)", row);
        StringWriter instructor = new StringWriter();
        new GradeTable(Style.plain()).print(new PrintWriter(instructor, true), one, false);
        assertTrue(instructor.toString().contains("test 2: i.oss:3:3: you have 2 semaphores"), instructor.toString());
    }

    @Test
    void numbers() {
        assertEquals("4", GradeTable.number(4));
        assertEquals("4.5", GradeTable.number(4.5));
        assertEquals("2.67", GradeTable.number(8.0 / 3));
        assertEquals("0", GradeTable.number(-0.0));
        assertEquals("0.1", GradeTable.number(0.1 + 0.2 - 0.2));
    }
}
