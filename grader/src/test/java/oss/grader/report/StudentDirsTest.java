package oss.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import oss.grader.StudentResult;

class StudentDirsTest {
    static List<StudentResult> named(String... names) {
        return Stream.of(names).map(n -> new StudentResult(n, "", StudentResult.Outcome.REJECTED, 0, 1, "", List.of(),
                0)).toList();
    }

    @Test
    void namesBecomeOnePathElementEach() {
        assertEquals(List.of("Ada Lovelace, Alan Turing", "_.._etc_passwd", "student", "student-2", "CON_", "x",
                        "ä_b", "__"),
                StudentDirs.of(named("Ada Lovelace, Alan Turing", "../../etc/passwd", "..", "", "CON", " x. ",
                        "ä\u0000b", "\\/")));
    }

    @Test
    void collisionsGetNumbersInTheClasssOrderCaseIgnored() {
        assertEquals(List.of("a_b", "a_b-2", "A_B-3", "a_b-2-2"), StudentDirs.of(named("a/b", "a\\b", "A:B", "a_b-2")));
    }

    @Test
    void aLongNameIsCut() {
        String n = StudentDirs.of(named("x".repeat(500))).get(0);
        assertEquals(StudentDirs.MAX_LENGTH, n.length());
    }
}
