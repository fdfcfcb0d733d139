package oss.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.grader.ClassResult;

/** --csv against the text written out by hand from RFC 4180. */
class ClassCsvTest {
    @Test
    void oneRowPerStudentUnderTheTestsNames() {
        String expected = "student,file,outcome,no deadlock,structure,hidden one,total\r\n"
                + "alice,alice/philosophers.oss,graded,4,2,1,7\r\n"
                + "bob,bob/philosophers.oss,graded,0,1.3333,0,1.3333\r\n"
                + "carol,carol/philosophers.oss,does not compile,0,0,0,0\r\n"
                + "dave,,rejected,0,0,0,0\r\n"
                // the file holds a quote: quoted, its quote doubled
                + "zed<img src=x onerror=alert(1)>,\"x\"\"><script>alert(2)</script>.oss\",graded,4,2,0,6\r\n";
        assertEquals(expected, ClassCsv.render(Classes.whole()));
    }

    @Test
    void commasLineBreaksAndFormulasAreQuotedOrDefused() {
        ClassResult c = Classes.whole();
        var renamed = new oss.grader.StudentResult("=HYPERLINK(\"x\"), \"Lee\"\nTwo", "a,b.oss",
                oss.grader.StudentResult.Outcome.GRADED, 7, 7, "", Classes.alice().tests(), 1);
        ClassResult one = new ClassResult(c.assignment(), c.source(), 7, List.of(renamed), c.summary());
        assertEquals("student,file,outcome,no deadlock,structure,hidden one,total\r\n"
                + "\"'=HYPERLINK(\"\"x\"\"), \"\"Lee\"\"\nTwo\",\"a,b.oss\",graded,4,2,1,7\r\n", ClassCsv.render(one));
    }
}
