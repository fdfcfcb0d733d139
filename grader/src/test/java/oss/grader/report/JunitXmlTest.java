package oss.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML parses (a strict XML parser is what a CI runs), and says what each test did. */
class JunitXmlTest {
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oneSuitePerStudentOneCasePerTestFailuresWithTheirFeedback() throws Exception {
        String xml = JunitXml.render(Classes.whole());
        Document d = parse(xml);
        Element root = d.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        // 5 students × 3 tests; failed: bob 3, carol 3, dave 3, zed 1 = 10
        assertEquals("15", root.getAttribute("tests"));
        assertEquals("10", root.getAttribute("failures"));
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(5, suites.getLength());
        String[] names = {"alice", "bob", "carol", "dave", Classes.HOSTILE};
        String[] failures = {"0", "3", "3", "3", "1"};
        for (int i = 0; i < 5; i++) {
            Element s = (Element) suites.item(i);
            assertEquals(names[i], s.getAttribute("name"), "the name comes back exactly, markup and all");
            assertEquals("3", s.getAttribute("tests"));
            assertEquals(failures[i], s.getAttribute("failures"));
            assertEquals(3, s.getElementsByTagName("testcase").getLength());
        }
        Element bob = (Element) suites.item(1);
        Element bobFirst = (Element) bob.getElementsByTagName("testcase").item(0);
        assertEquals("1. no deadlock", bobFirst.getAttribute("name"));
        Element failure = (Element) bobFirst.getElementsByTagName("failure").item(0);
        assertEquals(Classes.BOB_DEADLOCK, failure.getTextContent());
        assertEquals("0/4 points: philosophers.oss:12:5: every philosopher holds its left fork and waits for its"
                + " right one", failure.getAttribute("message"));
        Element alice = (Element) suites.item(0);
        assertEquals(0, alice.getElementsByTagName("failure").getLength());
    }

    @Test
    void aSubmissionNotGradedFailsEachTestWithItsMessage() throws Exception {
        Element carol = (Element) parse(JunitXml.render(Classes.whole())).getElementsByTagName("testsuite").item(2);
        NodeList f = carol.getElementsByTagName("failure");
        assertEquals(3, f.getLength());
        for (int i = 0; i < 3; i++) {
            assertEquals(Classes.CAROL_ERRORS, f.item(i).getTextContent());
            assertEquals("does_not_compile", ((Element) f.item(i)).getAttribute("type"));
        }
    }

    @Test
    void hiddenDetailsStayOutAndControlCharactersAreRemoved() throws Exception {
        String xml = JunitXml.render(Classes.whole());
        assertFalse(xml.contains(Classes.SECRET), "a student's CI is student-facing");
        assertFalse(xml.contains("alert(3)"));
        for (char c : xml.toCharArray()) {
            assertTrue(c >= 0x20 || c == '\n' || c == '\t', "no control character: " + (int) c);
        }
        Element zed = (Element) parse(xml).getElementsByTagName("testsuite").item(4);
        Element third = (Element) zed.getElementsByTagName("testcase").item(2);
        assertEquals("failed (a hidden test: its details are not shown)",
                third.getElementsByTagName("failure").item(0).getTextContent());
    }

    @Test
    void xmlEscapingKeepsEveryLegalCharacterAndDropsTheRest() throws Exception {
        String nasty = "a<b>&\"c'\u0000\u0008\u000b\u000c\u001f\ud800x\ufffe\uffff😀\r\nz";
        // legal: a < b > & " c ' x 😀 and the line break (\r\n read back as \n)
        String expected = "a<b>&\"c'x😀\nz";
        Document d = parse("<r a=\"" + Xml.attribute(nasty) + "\">" + Xml.text(nasty) + "</r>");
        assertEquals(expected, d.getDocumentElement().getTextContent());
        assertEquals("a<b>&\"c'x😀\r\nz", d.getDocumentElement().getAttribute("a"), "an attribute keeps the CR");
    }
}
